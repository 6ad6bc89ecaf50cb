// Nursery page: "use my position" fills the hidden lat/lng fields (the map is geo/map.html);
// the error summary takes the focus.
(function () {
  "use strict";
  var button = document.getElementById("nursery-locate");
  var form = button && button.form;
  if (button && form && "geolocation" in navigator) {
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(6);
          form.elements.lng.value = position.coords.longitude.toFixed(6);
          form.elements.address.value = "";
          form.submit();
        },
        function () { button.disabled = false; },
        { timeout: 10000 }
      );
    });
  }
})();

// After a search with a filter that could not be used, start at the summary of what to fix.
(function () {
  "use strict";
  var summary = document.getElementById("nursery-errors");
  if (summary) summary.focus();
})();
