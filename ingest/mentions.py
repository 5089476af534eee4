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

from geo.gazetteer import CITY_CLASSES, Gazetteer, default_gazetteer

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
        "expressway",
        "highway",
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
# The head noun of an organisation's name: a place name in a run of capitalised words that holds one of these
# ("Vietnam Coast Guard", "Hai Phong People's Committee", "Export-Import Bank of China") names no place.
ORG_HEADS = frozenset(
    """
academy agency administration airlines airline airways army association authority bank board bureau center centre club coast
commission committee company corporation council court department electric electricity engineering eximbank federation
foundation fund grid group guard holdings industries institute league lines ministry motors navy office party police railways
sangha shipping society steel telecom union university
""".split()
)
COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())
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


def _usable_geonames_name(name: str, key: str, alternate: bool = True) -> bool:
    """GeoNames alternate names include airport codes ("SEA"), abbreviations ("St. P."), codes with digits, lower-case
    forms, English words ("From") and organisations' head nouns ("Bank"): only names written like a place's name are used."""
    if len(key) < MIN_LENGTH or not name[:1].isupper():
        return False
    if (name.isupper() and len(name) <= 4) or (alternate and ("." in name or any(c.isdigit() for c in name))):
        return False
    return key not in COMMON_WORDS and key not in ORG_HEADS and key not in ORG_WORDS  # "Bank" (Bānk, India) heads a bank's name


@dataclass(frozen=True)
class PlaceMention:
    """A place name where it stands in the text, and the gazetteer keys it may mean."""

    text: str
    start: int
    end: int
    keys: tuple[str, ...]
    means: str | None = None  # the name meant, where the text writes part of it ("Spratly" of "the Paracel and Spratly islands")


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
        shouting: dict[str, set[int]] = {}  # per name, the words some spelling writes in capitals ("US", "HCMC")
        capitals: dict[str, set[int]] = {}  # per name, the words every spelling capitalises ("Mekong River Delta", not "delta")
        spellings = []  # (place, name, curated, key): a curated name with an inner full stop ("S. Korea") is also matched as folded,
        for place in gazetteer.places.values():  # its stop a space ("s  korea"), since the text keeps its length when folded
            for name in (place.name, *place.aliases):
                curated = place.gazetteer != "geonames" or name in place.curated_aliases
                spellings.append((place, name, curated, name_key(name)))
                if curated and ". " in name:
                    spellings.append((place, name, curated, fold_text(name).strip()))
        for place, name, curated, key in spellings:
            if not key or (not curated and not _usable_geonames_name(name, key, name != place.name)):
                continue
            names.setdefault(key, set()).add(place.key)
            # Only a curated lower-case alias ("southern Vietnam") may match lower-case text.
            cased[key] = cased.get(key, True) and not (curated and name[:1].islower())
            words = [w for w in _WORDS.split(_ABBREV_DOTS.sub(_undot, name)) if w]
            shouting.setdefault(key, set()).update(i for i, w in enumerate(words) if len(w) > 1 and w.isupper())
            upper = {i for i, w in enumerate(words) if w[:1].isupper()}
            capitals[key] = capitals[key] & upper if key in capitals else upper
        for key, keys in names.items():
            curated = any(not k.startswith("geonames:") for k in keys)
            country = all(gazetteer.places[k].feature_class.startswith("A.PCL") for k in keys)
            value = (len(key), tuple(sorted(keys)), cased[key], curated, country, (frozenset(shouting[key]), frozenset(capitals[key])))
            self.automaton.add_word(f" {key} ", value)
        self.automaton.make_automaton()

    def find(self, text: str, folded: str | None = None) -> list[PlaceMention]:
        """Every place mention in `text`, leftmost-longest, in order (`folded`: `fold_text(text)`, if computed)."""
        padded = f" {folded if folded is not None else fold_text(text)} "  # same length: folded offsets are text offsets
        hits = []
        for end, (length, keys, cased, curated, country, shouting) in self.automaton.iter(padded):
            # `end` is the padded index of the trailing space; padded index i is text index i - 1.
            o_start = end - length - 1
            o_end = o_start + length
            hits.append((o_start, o_end, keys, cased, curated, country, shouting))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        found, taken_to, headline = [], -1, []
        for o_start, o_end, keys, cased, curated, country, shouting in hits:
            if o_start < taken_to:
                continue
            if text[o_end : o_end + 1] == "." and _ABBREVIATION.fullmatch(text, o_start, o_end):
                o_end += 1  # "U.S." keeps its last full stop
            surface = text[o_start:o_end]
            if not _written_as_a_name(text, o_start, o_end, surface, shouting):
                continue
            if not _looks_like_a_place(text, o_start, o_end, surface, cased, curated, country):
                if in_headline(text, o_start, o_end):
                    headline.append(PlaceMention(surface, o_start, o_end, keys))
                continue
            if _agency_credit(text, o_start, o_end):
                continue  # "HANOI, Feb 20 (Xinhua) –": the agency that filed the story
            if not curated and _named_as_a_firm(text, o_start, o_end) and all(self.gazetteer.places[k].feature_class == "P.PPL" for k in keys):
                continue  # "built by Hitachi", "the conglomerate Toyota": a firm named like a town
            city = _CITY.match(text, o_end)
            if city and (city.group(1) == "City" or surface.isupper()) and any(self.gazetteer.places[k].feature_class.startswith(CITY_CLASSES) for k in keys):
                o_end, surface = city.end(), text[o_start : city.end()]  # "Thu Duc City": "City" is part of the name as written
            found.append(PlaceMention(surface, o_start, o_end, keys))
            taken_to = o_end
        # In a title-case headline every word is capitalised, so its neighbours cannot tell a town from a person's name
        # ("Austin Visits Hanoi, Pledges Help"); a name the article's other lines find as a place is one there too.
        confirmed = {m.text for m in found if not in_headline(text, m.start, m.end)}
        for m in headline:
            if m.text in confirmed and not any(f.start < m.end and m.start < f.end for f in found):
                found.append(m)
        for m in self._sharing_a_head(text):  # longer than a name found inside it ("East China" of "the East China and South China seas")
            inside = [f for f in found if m.start <= f.start and f.end <= m.end]
            if not any(f.start < m.end and m.start < f.end for f in found if f not in inside):
                found = [f for f in found if f not in inside] + [m]
        return sorted(found, key=lambda m: m.start)

    def _sharing_a_head(self, text: str):
        """Names that share one head noun: "the Paracel and Spratly islands" names the Paracel Islands and the Spratly
        Islands, "the Red and Mekong rivers" two rivers; each name is a mention where the gazetteer knows it with the head."""
        for m in _SHARED_HEAD.finditer(text):
            head = m.group("head").lower()
            for name in _LIST_NAME.finditer(m.group("names")):
                for means in (f"{name.group()} {head}", f"{name.group()} {head[:-1]}"):
                    value = self.automaton.get(f" {name_key(means)} ", None)
                    if value is not None:
                        start = m.start("names") + name.start()
                        yield PlaceMention(name.group(), start, start + len(name.group()), value[1], means)
                        break


_CITY = re.compile(r" (City|CITY)(?![\w’'-])")
_LIST_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,2}")
_SHARED_HEAD = re.compile(
    rf"(?<![\w’'-])(?P<names>{_LIST_NAME.pattern}(?:,\s+{_LIST_NAME.pattern})*,?\s+and\s+{_LIST_NAME.pattern})"
    r"\s+(?P<head>[Ii]slands|[Rr]ivers|[Rr]eefs|[Ll]akes|[Aa]rchipelagos|[Mm]ountains|[Bb]ays|[Ss]traits|[Gg]ulfs|[Ss]eas)\b"
)
_POSSESSIVE = re.compile(r"[’'][st]$")
_WORDS = re.compile(r"[\s-]+")
_PREV_WORD = re.compile(r"([^\W\d_][\w’']*)\s$")  # a word, then exactly one space
_NEXT_WORD = re.compile(r"\s([^\W\d_][\w’']*)")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]")
_ABBREV_DOTS = re.compile(r"\b(?:[A-Z]\.)+[A-Z]\.?")  # "U.S." is one word, "US"
_DATELINE_END = re.compile(r"(?: CITY)?(?:\s*/\s*[A-Z][A-Z .]*[A-Z])*\s*(?:,|\(|[–—-]\s)")  # "THU DUC CITY, May 2 –", "WASHINGTON/HANOI, Oct 2 –"
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def _undot(match: re.Match) -> str:
    return match.group().replace(".", "")


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def in_dateline(text: str, start: int, end: int) -> bool:
    """A wire dateline: a line opening in capitals up to the name, then a comma, a bracket or a dash ("HANOI, Dec 13 –")."""
    line_start, _ = _line(text, start, end)
    head = text[line_start:start]
    return not any(c.islower() for c in head) and len(head) < 40 and bool(_DATELINE_END.match(text, end))


def in_headline(text: str, start: int, end: int) -> bool:
    """A headline in title case: a short line without a closing full stop whose longer words are capitalised."""
    line_start, line_end = _line(text, start, end)
    line = text[line_start:line_end].strip()
    words = [w for w in _HEADLINE_WORD.findall(line) if len(w) > 3]
    return 0 < len(line) < 160 and not line.endswith(".") and len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _written_as_a_name(text: str, start: int, end: int, surface: str, case: tuple[frozenset, frozenset]) -> bool:
    """Case and context that a name allows: an all-caps word only if a spelling of the name has it so ("US", "HCMC"; not
    "ODA" for Oda) or in a wire dateline; no compass word opening a compound ("North–South"); no currency prefix ("US$")."""
    if text[end : end + 1] == "$":
        return False  # "US$", "A$", "HK$": a currency, never a place
    shouting, capitals = case
    words = [w for w in _WORDS.split(_ABBREV_DOTS.sub(_undot, surface)) if w]
    if len(words) > 1 and any(i < len(words) and not words[i][:1].isupper() for i in capitals):
        return False  # "Mekong River delta" is the river's delta, not a place named "Mekong River Delta"
    if any(len(w) > 1 and w.isupper() and i not in shouting for i, w in enumerate(words)) and not in_dateline(text, start, end):
        return False
    if len(words) == 1 and words[0].lower() in COMPASS and re.match(r"[–—-]\s?[A-Z]", text[end : end + 3]):
        return False  # "the North–South Expressway", "East-West corridor"
    return True


def _agency_credit(text: str, start: int, end: int) -> bool:
    """A name in brackets before the dash of a wire dateline: "HANOI, Feb 20 (Xinhua) –", "TOKYO (Kyodo) –"."""
    head = text[text.rfind("\n", 0, start) + 1 : start]
    return head.endswith("(") and len(head) < 60 and bool(re.match(r"[A-Z]{2}", head)) and bool(re.match(r"\)\s*[–—-]", text[end : end + 4]))


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


def _looks_like_a_place(text: str, start: int, end: int, surface: str, cased: bool, curated: bool, country: bool = False) -> bool:
    if cased and not surface[:1].isupper():
        return False
    if cased and not curated:
        words = [w for w in _WORDS.split(surface) if w]
        if any(len(w) > 3 and w[:1].islower() and w.lower() not in LEAD_WORDS for w in words):
            return False
    if _in_organisation(text, start, end):
        return False
    if curated and in_headline(text, start, end):
        return True  # every word of a headline is capitalised: its neighbours say nothing of persons or firms
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


# What a firm does or is, next to a name: "supplied by Kawasaki", "the conglomerate Hitachi", "Hitachi, the Japanese engineering group".
_FIRM_NOUNS = (
    r"company|firm|group|conglomerate|maker|carmaker|automaker|chipmaker|shipbuilder|steelmaker|manufacturer|supplier|contractor|"
    r"developer|operator|giant|brand|corporation|lender|investor|exporter|retailer"
)
_FIRM_BEFORE = re.compile(
    r"\b(?:(?:built|made|manufactured|supplied|delivered|designed|developed|constructed|operated|owned|acquired|bought|produced|assembled|"
    rf"installed|sold|engineered|provided|financed|funded)\s+by|{_FIRM_NOUNS})"
    r"(?:\s+(?-i:[A-Z][\w&’'.-]*)(?:(?:\s+|,\s*)(?-i:[A-Z][\w&’'.-]*))*,?\s+(?:and|or))?\s+$",  # "made by Toshiba and Kawasaki"
    re.IGNORECASE,
)
_FIRM_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:(?!of\b|in\b|for\b)[\w-]+\s+){{0,3}}?(?:{_FIRM_NOUNS})\b")  # not "the home of the carmaker"


def _named_as_a_firm(text: str, start: int, end: int) -> bool:
    return bool(_FIRM_BEFORE.search(text[max(0, start - 80) : start]) or _FIRM_AFTER.match(text, end))


_CAP_RUN_AFTER = re.compile(r"(?:(?:\s+(?:of|for|and|&)?\s*|[-–])[A-Z][\w’'-]*){1,5}")  # "-Japan University" too
_CAP_RUN_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,4})(?:of|for)\s+$")


def _in_organisation(text: str, start: int, end: int) -> bool:
    """The name sits in an organisation's name: "Vietnam Coast Guard", "Bank of China" (a head noun within the capitalised run)."""
    after = _CAP_RUN_AFTER.match(text, end)
    if after and any(_org_head(w) for w in re.findall(r"[A-Za-z][\w’'-]*", after.group()) if w[0].isupper()):
        return True
    before = _CAP_RUN_BEFORE.search(text[max(0, start - 60) : start])
    return bool(before and any(_org_head(w) for w in before.group(1).split()))


def _org_head(word: str) -> bool:
    bare = _bare(word)
    return bare in ORG_HEADS or (bare.endswith("bank") and len(bare) > 4)


@lru_cache(maxsize=1)
def default_matcher() -> PlaceMatcher:
    """The matcher over the default gazetteer, built once per process."""
    return PlaceMatcher(default_gazetteer())
