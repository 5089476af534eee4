"""Countries: ISO 3166-1 codes from pycountry, and the words news text uses for them.

A partner is "stated" by a quote when the quote names the country, its
people, or its leader in the period the articles cover. The demonyms and
leader names are the small table pycountry does not carry.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pycountry

HOME = "VNM"  # Vietnam is implied in every feature; partners are the foreign countries.

# Words beyond pycountry's names that mark a country in this story's articles.
# A capital used for its government ("Beijing wants") names its country too.
MENTIONS = {
    "CHN": ("China", "Chinese", "Sino-", "Xi Jinping", "Xi’s", "Xi's", "Beijing"),
    "JPN": ("Japan", "Japanese", "Kishida", "Tokyo"),
    "USA": ("United States", "U.S.", "US", "American", "Biden", "Washington"),
    "LAO": ("Laos", "Laotian", "Vientiane"),
    "KHM": ("Cambodia", "Cambodian", "Phnom Penh"),
    "VNM": ("Vietnam", "Vietnamese", "Viet Nam", "Hanoi"),
    "KOR": ("South Korea", "South Korean", "Korea", "Korean", "Seoul"),
    "PRK": ("North Korea", "North Korean", "Pyongyang", "DPRK"),
    "IND": ("India", "Indian", "New Delhi"),
    "RUS": ("Russia", "Russian", "Moscow"),
    "AUS": ("Australia", "Australian", "Canberra"),
    "FRA": ("France", "French", "Paris"),
    "DEU": ("Germany", "German", "Berlin"),
    "GBR": ("United Kingdom", "Britain", "British", "London", "UK"),
    "SGP": ("Singapore", "Singaporean"),
    "THA": ("Thailand", "Thai", "Bangkok"),
    "PHL": ("Philippines", "Philippine", "Filipino", "Manila"),
    "IDN": ("Indonesia", "Indonesian", "Jakarta"),
    "MYS": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "TWN": ("Taiwan", "Taiwanese", "Taipei"),
}


class UnknownCountry(ValueError):
    """A value that is neither an ISO alpha-3 code nor a country name."""


def country(code_or_name: str):
    """The pycountry record for an alpha-2/alpha-3 code or a (common) name; UnknownCountry otherwise.

    Examples
    --------
    >>> country("Japan").alpha_3, country("jpn").alpha_3, country("Viet Nam").alpha_3
    ('JPN', 'JPN', 'VNM')
    """
    value = code_or_name.strip()
    record = pycountry.countries.get(alpha_3=value.upper()) if len(value) == 3 else None
    record = record or (pycountry.countries.get(alpha_2=value.upper()) if len(value) == 2 else None)
    if record is None:
        record = _by_name().get(value.casefold())
    if record is None:
        raise UnknownCountry(f"{code_or_name!r} is not an ISO 3166-1 code or country name")
    return record


@lru_cache(maxsize=1)
def _by_name() -> dict:
    names = {}
    for record in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(record, attr):
                names[getattr(record, attr).casefold()] = record
    names["vietnam"] = pycountry.countries.get(alpha_3="VNM")
    return names


def display_name(alpha_3: str) -> str:
    """The short English name readers expect ("Vietnam", not "Viet Nam")."""
    record = country(alpha_3)
    return {"VNM": "Vietnam", "LAO": "Laos"}.get(record.alpha_3, getattr(record, "common_name", record.name))


def mention_words(alpha_3: str) -> tuple[str, ...]:
    """Names, demonyms and leaders that mark `alpha_3` in text."""
    record = country(alpha_3)
    names = {record.name, getattr(record, "common_name", record.name)}
    return tuple(sorted(names | set(MENTIONS.get(record.alpha_3, ())), key=len, reverse=True))


@cache
def mention_pattern(alpha_3: str) -> re.Pattern:
    """A pattern matching any mention word of `alpha_3` as a whole word (case-sensitive: "US" is not "us"); a word after
    "North " names another country ("Korea" of "North Korea" is not South Korea)."""
    words = "|".join(re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in mention_words(alpha_3))
    return re.compile(rf"(?<![\w.])(?<!North )(?:{words})")


def mentions(text: str, alpha_3: str) -> bool:
    """True when `text` names the country `alpha_3`."""
    return mention_pattern(alpha_3).search(text) is not None


def named_in(text: str, candidates=None) -> list[str]:
    """ISO alpha-3 codes of the countries `text` names, in order of first mention (default: the MENTIONS table's)."""
    found = []
    for code in candidates or MENTIONS:
        match = mention_pattern(code).search(text)
        if match:
            found.append((match.start(), code))
    return [code for _, code in sorted(found)]
