"""Place names in running text: every gazetteer name, found in one pass by Aho-Corasick.

The text is folded character by character like the gazetteer's names (ASCII,
lower case, punctuation as spaces; same length, so offsets carry over), so
"Hà Nội", "Hai Phong" and "U.S." are found where they stand. Matches keep the longest name at
each place ("South China Sea", not "China"), must look like proper nouns, and
are skipped inside people's names ("Kaori Fukushima", "Bui Thanh Son").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from anyascii import anyascii

from geo.gazetteer import Gazetteer, default_gazetteer

MIN_LENGTH = 3  # shorter names ("Ba", "Da") only from the supplement's aliases ("US")
# Capitalised words that may follow a place name inside a longer proper name of a place or project.
PLACE_WORDS = frozenset(
    {
        "city",
        "port",
        "airport",
        "international",
        "metro",
        "line",
        "station",
        "province",
        "sea",
        "strait",
        "river",
        "bay",
        "island",
        "islands",
        "gulf",
        "harbour",
        "harbor",
        "university",
        "railway",
        "area",
        "region",
        "district",
        "basin",
        "block",
        "field",
        "plant",
        "power",
        "bridge",
        "terminal",
        "deep",
        "new",
        "north",
        "south",
        "east",
        "west",
    }
)
# Words that sit before a name without making it part of a person's name.
LEAD_WORDS = frozenset({"the", "of", "in", "to", "from", "and", "with", "for", "at", "by", "on", "southern", "northern", "eastern", "western"})
# A capitalised word before a name that makes it a person's: "Secretary Chung", "President Xi".
TITLE_WORDS = frozenset(
    """
president minister secretary general ambassador mr mrs ms dr leader chairman premier king queen prince emperor governor
mayor senator spokesman spokeswoman chief director commander envoy professor journalist
""".split()
)
# A capitalised word after a name that makes it an organisation's: "Xinhua News", "Vin Group".
ORG_WORDS = frozenset("news agency group press times post daily institute bank corporation company party shimbun network".split())
# English words that GeoNames also lists as (alternate) place names: never matched from GeoNames.
COMMON_WORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between both but by
can could date did do does doing down due during each even few first for from further general had has have having he her
here hers him his how however i if in into is it its itself just law leader let make many me media might more most my no
nor not now of off on once one only or other our out over own party press same second she should since sino so some such
than that the their them then there these they third this those through to today too under union until up very was we
were what when where which while who whom why will with would you your asia central western eastern southern northern
president minister prime secretary supreme ambassador foreign national congress resolution communist commission head mr
agency news representative photography photo institute faculty letters university conference diplomatic countdown collapse
era new can annex respect handle strictly perhaps adding following including leave comment music extreme amateur prone
go gallery page side sides world state states country city sea see man men lead way long well best mission metro
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday
""".split()
)


def _usable_geonames_name(name: str, key: str) -> bool:
    """GeoNames alternate names include airport codes ("SEA"), lower-case forms and English words ("From")."""
    if len(key) < MIN_LENGTH or not name[:1].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return key not in COMMON_WORDS


@dataclass(frozen=True)
class PlaceMention:
    """A place name where it stands in the text, and the gazetteer keys it may mean."""

    text: str
    start: int
    end: int
    keys: tuple[str, ...]


class _FoldTable(dict):
    """str.translate table: each character to one lower-case ASCII letter or digit, or a space.

    One character in, one out, so offsets in the folded text are offsets in the original.
    Characters are looked up once ("Ộ" -> "o"); those with no one-letter ASCII form become spaces.
    """

    def __missing__(self, code: int) -> str:
        folded = anyascii(chr(code)).lower()
        value = folded if len(folded) == 1 and folded.isalnum() else " "
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold_text(text: str) -> str:
    """`text` folded character by character (same length): ASCII lower case, everything else a space.

    Examples
    --------
    >>> fold_text("Hà Nội, U.S.")
    'ha noi  u s '
    """
    return text.translate(_FOLD)


def name_key(name: str) -> str:
    """The folded form of a name, as matched in folded text ("Hai Phong" -> "hai phong")."""
    return " ".join(fold_text(name).split())


class PlaceMatcher:
    """An Aho-Corasick automaton over every name and alias of the gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.automaton = ahocorasick.Automaton()
        names: dict[str, set[str]] = {}
        cased: dict[str, bool] = {}
        for place in gazetteer.places.values():
            curated = place.gazetteer != "geonames"
            for name in (place.name, *place.aliases):
                key = name_key(name)
                if not key or (not curated and not _usable_geonames_name(name, key)):
                    continue
                names.setdefault(key, set()).add(place.key)
                # Only a curated lower-case alias ("southern Vietnam") may match lower-case text.
                cased[key] = cased.get(key, True) and not (curated and name[:1].islower())
        for key, keys in names.items():
            curated = any(not k.startswith("geonames:") for k in keys)
            country = all(gazetteer.places[k].feature_class.startswith("A.PCL") for k in keys)
            self.automaton.add_word(f" {key} ", (len(key), tuple(sorted(keys)), cased[key], curated, country))
        self.automaton.make_automaton()

    def find(self, text: str, folded: str | None = None) -> list[PlaceMention]:
        """Every place mention in `text`, leftmost-longest, in order (`folded`: `fold_text(text)`, if computed)."""
        padded = f" {folded if folded is not None else fold_text(text)} "  # same length: folded offsets are text offsets
        hits = []
        for end, (length, keys, cased, curated, country) in self.automaton.iter(padded):
            # `end` is the padded index of the trailing space; padded index i is text index i - 1.
            o_start = end - length - 1
            o_end = o_start + length
            hits.append((o_start, o_end, keys, cased, curated, country))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        found, taken_to = [], -1
        for o_start, o_end, keys, cased, curated, country in hits:
            if o_start < taken_to:
                continue
            if text[o_end : o_end + 1] == "." and _ABBREVIATION.fullmatch(text, o_start, o_end):
                o_end += 1  # "U.S." keeps its last full stop
            surface = text[o_start:o_end]
            if not _looks_like_a_place(text, o_start, o_end, surface, cased, curated, country):
                continue
            found.append(PlaceMention(surface, o_start, o_end, keys))
            taken_to = o_end
        return found


_POSSESSIVE = re.compile(r"[’'][st]$")
_WORDS = re.compile(r"[\s-]+")
_PREV_WORD = re.compile(r"([^\W\d_][\w’']*)\s$")  # a word, then exactly one space
_NEXT_WORD = re.compile(r"\s([^\W\d_][\w’']*)")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


def _looks_like_a_place(text: str, start: int, end: int, surface: str, cased: bool, curated: bool, country: bool = False) -> bool:
    if cased and not surface[:1].isupper():
        return False
    if cased and not curated:
        words = [w for w in _WORDS.split(surface) if w]
        if any(len(w) > 3 and w[:1].islower() and w.lower() not in LEAD_WORDS for w in words):
            return False
    # A neighbouring word is one space away; most mentions have punctuation or a line break there instead.
    prev_word = _PREV_WORD.search(text, max(0, start - 40), start) if start > 1 and text[start - 1] == " " else None
    next_word = _NEXT_WORD.match(text, end, end + 40) if text[end : end + 1] == " " else None
    if prev_word:
        word = prev_word.group(1)
        bare = _bare(word)
        if word[:1].isupper() and not word.endswith(("’s", "'s")) and bare not in LEAD_WORDS and (bare in TITLE_WORDS or bare not in COMMON_WORDS):
            return False  # inside a person's name: "Kaori Fukushima", "Secretary Chung"
    if next_word:
        word = next_word.group(1)
        bare = _bare(word)
        # A country may be followed by a name ("President of China Xi Jinping"), only not by an organisation word.
        if word[:1].isupper() and bare not in PLACE_WORDS and (bare in ORG_WORDS or (bare not in COMMON_WORDS and not country)):
            return False  # "Takao Yamada", "Xinhua News", "Vin Group"
    return True


@lru_cache(maxsize=1)
def default_matcher() -> PlaceMatcher:
    """The matcher over the default gazetteer, built once per process."""
    return PlaceMatcher(default_gazetteer())
