"""Coverage: which place and money mentions of each article the catalog covers.

A place mention is covered as a `feature` (a feature citing the article is
drawn there), as `context` (it stands inside an evidence quote of a feature),
as a `partner` (a country that is a partner of a feature citing the article),
as an `actor` (a country named as the one acting, which the geoparser itself
does not take for a place), or as a `trap` (deliberately not a feature: metonym, biography, vague region).
A money mention is covered when a catalog funding quotes it. Anything else is
`uncovered`: story-relevant text the catalog does not yet hold.
"""

from __future__ import annotations

import geopandas as gpd

from ingest import IngestResult, ingest
from seeds import countries


def article_coverage(article_id: str, result: IngestResult, features: gpd.GeoDataFrame) -> dict:
    citing = features[features["articles"].apply(lambda a: article_id in a)]
    ids = {g for gs in citing["gazetteer_id"] for g in gs}
    partners = {p for ps in citing["partners"] for p in ps} | {countries.HOME}
    quotes = [(s["start"], s["end"], row_id) for row_id, srcs in zip(citing["id"], citing["sources"], strict=True) for s in srcs if s["article"] == article_id]
    funding = [(f["text"], f["quote"]) for fs in citing["funding"] for f in fs if f["article"] == article_id]
    places = []
    for p in result.places:
        inside = next((fid for start, end, fid in quotes if start <= p.start and p.end <= end), None)
        alpha3 = _alpha3(p.country)
        if p.reason and not p.reason.startswith("actor"):
            status = f"trap ({p.reason.split(':')[0]})"
        elif p.gazetteer_id in ids:
            status = "feature"
        elif alpha3 and alpha3 in partners and p.gazetteer_id.startswith(("naturalearth:", "supplement:country-")):
            status = "partner"
        elif inside:
            status = f"context of {inside}"
        elif p.reason:
            status = "actor"  # a country acting ("China views Vietnam…"), not a place
        else:
            status = "uncovered"
        places.append({"text": p.text, "start": p.start, "end": p.end, "gazetteer_id": p.gazetteer_id, "status": status})
    money = []
    for m in result.money:
        quoted = any(m.text == text for text, _quote in funding)
        money.append({"text": m.text, "start": m.start, "end": m.end, "status": "feature" if quoted else "uncovered"})
    return {"article": article_id, "places": places, "money": money}


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    try:
        return countries.country(alpha2).alpha_3
    except countries.UnknownCountry:
        return None


def coverage(articles: dict, features: gpd.GeoDataFrame) -> list[dict]:
    """The coverage of every article."""
    return [article_coverage(aid, ingest(a.text, published=a.published, article_id=aid), features) for aid, a in articles.items()]


def summary_rows(report: list[dict]) -> list[dict]:
    """One row per article: mentions found and how they are covered."""
    rows = []
    for item in report:
        statuses = [p["status"].split(" ")[0] for p in item["places"]]
        rows.append(
            {
                "article": item["article"],
                "places": len(statuses),
                "feature": statuses.count("feature"),
                "partner": statuses.count("partner"),
                "context": statuses.count("context"),
                "actor": statuses.count("actor"),
                "trap": statuses.count("trap"),
                "uncovered places": statuses.count("uncovered"),
                "money": len(item["money"]),
                "uncovered money": sum(m["status"] == "uncovered" for m in item["money"]),
            }
        )
    return rows
