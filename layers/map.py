"""The folium page of the map view: basemaps, layer control and the script that draws the features.

folium builds the page once per process (Leaflet from the project's own files, no CDN):
an OpenStreetMap tile layer that falls back to Natural Earth country outlines when tiles
cannot be fetched, the scale, a collapsed layer control, and `layers/mapview/frontend/vnmap.js`,
which loads the dataset's features once (layers/compact.py) and draws each partner into a
pane of its own. The basemaps sit in panes below every data pane, online or offline.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from layers import assets, basemap

NATURAL_EARTH = Path(__file__).resolve().parent.parent / "geo" / "data" / "naturalearth_110m_countries.geojson"
OFFLINE_BASEMAP = "Offline map (OpenStreetMap to zoom 6, Natural Earth 1:10m coasts)"
TILE_BASEMAP = "OpenStreetMap"
UNREVIEWED = "Unreviewed candidates"
MAP_NAME = "map_vnmap"  # the id of the map's element; the Leaflet map is window.map in the page
BASEMAP_PANE = "vnmap-basemap"  # z-index 250: above the tiles (200), below every data pane (450+)


class OfflineMap(folium.Map):
    """A folium Map whose Leaflet comes from the project's static files, not a CDN."""

    default_js = assets.js_links()
    default_css = assets.css_links()


class BasemapPane(MacroElement):
    """The pane the offline outlines are drawn in, created before any layer uses it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.createPane("vnmap-basemap").style.zIndex = 250;
        {% endmacro %}
        """
    )


class FallbackBasemap(MacroElement):
    """Switch to the offline outlines as soon as a tile fails to load (no network)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var tiles = {{ this.tiles.get_name() }};
            var offline = {{ this.offline.get_name() }};
            var switched = false;
            tiles.on("tileerror", function () {
                if (switched) { return; }
                switched = true;
                map.removeLayer(tiles);
                map.addLayer(offline);
                map.getContainer().setAttribute("data-basemap", "offline");
            });
            tiles.on("load", function () {
                if (!switched) { map.getContainer().setAttribute("data-basemap", "tiles"); }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tiles, offline):
        super().__init__()
        self._name = "FallbackBasemap"
        self.tiles, self.offline = tiles, offline


@lru_cache(maxsize=1)
def _natural_earth_json() -> str:
    """The country outlines as compact JSON text, read and serialised once per process."""
    return json.dumps(json.loads(NATURAL_EARTH.read_text(encoding="utf-8")), separators=(",", ":"))


class CountryOutlines(MacroElement):
    """Natural Earth country outlines drawn into the parent group, in the basemap pane."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.data }}, {
            pane: "vnmap-basemap", interactive: false,
            style: {color: "#8a8a8a", weight: 1, fillColor: "#eef0e6", fillOpacity: 1}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "CountryOutlines"
        self.data = _natural_earth_json()


class MapView(MacroElement):
    """Hands the map and its layer control to a new vnmap.js instance (with the loader's bridge to Streamlit), which draws the features."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.map = {{ this._parent.get_name() }};
        window.vnmapInstance(window.vnmapBridge).start({{ this._parent.get_name() }}, {{ this.control.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, control):
        super().__init__()
        self._name = "MapView"
        self.control = control


def base_map(tiles: bool = True) -> folium.Map:
    """The map without features: tile basemap with the offline fallback (or the outlines only), scale, layer control."""
    m = OfflineMap(location=(16.0, 106.0), zoom_start=5, tiles=None, control_scale=True, prefer_canvas=False)
    m._id = "vnmap"  # a stable name: window.map_vnmap
    m.add_child(BasemapPane())
    offline = folium.FeatureGroup(name=OFFLINE_BASEMAP, overlay=False, control=True, show=not tiles)
    offline._id = "vnmap_offline"  # stable names: the same page script byte for byte, so its content-hashed URL stays cached
    offline.add_child(basemap.OfflineLayers())
    if tiles:
        tile_layer = folium.TileLayer("OpenStreetMap", name=TILE_BASEMAP, control=True)
        tile_layer._id = "vnmap_tiles"
        tile_layer.add_to(m)
        offline.add_to(m)
        m.add_child(FallbackBasemap(tile_layer, offline))
    else:
        offline.add_to(m)
    control = folium.LayerControl(collapsed=True, position="topright")
    control._id = "vnmap"
    control.add_to(m)
    m.add_child(MapView(control))
    return m


def page_script(tiles: bool = True) -> str:
    """The script of folium's page alone: it makes the map in the element `MAP_NAME`, its basemaps and layer control, and starts vnmap.js."""
    root = base_map(tiles).get_root()
    root.render()
    return root.script.render()
