"""The catalog and its geometries as one GeoDataFrame: the common currency of layers/.

Each row is a map feature with its sourced properties (funding, dates,
status, evidence quotes with offsets) and where and how precisely it is drawn.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import orjson

import geo
import geo.geocoder
import geo.geometry
import seeds
from geo.precision import describe
from layers import detail
from layers.partners import layer_keys, layer_name
from seeds import countries

COLUMNS = [
    "id",
    "name",
    "kind",
    "category",
    "partners",
    "partner_names",
    "layers",
    "status",
    "status_text",
    "status_history",
    "funding_summary",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "date_text",
    "funding",
    "figures",
    "sources",
    "articles",
    "reported_first",
    "reported_last",
    "places",
    "precision",
    "precision_label",
    "geocoder",
    "gazetteer_id",
    "geonames_id",
    "location_reach",
    "placement",
    "note",
    "geometry",
]


class PlaceError(ValueError):
    """A catalog entry whose places cannot be resolved or drawn; names the file, entry and field."""


def _iso2(alpha_3: str) -> str:
    return countries.country(alpha_3).alpha_2


def _funding(item: seeds.schema.Funding, articles: dict) -> dict:
    when = item.when
    return {
        "flow": item.flow,
        "amount": item.amount,
        "currency": item.currency,
        "amount_usd": item.amount_usd,
        "fx_rate": item.fx_rate,
        "fx_date": item.fx_date.isoformat() if item.fx_date else None,
        "fx_note": item.fx_note,
        "instrument": item.instrument,
        "terms": item.terms,
        "text": item.text,
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "article": item.source.article,
        "quote": item.source.quote,
        "start": item.source.start,
        "end": item.source.end,
    }


def _sources(entry: seeds.Entry, articles: dict) -> list[dict]:
    return [
        {
            "article": ev.article,
            "title": articles[ev.article].title,
            "headline": articles[ev.article].headline or articles[ev.article].given_title,
            "outlet": articles[ev.article].outlet,
            "published": articles[ev.article].published.isoformat(),
            "date_basis": articles[ev.article].date_basis_kind,
            "quote": ev.quote,
            "start": ev.start,
            "end": ev.end,
        }
        for ev in entry.evidence
    ]


def feature_row(entry: seeds.Entry, articles: dict, located: geo.Located) -> dict:
    """One GeoDataFrame row (a dict) for a catalog entry and where it is drawn."""
    when, status = entry.when, entry.status
    precision = max(located.precision, entry.precision or 0)  # the catalog may only make it coarser, with a note
    published = sorted(articles[ev.article].published.isoformat() for ev in entry.evidence)
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "category": entry.category,
        "partners": list(entry.partners),
        "partner_names": [layer_name(p) for p in entry.partners],
        "layers": layer_keys(entry.partners),
        "status": status.value if status else None,
        "status_text": status.text if status else None,
        "status_history": [
            {"value": s.value, "text": s.text, "article": s.article, "reported": s.reported.isoformat(), "quote": s.source.quote} for s in entry.status_history
        ],
        "date_start": when.start if when else None,
        "date_end": when.end if when else None,
        "date_precision": when.precision if when else None,
        "date_basis": when.basis if when else None,
        "date_text": when.text if when else None,
        "funding": [_funding(f, articles) for f in entry.funding],
        "funding_summary": "; ".join(detail.funding_lines([_funding(f, articles) for f in entry.funding])),
        "figures": [{"value": f.value, "label": f.label, "text": f.text, "article": f.source.article, "quote": f.source.quote} for f in entry.figures],
        "sources": _sources(entry, articles),
        "articles": sorted({ev.article for ev in entry.evidence}),
        "reported_first": published[0],
        "reported_last": published[-1],
        "places": list(entry.places),
        "precision": precision,
        "precision_label": describe(precision),
        "geocoder": located.method,
        "gazetteer_id": list(located.gazetteer_ids),
        "geonames_id": list(located.geonames_ids),
        "location_reach": entry.reach,
        "placement": "; ".join(located.choices) or None,
        "note": entry.note,
        "geometry": located.geometry,
    }


def build_features(catalog: seeds.Catalog, articles: dict, live: bool | None = False) -> gpd.GeoDataFrame:
    """All catalog entries located and sourced, in catalog order (EPSG:4326).

    Raises PlaceError naming the entry when a place cannot be resolved or drawn.
    """
    gazetteer = geo.default_gazetteer()
    live_geocoder = geo.geocoder.LiveGeocoder() if geo.geocoder.live_enabled(live) else None
    rows = []
    for entry in catalog:
        story = tuple(dict.fromkeys([_iso2(p) for p in entry.partners] + ["VN"]))
        try:
            located = geo.locate(entry.places, entry.geometry_hint, entry.reach, story, gazetteer, live_geocoder)
        except (geo.UnknownPlace, geo.geometry.GeometryError) as exc:
            raise PlaceError(f"{catalog.path}: entry {entry.id!r}, field 'places': {exc}") from exc
        rows.append(feature_row(entry, articles, located))
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs="EPSG:4326")


PREBUILT_ENV = "VNMAP_FEATURES"  # a GeoParquet file of built features to serve instead of the catalog (the benchmark's corpora)
NESTED = ["partners", "partner_names", "status_history", "layers", "funding", "figures", "sources", "articles", "places", "gazetteer_id", "geonames_id"]


class PrebuiltError(ValueError):
    """A prebuilt features file that is missing, not GeoParquet, or lacks the features' columns."""


def write_prebuilt(features: gpd.GeoDataFrame, path: Path | str) -> Path:
    """Write built features as GeoParquet; nested fields (lists of sources, funding…) travel as JSON text."""
    out = features[COLUMNS].copy()
    for column in NESTED:
        out[column] = out[column].map(lambda v: orjson.dumps(list(v) if v is not None else []).decode())
    out.to_parquet(path, index=False)
    return Path(path)


def read_prebuilt(path: Path | str) -> gpd.GeoDataFrame:
    """Read a GeoParquet file written by `write_prebuilt`; PrebuiltError says what is wrong with any other file.

    Parquet holds data only: unlike a pickle, reading it cannot run code.
    """
    where = f"{PREBUILT_ENV}={str(path)!r}"
    try:
        frame = gpd.read_parquet(path)
    except FileNotFoundError:
        raise PrebuiltError(f"{where}: no such file") from None
    except Exception as exc:  # pyarrow and geopandas raise many kinds for a file that is not GeoParquet
        raise PrebuiltError(f"{where}: not a GeoParquet file of features ({type(exc).__name__}: {exc})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise PrebuiltError(f"{where}: not a features file: missing columns {', '.join(missing)}")
    try:
        for column in NESTED:
            frame[column] = frame[column].map(orjson.loads)
    except (TypeError, orjson.JSONDecodeError) as exc:
        raise PrebuiltError(f"{where}: column {column!r} does not hold the JSON that write_prebuilt writes ({exc})") from None
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise PrebuiltError(f"{where}: geometries must be in EPSG:4326, not {frame.crs}")
    return frame[COLUMNS]


def load_features(
    catalog_path: Path | str | None = None, articles_path: Path | str | None = None, live: bool | None = False, prebuilt: Path | str | None = None
) -> gpd.GeoDataFrame:
    """Read the articles and catalog (defaults: seeds/) and build the features.

    `prebuilt` (or VNMAP_FEATURES) names a GeoParquet file of already built features, as
    `write_prebuilt` writes it (the benchmark's synthetic corpora); PrebuiltError for any other file.
    """
    if prebuilt:
        return read_prebuilt(prebuilt)
    articles = seeds.load_articles(articles_path or seeds.ARTICLES_FILE)
    catalog = seeds.load_catalog(catalog_path or seeds.CATALOG_FILE, articles=articles)
    return build_features(catalog, articles, live=live)


def partner_layers(features: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """One GeoDataFrame per layer key; a feature with several partners is in each of their layers."""
    keys = sorted({k for ks in features["layers"] for k in ks})
    return {k: features[features["layers"].apply(lambda ks, k=k: k in ks)] for k in keys}
