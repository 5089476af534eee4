"""Geoparse a new article into place, money, date and partner mentions and candidate catalog entries.

Nothing here writes the catalog: candidates are proposals with their evidence
sentence, for a reviewer to accept (seeds.store.append_entries), edit or reject.
The CLI (`python -m layers ingest`) and the dashboard's "Add article" page call
`ingest()` and `read_article()`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError
from shapely.geometry import mapping

import geo
import geo.geometry
from geo.gazetteer import Place, default_gazetteer
from geo.mentions import default_matcher, fold_text, name_key
from geo.precision import is_country
from seeds import countries, dates, fx, money
from seeds.schema import Article, Entry

MAX_BYTES = 2_000_000  # 2 MB of text: a long article is ~50 kB
SUFFIXES = (".txt", ".md", ".text", ".markdown")


class ArticleError(ValueError):
    """An article file that cannot be ingested; the message says why and what would work."""


def read_article(data: bytes, name: str = "article") -> str:
    """The text of an uploaded or read file: UTF-8 (a BOM is dropped), within MAX_BYTES, not binary, not empty."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for one article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{name}: UTF-16 text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data:
        raise ArticleError(f"{name}: this looks like a binary file, not text; save the article as plain text (.txt or .md)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{name}: not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); re-save it as UTF-8") from None
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return text


def read_article_file(path: Path | str) -> str:
    """`read_article` for a file on disk, with a clear message when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one article")
        return read_article(path.read_bytes(), str(path))
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read the file ({exc.strerror or exc})") from None


# --- sentences, biography, metonyms ------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"(]?[A-Z0-9])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, white space trimmed."""
    spans, at = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            out.append((start + lead, end - trail))
    return out


_BIO_CUE = re.compile(
    r"\b(graduat\w*|joined the|worked (?:in|at|for|as)|correspondent|studied|studying abroad|born in|his (?:major )?books|"
    r"her (?:major )?books|became a freelancer|is a (?:journalist|writer|researcher|professor|freelance)|specialist|enthusiast|"
    r"problem solver|fellow at|editor at|contributor)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\(?[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}\s*:\s*[A-Z][\w ]{2,30}\)?$")


def biography_start(text: str) -> int | None:
    """Where a trailing author biography begins (places there are not features), or None."""
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    start = None
    for offset, para in reversed(paragraphs):
        if offset < len(text) * 0.6:
            break
        if _BIO_CUE.search(para) or _BYLINE.match(para.strip()):
            start = offset
            continue
        break
    return start


_METONYM_AFTER = re.compile(
    r"^(?:[’']s\s+(?:concerns?|priority|position|policy|orientation|government|leadership|view|stance|influence|response|"
    r"regional|interests?|strategy|decision)\b|\s+(?:wants?|hopes?|says?|said|sees?|saw|has|have|had|is|was|will|would|should|"
    r"does|did|believes?|views?|fears?|worries|insists?|argues?|claims?|warn(?:s|ed)?|built|considers?|joined|seeks?|"
    r"sought|rejects?|rejected|accused|demands?|urged?|urges|responded|courts?|courted|pressures?|warns?)\b)"
)
_METONYM_BEFORE = re.compile(
    r"\b(?:unease in|concerns? in|relations with|ties with|priority for|pressure from|counter|against|alarm in|anger in|"
    r"criticism from|dialogue with|talks with|engagement with|balance between|courts?|courting|pressures?|urges?|warns?|backs?|"
    r"supports?)\s+$",
    re.IGNORECASE,
)
_VENUE_BEFORE = re.compile(r"\b(?:visit(?:ed|s|ing)?|visit to|trip to|in|into|to|at|from|across|throughout|inside)\s+$", re.IGNORECASE)


def trap(place: Place, text: str, start: int, end: int, bio: int | None) -> str | None:
    """Why a place mention is not a map feature, or None when it may be one."""
    if bio is not None and start >= bio:
        return "biography: in the author's biography"
    if place.vague:
        return "vague region: too broad to place"
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    located = re.search(r"\b(?:in|at|from|near|outside)\s+$", before, re.IGNORECASE)  # "analysts in Hanoi say": a place
    if place.feature_class == "P.PPLC" and ((_METONYM_AFTER.match(after) and not located) or _METONYM_BEFORE.search(before)):
        return "metonym: the capital stands for its government"
    if is_country(place) and (not _VENUE_BEFORE.search(before) or re.match(r"[’']s\b", after)):
        return "actor: the country acts; no place is meant"
    return None


# --- candidates ------------------------------------------------------------------------

# (label, kind, category, pattern): the first that matches a sentence decides.
CUES = [
    ("metro", "project", "metro", r"\bmetro\b"),
    ("railway", "project", "rail", r"\b(?:railways?|railroads?|rail|high-speed)\b"),
    ("energy", "project", "energy", r"\b(?:power plants?|gas|LNG|oil|energy|pipelines?|wind|solar|coal)\b"),
    ("port", "project", "port", r"\b(?:ports?|harbou?rs?|terminals?)\b"),
    ("scholarship", "project", "education", r"\b(?:scholarships?|university)\b"),
    ("summit", "summit", "diplomacy", r"\bsummits?\b"),
    ("talks", "meeting", "diplomacy", r"\b(?:talks|met with|meeting)\b"),
    ("visit", "visit", "diplomacy", r"\b(?:visit(?:ed|s)?|trip)\b"),
    ("agreement", "agreement", "diplomacy", r"\b(?:agreements?|memorand\w+|signed)\b"),
    ("partnership", "partnership", "diplomacy", r"\b(?:partnership|upgrad(?:e|ed|ing))\b"),
    ("trade", "economic_flow", "trade", r"\b(?:trade|turnover|exports?|imports?)\b"),
    ("investment", "economic_flow", "investment", r"\b(?:investments?|FDI|invest(?:ed|s)?)\b"),
    ("aid", "project", "aid", r"\b(?:aid|loans?|grants?|ODA|assistance)\b"),
    ("maritime", "area", "maritime", r"\b(?:sea|maritime|strait|coast guard|naval)\b"),
]
STATUS_CUES = [
    (r"\bsigned\b", "signed"),
    (r"\bagreed\b", "agreed"),
    (r"\bannounced\b", "announced"),
    (r"\bpledged\b", "pledged"),
    (r"\b(?:has|have) decided\b", "decided"),
    (r"\b(?:is|are) preparing\b|\bpreparing to\b", "in preparation"),
    (r"\bscheduled to\b", "scheduled"),
    (r"\bexpected to\b", "expected"),
    (r"\bunder construction\b", "under construction"),
    (r"\b(?:upgraded|elevated)\b", "upgraded"),
    (r"\bvisited\b|\bmade a (?:state |official )?visit\b", "took place"),
    (r"\bheld talks\b|\bmet with\b", "held"),
    (r"\breached\b|\breaching\b", "reached"),
    (r"\bplans? to\b|\bwill\b", "planned"),
    (r"\bdiscuss(?:ed|ions?)?\b", "discussed"),
]
INSTRUMENTS = [
    (r"\bODA\b|official development assistance|\bdevelopment\b", "development assistance (ODA)"),
    (r"\bloans?\b", "loan"),
    (r"\bgrants?\b", "grant"),
    (r"\baid\b", "aid"),
    (r"\bdirect investment|\bFDI\b", "foreign direct investment (FDI)"),
    (r"\binvest", "investment"),
    (r"\bturnover|\btrade\b|\bexports?\b|\bimports?\b", "trade turnover"),
]


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


def article_date(text: str, given: dt.date | None, today: dt.date | None = None) -> tuple[dt.date, str, list[str]]:
    """(date, date_basis, date_evidence): the given date, else the first full date the text states, else today."""
    if given:
        return given, "given: by the person who added the article", []
    for mention in dates.find_dates(text, today or dt.date.today()):
        if mention.explicit and mention.precision == "day" and mention.date_end is None:
            day = dt.date.fromisoformat(mention.date_start)
            basis = "stated" if day.isoformat() in text else f"inferred: the first full date the text states, {mention.text!r}"
            return day, basis, ([] if basis == "stated" else [mention.text])
    day = today or dt.date.today()
    return day, "given: the day it was added (the text states no full date)", []


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")[:60] or "feature"


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
    article = Article(id=article_id, given_title=title, published=day, date_basis=basis, date_evidence=evidence, text=text)
    result = IngestResult(
        article={
            "id": article_id,
            "title": article.title,
            "given_title": title,
            "published": day.isoformat(),
            "date_basis": basis,
            "date_evidence": evidence[0] if evidence else None,
            "chars": len(text),
        }
    )
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

    codes = countries.named_in(_without_place_names(text, result.places), list(dict.fromkeys([*countries.MENTIONS, *_place_countries(result.places)])))
    for code in codes:
        pattern = countries.mention_pattern(code)
        result.partners.append({"code": code, "name": countries.display_name(code), "mentions": len(pattern.findall(text)), "home": code == countries.HOME})

    result.candidates = _candidates(text, spans, result, article, known_articles or {}, gazetteer)
    return result


def _without_place_names(text: str, places: list[PlaceOut], offset: int = 0) -> str:
    """`text` with place names blanked, so "South China Sea" names no country; countries and capitals stay
    (they name their country) unless they stand in the author's biography."""
    gazetteer, chars = default_gazetteer(), list(text)
    for p in places:
        place = gazetteer.places.get(p.gazetteer_id)
        in_biography = bool(p.reason and p.reason.startswith("biography"))
        if place is None or (not in_biography and (is_country(place) or place.feature_class == "P.PPLC")):
            continue
        for i in range(max(p.start - offset, 0), min(p.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _place_countries(places: list[PlaceOut]) -> list[str]:
    out = []
    for p in places:
        if p.country:
            try:
                out.append(countries.country(p.country).alpha_3)
            except countries.UnknownCountry:
                continue
    return out


def _candidates(text, spans, result: IngestResult, article: Article, known: dict, gazetteer) -> list[dict]:
    out, used_ids = [], set()
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        places = [p for p in result.places if s_start <= p.start < s_end and p.is_feature]
        money_here = [m for m in result.money if s_start <= m.start < s_end]
        cue = next((c for c in CUES if re.search(c[3], sentence, re.IGNORECASE)), None)
        if not places or not (cue or money_here) or len(sentence) < 8:
            continue
        label, kind, category = (cue or ("funding", "project", "aid", ""))[:3]
        if kind == "area" and not all(_is_area(gazetteer, p) for p in places):
            kind = "place"  # "naval ties … at Cam Ranh": a maritime place, not a sea
        # A sea is context when a site is named ("port on the South China Sea"); so is a country when a city is.
        sites = [p for p in places if not _is_area(gazetteer, p)] or places
        sites = [p for p in sites if not is_country(gazetteer.places[p.gazetteer_id])] or sites
        if len(sites) > 1:
            sites = [p for p in sites if not p.gazetteer_id.endswith("country-vn")] or sites
        names = list(dict.fromkeys(p.name for p in sites))
        in_sentence = [p for p in result.places if s_start <= p.start < s_end]
        scrubbed = _without_place_names(sentence, in_sentence, s_start)
        partners = [c for c in countries.named_in(scrubbed, list(dict.fromkeys([*countries.MENTIONS, *_place_countries(places)]))) if c != countries.HOME]
        entry = {
            "id": "",
            "name": f"{label.title()} – {' – '.join(names)}",
            "kind": kind,
            "category": category,
            "partners": partners,
        }
        for pattern, value in STATUS_CUES:
            found = re.search(pattern, sentence)
            if found:
                entry["status"] = {"value": value, "text": found.group()}
                break
        when = [d for d in result.dates if s_start <= d.start < s_end]
        if when:
            entry["when"] = {"text": when[0].text}
        entry["places"] = names
        line = category in ("rail", "metro") and len(names) >= 2
        area = len(names) == 1 and gazetteer.resolve(names[0]).place.geometry.geom_type in ("Polygon", "MultiPolygon")
        entry["geometry_hint"] = "line" if line else "area" if area else "point"
        all_countries = all(is_country(gazetteer.places[p.gazetteer_id]) for p in places)
        entry["reach"] = "country" if kind == "economic_flow" or (kind == "project" and all_countries) else "site" if kind in ("project", "area") else "venue"
        if money_here:
            instrument = next((v for pat, v in INSTRUMENTS if re.search(pat, sentence, re.IGNORECASE)), "unspecified")
            entry["funding"] = [{"text": m.text, "instrument": instrument} for m in money_here]
        entry["evidence"] = [{"article": article.id, "quote": sentence}]
        base = _slug(f"{article.id.split('_')[0]} {label} {names[0]}")
        entry["id"] = next(f"{base}-{i}" if i else base for i in range(1000) if (f"{base}-{i}" if i else base) not in used_ids)
        used_ids.add(entry["id"])
        out.append({"entry": entry})
    return [_checked(entry, article, known, gazetteer) for entry in _merged(out)]


def _is_area(gazetteer, p: PlaceOut) -> bool:
    return gazetteer.places[p.gazetteer_id].geometry.geom_type in ("Polygon", "MultiPolygon")


def _merged(candidates: list[dict]) -> list[dict]:
    """One candidate per event: sentences proposing the same kind, places and partners are merged, evidence kept."""
    out: dict[tuple, dict] = {}
    for c in candidates:
        e = c["entry"]
        key = (e["kind"], e["category"], tuple(e["places"]), tuple(sorted(e["partners"])))
        if key not in out:
            out[key] = e
            continue
        first = out[key]
        first["evidence"].extend(ev for ev in e["evidence"] if ev not in first["evidence"])
        for name in ("status", "when"):
            if name not in first and name in e:
                first[name] = e[name]
        first.setdefault("funding", []).extend(f for f in e.get("funding", []) if f not in first.get("funding", []))
        if not first["funding"]:
            del first["funding"]
    return list(out.values())


def _checked(entry: dict, article: Article, known: dict, gazetteer) -> dict:
    """A candidate with its validation (against the article) and where it would be drawn."""
    candidate = {"id": entry["id"], "entry": entry, "valid": True, "problems": [], "geometry": None, "precision": None}
    try:
        Entry.model_validate(entry, context={"articles": {**known, article.id: article}})
    except ValidationError as exc:
        candidate["valid"] = False
        candidate["problems"] = [f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors(include_url=False)]
    story = tuple(dict.fromkeys([countries.country(p).alpha_2 for p in entry["partners"]] + ["VN"]))
    try:
        located = geo.locate(entry["places"], entry["geometry_hint"], entry["reach"], story, gazetteer)
        candidate["geometry"], candidate["precision"] = mapping(located.geometry), located.precision
    except (geo.UnknownPlace, geo.geometry.GeometryError) as exc:
        candidate["valid"] = False
        candidate["problems"].append(f"places: {exc}")
    return candidate
