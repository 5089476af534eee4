"""The codebook of every exported field, as Frictionless Table Schemas (https://specs.frictionlessdata.io/table-schema/).

One description per field serves the GeoJSON properties, the flat CSV (one row
per feature), the amounts CSV (one row per amount) and the GeoPackage layers;
`datapackage()` is the `datapackage.json` that travels with every download.
"""

from __future__ import annotations

from seeds.flows import FLOWS, IATI_FLOW_TYPES, LABELS

ISO_PARTIAL = "ISO 8601 date at the precision the text gives (2024, 2024-07 or 2024-07-31)"

COMMON = {
    "id": ("string", "stable slug of the feature (its catalog id)"),
    "name": ("string", "a readable name"),
    "kind": ("string", "project, visit, summit, meeting, agreement, partnership, place, area or economic_flow"),
    "category": ("string", "rail, metro, energy, education, diplomacy, maritime, trade, investment, port or aid"),
    "status": ("string", "the status label"),
    "status_text": ("string", "the article's words that state the status (the newest report)"),
    "date_start": ("string", f"start of the feature's date or range: {ISO_PARTIAL}"),
    "date_end": ("string", f"end of the range, empty for a single date: {ISO_PARTIAL}"),
    "date_precision": ("string", "day, month or year"),
    "date_basis": ("string", "stated, or how the date was resolved against the article's date"),
    "date_text": ("string", "the article's words the date was read from"),
    "precision": ("integer", "IATI/AidData geographic precision code: 1 exact site ... 6 country-wide, 7 capital assumed, 8 seat of government"),
    "precision_label": ("string", "what the precision code means"),
    "geocoder": ("string", "gazetteer, live (Nominatim) or derived (a line or set built from several places)"),
    "location_reach": (
        "string",
        "site (where a project physically is), venue (where an event happened), region (a project placed only in a region) "
        "or country (a country-wide fact placed symbolically)",
    ),
    "placement": ("string", "how an ambiguous name was decided or a country placed, when that happened"),
    "note": ("string", "context from outside the articles, with its source: read it before quoting a figure"),
}

# The GeoJSON properties (nested fields are JSON arrays; in the GeoPackage they are JSON text).
GEOJSON = {
    **COMMON,
    "partners": ("array", "ISO 3166-1 alpha-3 codes of the foreign partners (Vietnam is implied)"),
    "partner_names": ("array", "English names of the partners"),
    "status_history": (
        "array",
        "where the articles report the status at different dates: {value, text, article, reported (the article's date), quote}, oldest first",
    ),
    "funding": (
        "array",
        "money items: {flow (finance, investment or indicator: never add two kinds), amount, currency (ISO 4217), amount_usd, "
        "fx_rate (USD per unit), fx_date, fx_note, instrument, terms, text, date_start, date_end, article, quote, start, end}; "
        "amount is null where the text states none",
    ),
    "figures": ("array", "stated counts that are not money: {value, label, text, article, quote}"),
    "sources": (
        "array",
        "the verbatim sentences: {article, title, headline, outlet, published, date_basis, quote, start, end}; "
        "start/end are character offsets in the article text, quote as stored (markup included)",
    ),
    "places": ("array", "the place names as the catalog gives them"),
    "gazetteer_id": ("array", "gazetteer rows used (geonames:1581130, supplement:haneda-airport)"),
    "geonames_id": ("array", "the GeoNames ids among them"),
}

MONEY_COLUMNS = {
    "items": ("integer", "how many amounts of this kind the feature has (the amounts CSV lists each)"),
    "amount": ("number", "sum of the original amounts of this kind, when all are in one currency; empty otherwise"),
    "currency": ("string", "ISO 4217 currency of that amount; 'mixed' when the amounts differ in currency"),
    "usd": ("number", "sum in US dollars of the amounts of this kind that have a USD value (ECB reference rates)"),
    "fx_date": ("date", "the ECB rate's date, when every amount of this kind was converted on one day"),
    "instrument": ("string", "the instruments, '; '-separated"),
}


def money_fields() -> dict:
    """The flat CSV's per-kind columns: finance_amount, investment_usd, indicator_fx_date..."""
    out = {}
    for flow in FLOWS:
        for suffix, (kind, text) in MONEY_COLUMNS.items():
            out[f"{flow}_{suffix}"] = (kind, f"{LABELS[flow]} (IATI flow type {IATI_FLOW_TYPES[flow]}): {text}")
    return out


FLAT = {
    **{k: COMMON[k] for k in ("id", "name", "kind", "category")},
    "partners": ("string", "ISO 3166-1 alpha-3 codes of the foreign partners, ';'-separated (JPN;USA)"),
    "partner_names": ("string", "their English names, ';'-separated"),
    **{k: COMMON[k] for k in ("status", "status_text", "date_start", "date_end", "date_precision", "date_text")},
    **money_fields(),
    "figures": ("string", "stated counts that are not money, '; '-separated (24 agreements on economics and investment)"),
    "source_article": ("string", "the first source's article id (its file stem in seeds/)"),
    "source_label": ("string", "that article's outlet and headline where the text gives them, else its date"),
    "source_quote": ("string", "the first source's verbatim sentence, as stored (markup included, so the offsets hold)"),
    "source_start": ("integer", "character offset where the quote starts in the article text"),
    "source_end": ("integer", "character offset where it ends (exclusive)"),
    "sources_count": ("integer", "how many quotes support the feature (all are in the GeoJSON and GeoPackage)"),
    "places": ("string", "the place names as the catalog gives them, '; '-separated"),
    **{k: COMMON[k] for k in ("precision", "precision_label", "location_reach", "geocoder", "placement", "note")},
    "lon": ("number", "longitude of a point on the feature (WGS 84; its point, or a point on its line or area)"),
    "lat": ("number", "latitude of that point (WGS 84)"),
    "geometry": ("string", "the whole geometry as WKT, WGS 84 longitude/latitude (EPSG:4326)"),
}

AMOUNTS = {
    "feature_id": ("string", "the feature's id (the features table's id)"),
    "feature_name": ("string", "the feature's name"),
    "partners": ("string", "ISO alpha-3 codes of the feature's partners, ';'-separated"),
    "flow": ("string", "finance (development finance: ODA, loans, grants), investment (FDI, capital pledges) or indicator (trade turnover, shares)"),
    "flow_label": ("string", "the kind in words; never add amounts of two kinds"),
    "amount": ("number", "the amount the text states, in its currency; empty where the text states none"),
    "currency": ("string", "ISO 4217 code"),
    "amount_usd": ("number", "the amount in US dollars at the ECB reference rate of fx_date"),
    "fx_rate": ("number", "US dollars per one unit of the currency"),
    "fx_date": ("date", "the rate's date: the amount's date (last day of its period), or the nearest earlier ECB business day"),
    "fx_note": ("string", "why there is no USD value, when there is none"),
    "instrument": ("string", "the instrument or measure (development assistance (ODA), grant, trade turnover...)"),
    "terms": ("string", "the quote's words for the terms of a loan or grant, where stated"),
    "text": ("string", "the words of the quote that state the amount"),
    "date_start": ("string", f"start of the amount's period: {ISO_PARTIAL}"),
    "date_end": ("string", f"end of the amount's period: {ISO_PARTIAL}"),
    "period": ("string", "the period in words (Jan–Jul 2024)"),
    "article": ("string", "the article id of the quote"),
    "quote": ("string", "the verbatim sentence that states the amount"),
    "quote_start": ("integer", "character offset where the quote starts in the article text"),
    "quote_end": ("integer", "character offset where it ends (exclusive)"),
}


def table_schema(fields: dict, names: list[str] | None = None, **extra) -> dict:
    """A Frictionless Table Schema of `names` (default: all of `fields`); an unknown name gets an empty description."""
    out = []
    for name in names or list(fields):
        kind, text = fields.get(name, ("string", ""))
        out.append({"name": name, "type": kind, "description": text})
    return {"fields": out, "missingValues": [""], **extra}


def datapackage(flat_path: str, amounts_path: str, flat_names: list[str] | None = None, created: str | None = None) -> dict:
    """The `datapackage.json` descriptor of the two CSV files (Frictionless Data Package)."""
    resource = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    return {
        "profile": "tabular-data-package",
        "name": "vn-diplomacy",
        "title": "Vietnam between China, Japan and the United States: sourced features and amounts",
        "description": "Every figure comes with the verbatim sentence of the article that states it. Amounts of different kinds "
        "(development finance, investment, economic indicators) must never be added together.",
        **({"created": created} if created else {}),
        "resources": [
            {"name": "features", "path": flat_path, **resource, "schema": table_schema(FLAT, flat_names, primaryKey="id")},
            {
                "name": "amounts",
                "path": amounts_path,
                **resource,
                "schema": table_schema(AMOUNTS, foreignKeys=[{"fields": "feature_id", "reference": {"resource": "features", "fields": "id"}}]),
            },
        ],
    }


def markdown_table(fields: dict) -> str:
    """The codebook as a Markdown table (README)."""
    rows = [f"| `{name}` | {kind} | {text.replace('|', '/')} |" for name, (kind, text) in fields.items()]
    return "\n".join(["| field | type | meaning |", "|---|---|---|", *rows])
