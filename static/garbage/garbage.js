// Garbage page: remember the chosen area on this device (localStorage, and a cookie the home
// page notice reads), come back to it next time, and find the area from the browser position.
(function () {
  "use strict";
  var KEY = "garbage-area";
  var storage;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  function setCookie(code) {
    document.cookie = "garbage_area=" + encodeURIComponent(code) + ";path=/;max-age=31536000;samesite=lax";
  }
  function hasCookie() { return /(?:^|; )garbage_area=/.test(document.cookie); }

  var picker = document.querySelector("[data-garbage-picker]");
  if (picker) {
    var chosen = picker.getAttribute("data-garbage-area");
    var params = new URLSearchParams(window.location.search);
    if (chosen) {
      if (storage) storage.setItem(KEY, chosen);
      setCookie(chosen);
    } else if (storage && storage.getItem(KEY) && !params.has("where") && !params.has("q") && !params.has("lat")) {
      window.location.replace(picker.getAttribute("data-page-url") + "?area=" + encodeURIComponent(storage.getItem(KEY)));
      return;
    }
    var locate = picker.querySelector("[data-garbage-locate]");
    var locateError = picker.querySelector("[data-garbage-locate-error]");
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        if (locateError) locateError.hidden = true;
        navigator.geolocation.getCurrentPosition(function (position) {
          window.location.href = picker.getAttribute("data-page-url") + "?lat=" + position.coords.latitude.toFixed(5) +
            "&lng=" + position.coords.longitude.toFixed(5);
        }, function () {
          if (locateError) { locateError.hidden = false; }
        }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
      });
    }
    // After a search (address or position) the answer is where the resident looks: on a phone
    // it is below the form, so move focus to it and bring it into view.
    if (params.has("where") || params.has("lat")) {
      // The block that says which town was read comes into view with the answer below it.
      var result = document.querySelector("[data-garbage-focus]");
      var context = document.querySelector("[data-garbage-result]") || result;
      if (result) {
        result.focus({ preventScroll: true });
        context.scrollIntoView({ block: "start" });
        var box = result.getBoundingClientRect();
        if (box.bottom > window.innerHeight) result.scrollIntoView({ block: "start" });
      }
    }
  }

  // Home page: a browser that remembers its area but lost the cookie gets it back, once.
  var home = document.querySelector("[data-garbage-home]");
  if (home && storage && storage.getItem(KEY) && !hasCookie()) {
    setCookie(storage.getItem(KEY));
    try {
      if (!window.sessionStorage.getItem("garbage-reloaded")) {
        window.sessionStorage.setItem("garbage-reloaded", "1");
        window.location.reload();
      }
    } catch (e) { /* private mode: the notice shows on the next visit */ }
  }
})();
