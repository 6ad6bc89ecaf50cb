// After a near-me or keyword search the page opens at its results: on a phone the form fills the
// first screen, and a resident would otherwise see nothing change. Without JavaScript the form's
// #results-heading fragment still scrolls there.
(function () {
  "use strict";
  function start() {
    var heading = document.querySelector("[data-focus-on-load]");
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
