// Tells the site which search result a resident opened (search/views.py `click`): the query, the
// result's address and its kind, nothing else. Sent without cookies; a failure changes nothing.
(function () {
  "use strict";
  function report(event) {
    var link = event.target.closest && event.target.closest("a[data-result-kind]");
    var list = link && link.closest("[data-click-url]");
    if (!list || !window.fetch || !window.FormData) return;
    var data = new FormData();
    data.append("q", list.getAttribute("data-query"));
    data.append("url", link.getAttribute("href"));
    data.append("kind", link.getAttribute("data-result-kind"));
    try {
      fetch(list.getAttribute("data-click-url"), {
        method: "POST", body: data, credentials: "omit", keepalive: true,
      }).catch(function () {});
    } catch (error) { /* the link still opens */ }
  }
  document.addEventListener("click", report);
  document.addEventListener("auxclick", report);
})();
