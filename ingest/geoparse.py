"""Geoparse a new article into place, money, date and partner mentions and candidate catalog entries.

Nothing here writes the catalog: candidates are proposals with their evidence
sentence, for a reviewer to accept (seeds.store.append_entries), edit or reject.
The CLI (`python -m layers ingest`) and the dashboard's "Add article" page call
`ingest()` and `ingest.reading.read_article()`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from geo.gazetteer import default_gazetteer
from ingest.candidates import candidates, place_countries, without_place_names
from ingest.communes import find_communes
from ingest.facilities import find_facilities, lower_facility_runs, place_facility, route_ends
from ingest.mentions import default_matcher, fold_text, name_key
from ingest.people import people
from ingest.sentences import sentences
from ingest.traps import author_spans, trap
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
    amount_high: int | float | None = None  # the top of a range ("$1–1.5 billion")
    qualifier: str | None = None  # "about", "nearly", "over"… written before the amount
    aside_of: int | None = None  # index of the amount this USD figure restates ("VND43.7 trillion ($1.72 billion)")


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


# Between an amount and its USD restatement: "VND43.7 trillion ($1.72 billion)", "¥63.6 billion, or about $430 million".
_ASIDE = re.compile(r"\s*[(,–—-]?\s*(?:or\s+)?(?:(?:about|around|roughly|nearly|some|approximately|almost|over|equivalent to|worth)\s+)?")
FOREIGN_TOWN = 100_000  # population under which a foreign GeoNames town opening a sentence is taken for an ordinary word


def _ordinary_word(place, mention, story: tuple[str, ...]) -> bool:
    """A capitalised sentence opener that is also the name of a small town far from the story ("Much of it…")."""
    return place.country not in story and place.population < FOREIGN_TOWN


DEMONYMS = frozenset(w for code in countries.MENTIONS for w in countries.mention_words(code) if w.endswith(("ese", "ian", "ish", "can", "ean", "ai", "man")))


def _region_over_town(resolution):
    """A continent's or world region's name is that region ("elsewhere in Asia"), not a small town named like it (Asia,
    Philippines) that the story's countries happened to favour."""
    place = resolution.place
    region = next((c for c in resolution.candidates if c.vague and c.name == place.name), None)
    return region if region is not None and not place.vague and place.feature_class.startswith("P.") and place.population < FOREIGN_TOWN else place


def _foreign_town(place) -> bool:
    return place.feature_class.startswith("P.") and place.feature_class != "P.PPLC" and place.country not in (None, "VN")


def _sentence(spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    return next(((a, b) for a, b in spans if a <= at < b), (at, at))


def _in_currency(text: str, mention, amounts: list) -> bool:
    """A place name inside an amount ("1.87 billion U.S. dollars") or a currency's name ("paid in Singapore dollars") is no place."""
    if any(a.start <= mention.start and mention.end <= a.end for a in amounts):
        return True
    unit = re.match(r"\s+(\w+)", text[mention.end : mention.end + 20])
    return bool(unit) and f"{mention.text} {unit.group(1)}".lower() in money.CURRENCY_WORDS


def _facilities_first(text: str, mentions: list) -> tuple[list, list]:
    """Named facilities ("Cao Lanh Bridge") and the place mentions left once the names inside them are taken: a
    gazetteer name that holds a whole facility ("Long Thanh International Airport") keeps it; one inside a facility's
    name, or in part of the name before a lower-case head ("Trang" of "the Trang Bom industrial park"), is dropped."""
    facilities = [
        f
        for f in find_facilities(text)
        if not any(m.start < f.end and f.start < m.end and (m.end == f.end or not f.start <= m.start) for m in mentions)  # the gazetteer holds it
    ]
    runs = lower_facility_runs(text)
    kept = [
        m
        for m in mentions
        if not any(f.start <= m.start and m.end <= f.end for f in facilities)
        and not any(a <= m.start and m.end <= b and (m.start, m.end) != (a, b) for a, b in runs)
    ]
    return facilities, kept


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
    bio = author_spans(text)
    spans = sentences(text)

    folded = fold_text(text)  # one same-length folding shared by the place, money and date scans
    # Places: resolve with the article's countries, unambiguous names steering the rest.
    starts = {start for start, _ in spans}
    # A lone capitalised word opening a sentence ("Much of it…") may be a foreign town's name: it does not set the story.
    found_money = money.find_money(text, folded)
    mentions = [m for m in matcher.find(text, folded) if not _in_currency(text, m, found_money)]
    facilities, mentions = _facilities_first(text, mentions)
    towns = {m.text for m in mentions if all(_foreign_town(gazetteer.places[k]) for k in m.keys)}
    persons = people(text, mentions, towns)  # "President Barack Obama" … "Obama said": a person, not the town Obama
    # a country's demonym ("a Thai billionaire") is its adjective, not a foreign town named like it (Thai, Malaysia)
    mentions = [m for m in mentions if (m.start, m.end) not in persons and not (m.text in towns and m.text in DEMONYMS)]
    openers = {m.start for m in mentions if m.start in starts and " " not in m.text and all(k.startswith("geonames:") for k in m.keys)}
    steering = [m for m in mentions if m.start not in openers]
    story = tuple(dict.fromkeys(gazetteer.places[m.keys[0]].country for m in steering if len(m.keys) == 1 and gazetteer.places[m.keys[0]].country))
    near = tuple(gazetteer.places[m.keys[0]].point for m in steering if len(m.keys) == 1)[:50]
    counts: dict[str, int] = {}
    resolutions: dict[str, object] = {}  # one resolution per name: the places list, the candidates and their markers agree
    for m in mentions:
        key = name_key(m.means or m.text)
        resolution = resolutions.get(key) or gazetteer.resolve(m.means or m.text, story, near)
        resolutions[key] = resolution
        place = _region_over_town(resolution)
        if m.start in openers and _ordinary_word(place, m, story):
            continue
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
    placed = [(f, *where) for f in facilities if (where := place_facility(f, text, result.places, _sentence(spans, f.start), gazetteer, story, near))]
    for f, place, why in placed + route_ends(text, spans, result.places, gazetteer, [f for f, _, _ in placed]):  # named infrastructure, the ends of a line
        reason = next(("biography: in the author's biography" for a, b in bio if a <= f.start < b), None)
        point = place.point
        out = PlaceOut(f.text, f.start, f.end, f.text, round(point.y, 6), round(point.x, 6), place.key, place.country, reason is None, reason, choice=why)
        result.places.append(out)
        counts[place.key] = counts.get(place.key, 0) + 1
    for start, end, place in find_communes(text, spans, [(p.start, p.end) for p in result.places]):  # "Phuoc Dinh commune"
        gazetteer.places.setdefault(place.key, place)  # by key only: candidates locate it; the name index stays as built
        reason = next(("biography: in the author's biography" for a, b in bio if a <= start < b), None)
        point = place.point
        result.places.append(PlaceOut(text[start:end], start, end, place.name, round(point.y, 6), round(point.x, 6), place.key, "VN", reason is None, reason))
        counts[place.key] = counts.get(place.key, 0) + 1
    # One mention per stretch of text: a name found inside a longer one ("Red River" of "Red River Delta") is dropped.
    taken = {(p.start, p.end) for p in result.places}
    inside = {id(p) for p in result.places if any(a <= p.start and p.end <= b and (a, b) != (p.start, p.end) for a, b in taken)}
    for p in result.places:
        counts[p.gazetteer_id] -= id(p) in inside
    result.places = sorted((p for p in result.places if id(p) not in inside), key=lambda p: p.start)
    lead = spans[0][1] if spans else 0
    for p in result.places:  # focus: named often, or early, and not a trap
        if p.is_feature and (counts[p.gazetteer_id] >= 2 or p.start <= max(lead, len(text) // 5)):
            p.focus = "about"

    for m in found_money:
        usd = fx.to_usd(m.amount, m.currency, day)
        high = None if m.amount_high is None else money.Money(m.text, m.start, m.end, m.amount_high, m.currency).amount_number
        out = MoneyOut(m.text, m.start, m.end, m.amount_number, m.currency, usd.amount_usd, usd.fx_date.isoformat() if usd.fx_date else None, usd.note)
        out.amount_high, out.qualifier = high, m.qualifier
        previous = result.money[-1] if result.money else None
        if previous and m.currency == "USD" and previous.currency != "USD" and _ASIDE.fullmatch(text, previous.end, m.start):
            out.aside_of = len(result.money) - 1
        result.money.append(out)
    for d in dates.find_dates(text, day, folded):
        result.dates.append(DateOut(d.text, d.start, d.end, d.date_start, d.date_end, d.precision))

    scrubbed = without_place_names(text, result.places, money=result.money)
    codes = countries.named_in(scrubbed, list(dict.fromkeys([*countries.MENTIONS, *place_countries(result.places)])))
    for code in codes:
        pattern = countries.mention_pattern(code)
        result.partners.append({"code": code, "name": countries.display_name(code), "mentions": len(pattern.findall(text)), "home": code == countries.HOME})

    result.candidates = candidates(text, spans, result, article, known_articles or {}, gazetteer)
    return result


