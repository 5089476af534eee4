"""Export the features: RFC 7946 GeoJSON, a GeoPackage with a layer per geometry type, flat CSVs and their codebook.

The GeoJSON is deterministic: same input, same bytes. The dashboard's
downloads and ``python -m layers export`` call the same functions:
`export_bytes` for the content and `file_name` for a name that says which
filter made it. Formats: ``geojson``; ``gpkg`` (layers ``points``, ``lines``,
``polygons``, plus the tables ``amounts`` and ``codebook``); ``csv`` (flat, one
row per feature, money per kind in numeric columns); ``amounts-csv`` (one row
per amount); ``zip`` (both CSVs and their ``datapackage.json``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pyogrio
import shapely
from anyascii import anyascii
from shapely.geometry import mapping

from layers import amounts, codebook, detail, spreadsheet
from layers.features import COLUMNS
from seeds.flows import FLOWS, LABELS

FORMATS = ("geojson", "gpkg", "csv", "amounts-csv", "zip")
MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "csv": "text/csv",
    "amounts-csv": "text/csv",
    "zip": "application/zip",
}
SUFFIXES = {"geojson": ".geojson", "gpkg": ".gpkg", "csv": ".csv", "amounts-csv": "_amounts.csv", "zip": ".zip"}
PREFIX = "vn-diplomacy"
# Properties in the order they are written: the feature columns less the dashboard's internal ones.
INTERNAL = ("layers", "articles", "reported_first", "reported_last", "funding_summary", "compact_row", "geometry")
PROPERTIES = [c for c in COLUMNS if c not in INTERNAL]
NESTED = ("partners", "partner_names", "status_history", "funding", "figures", "sources", "places", "gazetteer_id", "geonames_id")
GEOMETRY_LAYERS = {"points": ("Point", "MultiPoint"), "lines": ("LineString", "MultiLineString"), "polygons": ("Polygon", "MultiPolygon")}


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


def geojson_codebook() -> dict:
    """The Table Schema of the GeoJSON properties: the FeatureCollection's foreign member ``codebook`` (RFC 7946 §6.1)."""
    return codebook.table_schema(codebook.GEOJSON, PROPERTIES)


def feature_collection(features: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection (a dict) of the features, in their order, with its codebook."""
    columns = [_column(features, name) for name in PROPERTIES]
    ids = features["id"].tolist()
    return {
        "type": "FeatureCollection",
        "codebook": geojson_codebook(),
        "features": [
            {"type": "Feature", "id": fid, "geometry": geometry, "properties": dict(zip(PROPERTIES, values, strict=True))}
            for fid, geometry, values in zip(ids, _geometries(features), zip(*columns, strict=True), strict=True)
        ],
    }


def geojson_bytes(features: gpd.GeoDataFrame) -> bytes:
    """The FeatureCollection as UTF-8 JSON, one feature a line, so exports diff feature by feature."""
    with _no_gc():  # millions of short-lived dicts: the cyclic collector would only slow this down
        lines = [orjson.dumps(f) for f in feature_collection(features)["features"]]
        head = b'{"type":"FeatureCollection","codebook":' + orjson.dumps(geojson_codebook()) + b',"features":[\n'
        return head + b",\n".join(lines) + b"\n]}\n"


@contextlib.contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- flat tables -------------------------------------------------------------------------


def _cell(value) -> str | int | float:
    """The text of one CSV cell: the one place where cells are written (None and NaN are empty; whole floats lose ".0")."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # numbers stay numbers: the spreadsheet-safe writer leaves them bare
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def _csv(header: list[str], rows) -> bytes:
    """UTF-8 CSV of `rows` (sequences in `header` order), every cell through `_cell`."""
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)  # OWASP CSV injection: formula cells neutralised, numbers bare
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def money_by_kind(funding: list[dict]) -> dict:
    """The flat per-kind money columns of one feature (`codebook.MONEY_COLUMNS`): kinds are never added together.

    Examples
    --------
    >>> cols = money_by_kind([{"flow": "indicator", "amount": 112.2e9, "currency": "USD", "amount_usd": 112.2e9, "fx_date": "2024-07-31",
    ...                        "instrument": "trade turnover"}])
    >>> cols["indicator_usd"], cols["indicator_items"], cols["finance_items"], cols["finance_usd"]
    (112200000000.0, 1, 0, None)
    """
    out = {}
    for flow in FLOWS:
        items = [f for f in funding if amounts.flow_of(f) == flow]
        stated = [f for f in items if _plain(f.get("amount")) is not None]
        currencies = sorted({f["currency"] for f in stated})
        converted = sorted({f["fx_date"] for f in stated if _plain(f.get("amount_usd")) is not None and f.get("fx_date")})
        out[f"{flow}_items"] = len(items)
        out[f"{flow}_amount"] = sum(f["amount"] for f in stated) if len(currencies) == 1 else None
        out[f"{flow}_currency"] = currencies[0] if len(currencies) == 1 else ("mixed" if currencies else None)
        out[f"{flow}_usd"] = amounts.usd_total(items, flow)
        out[f"{flow}_fx_date"] = converted[0] if len(converted) == 1 else None
        out[f"{flow}_instrument"] = "; ".join(dict.fromkeys(f["instrument"] for f in items)) or None
    return out


def _anchor(geometry) -> tuple[float | None, float | None]:
    if geometry is None or geometry.is_empty:
        return None, None
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    return round(point.x, 6), round(point.y, 6)


def flat_rows(features: gpd.GeoDataFrame) -> list[dict]:
    """One dict per feature with the flat CSV's columns (`codebook.FLAT`)."""
    rows = []
    for row in features.to_dict("records"):
        first = row["sources"][0] if row["sources"] else {}
        lon, lat = _anchor(row["geometry"])
        flat = {name: row.get(name) for name in ("id", "name", "kind", "category", "partners", "partner_names", "status", "status_text")}
        flat.update({name: row.get(name) for name in ("date_start", "date_end", "date_precision", "date_text")})
        flat.update(money_by_kind(row["funding"]))
        flat["figures"] = "; ".join(f"{f['value']} {f['label']}" for f in row.get("figures") or []) or None
        flat.update(
            source_article=first.get("article"),
            source_label=detail.source_label(first) if first else None,
            source_quote=first.get("quote"),
            source_start=first.get("start"),
            source_end=first.get("end"),
            sources_count=len(row["sources"]),
            places="; ".join(row["places"]),
        )
        flat.update({name: row.get(name) for name in ("precision", "precision_label", "location_reach", "geocoder", "placement", "note")})
        flat.update(lon=lon, lat=lat, geometry=row["geometry"].wkt if row["geometry"] is not None else None)
        rows.append(flat)
    return rows


def amount_rows(features: gpd.GeoDataFrame) -> list[dict]:
    """One dict per amount (every funding item of every feature) with the amounts CSV's columns (`codebook.AMOUNTS`)."""
    rows = []
    for fid, name, partners, funding in zip(features["id"], features["name"], features["partners"], features["funding"], strict=True):
        for f in amounts.labelled_order(funding):
            flow = amounts.flow_of(f)
            rows.append(
                {
                    "feature_id": fid,
                    "feature_name": name,
                    "partners": list(partners),
                    "flow": flow,
                    "flow_label": LABELS.get(flow),
                    **{k: f.get(k) for k in ("amount", "currency", "amount_usd", "fx_rate", "fx_date", "fx_note", "instrument", "terms", "text")},
                    "date_start": f.get("date_start"),
                    "date_end": f.get("date_end"),
                    "period": amounts.period(f.get("date_start"), f.get("date_end")) or None,
                    "article": f.get("article"),
                    "quote": f.get("quote"),
                    "quote_start": f.get("start"),
                    "quote_end": f.get("end"),
                }
            )
    return rows


def csv_bytes(features: gpd.GeoDataFrame) -> bytes:
    """The flat CSV: one row per feature, partners as codes, money per kind in numeric columns, the first source's quote and offsets."""
    header = list(codebook.FLAT)
    return _csv(header, ([r[n] for n in header] for r in flat_rows(features)))


def amounts_csv_bytes(features: gpd.GeoDataFrame) -> bytes:
    """The long CSV: one row per amount, with its kind, rate and quote."""
    header = list(codebook.AMOUNTS)
    return _csv(header, ([r[n] for n in header] for r in amount_rows(features)))


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files`, deterministic (fixed timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_bytes(features: gpd.GeoDataFrame, stem: str = PREFIX) -> bytes:
    """The flat CSV, the amounts CSV and their `datapackage.json` (Frictionless) in one zip."""
    flat, long = f"{stem}.csv", f"{stem}_amounts.csv"
    package = codebook.datapackage(flat, long)
    return _zip(
        {
            flat: csv_bytes(features),
            long: amounts_csv_bytes(features),
            "datapackage.json": json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8"),
        }
    )


# --- GeoPackage ----------------------------------------------------------------------------

GPKG_FIELDS = {**codebook.GEOJSON, **codebook.money_fields()}


def flat_frame(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features with nested fields as JSON text and the per-kind money columns, for the GeoPackage layers."""
    flat = features[PROPERTIES + ["geometry"]].copy()
    for name in NESTED:
        flat[name] = flat[name].apply(lambda v: json.dumps(v, ensure_ascii=False))
    money = pd.DataFrame([money_by_kind(f) for f in features["funding"]], index=features.index, columns=list(codebook.money_fields()))
    for name in money.columns:
        flat[name] = money[name].astype("float64") if name.endswith(("_amount", "_usd")) else money[name]
    return flat[PROPERTIES + list(money.columns) + ["geometry"]]


def _codebook_table() -> pd.DataFrame:
    layers = [("points, lines, polygons", GPKG_FIELDS), ("amounts", codebook.AMOUNTS)]
    rows = [{"layer": layer, "field": name, "type": kind, "description": text} for layer, fields in layers for name, (kind, text) in fields.items()]
    return pd.DataFrame(rows, columns=["layer", "field", "type", "description"])


def gpkg_bytes(features: gpd.GeoDataFrame) -> bytes:
    """A GeoPackage (pyogrio): one layer per geometry type (points, lines, polygons: each typed, never "Unknown"),
    a multi type only where a layer mixes single and multi parts, plus the tables ``amounts`` and ``codebook``."""
    flat = flat_frame(features)
    types = flat.geometry.geom_type
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "features.gpkg"
        written = 0
        for layer, family in GEOMETRY_LAYERS.items():
            part = flat[types.isin(family).to_numpy()]
            if part.empty:
                continue
            promote = part.geometry.geom_type.nunique() > 1
            pyogrio.write_dataframe(part, path, layer=layer, driver="GPKG", promote_to_multi=promote)
            written += len(part)
        if written != len(flat):
            other = sorted(set(types) - {t for f in GEOMETRY_LAYERS.values() for t in f})
            raise ValueError(f"cannot write geometry types {', '.join(map(str, other))} to the GeoPackage's layers")
        if not len(flat):
            pyogrio.write_dataframe(flat, path, layer="points", driver="GPKG", geometry_type="Point")
        long = pd.DataFrame(amount_rows(features), columns=list(codebook.AMOUNTS))
        long["partners"] = long["partners"].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        pyogrio.write_dataframe(long, path, layer="amounts", driver="GPKG")
        pyogrio.write_dataframe(_codebook_table(), path, layer="codebook", driver="GPKG")
        return path.read_bytes()


# --- one entry point for the app and the CLI -------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", anyascii(text)).strip("-")[:40]


def file_name(view=None, fmt: str = "geojson", today: dt.date | None = None) -> str:
    """The download's file name, carrying the filter that made it: ``vn-diplomacy_JPN_metro_2026-11-23.geojson``.

    Examples
    --------
    >>> from layers.filters import View
    >>> day = dt.date(2026, 11, 23)
    >>> file_name(View(partners=("JPN",), categories=("metro",)), "geojson", day)
    'vn-diplomacy_JPN_metro_2026-11-23.geojson'
    >>> file_name(View(), "zip", day), file_name(View(partners=()), "csv", day)
    ('vn-diplomacy_all_2026-11-23.zip', 'vn-diplomacy_no-partner_2026-11-23.csv')
    >>> file_name(View(kinds=("visit",), reported_from=dt.date(2023, 12, 1), search="Hà Nội"), "gpkg", day)
    'vn-diplomacy_visit_from-2023-12-01_search-Ha-Noi_2026-11-23.gpkg'
    """
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    parts = []
    if view is not None:
        if view.partners is not None:
            parts.append("-".join(_slug(p) for p in view.partners) or "no-partner")
        parts += ["-".join(_slug(v) for v in values) for values in (view.categories, view.kinds) if values]
        if view.reported_from:
            parts.append(f"from-{view.reported_from.isoformat()}")
        if view.reported_to:
            parts.append(f"to-{view.reported_to.isoformat()}")
        if view.search.strip() and _slug(view.search):
            parts.append(f"search-{_slug(view.search)}")
    stamp = (today or dt.date.today()).isoformat()
    return "_".join([PREFIX, *(parts or ["all"]), stamp]) + SUFFIXES[fmt]


# The dashboard's download buttons: (label, format, of the view or of everything).
DOWNLOADS = (
    ("GeoJSON (in view)", "geojson", "view"),
    ("GeoJSON (all)", "geojson", "all"),
    ("GeoPackage (in view)", "gpkg", "view"),
    ("CSV + amounts + codebook (in view, zip)", "zip", "view"),
)


def export_bytes(features: gpd.GeoDataFrame, fmt: str = "geojson", stem: str = PREFIX) -> bytes:
    """The features in `fmt` (geojson, gpkg, csv, amounts-csv or zip); `stem` names the files inside a zip."""
    writers = {"geojson": geojson_bytes, "gpkg": gpkg_bytes, "csv": csv_bytes, "amounts-csv": amounts_csv_bytes, "zip": lambda f: zip_bytes(f, stem)}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    return writers[fmt](features)


def download(features: gpd.GeoDataFrame, view=None, fmt: str = "geojson", today: dt.date | None = None) -> tuple[bytes, str, str]:
    """(bytes, file name, media type) of the features in view: what a download button and the CLI write."""
    name = file_name(view, fmt, today)
    return export_bytes(features, fmt, stem=name.removesuffix(SUFFIXES[fmt])), name, MEDIA_TYPES[fmt]
