"""Geoparse a new article into place, money, date and partner mentions and candidate catalog entries.

Nothing here writes the catalog: candidates are proposals with their evidence
sentence, for a reviewer to accept (seeds.store.append_entries), edit or reject.
The CLI (`python -m layers ingest`) and the dashboard's "Add article" page call
`ingest()` and `ingest.reading.read_article()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from geo.gazetteer import default_gazetteer
from ingest.candidates import candidates, place_countries, without_place_names
from ingest.mentions import default_matcher, fold_text
from ingest.sentences import sentences
from ingest.traps import biography_start, trap
from seeds import countries, dates, fx, money
from seeds.schema import Article


@dataclass
class PlaceOut:
    text: str
    start: int
    end: int
    name: str
    lat: float
    lon: float
    gazetteer_id: str
    country: str | None
    is_feature: bool
    reason: str | None
    focus: str = "mentioned"
    choice: str | None = None


@dataclass
class MoneyOut:
    text: str
    start: int
    end: int
    amount: int | float
    currency: str
    amount_usd: float | None
    fx_date: str | None
    fx_note: str | None


@dataclass
class DateOut:
    text: str
    start: int
    end: int
    date_start: str
    date_end: str | None
    precision: str


@dataclass
class IngestResult:
    article: dict
    places: list[PlaceOut] = field(default_factory=list)
    money: list[MoneyOut] = field(default_factory=list)
    dates: list[DateOut] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "article": self.article,
            "places": [asdict(p) for p in self.places],
            "money": [asdict(m) for m in self.money],
            "dates": [asdict(d) for d in self.dates],
            "partners": self.partners,
            "candidates": self.candidates,
            "warnings": self.warnings,
        }


UNKNOWN_DATE = "unknown: the text states no full date; give the publication date"


def article_date(text: str, given: dt.date | None, today: dt.date | None = None) -> tuple[dt.date | None, str, list[str]]:
    """(date, date_basis, date_evidence): the given date, else the first full date the text states, else
    (None, UNKNOWN_DATE, []): never today in silence; the page and the CLI then ask for the date."""
    if given:
        return given, "given: by the person who added the article", []
    for mention in dates.find_dates(text, today or dt.date.today()):
        if mention.explicit and mention.precision == "day" and mention.date_end is None:
            day = dt.date.fromisoformat(mention.date_start)
            basis = "stated" if day.isoformat() in text else f"inferred: the first full date the text states, {mention.text!r}"
            return day, basis, ([] if basis == "stated" else [mention.text])
    return None, UNKNOWN_DATE, []


def ingest(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    article_id: str = "new-article",
    known_articles: dict | None = None,
    today: dt.date | None = None,
) -> IngestResult:
    """Geoparse `text`: place, money, date and partner mentions, and candidate catalog entries with their sentences."""
    gazetteer, matcher = default_gazetteer(), default_matcher()
    day, basis, evidence = article_date(text, published, today)
    known_day = day
    day = day or today or dt.date.today()  # only the reference for relative dates and FX rates; the result says unknown
    provisional = "given: provisional" if known_day is None else basis
    article = Article(id=article_id, given_title=title, published=day, date_basis=provisional, date_evidence=evidence, text=text)
    result = IngestResult(
        article={
            "id": article_id,
            "title": article.title,
            "given_title": title,
            "published": known_day.isoformat() if known_day else None,
            "date_basis": basis,
            "date_evidence": evidence[0] if evidence else None,
            "chars": len(text),
        }
    )
    if known_day is None:
        result.warnings.append(f"The text states no full date: relative dates and exchange rates use {day} until you give the publication date.")
    bio = biography_start(text)
    spans = sentences(text)

    folded = fold_text(text)  # one same-length folding shared by the place, money and date scans
    # Places: resolve with the article's countries, unambiguous names steering the rest.
    mentions = matcher.find(text, folded)
    story = tuple(dict.fromkeys(gazetteer.places[m.keys[0]].country for m in mentions if len(m.keys) == 1 and gazetteer.places[m.keys[0]].country))
    near = tuple(gazetteer.places[m.keys[0]].point for m in mentions if len(m.keys) == 1)[:50]
    counts: dict[str, int] = {}
    for m in mentions:
        resolution = gazetteer.resolve(m.text, story, near)
        place = resolution.place
        reason = trap(place, text, m.start, m.end, bio)
        point = place.point
        result.places.append(
            PlaceOut(
                m.text,
                m.start,
                m.end,
                place.name,
                round(point.y, 6),
                round(point.x, 6),
                place.key,
                place.country,
                reason is None,
                reason,
                choice=resolution.reason if len(resolution.candidates) > 1 else None,
            )
        )
        counts[place.key] = counts.get(place.key, 0) + 1
    lead = spans[0][1] if spans else 0
    for p in result.places:  # focus: named often, or early, and not a trap
        if p.is_feature and (counts[p.gazetteer_id] >= 2 or p.start <= max(lead, len(text) // 5)):
            p.focus = "about"

    for m in money.find_money(text, folded):
        usd = fx.to_usd(m.amount, m.currency, day)
        result.money.append(
            MoneyOut(m.text, m.start, m.end, m.amount_number, m.currency, usd.amount_usd, usd.fx_date.isoformat() if usd.fx_date else None, usd.note)
        )
    for d in dates.find_dates(text, day, folded):
        result.dates.append(DateOut(d.text, d.start, d.end, d.date_start, d.date_end, d.precision))

    codes = countries.named_in(without_place_names(text, result.places), list(dict.fromkeys([*countries.MENTIONS, *place_countries(result.places)])))
    for code in codes:
        pattern = countries.mention_pattern(code)
        result.partners.append({"code": code, "name": countries.display_name(code), "mentions": len(pattern.findall(text)), "home": code == countries.HOME})

    result.candidates = candidates(text, spans, result, article, known_articles or {}, gazetteer)
    return result


