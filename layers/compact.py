"""Feature layers drawn by the browser from one pre-serialised JSON array per partner.

folium builds one GeoJson object, style and popup template per layer on every
render; here each partner layer is one element whose data is serialised once
(orjson) and drawn by a small script. Two modes:

- rich (up to RICH_LIMIT features in view): the category symbol of each point,
  styled lines and areas, and the full popup (server-escaped HTML: partners,
  status, dates, funding in currency and USD, precision, each source quote);
- compact (above it): only id, name, category, precision, a funding summary and
  rounded coordinates travel; points are canvas circle markers in a
  Leaflet.markercluster group, paths are canvas lines that Leaflet simplifies per
  zoom level, and tooltips and popups are built on demand with textContent.
  A click tells the server the feature's id; its evidence comes from the server.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.precision import PRECISION
from layers import amounts, assets, detail, style
from layers.partners import layer_name

RICH_LIMIT = 2000  # features in view up to which every feature gets its symbol and full popup
CLUSTER_LIMIT = 20000  # up to this many, points are clustered (Leaflet.markercluster); above, canvas dots (clustering 100k takes ~6 s)
DECIMALS = 5  # about a metre: plenty for a map, and shorter to ship


class _Raw(Element):
    """Ready-made script text: unlike branca's Element it is not compiled as a Jinja template (megabytes of data)."""

    def __init__(self, text: str):
        super().__init__("")
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RawScript:
    """Mixin for MacroElements whose script carries data: rendered once, never re-parsed as a template."""

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in getattr(self, "default_js", []):
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in getattr(self, "default_css", []):
            figure.header.add_child(CssLink(url), name=name)
        figure.script.add_child(_Raw(self._template.module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def _json(value) -> str:
    """JSON safe inside a <script> element ("<" escaped)."""
    return orjson.dumps(value).decode("utf-8").replace("<", "\\u003c")


def _rings(geometry) -> list:
    parts = getattr(geometry, "geoms", [geometry])
    return [np.round(np.asarray(p.exterior.coords if hasattr(p, "exterior") else p.coords)[:, ::-1], DECIMALS).tolist() for p in parts]


def layer_payload(features: gpd.GeoDataFrame, partner: str, rich: bool) -> dict:
    """The arrays one partner layer ships to the browser."""
    kinds = features.geometry.geom_type
    points = features[kinds.isin(["Point", "MultiPoint"])]
    points = points.explode(index_parts=False) if (points.geometry.geom_type == "MultiPoint").any() else points
    paths = features[~kinds.isin(["Point", "MultiPoint"])]
    xy = np.round(shapely.get_coordinates(points.geometry.to_numpy()), DECIMALS) if len(points) else np.empty((0, 2))
    categories = sorted(set(features["category"]))
    cat_index = {c: i for i, c in enumerate(categories)}
    payload = {
        "partner": partner,
        "label": layer_name(partner) if partner != "UNREVIEWED" else "Unreviewed",
        "colour": style.colour(partner) if partner != "UNREVIEWED" else style.UNREVIEWED_COLOUR,
        "rich": rich,
        "categories": categories,
        "precision_labels": {str(k): v for k, v in PRECISION.items()},
        "points": {
            "id": points["id"].tolist(),
            "name": points["name"].tolist(),
            "cat": [cat_index[c] for c in points["category"]],
            "prec": points["precision"].astype(int).tolist(),
            "fund": points["funding_summary"].tolist(),
            "xy": xy.tolist(),
        },
        "paths": [
            {
                "id": r.id,
                "name": r.name,
                "cat": cat_index[r.category],
                "prec": int(r.precision),
                "fund": r.funding_summary,
                "polygon": "Polygon" in r.geometry.geom_type,
                "rings": _rings(r.geometry),
            }
            for r in paths.itertuples(index=False)
        ],
    }
    if rich:
        payload["points"]["popup"] = points["popup_html"].tolist() if "popup_html" in points else [detail.popup_html(r) for _, r in points.iterrows()]
        icons: dict = {}  # one SVG per (category, approximate) pair, shared by the features that use it
        payload["points"]["icon"] = [
            icons.setdefault((c, int(p) > 1), style.unreviewed_marker_html() if partner == "UNREVIEWED" else style.marker_html(partner, c, int(p)))
            for c, p in zip(points["category"], points["precision"], strict=True)
        ]
        for path, (_, row) in zip(payload["paths"], paths.iterrows(), strict=True):
            path["popup"] = row["popup_html"] if "popup_html" in row else detail.popup_html(row)
            path["style"] = style.UNREVIEWED_STYLE if partner == "UNREVIEWED" else style.path_style(partner, row["precision"], row.geometry.geom_type)
    return payload


def short_funding(funding: list[dict]) -> str:
    """ "Development finance: ¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023; …": the summary the compact map ships."""
    return "; ".join(f"{amounts.heading(f)}: {amounts.amount_text(f)}" for f in amounts.labelled_order(funding))


def compact_rows(features: gpd.GeoDataFrame, categories: list[str]) -> list[str]:
    """One JSON array text per feature, made once when the features load: [id, name, category, precision, funding, x, y]."""
    cat_index = {c: i for i, c in enumerate(categories)}
    points = features.geometry.geom_type == "Point"
    xs = np.full(len(features), np.nan)
    ys = np.full(len(features), np.nan)
    if points.any():
        xy = np.round(shapely.get_coordinates(features.geometry[points].to_numpy()), 4)  # ~10 m: enough for a dot
        xs[points.to_numpy()], ys[points.to_numpy()] = xy[:, 0], xy[:, 1]
    return [
        orjson.dumps([i, n, cat_index[c], int(p), short_funding(f), None if np.isnan(x) else float(x), None if np.isnan(y) else float(y)])
        .decode("utf-8")
        .replace("<", "\\u003c")
        for i, n, c, p, f, x, y in zip(features["id"], features["name"], features["category"], features["precision"], features["funding"], xs, ys, strict=True)
    ]


def with_compact_rows(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features with their compact rows added (column `compact_row`), computed once, not per view."""
    out = features.copy()
    # Plain Python strings (object dtype): a view's rows are joined by the thousand, Arrow strings would be converted each time.
    out["compact_row"] = pd.Series(compact_rows(features, sorted(set(features["category"]))), index=features.index, dtype=object)
    out.attrs["categories"] = sorted(set(features["category"]))
    return out


class FeatureTable(RawScript, MacroElement):
    """The compact rows of every point in view, shipped once (partner layers index into it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.vnmapTable = {categories: {{ this.categories }}, precision_labels: {{ this.labels }}, rows: {{ this.rows }}};
        {% endmacro %}
        """
    )

    def __init__(self, rows_json: str, categories: list[str]):
        super().__init__()
        self._name = "FeatureTable"
        self.rows = rows_json  # "[row,row,…]", joined once per set of features
        self.categories = _json(categories)
        self.labels = _json({str(k): v for k, v in PRECISION.items()})


def compact_view(features: gpd.GeoDataFrame) -> tuple[str, dict[str, np.ndarray], list[str]]:
    """The rows (JSON text) of the points in view, per partner the positions of its points in them,
    and the categories the rows' category numbers refer to."""
    if "compact_row" not in features or "categories" not in features.attrs:
        features = with_compact_rows(features)
    categories = features.attrs["categories"]
    points = features.loc[(features.geometry.geom_type == "Point").to_numpy(), ["compact_row", "layers"]].reset_index(drop=True)
    exploded = points["layers"].explode()
    positions = {partner: idx.to_numpy() for partner, idx in exploded.index.to_series().groupby(exploded.to_numpy())}
    return "[" + ",".join(points["compact_row"].tolist()) + "]", positions, categories


class FeatureLayer(RawScript, JSCSSMixin, MacroElement):
    """One partner's features, drawn into the parent FeatureGroup by the browser (see the module docstring)."""

    default_js = assets.cluster_js()
    default_css = assets.cluster_css()
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var data = {{ this.payload }};
            var renderer = L.canvas({padding: 0.5});
            window.vnmapPending = (window.vnmapPending || 0) + 1;
            function done() { window.vnmapPending -= 1; if (window.vnmapPending === 0) { window.vnmapReady = true; } }
            function text(tag, value, css) {
                var el = document.createElement(tag);
                el.textContent = value;
                if (css) { el.setAttribute("style", css); }
                return el;
            }
            function compactPopup(f) {
                var box = document.createElement("div");
                box.className = "vnmap-popup";
                box.appendChild(text("b", f.name));
                box.appendChild(text("div", "Partner: " + data.label + " · " + data.categories[f.cat]));
                if (f.fund) { box.appendChild(text("div", "Funding: " + f.fund)); }
                box.appendChild(text("div", "Location: precision " + f.prec + " — " + data.precision_labels[f.prec]));
                box.appendChild(text("div", "The sources open in the detail panel below the map.", "color:#555"));
                return box;
            }
            function richPopup(html) {
                var box = document.createElement("div");
                box.innerHTML = html;  // built and HTML-escaped on the server (layers/detail.py)
                return box;
            }
            function feature(i, source) {
                return {id: source.id[i], name: source.name[i], cat: source.cat[i], prec: source.prec[i], fund: source.fund[i]};
            }
            function identify(layer, f, popupHtml) {
                layer.feature = {type: "Feature", properties: {id: f.id, partner: data.partner, popup_html: popupHtml || null}};
                layer.bindTooltip(function () { return text("span", f.name); });
                layer.bindPopup(function () { return popupHtml ? richPopup(popupHtml) : compactPopup(f); }, {maxWidth: 360});
            }
            var p = data.points;
            if (data.rich) {
                for (var i = 0; i < p.id.length; i++) {
                    var icon = L.divIcon({html: p.icon[i], className: "vnmap-marker", iconSize: [28, 28], iconAnchor: [14, 14]});
                    var marker = L.marker([p.xy[i][1], p.xy[i][0]], {icon: icon});
                    identify(marker, feature(i, p), p.popup[i]);
                    group.addLayer(marker);
                }
                done();
            } else {
                var table = window.vnmapTable, rows = table.rows, index = data.index;
                data.categories = table.categories;
                data.precision_labels = table.precision_labels;
                var markers = new Array(index.length);
                for (var j = 0; j < index.length; j++) {
                    var r = rows[index[j]], approx = r[3] > 1;
                    markers[j] = L.circleMarker([r[6], r[5]], {
                        renderer: renderer, radius: 6, weight: approx ? 1 : 2, color: approx ? "#333" : "#fff",
                        fillColor: data.colour, fillOpacity: approx ? 0.6 : 0.95
                    });
                    markers[j]._vnmapRow = r;
                }
                var clusters = data.cluster
                    ? L.markerClusterGroup({chunkedLoading: true, chunkInterval: 400, chunkDelay: 1, showCoverageOnHover: false,
                                            maxClusterRadius: 60, chunkProgress: function (n, total) { if (n === total) { done(); } }})
                    : L.featureGroup();
                // Tooltips, popups and the id the server needs are attached on demand, not to every marker up front.
                function ensure(layer) {
                    var r = layer._vnmapRow;
                    if (r && !layer.feature) { identify(layer, {id: r[0], name: r[1], cat: r[2], prec: r[3], fund: r[4]}); }
                }
                clusters.on("click", function (e) { ensure(e.layer); e.layer.openPopup(); });
                clusters.on("mouseover", function (e) { ensure(e.layer); e.layer.openTooltip(); });
                group.addLayer(clusters);
                if (data.cluster) {
                    clusters.addLayers(markers);
                    if (markers.length === 0) { done(); }
                } else {
                    for (var k = 0; k < markers.length; k++) { clusters.addLayer(markers[k]); }
                    done();
                }
            }
            data.paths.forEach(function (f) {
                var approx = f.prec > 1;
                var options = f.style || {color: data.colour, weight: f.polygon ? 2 : 3, opacity: approx ? 0.6 : 0.95,
                                          dashArray: approx ? "8 6" : null, fillOpacity: 0.08};
                options = Object.assign({}, options, {renderer: data.rich ? undefined : renderer, smoothFactor: 1.5});
                var shape = f.polygon ? L.polygon(f.rings, options) : L.polyline(f.rings, options);
                identify(shape, f, f.popup);
                group.addLayer(shape);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload_json: str):
        super().__init__()
        self._name = "FeatureLayer"
        self.payload = payload_json


def rich_payload(features: gpd.GeoDataFrame, partner: str) -> str:
    """A rich layer's data: every feature with its symbol and full (server-escaped) popup."""
    return _json(layer_payload(features, partner, rich=True))


def compact_payload(paths: gpd.GeoDataFrame, partner: str, index: np.ndarray | None, cluster: bool) -> str:
    """A compact layer's data: its lines and areas, and the positions of its points in the FeatureTable."""
    payload = layer_payload(paths, partner, rich=False)
    payload["points"] = {"id": []}
    payload["index"] = (index if index is not None else np.empty(0, dtype=int)).tolist()
    payload["cluster"] = cluster
    return _json(payload)
