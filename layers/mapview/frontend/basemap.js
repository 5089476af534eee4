/* The offline basemap's layers (see layers/basemap.py): OpenStreetMap tiles served by this app, and
 * Natural Earth 1:10m land, coasts and borders drawn above them once the zoom needs them.
 *
 * The tiles stay in Leaflet's tilePane (z-index 200) and the vectors in the basemap pane (250): every
 * data pane is above both. Zooms 7-8 scale the zoom-6 tiles (maxNativeZoom); deeper, the tiles stop and
 * the 10m land is filled on a sea-coloured ground. The vectors are fetched on first need, from this machine.
 */
(function () {
  "use strict";
  var SEA = "#aad3df", LAND = "#f2efe9";  // OpenStreetMap's own water and land colours: the switch at zoom 9 does not jar

  var Vectors = L.Layer.extend({
    initialize: function (options) {
      this._o = options;
      this._lines = L.layerGroup();
      this._land = L.layerGroup();
      this._requested = false;
    },
    onAdd: function (map) {
      map.on("zoomend", this._update, this);
      this._update();
    },
    onRemove: function (map) {
      map.off("zoomend", this._update, this);
      map.removeLayer(this._lines);
      map.removeLayer(this._land);
      map.getContainer().style.background = "";
    },
    getAttribution: function () { return this._o.attribution; },
    _show: function (group, wanted) {
      var map = this._map;
      if (wanted && !map.hasLayer(group)) { map.addLayer(group); }
      if (!wanted && map.hasLayer(group)) { map.removeLayer(group); }
    },
    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var zoom = map.getZoom(), lines = zoom >= this._o.linesMinZoom, land = zoom > this._o.tilesMaxZoom;
      if (lines && !this._requested) { this._load(); }
      this._show(this._lines, lines);
      this._show(this._land, land);
      map.getContainer().style.background = land ? SEA : "";
      var tiles = this._o.tiles.getContainer();  // kept at maxZoom 19 so the map may still zoom in; hidden where unreadable
      if (tiles) { tiles.style.display = land ? "none" : ""; }
    },
    _load: function () {
      var self = this, o = this._o;
      this._requested = true;
      var landPane = "vnmap-basemap-land";
      if (!this._map.getPane(landPane)) { this._map.createPane(landPane).style.zIndex = 240; }  // above the tiles, below the lines
      var renderer = L.canvas({pane: o.pane, padding: 0.5}), landRenderer = L.canvas({pane: landPane, padding: 0.5});
      fetch(o.url).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status + " for " + o.url); }
        return r.json();
      }).then(function (geojson) {
        geojson.features.forEach(function (f) {
          var kind = f.properties.kind;
          var style = kind === "land" ? {stroke: false, fillColor: LAND, fillOpacity: 1}
            : kind === "border" ? {color: "#7b5d8f", weight: 1.6, opacity: 0.9, dashArray: "6 3"}
            : {color: "#3d6d8a", weight: 1.2, opacity: 0.95};
          var pane = kind === "land" ? landPane : o.pane;
          L.geoJSON(f, {pane: pane, renderer: kind === "land" ? landRenderer : renderer, interactive: false, smoothFactor: 1, style: style})
            .addTo(kind === "land" ? self._land : self._lines);
        });
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
      var vectors = new Vectors({tiles: tiles, url: o.lines, linesMinZoom: o.linesMinZoom, tilesMaxZoom: o.tilesMaxZoom, pane: o.pane, attribution: o.linesAttribution});
      return [tiles, vectors];
    }
  };
})();
