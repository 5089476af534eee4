"""The fact-check as a habit: catalog defects a reader would catch, found by code.

``python -m layers check`` prints one line per finding and exits 1 on any. The rules:

- ``area-on-land``: a sea or strait that covers land: over MAX_LAND_SHARE of its area on
  Natural Earth 1:10m land, or a GeoNames town of 15,000+ inside it.
- ``site-unnamed``: a ``site`` reach where no place of the entry is named in its quotes (by the
  gazetteer's names and aliases) and no ``site_source`` documents the site.
- ``site-is-region``: a ``site`` reach at a region or a country: a region is not a site.
- ``undated``: an event with no date whose passage (the paragraph of one of its quotes) states
  one, with no ``undated`` reason saying why that date does not carry to it.
- ``partner-unnamed``: a partner not named in the entry's own quotes: those its status, date,
  funding, figures or status history come from, and those naming one of its places (not a country).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geo import land
from geo.gazetteer import Gazetteer, default_gazetteer
from ingest.mentions import name_key
from seeds import Catalog, Entry, countries, dates

MAX_LAND_SHARE = 0.005
UNDATED_KINDS = ("place", "area")  # places and areas are not events: no date expected
REGION_CLASSES = ("L.RGN", "A.PCL", "A.ADM1")


@dataclass(frozen=True)
class Finding:
    rule: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.entry}: {self.message}"


def _named(names: list[str], text: str) -> bool:
    """Whether any of the names stands in `text` as whole words (ASCII-folded, case and punctuation ignored)."""
    words = f" {name_key(text)} "
    return any(f" {key} " in words for key in map(name_key, names) if len(key) >= 3)


def _places(entry: Entry, gazetteer: Gazetteer) -> list:
    return [p for name in entry.places for p in gazetteer.candidates(name)[:1]]


def area_on_land(row) -> list[Finding]:
    if row.geometry.geom_type not in ("Polygon", "MultiPolygon") or row["kind"] != "area":
        return []
    found = []
    share = land.land_share(row.geometry)
    if share > MAX_LAND_SHARE:
        found.append(Finding("area-on-land", row["id"], f"{share:.2%} of its area is on 1:10m land (limit {MAX_LAND_SHARE:.1%})"))
    towns = land.towns_inside(row.geometry)
    if towns:
        found.append(Finding("area-on-land", row["id"], f"contains GeoNames towns of {land.MIN_POPULATION:,}+: {', '.join(towns[:8])}"))
    return found


def site_rules(entry: Entry, gazetteer: Gazetteer) -> list[Finding]:
    if entry.reach != "site":
        return []
    found = []
    places = _places(entry, gazetteer)
    regions = [p.name for p in places if p.feature_class.startswith(REGION_CLASSES)]
    if regions:
        message = f"reach 'site' at a region or country ({', '.join(regions)}): use reach 'region', 'venue' or 'country'"
        found.append(Finding("site-is-region", entry.id, message))
    names = [n for p in places for n in (p.name, *p.aliases)] + list(entry.places)
    if not entry.site_source and not _named(names, " ".join(ev.quote for ev in entry.evidence)):
        message = "reach 'site' but its quotes name none of its places: add site_source (the public source of the site) or a coarser reach"
        found.append(Finding("site-unnamed", entry.id, message))
    return found


def _paragraph(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]


def undated(entry: Entry, articles: dict) -> list[Finding]:
    if entry.when or entry.undated or entry.kind in UNDATED_KINDS:
        return []
    stated = []
    for ev in entry.evidence:
        article = articles[ev.article]
        stated += [f"{d.text!r} ({ev.article[:3]})" for d in dates.find_dates(_paragraph(article.text, ev.start, ev.end), article.date)]
    if not stated:
        return []
    return [Finding("undated", entry.id, f"no date, but its passage states {', '.join(dict.fromkeys(stated))}: add `when` from it or an `undated` reason")]


def own_quotes(entry: Entry, gazetteer: Gazetteer) -> list[str]:
    """The quotes about the entry: those its sourced fields come from and those naming one of its places (else the first)."""
    quotes = [item.source.quote for _field, item in entry.sourced_fields() if item.source is not None]
    # A country named in a quote does not make it about the entry: every quote here names Vietnam.
    places = [p for p in _places(entry, gazetteer) if not p.feature_class.startswith("A.PCL")]
    names = [n for p in places for n in (p.name, *p.aliases)]
    quotes += [ev.quote for ev in entry.evidence if _named(names, ev.quote)]
    return list(dict.fromkeys(quotes)) or [entry.evidence[0].quote]


def partner_unnamed(entry: Entry, gazetteer: Gazetteer) -> list[Finding]:
    quotes = own_quotes(entry, gazetteer)
    return [
        Finding("partner-unnamed", entry.id, f"partner {code} is not named in the quotes about the entry (its status, dates, money or places)")
        for code in entry.partners
        if not any(countries.mentions(q, code) for q in quotes)
    ]


def check(catalog: Catalog, articles: dict, features: gpd.GeoDataFrame, gazetteer: Gazetteer | None = None) -> list[Finding]:
    """Every finding of every rule, in catalog order."""
    gazetteer = gazetteer or default_gazetteer()
    rows = {row["id"]: row for _, row in features.iterrows()}
    found = []
    for entry in catalog:
        if entry.id in rows:
            found += area_on_land(rows[entry.id])
        found += site_rules(entry, gazetteer) + undated(entry, articles) + partner_unnamed(entry, gazetteer)
    return found
