/* "Nearest first": fills the hidden lat/lng of the search page's form from the browser's
   position (asked only when the resident presses the button). Without JavaScript the form stays hidden. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-near]");
  if (!form || !navigator.geolocation) { return; }
  form.hidden = false;
  var status = form.querySelector(".search-near__status");
  form.addEventListener("submit", function (event) {
    if (form.elements.lat.value && form.elements.lng.value) { return; }
    event.preventDefault();
    status.textContent = "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(6);
      form.elements.lng.value = position.coords.longitude.toFixed(6);
      form.submit();
    }, function () {
      status.textContent = form.getAttribute("data-error") || "";
    }, { timeout: 10000, maximumAge: 600000 });
  });
})();
