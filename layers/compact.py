"""The map's data: every feature of a dataset version in one compact JSON file, shipped to the browser once.

The browser (layers/mapview) draws each partner's features once into a pane of its
own; ticking a partner shows or hides that pane, and other filters send only the
positions of the features in view. So the features travel once per dataset version,
as a content-hashed file under Streamlit's static serving (the browser may cache it).

Two modes:

- rich (up to RICH_LIMIT features): each point's category symbol and the full popup
  (server-escaped HTML: partners, status, dates, funding in currency and USD,
  precision, each source quote);
- compact (above it): id, name, category, precision, a funding summary and rounded
  coordinates; points are canvas dots, tooltips and popups are built on demand with
  textContent, and a click tells the server the feature's id (its evidence comes from
  the server's detail panel).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import shapely

from geo.precision import PRECISION
from layers import amounts, assets, detail, style
from layers.partners import layer_name

RICH_LIMIT = 2000  # features up to which every feature gets its symbol and full popup
DECIMALS = 5  # about a metre: plenty for a map, and shorter to ship
DATA_DIR = assets.STATIC_DIR / "mapdata"
DATA_URL = "/app/static/mapdata"
KEEP = 8  # dataset versions kept in DATA_DIR (the newest used first): older ones are removed when a new one is written

# Where the story happens: the first view. Vietnam and its neighbours (Laos, Cambodia, southern China,
# the South China Sea); far features (Tokyo, San Francisco) stay reachable with "Zoom to".
VIETNAM = [[8.4, 102.1], [23.4, 109.5]]  # [[south, west], [north, east]], Natural Earth's outline of Vietnam
REGION = [[6.0, 97.0], [25.5, 117.0]]


def _json(value) -> bytes:
    """JSON safe inside a <script> element too ("<" escaped)."""
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY).replace(b"<", b"\\u003c")


def _rings(geometry) -> list:
    parts = getattr(geometry, "geoms", [geometry])
    return [np.round(np.asarray(p.exterior.coords if hasattr(p, "exterior") else p.coords)[:, ::-1], DECIMALS).tolist() for p in parts]


def short_funding(funding: list[dict]) -> str:
    """ "Development finance: ¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023; …": the summary the compact map ships."""
    return "; ".join(f"{amounts.heading(f)}: {amounts.amount_text(f)}" for f in amounts.labelled_order(funding))


def frames(features: gpd.GeoDataFrame) -> dict[str, list]:
    """The "Zoom to" choices: Vietnam, the story's region (the first view), all features."""
    if len(features):
        minx, miny, maxx, maxy = (float(v) for v in features.total_bounds)
        everything = [[miny, minx], [maxy, maxx]]
    else:
        everything = REGION
    return {"Vietnam": VIETNAM, "region": REGION, "all features": everything}


def payload(features: gpd.GeoDataFrame, partner_counts: dict[str, int] | None = None) -> dict:
    """Every feature of `features` as the arrays the browser draws from, in row order (positions are the ids in view)."""
    rich = len(features) <= RICH_LIMIT
    categories = sorted(features["category"].unique())
    cat_index = {c: i for i, c in enumerate(categories)}
    counts = partner_counts or {}
    partners = sorted({k for ks in features["layers"] for k in ks})
    p_index = {p: i for i, p in enumerate(partners)}
    geom_types = features.geometry.geom_type.to_numpy()
    is_point = geom_types == "Point"
    xy = np.full((len(features), 2), np.nan)
    if is_point.any():
        xy[is_point] = np.round(shapely.get_coordinates(features.geometry.to_numpy()[is_point]), DECIMALS if rich else 4)[:, ::-1]
    data = {
        "rich": rich,
        "partners": [{"key": p, "label": layer_name(p), "colour": style.colour(p), "count": counts.get(p)} for p in partners],
        "categories": categories,
        "precision_labels": {str(k): v for k, v in PRECISION.items()},
        "frames": frames(features),
        "legend": style.legend_html(partners, categories),
        "unreviewed_icon": style.unreviewed_marker_html(),
        "unreviewed_style": style.UNREVIEWED_STYLE,
        "path_styles": {f"{'area' if area else 'line'}|{int(approx)}": _path_template(area, approx) for area in (True, False) for approx in (True, False)},
        "id": features["id"].tolist(),
        "name": features["name"].tolist(),
        "cat": [cat_index[c] for c in features["category"]],
        "prec": features["precision"].astype(int).tolist(),
        "approx": [int(style.is_approximate(p, g)) for p, g in zip(features["precision"], geom_types, strict=True)],
        "fund": [short_funding(f) for f in features["funding"]],
        "layers": [[p_index[k] for k in ks] for ks in features["layers"]],
        "xy": [None if np.isnan(a) else [a, b] for a, b in xy.tolist()],
        "paths": {str(i): {"polygon": "Polygon" in g.geom_type, "rings": _rings(g)} for i, g in enumerate(features.geometry) if g.geom_type != "Point"},
    }
    if rich:
        data["popup"] = [detail.popup_html(row) for _, row in features.iterrows()]
        data["icons"] = {f"{p}|{c}|{a}": style.marker_html(p, c, 2 if a else 1) for p in partners for c in categories for a in (0, 1)}
    return data


def _path_template(polygon: bool, approx: bool) -> dict:
    """Leaflet path options without the colour (the partner's colour is set in the browser)."""
    options = style.path_style("NONE", 5 if approx else 1, "Polygon" if polygon else "LineString")
    return {k: v for k, v in options.items() if k not in ("color", "fillColor")}


@dataclass(frozen=True)
class MapData:
    """A dataset version's map data, written once: its URL carries the content hash."""

    url: str
    digest: str
    size: int  # bytes the browser fetches (gzip)
    raw: int  # bytes of the JSON it unpacks


def publish(features: gpd.GeoDataFrame, partner_counts: dict[str, int] | None = None, folder: Path = DATA_DIR) -> MapData:
    """Write the features' map data as `static/mapdata/<sha256[:16]>.json.gz` (unless already there) and return its URL.

    Gzip, because Streamlit's static files are served uncompressed: 100,000 features are ~11 MB of JSON
    and ~1.5 MB packed; the browser unpacks it with its own DecompressionStream (layers/mapview).
    """
    body = _json(payload(features, partner_counts))
    digest = hashlib.sha256(body).hexdigest()[:16]
    packed = gzip.compress(body, compresslevel=6, mtime=0)  # mtime 0: the same data gives the same bytes
    target = folder / f"{digest}.json.gz"
    if not target.exists() or target.stat().st_size != len(packed):
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{digest}.tmp"
        temporary.write_bytes(packed)
        temporary.replace(target)  # a page fetching it meanwhile sees the whole file or none
    else:
        os.utime(target)  # used again: among the newest kept
    prune(folder, keep=target)
    return MapData(f"{DATA_URL}/{digest}.json.gz", digest, len(packed), len(body))


def prune(folder: Path = DATA_DIR, keep: Path | None = None) -> list[Path]:
    """Remove all but the KEEP most recently used map data files (and `keep`); returns what was removed.

    Every dataset version (a catalog edit, a benchmark's synthetic corpus) writes a new file, and a page already
    open holds its data in memory, so only the versions in use need to stay.
    """
    files = sorted(folder.glob("*.json*"), key=lambda p: p.stat().st_mtime, reverse=True)
    removed = [p for p in files[KEEP:] if p != keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def candidates_payload(candidates: list[dict]) -> list[dict]:
    """Unreviewed candidates of this session (small, sent with the page's arguments): never in a shared file."""
    out = []
    for c in candidates:
        if not c.get("geometry"):
            continue
        geometry = shapely.geometry.shape(c["geometry"])
        item = {"id": c["id"], "name": "Unreviewed: " + c["entry"]["name"], "popup": detail.candidate_popup_html(c)}
        if geometry.geom_type == "Point":
            item["xy"] = [round(geometry.y, DECIMALS), round(geometry.x, DECIMALS)]
        else:
            item["polygon"], item["rings"] = "Polygon" in geometry.geom_type, _rings(geometry)
        out.append(item)
    return sorted(out, key=lambda item: "xy" not in item)  # points first, then lines and areas
