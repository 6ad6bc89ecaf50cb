// Nursery page: "use my position" fills the hidden lat/lng fields; the map shows the listed nurseries.
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
  var data = document.getElementById("nursery-markers");
  var box = document.getElementById("nursery-map");
  if (!data || !box || !window.L) { return; }
  var markers = JSON.parse(data.textContent);
  var map = window.L.map(box, { scrollWheelZoom: false });
  var tiles = box.dataset.tiles || "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png";
  window.L.tileLayer(tiles, { maxZoom: 18, attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">国土地理院</a>' }).addTo(map);
  var group = window.L.featureGroup();
  markers.forEach(function (m) {
    var marker = window.L.circleMarker([m.lat, m.lng], { radius: 7, weight: 2, color: m.open ? "#197a4b" : "#666", fillOpacity: 0.7 });
    var link = document.createElement("a");
    link.href = m.url; link.textContent = m.name;
    marker.bindPopup(link);
    group.addLayer(marker);
  });
  group.addTo(map);
  if (markers.length) { map.fitBounds(group.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
})();
