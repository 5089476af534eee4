"""Whether Vietnam takes part in a sentence's event: partners are countries acting *with Vietnam*.

A visitor's other stops ("Suga leaves for Jakarta for talks with Indonesian President Joko Widodo"), a third country's
own summit or deal ("the maritime boundary Indonesia signed with the Philippines in 2014") and a partner's own trip
("after Scholz flew to Beijing") name countries that act, but not with Vietnam. An event is Vietnam's when its sentence
places it in Vietnam, or names Vietnam (its name, its people, its capital), a Vietnamese person the article names
(by full name or, as Vietnamese usage has it, by the given name alone: "Pham Minh Chinh" … "Chinh said"), or the two
sides of a bilateral event ("the two leaders", "both countries", "bilateral").

A Vietnamese person is read from the name's form: one of the family names most Vietnamese bear, then one to three
capitalised syllables, with a title before it when the name has only two words ("General Secretary To Lam").
"""

from __future__ import annotations

import re

from anyascii import anyascii

from seeds import countries

# The family names most Vietnamese people bear (Atlas Obscura, "Why 40% of Vietnamese People Have the Same Last Name":
# Nguyen 30-40% of the population, the 14 most common names well over 90%); the fourteen first, then less common ones.
_FAMILY = (
    "Nguyen|Tran|Le|Pham|Hoang|Huynh|Phan|Vu|Vo|Dang|Bui|Do|Ho|Ngo|Duong|Ly|To|Dinh|Truong|Trinh|Doan|Luong|Mai|Ha|Lam|Cao|Chu|Kieu|Quach|Ton"
)
_TITLE = r"(?:President|Prime Minister|PM|Premier|Minister|Secretary|Chairman|Chairwoman|Chair|leader|chief|General|Deputy|Mr|Ms|Mrs|Madam)\.?"
# A syllable of a given name: not a word of a place's name ("Ho Chi Minh City", "Le Loi Street").
_SYLLABLE = r"(?!(?:City|Province|District|Street|Road|Bridge|Airport|River|Lake|Bay|Island|Port)\b)[A-Z][a-z]{1,6}"
# Three or four words ("Pham Minh Chinh", "Nguyen Thi Kim Ngan"), or two after a title ("General Secretary To Lam"); not a city
# named after a person ("Ho Chi Minh City").
_PERSON = re.compile(rf"\b(?:{_TITLE}\s+)?(?P<name>(?:{_FAMILY})(?:\s+{_SYLLABLE}){{1,3}})\b(?![ -]City)")
_HA_NOI = re.compile(r"\bHa Noi\b")  # "Hà Nội" folded; the country's other words are seeds.countries' own
_BOTH = re.compile(
    r"\b(?:the two|both)\s+(?:sides|countries|nations|leaders|governments|ministers|premiers|presidents|prime ministers|parties|neighbou?rs"
    r"|militaries|navies)\b"
    r"|\bbilateral\b|\bjoint statement\b",
    re.IGNORECASE,
)


def vietnamese_names(text: str) -> set[str]:
    """The Vietnamese people `text` names, as full names and as given names (the last word), folded to ASCII.

    >>> sorted(vietnamese_names("Prime Minister Phạm Minh Chính met Kishida. General Secretary To Lam spoke. In Ho Chi Minh City ..."))
    ['Chinh', 'Lam', 'Pham Minh Chinh', 'To Lam']
    """
    names = set()
    for m in _PERSON.finditer(anyascii(text)):
        name = m["name"]
        if len(name.split()) >= 3 or m.group() != name:  # two words only after a title
            names |= {name, name.split()[-1]}
    return names


def takes_part(sentence: str, in_vietnam: bool, people: set[str], foreign: int = 1) -> bool:
    """True when Vietnam takes part in `sentence`'s event: it is placed in Vietnam (`in_vietnam`), or the sentence names
    Vietnam, one of the article's Vietnamese `people` (see vietnamese_names) or the two sides of a bilateral event where
    it names at most one foreign country (`foreign`: "the two countries expelled each other's ambassadors" of Malaysia
    and North Korea is theirs).

    >>> people = vietnamese_names("Prime Minister Pham Minh Chinh arrived.")
    >>> takes_part("Suga leaves for Jakarta on Tuesday for talks with Indonesian President Joko Widodo.", False, people)
    False
    >>> takes_part("Chinh and Kishida held talks in Hiroshima.", False, people)
    True
    >>> takes_part("The two leaders signed a deal in Tokyo.", False, set())
    True
    >>> takes_part("The two countries, Malaysia and North Korea, expelled each other's envoys.", False, set(), foreign=2)
    False
    """
    if in_vietnam:
        return True
    folded = anyascii(sentence)
    if countries.mentions(folded, countries.HOME) or _HA_NOI.search(folded) or (_BOTH.search(folded) and foreign <= 1):
        return True
    return any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded) for name in people)


# A verb in the past perfect: an event before the one the article reports ("Lam had made state visits to Laos").
_PAST_PERFECT = re.compile(
    r"\bhad\s+(?:(?:already|earlier|previously|first|also|just)\s+)?(?:been\s+)?"
    r"(?:\w+ed|made|built|won|sent|lent|paid|met|held|led|signed|given|taken|begun|brought|done|gone|seen|set|put|become)\b"
)
BACKGROUND_YEARS = 2  # a sentence dated only this many calendar years or more before the article is its background


def background(sentence: str, dates: list, published) -> bool:
    """True when `sentence` tells of an event before the article's own: its verb is in the past perfect, or every date it
    states lies BACKGROUND_YEARS or more before the article's publication (`dates`: its date mentions, ISO `date_start`)."""
    if _PAST_PERFECT.search(sentence):
        return True
    years = [int(d.date_start[:4]) for d in dates if d.date_start]
    return bool(years) and published is not None and max(years) <= published.year - BACKGROUND_YEARS
