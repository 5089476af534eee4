"""Named infrastructure and landmarks as one place mention: "Cao Lanh Bridge", "Yen Phong Industrial Park", "Son La
Hydropower Plant", "Tran Quoc Pagoda".

Wire and business news names bridges, rivers, stations, ports, parks, zones and plants no gazetteer holds. A
capitalised name followed by a capitalised head noun of infrastructure is one mention, placed with what the text
knows, in this order: the place stated right after it ("… in Bac Ninh province"; the town its name holds instead when
that is finer and near, "Cam Pha Port in Quang Ninh province"), the place its name holds when that place is in the story's
countries ("Cao Lanh Bridge": the town), a place it is stated near, or another place of its sentence. The ends of a line
whose sentence places them ("runs from Cat Linh in Dong Da district to Yen Nghia in Ha Dong") are placed the same way,
with every other occurrence of their names. The facility's own
point is not known, so the mention takes that place's key and precision (a town 2, a province 4), and a name that
holds only a namesake abroad (Formosa, Argentina; Trang, Thailand) is never placed there. Before a lower-case head
("the Trang Bom industrial park") the run of capitalised words is the park's name: a place matched in part of it is
not a mention (a known name filling the whole run, "the Lach Huyen port", stays one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.gazetteer import GEOD, Gazetteer, Place, UnknownPlace
from geo.precision import is_country
from ingest.mentions import COMMON_WORDS, COMPASS, LEAD_WORDS, ORG_HEADS, _in_organisation, in_dateline, in_headline

_HEAD = (
    r"(?:(?:Thermal|Coal|Coal-[Ff]ired|Gas|Gas-[Ff]ired|LNG|Nuclear|Solar|Wind|Hydro|Hydroelectric|Hydropower)\s+)?Power\s+(?:Plant|Station|Complex)"
    r"|(?:Hydropower|Hydroelectric|Thermal)\s+Plant"
    r"|(?:Hi|High)-[Tt]ech\s+Park|(?:Industrial|Science|Technology|Eco-[Ii]ndustrial|Logistics)\s+Park"
    r"|(?:Special\s+)?Economic\s+Zone|Industrial\s+(?:Zone|Cluster|Estate)|Export\s+Processing\s+Zone|Free\s+Trade\s+Zone"
    r"|(?:International\s+)?Airport|(?:International\s+)?(?:Gateway\s+)?(?:Deep-[Ss]ea\s+)?(?:Seaport|Port)(?![\w-])|Container\s+Terminal"
    r"|(?:Railway\s+|Metro\s+|Train\s+)?Station|Bridge|River|Canal|Dam|Reservoir|Expressway|Refinery|Steel\s+Complex"
    r"|Pagoda|Temple|Mausoleum|Cathedral|Citadel|Palace|Stadium|Square|Museum|Gardens"  # named landmarks: sites of visits and ceremonies
    r"|Tunnel|Peninsula|Mountain|Reef|Shoal|Cay"  # named tunnels and natural features the press names
)
_NAME_WORD = r"(?:[A-ZÀ-Ỹ][\w’'.]*|\d+[A-Z]?)"
_RUN = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}?"  # not across a dash: "Nhon–Hanoi Station" links two places
_FACILITY = re.compile(rf"(?<![\w’'])(?P<name>{_RUN})\s+(?P<head>{_HEAD})(?:\s+(?:II|III|IV|V|VI)\b)?(?![\w’'-])")  # "Thang Long Industrial Park II"
_LOWER_FACILITY = re.compile(rf"(?<![\w’'])(?P<name>{_RUN})\s+(?P<head>(?:{_HEAD.lower()}|industrial park|economic zone))(?![\w’'-])")
_SENTENCE_START = re.compile(r'(?:^|[.!?:;]\s+|\n\s*|[“"(]\s*)$')


@dataclass(frozen=True)
class Facility:
    """A named facility where it stands: the whole mention, and the span of its name before the head noun."""

    text: str
    start: int
    end: int
    name: str
    name_start: int
    headline: bool = False  # in a title-case headline, where any verb is capitalised ("Japan Funds Bridge")


def _name_start(text: str, start: int, end: int) -> int | None:
    """Where the facility's own name starts in the capitalised run [start, end): after an opening article, a
    possessive ("Australia's"), an ordinary word opening the run or any in a headline ("Funds", "New"); None if no name is left."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    headline = in_headline(text, start, end)
    begin = None
    for number, (offset, word) in enumerate(words):
        bare = word.lower()
        # An ordinary word is the name's own inside a run ("Trang Due") or after a run's start mid-sentence ("Long Thanh").
        ordinary = bare in COMMON_WORDS and ((number == 0 and _SENTENCE_START.search(text, 0, start + offset)) or headline)
        if ordinary or not (word[:1].isupper() or word[:1].isdigit()) or word.endswith(("’s", "'s")) or bare in LEAD_WORDS | COMPASS | ORG_HEADS:
            begin = None
            continue
        if begin is None:
            begin = start + offset
    return begin


def find_facilities(text: str) -> list[Facility]:
    """Every named facility with a capitalised head noun, in order."""
    out = []
    for m in _FACILITY.finditer(text):
        begin = _name_start(text, m.start("name"), m.end("name"))
        if begin is not None and re.search(r"\d[–—-]$", text[max(0, begin - 2) : begin]):  # "1,500-MW Quang Ninh…": a measure
            word = re.search(r"\s+", text[begin : m.end("name")])
            begin = _name_start(text, begin + word.end(), m.end("name")) if word else None
        if begin is None or _dash_compound(text, begin):
            continue
        if _in_organisation(text, begin, m.end()):
            continue  # "the Hai Phong Port Authority", "Cam Ranh Port Joint Stock Company"
        out.append(Facility(text[begin : m.end()], begin, m.end(), text[begin : m.end("name")], begin, in_headline(text, begin, m.end())))
    return out


def _dash_compound(text: str, begin: int) -> bool:
    """A name joined by a dash to the word before it ("Ben Luc–Long Thanh Expressway", "North–South Expressway") names
    a line between places: the places are mentions of their own, the line is no one place."""
    return bool(re.search(r"\w\s?[–—-]\s?$", text[max(0, begin - 3) : begin]))


def lower_facility_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the capitalised names before a lower-case head noun ("Trang Bom" of "the Trang Bom industrial park")."""
    out = []
    for m in _LOWER_FACILITY.finditer(text):
        if m.group("head")[:1].isupper():
            continue
        begin = _name_start(text, m.start("name"), m.end("name"))
        end = m.start("name") + len(re.sub(r"(?:\s+\d+[A-Z]?)+$", "", m.group("name")))  # "Dung Quat 2 steel complex" is Dung Quat's
        if begin is not None and begin < end:
            out.append((begin, end))
    return out


HOME = "VN"  # the country every story of the dashboard is about (seeds.countries.HOME)
NEAR_KM = 100  # a town its name holds this near the province stated is taken to be in it


def _km(a: Place, b: Place) -> float:
    return GEOD.inv(a.point.x, a.point.y, b.point.x, b.point.y)[2] / 1000


_STATED_IN = re.compile(r"\s*,?\s*(?:in|at)\s+(?:the\s+)?")
_STATED_NEAR = re.compile(r"\s*,?\s*(?:near|outside|on the outskirts of)\s+(?:the\s+)?")  # weaker than the name's own place


def place_facility(
    facility: Facility, text: str, found: list, sentence: tuple[int, int], gazetteer: Gazetteer, story: tuple[str, ...], near: tuple = ()
) -> tuple[Place, str] | None:
    """The place a facility is drawn at and why, or None when the text places it nowhere in the story's countries.

    `found`: the article's resolved place mentions (`.start`, `.end`, `.gazetteer_id`, `.is_feature`);
    `sentence`: the span of the facility's sentence."""

    def usable(p) -> Place | None:
        place = gazetteer.places[p.gazetteer_id]
        return None if is_country(place) or place.vague or not p.is_feature else place

    def mention_after(pattern: re.Pattern):
        cue = pattern.match(text, facility.end)
        return next((p for p in found if p.start == cue.end()), None) if cue else None

    def stated(pattern: re.Pattern) -> Place | None:
        after = mention_after(pattern)
        return usable(after) if after is not None else None

    inside = stated(_STATED_IN)
    stated_in = mention_after(_STATED_IN)
    # "the Leizhou Peninsula in China": stated to be in a country, it is drawn only at a place of that country
    in_country = stated_in and gazetteer.places[stated_in.gazetteer_id]
    in_country = in_country.country if in_country and is_country(in_country) else None
    others = [p for p in found if sentence[0] <= p.start < sentence[1] and not facility.start <= p.start < facility.end]
    others = [p for p in others if not in_dateline(text, p.start, p.end)]
    # of its sentence's places (not the dateline's, where the story was filed): Vietnam's first, a town or unit before a river or sea
    neighbours = sorted((place for p in others if (place := usable(p))), key=lambda n: (n.country != HOME, not n.feature_class.startswith(("P.", "A.", "S."))))
    # a story with no sure country yet: its sentence's, else the dashboard's own country
    story = story or tuple(dict.fromkeys(p.country for p in neighbours)) or ((inside.country,) if inside else (HOME,))
    try:
        named = gazetteer.resolve(facility.name, story, (inside.point,) if inside else near).place
    except UnknownPlace:
        named = None
    known = named is not None and named.country in story and not is_country(named)
    if facility.headline:  # only a name the gazetteer holds: a capitalised verb may open the run
        return (named, f"facility: at {named.name}, the place its name holds") if known else None
    if inside is not None:
        # "Cam Pha Port in Quang Ninh province": the town its name holds is finer than the province it is stated in
        if named is not None and named.feature_class.startswith("P.") and inside.feature_class == "A.ADM1" and _km(named, inside) < NEAR_KM:
            return named, f"facility: at {named.name}, the place its name holds, in {inside.name} as stated"
        return inside, f"facility: at {inside.name}, the place stated right after it"
    if known and in_country in (None, named.country):
        return named, f"facility: at {named.name}, the place its name holds"
    if (place := stated(_STATED_NEAR)) is not None:
        return place, f"facility: at {place.name}, the place it is stated near"
    for place in neighbours:
        if (place.country in story or place.country == HOME) and in_country in (None, place.country):
            return place, f"facility: at {place.name}, another place of its sentence"
    return None


# The ends of a line: "The line runs from Cat Linh in Dong Da district to Yen Nghia in Ha Dong".
_LINE_WORD = re.compile(r"\b(?:lines?|railways?|railroad|metro|subway|tram|monorail|route|road|expressway|highway|bridge|tunnel|pipeline|link|track)\b", re.I)
_ROUTE_FROM = re.compile(
    r"\b(?:runs?|ran|running|stretch(?:es|ed|ing)?|extend(?:s|ed|ing)?|goes|go|going|went|link(?:s|ed|ing)?|connect(?:s|ed|ing)?)\s+from\s+(?:the\s+)?"
)
_ROUTE_TO = re.compile(r"\s+to\s+(?:the\s+)?")
_END_RUN = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}(?=\s+in\s)")


def route_ends(text: str, spans: list[tuple[int, int]], found: list, gazetteer: Gazetteer, facilities: tuple = ()) -> list[tuple[Facility, Place, str]]:
    """The unknown names at the ends of a line that its sentence places ("from Cat Linh in Dong Da district"), each
    at the place stated after it, with the name's other occurrences in the article; a name with no place after it is left
    out. `found`: the resolved place mentions; `facilities`: spans already taken by named facilities."""
    taken = [(p.start, p.end) for p in found] + [(f.start, f.end) for f in facilities]
    out: dict[str, tuple[Place, str]] = {}
    for a, b in spans:
        sentence = text[a:b]
        route = _ROUTE_FROM.search(sentence)
        if not route or not _LINE_WORD.search(sentence[: route.start()]):
            continue
        to = _ROUTE_TO.search(sentence, route.end())
        for at in [a + route.end()] + ([a + to.end()] if to else []):
            run = _END_RUN.match(text, at, b)
            if not run or _name_start(text, at, run.end()) != at or any(s < run.end() and at < e for s, e in taken):
                continue
            cue = _STATED_IN.match(text, run.end())
            after = next((p for p in found if p.start == cue.end()), None)
            place = gazetteer.places[after.gazetteer_id] if after is not None and after.is_feature else None
            if place is not None and not is_country(place) and not place.vague:
                out.setdefault(run.group(), (place, f"facility: an end of the line, at {place.name}, the place stated right after it"))
    ends = []
    for name, (place, why) in out.items():
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'])", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                ends.append((Facility(name, m.start(), m.end(), name, m.start()), place, why))
                taken.append(m.span())
    return ends
