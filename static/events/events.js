// Events filters: "use my position" fills the hidden lat/lng (progressive enhancement:
// without JavaScript residents type an address instead).
(function () {
  "use strict";
  document.querySelectorAll("form.event-filters").forEach(function (form) {
    var button = form.querySelector("[data-use-position]");
    var status = form.querySelector("[data-position-status]");
    if (!button || !("geolocation" in navigator)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.waiting || "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(6);
        form.querySelector("[name=address]").value = "";
        var radius = form.querySelector("[name=radius]");
        if (radius && !radius.value) radius.value = "3";
        form.submit();
      }, function (error) {
        status.textContent = error.message;
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
    });
  });
})();
