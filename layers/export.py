"""Export the features as RFC 7946 GeoJSON, GeoPackage (pyogrio) or CSV (WKT + JSON fields).

The GeoJSON is deterministic: same input, same bytes. The dashboard's
download button and ``python -m layers export`` both call `export_bytes`.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import geopandas as gpd
from shapely.geometry import mapping

from layers.features import COLUMNS

FORMATS = ("geojson", "gpkg", "csv")
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3", "csv": "text/csv"}
# Properties in the order they are written: the feature columns less the dashboard's internal ones.
INTERNAL = ("layers", "articles", "reported_first", "reported_last", "funding_summary", "geometry")
PROPERTIES = [c for c in COLUMNS if c not in INTERNAL]
NESTED = ("partners", "partner_names", "funding", "figures", "sources", "places", "gazetteer_id", "geonames_id")


def _plain(value):
    """NaN/None to None, numpy scalars to Python."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value


def feature_collection(features: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection (a dict) of the features, in their order."""
    out = []
    for row in features.itertuples(index=False):
        record = row._asdict()
        out.append(
            {
                "type": "Feature",
                "id": record["id"],
                "geometry": json.loads(json.dumps(mapping(record["geometry"]))),
                "properties": {name: _plain(record[name]) for name in PROPERTIES},
            }
        )
    return {"type": "FeatureCollection", "features": out}


def geojson_bytes(features: gpd.GeoDataFrame) -> bytes:
    """The FeatureCollection as UTF-8 JSON, one feature a line, so exports diff feature by feature."""
    lines = [json.dumps(f, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for f in feature_collection(features)["features"]]
    return ('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


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
    writer = csv.writer(buffer, lineterminator="\n")
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
