"""Export the features as RFC 7946 GeoJSON, GeoPackage (pyogrio) or CSV (WKT + JSON fields).

The GeoJSON is deterministic: same input, same bytes. The dashboard's
download button and ``python -m layers export`` both call `export_bytes`.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import shapely
from shapely.geometry import mapping

from layers import spreadsheet
from layers.features import COLUMNS

FORMATS = ("geojson", "gpkg", "csv")
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3", "csv": "text/csv"}
# Properties in the order they are written: the feature columns less the dashboard's internal ones.
INTERNAL = ("layers", "articles", "reported_first", "reported_last", "funding_summary", "compact_row", "geometry")
PROPERTIES = [c for c in COLUMNS if c not in INTERNAL]
NESTED = ("partners", "partner_names", "funding", "figures", "sources", "places", "gazetteer_id", "geonames_id")


def _plain(value):
    """NaN to None, numpy scalars and arrays to Python (one property value)."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if value != value else value
    if hasattr(value, "tolist") and not isinstance(value, (list, dict, str)):
        return value.tolist()
    return value


def _column(features: gpd.GeoDataFrame, name: str) -> list:
    values = features[name].tolist()
    if any(isinstance(v, float) or hasattr(v, "tolist") for v in values[:1000]) or features[name].dtype.kind == "f":
        values = [_plain(v) for v in values]
    return values


def _geometries(features: gpd.GeoDataFrame) -> list[dict]:
    """GeoJSON geometry mappings; points (most features) straight from the coordinate array."""
    geoms = features.geometry.to_numpy()
    is_point = shapely.get_type_id(geoms) == 0
    out: list = [None] * len(geoms)
    if is_point.any():
        xy = shapely.get_coordinates(geoms[is_point]).tolist()
        for position, (x, y) in zip(np.flatnonzero(is_point), xy, strict=True):
            out[position] = {"type": "Point", "coordinates": [x, y]}
    for position in np.flatnonzero(~is_point):
        out[position] = json.loads(json.dumps(mapping(geoms[position])))
    return out


def feature_collection(features: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection (a dict) of the features, in their order."""
    columns = [_column(features, name) for name in PROPERTIES]
    ids = features["id"].tolist()
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": fid, "geometry": geometry, "properties": dict(zip(PROPERTIES, values, strict=True))}
            for fid, geometry, values in zip(ids, _geometries(features), zip(*columns, strict=True), strict=True)
        ],
    }


def geojson_bytes(features: gpd.GeoDataFrame) -> bytes:
    """The FeatureCollection as UTF-8 JSON, one feature a line, so exports diff feature by feature."""
    with _no_gc():  # millions of short-lived dicts: the cyclic collector would only slow this down
        lines = [orjson.dumps(f) for f in feature_collection(features)["features"]]
        return b'{"type":"FeatureCollection","features":[\n' + b",\n".join(lines) + b"\n]}\n"


@contextlib.contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def flat_frame(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features with nested fields as JSON text, for formats with flat columns."""
    flat = features[PROPERTIES + ["geometry"]].copy()
    for name in NESTED:
        flat[name] = flat[name].apply(lambda v: json.dumps(v, ensure_ascii=False))
    return flat


def csv_bytes(features: gpd.GeoDataFrame) -> bytes:
    """CSV with a WKT `geometry` column and nested fields as JSON text."""
    flat = flat_frame(features)
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)  # OWASP CSV injection: formula cells neutralised
    writer.writerow(PROPERTIES + ["geometry"])
    for row in flat.itertuples(index=False):
        record = row._asdict()
        writer.writerow(["" if _plain(record[n]) is None else record[n] for n in PROPERTIES] + [record["geometry"].wkt])
    return buffer.getvalue().encode("utf-8")


def gpkg_bytes(features: gpd.GeoDataFrame, layer: str = "features") -> bytes:
    """A GeoPackage written by pyogrio, read back as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "features.gpkg"
        flat_frame(features).to_file(path, driver="GPKG", layer=layer, engine="pyogrio")
        return path.read_bytes()


def export_bytes(features: gpd.GeoDataFrame, fmt: str = "geojson") -> bytes:
    """The features in `fmt` (geojson, gpkg or csv)."""
    writers = {"geojson": geojson_bytes, "gpkg": gpkg_bytes, "csv": csv_bytes}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    return writers[fmt](features)
