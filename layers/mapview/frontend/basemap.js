/* The offline basemap's two layers (see layers/basemap.py): OpenStreetMap tiles served by this app, and
 * Natural Earth 1:10m coasts and borders drawn above them once the zoom needs them.
 *
 * The tiles stay in Leaflet's tilePane (z-index 200) and the lines in the basemap pane (250): every data
 * pane is above both. Deeper than zoom 6, Leaflet scales the zoom-6 tiles (maxNativeZoom) and the lines
 * keep the coast sharp. The lines file is fetched on first need only, from this machine.
 */
(function () {
  "use strict";

  var Lines = L.Layer.extend({  // the 10m lines, shown from options.minZoom on
    initialize: function (options) {
      this._o = options;
      this._group = L.layerGroup();
      this._requested = false;
    },
    onAdd: function (map) {
      map.on("zoomend", this._update, this);
      this._update();
    },
    onRemove: function (map) {
      map.off("zoomend", this._update, this);
      map.removeLayer(this._group);
    },
    getAttribution: function () { return this._o.attribution; },
    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var wanted = map.getZoom() >= this._o.minZoom;
      if (wanted && !this._requested) { this._load(); }
      if (wanted && !map.hasLayer(this._group)) { map.addLayer(this._group); }
      if (!wanted && map.hasLayer(this._group)) { map.removeLayer(this._group); }
    },
    _load: function () {
      var self = this, o = this._o;
      this._requested = true;
      var renderer = L.canvas({pane: o.pane, padding: 0.5});
      fetch(o.url).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status + " for " + o.url); }
        return r.json();
      }).then(function (geojson) {
        L.geoJSON(geojson, {
          pane: o.pane, renderer: renderer, interactive: false, smoothFactor: 1,
          style: function (f) {
            return f.properties.kind === "border"
              ? {color: "#7b5d8f", weight: 1.6, opacity: 0.9, dashArray: "6 3"}
              : {color: "#3d6d8a", weight: 1.2, opacity: 0.95};
          }
        }).addTo(self._group);
        if (self._map) { self._map.getContainer().setAttribute("data-basemap-lines", "drawn"); }
      }).catch(function (err) {
        self._requested = false;  // try again at the next zoom
        if (self._map) { self._map.getContainer().setAttribute("data-basemap-lines", "failed: " + err.message); }
      });
    }
  });

  window.vnmapBasemap = {
    offline: function (o) {
      var tiles = L.tileLayer(o.tiles, {
        pane: "tilePane", minZoom: 0, maxZoom: 19, maxNativeZoom: o.maxNativeZoom, attribution: o.attribution, className: "vnmap-offline-tiles"
      });
      var lines = new Lines({url: o.lines, minZoom: o.linesMinZoom, pane: o.pane, attribution: o.linesAttribution});
      return [tiles, lines];
    }
  };
})();
