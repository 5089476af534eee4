"""People and firms named like towns: "President Barack Obama", "Mr. Clinton", "leader Kim Jong Un", "their daughter,
Chelsea"; "Formosa Plastics Group", "its Chang beer".

GeoNames holds small towns called Obama (Japan), Kim, Clinton and Chelsea. Once an article shows such a name to be a
person's, by a title or a given name before it ("President Barack Obama", "Mr. Clinton", "Hillary Rodham Clinton")
or a Korean given name after it ("Kim Jong-un"), or to be a firm's or a brand's (a firm's word or a product noun
after it: "Formosa Plastics Group", "Chang beer"), its bare occurrences ("Obama said", "Kim travelled") are that
person too, unless one is plainly placed ("in Clinton", "to Chelsea"). Only a name that means a foreign town (not a
capital, a country, a province, nor a Vietnamese town, whose names are people's names too) can be a person's here:
"Lake Hanoi" makes nobody of a capital. Any place's name is a person's at one occurrence where it does what only people
do ("where Ho Chi Minh lived", "received by Ho Chi Minh").
"""

from __future__ import annotations

import re

_TITLE = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Adm)\.?|President|Vice President|Prime Minister|Premier|Chancellor|Senator|Secretary"
    r"|Minister|Governor|Mayor|King|Queen|Emperor|Empress|Prince|Princess|General|Admiral|Chairman|Chairwoman|Chair|leader|Pope"
    r"|Ambassador|ambassador|envoy|daughter|son|wife|husband|brother|sister|billionaire|tycoon|CEO|founder|chief executive"
)
# A title, then up to two more names, then the name: "President Barack Obama", "Mr. Clinton", "leader Kim", "their daughter, Chelsea".
_AFTER_TITLE = re.compile(rf"\b(?:{_TITLE}),?(?:\s+[A-Z][\w’'.-]*){{0,2}}\s+$")
# A given name right before: "Barack Obama", "Hillary Rodham Clinton" (a capitalised word that is no place word).
_GIVEN = re.compile(r"(?<![\w.])([A-Z][a-z]+)\s+$")
_PLACE_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater", "new", "old", "upper", "lower",
    "lake", "river", "mount", "bay", "port", "street", "road", "city", "province", "district", "county", "state", "island", "islands",
    "metro", "the", "in", "at", "from", "to", "of", "and", "for", "by", "with", "on", "near", "outside", "downtown", "saint",
    "fort", "cape", "point", "gulf", "sea", "coast", "valley", "delta", "plain", "park", "airport", "station", "bridge",
}
# A Korean given name after the family name: "Kim Jong-un", "Kim Yo-jong".
_KOREAN_GIVEN = re.compile(r"\s+[A-Z][a-z]+-[a-z]+\b")
# A firm or a brand: the name, up to three more capitalised words, then a firm's word ("Formosa Plastics Group",
# "Formosa Hà Tĩnh Steel"), or a product noun ("its Chang beer").
_FIRM_AFTER = re.compile(
    r"(?:\s+[A-ZÀ-Ỹ][\w’'.-]*){0,3}\s+(?:Group|Corp|Corporation|Company|Co|Ltd|Inc|Plc|Pcl|JSC|Holdings|Industries|Plastics|Steel|Motors"
    r"|Electronics|Airlines|Bank|Beverage|Brewery|Breweries)\b|\s+(?:beer|lager|whisky|cigarettes|brand)\b"
)
_PLACED = re.compile(r"\b(?:in|at|to|from|near|outside|into|of)\s+$", re.IGNORECASE)


def _named_as_person(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    given = _GIVEN.search(before)
    person = _AFTER_TITLE.search(before) or (given and given.group(1).lower() not in _PLACE_WORDS) or _KOREAN_GIVEN.match(text, end)
    return bool(person or _FIRM_AFTER.match(text, end))


# What only people do, at one occurrence of any place's name: "where Ho Chi Minh lived", "received by Ho Chi Minh".
_PERSON_VERB = re.compile(r"\s+(?:lived(?!\s+up\b)|died|was born|wrote|married)\b")
_PERSON_BY = re.compile(r"\b(?:received|greeted|founded|written|painted|composed)\s+by\s+$")


def people(text: str, mentions: list, towns: set[str]) -> set[tuple[int, int]]:
    """The spans of `mentions` that are a person's name: every occurrence of a town's name (`towns`: the mention
    texts that mean only towns) the article shows to be a person's somewhere, except where it is plainly placed."""
    persons = {
        name
        for name in {m.text for m in mentions if m.text in towns and " " not in m.text}
        if any(_named_as_person(text, o.start(), o.end()) for o in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))
    }
    named = {(m.start, m.end) for m in mentions if m.text in persons and not _PLACED.search(text[max(0, m.start - 12) : m.start])}
    acting = {
        (m.start, m.end)
        for m in mentions
        if _PERSON_VERB.match(text, m.end) or (_PERSON_BY.search(text[max(0, m.start - 20) : m.start]) and not re.match(r"[’']s\b", text[m.end :]))
    }  # "greeted by Vietnam's president" is the president's country
    return named | acting
