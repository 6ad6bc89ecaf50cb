// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var storage;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  // Alert banners: a resident can dismiss one; it stays hidden in this browser until edited.
  document.querySelectorAll("[data-alert-key]").forEach(function (banner) {
    var key = banner.getAttribute("data-alert-key");
    if (storage && storage.getItem(key) === "dismissed") {
      banner.hidden = true;
      return;
    }
    var button = banner.querySelector(".alert-banner__dismiss");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (storage) storage.setItem(key, "dismissed");
      banner.hidden = true;
      var main = document.getElementById("main");
      if (main) main.focus();
    });
  });

  // The language switcher remembers the choice, so "/" sends the resident to it next time.
  document.querySelectorAll("[data-language-link]").forEach(function (link) {
    link.addEventListener("click", function () {
      document.cookie = "django_language=" + link.getAttribute("data-language-link") + ";path=/;max-age=31536000;samesite=lax";
    });
  });

  // Print buttons (data-print): an event listener, as the Content-Security-Policy allows no inline handler.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
