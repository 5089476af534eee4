"""The folium map: one FeatureGroup per partner in a LayerControl, a legend, an offline basemap.

The map takes the features GeoDataFrame and returns a folium object, nothing
else. All JS/CSS comes from the project's own installation (layers/assets.py);
when tiles cannot be fetched, the map switches to Natural Earth country
outlines shipped with the project.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from layers import assets, detail, style
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


def _explode_multipoints(collection: dict) -> dict:
    """One Point feature per part of a MultiPoint: folium's marker option draws Points only."""
    out = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "MultiPoint":
            out.extend({**feature, "geometry": {"type": "Point", "coordinates": list(xy)}} for xy in geometry["coordinates"])
        else:
            out.append(feature)
    return {**collection, "features": out}


@lru_cache(maxsize=1)
def _natural_earth() -> dict:
    return json.loads(NATURAL_EARTH.read_text(encoding="utf-8"))


def _offline_basemap(show: bool) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=OFFLINE_BASEMAP, overlay=False, control=True, show=show)
    folium.GeoJson(
        _natural_earth(),
        name="countries",
        style_function=lambda _: {"color": "#8a8a8a", "weight": 1, "fillColor": "#eef0e6", "fillOpacity": 1},
        interactive=False,
        control=False,
    ).add_to(group)
    return group


def feature_collection(features: gpd.GeoDataFrame, partner: str) -> dict:
    """The compact GeoJSON the browser gets for one partner layer: geometry, id, name, escaped popup."""
    out = []
    for _, row in features.iterrows():
        out.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": mapping(row["geometry"]),
                "properties": {
                    "id": row["id"],
                    "partner": partner,
                    "category": row["category"],
                    "precision": int(row["precision"]),
                    "tooltip_html": detail.tooltip_html(row),
                    "popup_html": detail.popup_html(row),
                },
            }
        )
    return {"type": "FeatureCollection", "features": out}


def partner_group(features: gpd.GeoDataFrame, partner: str, show: bool = True) -> folium.FeatureGroup:
    """The FeatureGroup of one partner: its lines and areas, and its points with category symbols."""
    in_layer = features[features["layers"].apply(lambda ks: partner in ks)]
    group = folium.FeatureGroup(name=f"{layer_name(partner)} ({len(in_layer)})", show=show)
    tooltip = folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False)
    points = in_layer[in_layer.geometry.geom_type.isin(["Point", "MultiPoint"])]
    paths = in_layer[~in_layer.index.isin(points.index)]
    if len(paths):
        folium.GeoJson(
            feature_collection(paths, partner),
            name=f"{partner} paths",
            style_function=lambda f: style.path_style(f["properties"]["partner"], f["properties"]["precision"], f["geometry"]["type"]),
            highlight_function=lambda f: {"weight": 6, "opacity": 1},
            tooltip=tooltip,
            popup=folium.GeoJsonPopup(fields=["popup_html"], labels=False, max_width=360),
        ).add_to(group)
    for (category, approx), chunk in points.groupby([points["category"], points["precision"].apply(style.is_approximate)], sort=True):
        icon = folium.DivIcon(
            html=style.marker_html(partner, category, 2 if approx else 1), icon_size=(28, 28), icon_anchor=(14, 14), class_name="vnmap-marker"
        )
        folium.GeoJson(
            _explode_multipoints(feature_collection(chunk, partner)),
            name=f"{partner} {category}",
            marker=folium.Marker(icon=icon),
            tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False),
            popup=folium.GeoJsonPopup(fields=["popup_html"], labels=False, max_width=360),
        ).add_to(group)
    return group


UNREVIEWED = "Unreviewed candidates"


def unreviewed_group(candidates: list[dict]) -> folium.FeatureGroup:
    """Candidates from an added article, drawn apart: grey, dashed, a "?" marker, "unreviewed" in every popup."""
    drawable = [c for c in candidates if c.get("geometry")]
    group = folium.FeatureGroup(name=f"{UNREVIEWED} ({len(drawable)})", show=True)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": c["id"],
                "geometry": c["geometry"],
                "properties": {
                    "id": c["id"],
                    "partner": "UNREVIEWED",
                    "category": c["entry"]["category"],
                    "precision": int(c.get("precision") or 5),
                    "tooltip_html": "Unreviewed: " + detail.esc(c["entry"]["name"]),
                    "popup_html": detail.candidate_popup_html(c),
                },
            }
            for c in drawable
        ],
    }
    points = _explode_multipoints({"features": [f for f in collection["features"] if "Point" in f["geometry"]["type"]]})
    paths = [f for f in collection["features"] if "Point" not in f["geometry"]["type"]]
    detail_popup = {"tooltip": "tooltip_html", "popup": "popup_html"}
    if paths:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": paths},
            name="unreviewed paths",
            style_function=lambda f: style.UNREVIEWED_STYLE,
            tooltip=folium.GeoJsonTooltip(fields=[detail_popup["tooltip"]], labels=False),
            popup=folium.GeoJsonPopup(fields=[detail_popup["popup"]], labels=False, max_width=360),
        ).add_to(group)
    if points["features"]:
        icon = folium.DivIcon(html=style.unreviewed_marker_html(), icon_size=(28, 28), icon_anchor=(14, 14), class_name="vnmap-marker")
        folium.GeoJson(
            {"type": "FeatureCollection", "features": points["features"]},
            name="unreviewed points",
            marker=folium.Marker(icon=icon),
            tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False),
            popup=folium.GeoJsonPopup(fields=["popup_html"], labels=False, max_width=360),
        ).add_to(group)
    return group


def bounds(features: gpd.GeoDataFrame) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the features, or None when there are none."""
    if features.empty:
        return None
    minx, miny, maxx, maxy = features.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def base_map(frame_on: gpd.GeoDataFrame | None = None, tiles: bool = True) -> folium.Map:
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
    if frame_on is not None and (b := bounds(frame_on)):
        m.fit_bounds(b, padding=(20, 20))
    return m


def build_map(features: gpd.GeoDataFrame, visible: list[str] | None = None, tiles: bool = True, unreviewed: list[dict] | None = None) -> folium.Map:
    """The whole map for the features in view: a FeatureGroup per partner, LayerControl, legend.

    `visible` lists the partner layers to show (default: all present); `unreviewed`
    candidates from an added article get a layer of their own.
    """
    partners = sorted({k for ks in features["layers"] for k in ks})
    visible = partners if visible is None else [p for p in partners if p in visible]
    m = base_map(features[features["layers"].apply(lambda ks: bool(set(ks) & set(visible)))], tiles=tiles)
    for partner in partners:
        partner_group(features, partner, show=partner in visible).add_to(m)
    if unreviewed:
        unreviewed_group(unreviewed).add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    categories = sorted(set(features["category"]))
    m.get_root().html.add_child(Element(style.legend_html(partners, categories)))
    return m


def standalone_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: Leaflet inlined, nothing to fetch but tiles."""
    page = m.get_root().render()
    js, css = assets.inline_assets()
    for _, link in m.default_js:
        page = page.replace(f'<script src="{link}"></script>', f"<script>{js}</script>")
    for _, link in m.default_css:
        page = page.replace(f'<link rel="stylesheet" href="{link}"/>', f"<style>{css}</style>")
    return page
