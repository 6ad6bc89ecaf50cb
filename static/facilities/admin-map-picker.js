// Map picker for facility pages in the Wagtail admin: "Find from address" geocodes the address
// field with /api/v1/geocode, then the marker can be dragged; latitude/longitude follow it.
// Coordinates already entered are moved to the geocoded point only after the editor confirms.
(function () {
  "use strict";
  var script = document.currentScript;

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }

  function loadLeaflet(done) {
    if (window.L) return done();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.dataset.leafletCss;
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = script.dataset.leafletJs;
    js.onload = done;
    document.head.appendChild(js);
  }

  ready(function () {
    var lat = document.getElementById("id_latitude");
    var lng = document.getElementById("id_longitude");
    var address = document.getElementById("id_address");
    if (!lat || !lng) return;
    var anchor = lng.closest("[data-field-wrapper], .w-field__wrapper") || lng.parentNode;
    var box = document.createElement("div");
    box.className = "facility-map-picker";
    box.innerHTML =
      '<p><button type="button" class="button button-small button-secondary" data-find>住所から位置を探す (Find from address)</button> ' +
      '<span role="status" aria-live="polite" data-status></span></p>' +
      '<div data-map style="height: 320px; border: 1px solid #ccc; margin-top: .5rem" ' +
      'aria-label="位置を選ぶ地図: マーカーをドラッグして調整できます (drag the marker to adjust)"></div>';
    anchor.parentNode.insertBefore(box, anchor.nextSibling);
    var status = box.querySelector("[data-status]");

    loadLeaflet(function () {
      var tiles = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
      var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : [35.68, 139.76];
      var map = L.map(box.querySelector("[data-map]")).setView(start, lat.value ? 16 : 5);
      L.tileLayer(tiles, { attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">国土地理院</a>', maxZoom: 18 }).addTo(map);
      var marker = L.marker(start, { draggable: true, title: "位置", keyboard: true }).addTo(map);

      function setFields(point) {
        lat.value = point.lat.toFixed(7);
        lng.value = point.lng.toFixed(7);
        lat.dispatchEvent(new Event("change", { bubbles: true }));
        lng.dispatchEvent(new Event("change", { bubbles: true }));
      }
      marker.on("dragend", function () { setFields(marker.getLatLng()); });
      map.on("click", function (event) { marker.setLatLng(event.latlng); setFields(event.latlng); });
      [lat, lng].forEach(function (input) {
        input.addEventListener("input", function () {
          var point = [parseFloat(lat.value), parseFloat(lng.value)];
          if (!isNaN(point[0]) && !isNaN(point[1])) { marker.setLatLng(point); map.panTo(point); }
        });
      });

      box.querySelector("[data-find]").addEventListener("click", function () {
        if (!address || !address.value.trim()) { status.textContent = "住所を入力してください。"; return; }
        status.textContent = "検索中…";
        fetch(script.dataset.geocodeUrl + "?q=" + encodeURIComponent(address.value.trim()), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (found) {
            if (!found || found.lat === undefined) { status.textContent = "見つかりませんでした。地図上で位置を選んでください。"; return; }
            var point = L.latLng(found.lat, found.lng);
            // The gazetteer gives a town's representative point: coordinates already entered (often
            // surveyed, precise) are only replaced when the editor says so.
            var current = L.latLng(parseFloat(lat.value), parseFloat(lng.value));
            if (lat.value && lng.value && !isNaN(current.lat) && !isNaN(current.lng)) {
              var metres = Math.round(map.distance(current, point));
              if (metres >= 1 && !window.confirm(
                "いまの位置（" + lat.value + ", " + lng.value + "）を、" + found.matched +
                "の代表点（約" + metres + " m 離れた地点）に移しますか？\n" +
                "いまの座標が正確な位置なら「キャンセル」を押してください。"
              )) {
                status.textContent = "位置は変えていません（" + found.matched + "の代表点は約" + metres + " m 離れています）。";
                return;
              }
            }
            marker.setLatLng(point);
            map.setView(point, found.level === "town" ? 16 : 13);
            setFields(point);
            status.textContent = found.matched + "（" + (found.level === "town" ? "町丁目" : "市区町村") + "の代表点）: マーカーをドラッグして調整してください。";
          })
          .catch(function () { status.textContent = "見つかりませんでした。"; });
      });
    });
  });
})();
