// Map component (geo/templates/geo/map.html): draws the points listed on the page with Leaflet.
// Progressive enhancement: the map stays hidden when Leaflet or JavaScript is missing.
(function () {
  "use strict";

  function readJson(id) {
    var node = id && document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // Leaflet finds its marker images by reading leaflet.css's url(images/marker-icon.png); under
  // hashed static names (marker-icon.3f1e….png) that guess fails and it asks the page's own
  // folder. The template gives the real URLs instead.
  function useStaticIcons(element) {
    if (!element.dataset.icon) return;
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: element.dataset.icon,
      iconRetinaUrl: element.dataset.icon2x,
      shadowUrl: element.dataset.iconShadow
    });
  }

  function draw(element) {
    if (!window.L || element.dataset.ready) return;
    element.dataset.ready = "1";
    useStaticIcons(element);
    var features = readJson(element.dataset.features) || [];
    var origin = readJson(element.dataset.origin);
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
    var bounds = features.map(function (feature) { return [feature.lat, feature.lng]; });
    if (origin) bounds.push([origin.lat, origin.lng]);
    var zoom = parseInt(element.dataset.zoom || "15", 10);
    // The view must be set before markers are added: Leaflet creates their elements then.
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: zoom });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], zoom);
    } else {
      map.setView([35.68, 139.76], 5);
    }
    features.forEach(function (feature, index) {
      var marker = L.marker([feature.lat, feature.lng], {
        title: feature.name,
        alt: feature.name,
        riseOnHover: true,
        zIndexOffset: index === 0 ? 1000 : 0
      }).addTo(map);
      marker.getElement().classList.add("map__marker");
      marker.getElement().setAttribute("data-name", feature.name);
      var popup = document.createElement("div");
      var link = document.createElement(feature.url ? "a" : "strong");
      if (feature.url) link.href = feature.url;
      link.textContent = feature.name;
      popup.appendChild(link);
      [feature.category, feature.distance].forEach(function (text) {
        if (!text) return;
        var line = document.createElement("div");
        line.textContent = text;
        popup.appendChild(line);
      });
      marker.bindPopup(popup);
    });
    if (origin) {
      L.circleMarker([origin.lat, origin.lng], { radius: 9, weight: 3, color: "#0017c1", fillOpacity: 0.3, className: "map__origin" })
        .bindTooltip(element.dataset.originLabel || "")
        .addTo(map);
    }
  }

  function start() { document.querySelectorAll(".js-map").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  window.addEventListener("load", start);

  // 現在地: fill the search form with the browser's position (only shown when geolocation exists).
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    if (!navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.form;
      var status = document.getElementById(button.dataset.locate);
      if (status) status.textContent = button.dataset.waiting || "";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(6);
        form.elements.lng.value = position.coords.longitude.toFixed(6);
        if (form.elements.address) form.elements.address.value = "";
        form.submit();
      }, function () {
        if (status) status.textContent = button.dataset.failed || "";
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
  });
})();
