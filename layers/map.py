"""The folium map: one FeatureGroup per partner in a LayerControl, a legend, an offline basemap.

The map takes the features GeoDataFrame and returns a folium object, nothing
else. All JS/CSS comes from the project's own installation (layers/assets.py);
when tiles cannot be fetched, the map switches to Natural Earth country
outlines shipped with the project.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import shape

from layers import assets, compact, detail, style
from layers.partners import layer_name

NATURAL_EARTH = Path(__file__).resolve().parent.parent / "geo" / "data" / "naturalearth_110m_countries.geojson"
OFFLINE_BASEMAP = "Country outlines (offline, Natural Earth)"
TILE_BASEMAP = "OpenStreetMap"


class OfflineMap(folium.Map):
    """A folium Map whose Leaflet comes from the project's static files, not a CDN."""

    default_js = assets.js_links()
    default_css = assets.css_links()


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


class CountryOutlines(compact.RawScript, MacroElement):
    """Natural Earth country outlines drawn into the parent group (pre-serialised: no per-render JSON work)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.data }}, {
            interactive: false,
            style: {color: "#8a8a8a", weight: 1, fillColor: "#eef0e6", fillOpacity: 1}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "CountryOutlines"
        self.data = _natural_earth_json()


def _offline_basemap(show: bool) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=OFFLINE_BASEMAP, overlay=False, control=True, show=show)
    group.add_child(CountryOutlines())
    return group


UNREVIEWED = "Unreviewed candidates"


def candidates_frame(candidates: list[dict]) -> gpd.GeoDataFrame:
    """Unreviewed candidates as the columns a FeatureLayer draws (popups say "Unreviewed")."""
    rows = [
        {
            "id": c["id"],
            "name": "Unreviewed: " + c["entry"]["name"],
            "category": c["entry"]["category"],
            "precision": int(c.get("precision") or 5),
            "funding_summary": "; ".join(f["text"] for f in c["entry"].get("funding", [])),
            "popup_html": detail.candidate_popup_html(c),
            "layers": ["UNREVIEWED"],
            "geometry": shape(c["geometry"]),
        }
        for c in candidates
        if c.get("geometry")
    ]
    return gpd.GeoDataFrame(
        rows, columns=["id", "name", "category", "precision", "funding_summary", "popup_html", "layers", "geometry"], geometry="geometry", crs="EPSG:4326"
    )


def unreviewed_group(candidates: list[dict]) -> folium.FeatureGroup:
    """Candidates from an added article, drawn apart: white "?" markers, dotted grey lines, "Unreviewed" popups."""
    frame = candidates_frame(candidates)
    group = folium.FeatureGroup(name=f"{UNREVIEWED} ({len(frame)})", show=True)
    compact.FeatureLayer(compact.rich_payload(frame, "UNREVIEWED")).add_to(group)
    return group


def base_map(frame_on: list | None = None, tiles: bool = True) -> folium.Map:
    """The map without feature layers: tile basemap (online) or country outlines (offline)."""
    m = OfflineMap(location=(16.0, 106.0), zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    offline = _offline_basemap(show=not tiles)
    if tiles:
        tile_layer = folium.TileLayer("OpenStreetMap", name=TILE_BASEMAP, control=True)
        tile_layer.add_to(m)
        offline.add_to(m)
        m.add_child(FallbackBasemap(tile_layer, offline))
    else:
        offline.add_to(m)
    if frame_on:  # [[south, west], [north, east]]
        m.fit_bounds(frame_on, padding=(20, 20))
    return m


PATH_COLUMNS = ["id", "name", "category", "precision", "funding_summary", "layers", "geometry"]


@dataclass(frozen=True)
class PreparedLayers:
    """Every partner layer of a set of features, serialised: made once, assembled into maps for any partners."""

    layers: dict  # partner -> (payload JSON, feature count, [minx, miny, maxx, maxy])
    table: str | None  # the compact rows shared by the layers (None in rich mode)
    categories: list


def prepare_layers(features: gpd.GeoDataFrame) -> PreparedLayers:
    """The serialised layers of `features`: rich (symbols, full popups) up to compact.RICH_LIMIT, compact above."""
    exploded = features.reset_index(drop=True)["layers"].explode()  # position -> partner, once per feature and partner
    members = {p: idx.to_numpy() for p, idx in exploded.index.to_series().groupby(exploded.to_numpy())}
    rich = len(features) <= compact.RICH_LIMIT
    table, positions, categories = (None, {}, sorted(set(features["category"]))) if rich else compact.compact_view(features)
    paths = (features.geometry.geom_type != "Point").to_numpy()
    cluster = len(features) <= compact.CLUSTER_LIMIT
    bounds = features.geometry.bounds.to_numpy()
    layers = {}
    for partner in sorted(members):
        rows = members[partner]
        if rich:
            payload = compact.rich_payload(features.iloc[rows], partner)
        else:
            payload = compact.compact_payload(features.iloc[rows[paths[rows]]][PATH_COLUMNS], partner, positions.get(partner), cluster)
        box = bounds[rows]
        layers[partner] = (payload, len(rows), [float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 2].max()), float(box[:, 3].max())])
    return PreparedLayers(layers, table, categories)


def build_map(
    features: gpd.GeoDataFrame,
    visible: list[str] | None = None,
    tiles: bool = True,
    unreviewed: list[dict] | None = None,
    prepared: PreparedLayers | None = None,
) -> folium.Map:
    """The whole map for the features in view: a FeatureGroup per partner, LayerControl, legend.

    `visible` lists the partner layers to draw (default: all present; a partner unticked in
    the sidebar has no layer, even for features it shares); `unreviewed` candidates from an
    added article get a layer of their own. `prepared` may pass `prepare_layers` of these
    features (or of a superset: only the visible partners are drawn), made once and cached.
    """
    prepared = prepared or prepare_layers(features)
    partners = [p for p in prepared.layers if visible is None or p in visible]
    boxes = np.array([prepared.layers[p][2] for p in partners]) if partners else None
    frame = [[boxes[:, 1].min(), boxes[:, 0].min()], [boxes[:, 3].max(), boxes[:, 2].max()]] if boxes is not None else None
    m = base_map(frame, tiles=tiles)
    if prepared.table is not None:
        m.add_child(compact.FeatureTable(prepared.table, prepared.categories))  # before the layers that index into it
    for partner in partners:
        payload, count, _box = prepared.layers[partner]
        group = folium.FeatureGroup(name=f"{layer_name(partner)} ({count})", show=True)
        compact.FeatureLayer(payload).add_to(group)
        group.add_to(m)
    if unreviewed:
        unreviewed_group(unreviewed).add_to(m)
    folium.LayerControl(collapsed=len(partners) > 6, position="topright").add_to(m)
    m.get_root().html.add_child(Element(style.legend_html(partners, prepared.categories)))
    return m


def standalone_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: Leaflet inlined, nothing to fetch but tiles."""
    return standalone_html_from(m.get_root().render())


_SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')


def standalone_html_from(page: str) -> str:
    """A rendered folium page with its Leaflet (and markercluster) JS/CSS inlined and any other CDN link dropped."""
    js, css = assets.inline_assets()
    first = {"js": True, "css": True}

    def script(match):
        if "leaflet" in match.group(1) and first["js"]:
            first["js"] = False
            return f"<script>{js}</script>"
        return ""

    def style_(match):
        if ("leaflet" in match.group(1) or "MarkerCluster" in match.group(1)) and first["css"]:
            first["css"] = False
            return f"<style>{css}</style>"
        return ""

    return _CSS_TAG.sub(style_, _SCRIPT_TAG.sub(script, page))
