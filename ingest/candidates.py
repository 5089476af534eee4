"""Candidate catalog entries: each sentence naming a feature place and an event or an amount becomes a proposed
entry, sentences about the same event are merged, and each is validated and located."""

from __future__ import annotations

import re

from pydantic import ValidationError
from shapely.geometry import mapping

import geo
import geo.geometry
from geo.gazetteer import default_gazetteer
from geo.precision import is_country
from ingest.home import background, takes_part, vietnamese_names
from ingest.mentions import name_key
from ingest.partners import in_passing
from ingest.roles import lead_countries, subject_country, with_a_role
from ingest.traps import PART_OF
from seeds import countries
from seeds.schema import Article, Entry

# (label, kind, category, pattern): the first that matches a sentence decides.
CUES = [
    ("metro", "project", "metro", r"\bmetro\b"),
    ("railway", "project", "rail", r"\b(?:railways?|railroads?|rail|high-speed)\b"),
    ("energy", "project", "energy", r"\b(?:power plants?|gas|LNG|oil|energy|pipelines?|wind|solar|coal|refiner(?:y|ies)|petrochemicals?|nuclear|hydropower)\b"),
    ("port", "project", "port", r"\b(?:ports?|harbou?rs?|terminals?)\b"),
    ("scholarship", "project", "education", r"\b(?:scholarships?|university)\b"),
    ("summit", "summit", "diplomacy", r"\bsummits?\b"),
    ("talks", "meeting", "diplomacy", r"\b(?:talks|met with|meeting)\b"),
    ("visit", "visit", "diplomacy", r"\b(?:visit(?:ed|s)?|trip)\b"),
    ("agreement", "agreement", "diplomacy", r"\b(?:agreements?|memorand\w+|signed)\b"),
    ("partnership", "partnership", "diplomacy", r"\b(?:partnership|upgrad(?:e|ed|ing))\b"),
    ("trade", "economic_flow", "trade", r"\b(?:trade|turnover|exports?|imports?)\b"),
    ("investment", "economic_flow", "investment", r"\b(?:investments?|FDI|invest(?:ed|s)?)\b"),
    ("aid", "project", "aid", r"\b(?:aid|loans?|grants?|ODA|assistance|(?:co-)?fund(?:s|ed|ing)|(?:co-)?financ(?:e|es|ed|ing))\b"),
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



def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")[:60] or "feature"


# Where something happens, not who does it: "speaking in Singapore", "talks in Tokyo".
_LOCATIVE = re.compile(rf"\b(?:in|at|inside|across|throughout|near|outside)\s+(?:the\s+)?{PART_OF}$", re.IGNORECASE)


def without_venues(text: str, places: list, offset: int = 0) -> str:
    """`text` with the countries and capitals blanked that are the place where something happens ("speaking in
    Singapore", "talks in Tokyo"): a venue, not a partner. A capital standing for its government is no feature and stays."""
    chars = list(text)
    for p in places:
        at = p.start - offset
        if p.is_feature and 0 <= at and _LOCATIVE.search(text[max(0, at - 20) : at]):
            chars[at : p.end - offset] = " " * (p.end - p.start)
    return "".join(chars)


def without_place_names(text: str, places: list, offset: int = 0, money: list = ()) -> str:
    """`text` with place names blanked, so "South China Sea" names no country; countries and capitals stay
    (they name their country) unless they stand in the author's biography. Amounts are blanked too: "US$" is a currency."""
    gazetteer, chars = default_gazetteer(), list(text)
    for m in money:
        for i in range(max(m.start - offset, 0), min(m.end - offset, len(chars))):
            chars[i] = " "
    for p in places:
        place = gazetteer.places.get(p.gazetteer_id)
        in_biography = bool(p.reason and p.reason.startswith("biography"))
        if place is None or (not in_biography and (is_country(place) or place.feature_class == "P.PPLC")):
            continue
        for i in range(max(p.start - offset, 0), min(p.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def place_countries(places: list) -> list[str]:
    out = []
    for p in places:
        if p.country:
            try:
                out.append(countries.country(p.country).alpha_3)
            except countries.UnknownCountry:
                continue
    return out


# A sentence going on about the thing an earlier one placed: "The coal-fired plant, …, is co-invested by …", "It will cost …".
_ANAPHOR = re.compile(r"(?:The|This|That|Its)\s+(?:[\w-]+\s+){0,3}?(?P<head>plant|project|bridge|port|line|railway|metro|airport|terminal|park|zone"
                      r"|complex|mall|expressway|road|dam|refinery|factory|block|field|station|deal|loan|agreement)\b|(?P<it>It)\b")
FOLLOW_SENTENCES = 3  # how many sentences back such a sentence's antecedent may stand


def _first_sentence_naming(text: str, acting_text: str, spans: list[tuple[int, int]], code: str) -> str | None:
    """The first sentence of `text` that names the country `code` other than in passing (`acting_text` is `text` with
    countries in passing blanked, offsets kept): the quote a partner taken from the article's subject is sourced by."""
    found = countries.mention_pattern(code).search(acting_text)
    if found is None:
        return None
    return next((text[a:b] for a, b in spans if a <= found.start() < b), None)


def _antecedent(sentence: str, index: int, placed: list[tuple[int, str, list]]) -> list:
    """The places of the earlier sentence `sentence` goes on about: its head noun is in that sentence ("The plant" after
    "the Hai Duong thermal power plant"), or, for "It", that sentence is the one just before."""
    m = _ANAPHOR.match(sentence)
    if m is None or not placed:
        return []
    at, before, places = placed[-1]
    if m["it"]:
        return places if at == index - 1 else []
    return places if index - at <= FOLLOW_SENTENCES and re.search(rf"\b{m['head']}s?\b", before, re.IGNORECASE) else []


def _acting(sentence: str, offset: int, places: list, money: list, codes: list[str]) -> str:
    """`sentence` (starting at `offset` in its text; `places` and `money` its mentions) as partners are read from it:
    place names, countries in passing and venues blanked."""
    return without_venues(in_passing(without_place_names(sentence, places, offset, money), codes), places, offset)


def candidates(text, spans, result, article: Article, known: dict, gazetteer) -> list[dict]:
    out, used_ids = [], {}  # id given -> the last suffix used for it as a base
    placed = []  # (sentence index, sentence, feature places) of the sentences that named feature places
    every_code = list(dict.fromkeys([*countries.MENTIONS, *place_countries(result.places)]))
    # countries named in passing ("after a stop in Tokyo", "exports to China") do not make an article's lead
    acting_text = in_passing(without_place_names(text, result.places, 0, result.money), every_code)
    leads = lead_countries(acting_text, every_code)
    subject = subject_country(acting_text, every_code)  # the one foreign country the article is about, if any
    subject_quote = _first_sentence_naming(text, acting_text, spans, subject) if subject else None
    people = vietnamese_names(text)  # a sentence naming one of them is an event Vietnam takes part in
    for index, (s_start, s_end) in enumerate(spans):
        sentence = text[s_start:s_end]
        places = [p for p in result.places if s_start <= p.start < s_end and p.is_feature]
        if places:
            placed.append((index, sentence, places))
        money_here = [m for m in result.money if s_start <= m.start < s_end]
        cue = next((c for c in CUES if re.search(c[3], sentence, re.IGNORECASE)), None)
        if not places and (cue or money_here):
            places = _antecedent(sentence, index, placed)
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
        classes = [gazetteer.places[p.gazetteer_id].feature_class for p in sites]
        if len(sites) > 1 and category not in ("rail", "metro") and any(c.startswith("S.") for c in classes):
            # A province or district is context when a site (airport, port, station) is named ("the airport in Dong Nai province");
            # a railway keeps every province it passes through.
            sites = [p for p in sites if not gazetteer.places[p.gazetteer_id].feature_class.startswith("A.ADM")] or sites
        resolved = {}  # name -> the gazetteer key its mention resolved to: the marker is drawn where the places list says
        for p in sites:
            resolved.setdefault(p.name, p.gazetteer_id)
        names = list(resolved)
        # every country the sentence names, a feature or not ("35% by Kuwait's KPI": an actor, not a place), and its places' countries
        named = [p for p in result.places if s_start <= p.start < s_end]
        codes = list(dict.fromkeys([*countries.MENTIONS, *place_countries(places), *place_countries(named)]))
        acting = _acting(sentence, s_start, named, money_here, codes)
        in_vietnam = countries.HOME in place_countries([*named, *places])  # places: its own or its antecedent's
        # at sea, leading the article is no role: the other side of a dispute is named most ("Chinese ships rammed …")
        at_sea = category == "maritime"
        partners = with_a_role(acting, [c for c in countries.named_in(acting, codes) if c != countries.HOME], set() if at_sea else leads, codes)
        when = [d for d in result.dates if s_start <= d.start < s_end]
        if background(sentence, when, article.published):
            partners = [c for c in partners if c in leads]  # an earlier event's other parties are not this story's partners
        foreign = [c for c in countries.named_in(sentence, codes) if c != countries.HOME]
        partner_quote = None  # a quote beside the sentence that states its partner
        if not takes_part(sentence, in_vietnam, people, len(foreign)):
            partners = []  # countries acting, but not with Vietnam: a visitor's other stop, a third country's own deal
        elif not foreign and subject_quote and in_vietnam and not at_sea:
            partners = [subject]  # an event in Vietnam, in an article about one foreign country, names it no more
            partner_quote = subject_quote if subject_quote != sentence else None
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
        if when:
            entry["when"] = {"text": when[0].text}
        entry["places"] = names
        line = category in ("rail", "metro") and len(names) >= 2
        area = len(names) == 1 and gazetteer.places[resolved[names[0]]].geometry.geom_type in ("Polygon", "MultiPolygon")
        entry["geometry_hint"] = "line" if line else "area" if area else "point"
        all_countries = all(is_country(gazetteer.places[p.gazetteer_id]) for p in places)
        entry["reach"] = "country" if kind == "economic_flow" or (kind == "project" and all_countries) else "site" if kind in ("project", "area") else "venue"
        stated = [m for m in money_here if m.aside_of is None]  # the amount in the stated currency; its USD aside is a check
        if stated:
            instrument = next((v for pat, v in INSTRUMENTS if re.search(pat, sentence, re.IGNORECASE)), "unspecified")
            entry["funding"] = [{"text": m.text, "instrument": instrument} for m in stated]
        entry["evidence"] = [{"article": article.id, "quote": sentence}]
        if partner_quote:
            entry["evidence"].append({"article": article.id, "quote": partner_quote})  # the partner is stated there, not here
        base = _slug(f"{article.id.split('_')[0]} {label} {names[0]}")
        entry["id"], n = base, used_ids.get(base, 1)
        while entry["id"] in used_ids:  # a counter per base: each id is tried once, however often a sentence repeats
            n += 1
            entry["id"] = f"{base}-{n}"
        used_ids[base], used_ids[entry["id"]] = n, 1
        checks = [_cross_check(result.money[m.aside_of], m) for m in money_here if m.aside_of is not None]
        out.append({"entry": entry, "cross_checks": checks, "keys": [resolved[n] for n in names]})
    return [_checked(entry, checks, keys, article, known, gazetteer) for entry, checks, keys in _merged(out)]


def _cross_check(stated, aside) -> str:
    """The article's own USD figure beside the amount converted at the ECB rate."""
    if stated.amount_usd is None:
        return f"{stated.text}: the article gives {aside.text}; no ECB rate to compare"
    gap = abs(stated.amount_usd - aside.amount) / aside.amount if aside.amount else 0.0
    return f"{stated.text} ≈ US${stated.amount_usd:,.0f} at the ECB rate of {stated.fx_date}; the article gives {aside.text} ({gap:.0%} apart)"


def _is_area(gazetteer, p) -> bool:
    return gazetteer.places[p.gazetteer_id].geometry.geom_type in ("Polygon", "MultiPolygon")


def _merged(candidates: list[dict]) -> list[tuple[dict, list[str], list[str]]]:
    """One candidate per event: sentences proposing the same kind, places and partners are merged, evidence kept."""
    out: dict[tuple, tuple[dict, list[str], list[str]]] = {}
    for c in candidates:
        e = c["entry"]
        key = (e["kind"], e["category"], tuple(e["places"]), tuple(sorted(e["partners"])))
        if key not in out:
            out[key] = (e, list(c["cross_checks"]), c["keys"])
            continue
        first, checks, _ = out[key]
        checks.extend(x for x in c["cross_checks"] if x not in checks)
        first["evidence"].extend(ev for ev in e["evidence"] if ev not in first["evidence"])
        for name in ("status", "when"):
            if name not in first and name in e:
                first[name] = e[name]
        first.setdefault("funding", []).extend(f for f in e.get("funding", []) if f not in first.get("funding", []))
        if not first["funding"]:
            del first["funding"]
    return list(out.values())


def _checked(entry: dict, checks: list[str], keys: list[str], article: Article, known: dict, gazetteer) -> dict:
    """A candidate with its validation (against the article), where it would be drawn, and its USD cross-checks."""
    candidate = {"id": entry["id"], "entry": entry, "valid": True, "problems": [], "geometry": None, "precision": None, "cross_checks": checks}
    try:
        Entry.model_validate(entry, context={"articles": {**known, article.id: article}})
    except ValidationError as exc:
        candidate["valid"] = False
        candidate["problems"] = [f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors(include_url=False)]
    story = tuple(dict.fromkeys([countries.country(p).alpha_2 for p in entry["partners"]] + ["VN"]))
    try:
        located = geo.locate(keys, entry["geometry_hint"], entry["reach"], story, gazetteer)  # the places the mentions resolved to
        candidate["geometry"], candidate["precision"] = mapping(located.geometry), located.precision
    except (geo.UnknownPlace, geo.geometry.GeometryError) as exc:
        candidate["valid"] = False
        candidate["problems"].append(f"places: {exc}")
    return candidate
