"""Which named countries have a part in an event: the countries an article is about, and the others only where their
sentence gives them a role.

Blanking countries named in passing (ingest/partners.py) takes an exception per turn of phrase, and new text always
brings new ones ("relies on hardware from Russia", "in a case brought by the Philippines", "a race in which Riyadh is
the rival"). So the candidate step also asks for positive evidence. An article's *lead* countries, those it names most
often (within three quarters of the most named), are partners of its events wherever they are not in passing; any
other country is a partner of an event only when its sentence gives it a role there:

- it acts: the country, its people, leader, firm or capital, then within a few words (no comma between) a verb or noun
  of the event's role ("Japan will lend", "Korea's Doosan built", "Indian Prime Minister Modi's visit");
- it is an agent or source: "funded/built/co-invested … by X" (earlier in its clause), "a loan/lenders/investors from
  X", "X-funded", "X-built";
- it is a party: "ties/an agreement/talks with X", "X and Vietnam", "between Vietnam and X" (not "a summit between
  X and Y" of two other countries), or a host: "visited X", "a visit to X";
- a list shares its verb: "the United States, Japan and other countries continue to increase their investment".

A role stated in a sentence set before the event ("Ten years ago, …", "It was first planned as …") is an earlier
project's, not this one's. Whether an event's other countries had a role (a comparison, a dispute, an earlier stop, the background of a place)
is then read from what the sentence says they do, not from a list of what they must not be doing.
"""

from __future__ import annotations

import math
import re

from ingest.partners import _governed
from seeds import countries

LEAD_SHARE = 0.75  # a country named at least this share as often as the most named one is a lead country
SUBJECT_MIN, SUBJECT_RATIO = 3, 2  # an article about one foreign country (subject_country)

# Verbs and nouns of a part in an event, after the country (its people, leader or firm) that acts.
_ROLE = (
    r"(?:lend|lends|lent|lending|loans?|fund(?:s|ed|ing)?|co-fund\w*|financ(?:e|es|ed|ing)|co-financ\w*|build(?:s|ing)?|built|co-built"
    r"|construct(?:s|ed|ing)?|invest(?:s|ed|ing|ments?|ors?)?|co-invest\w*|sign(?:s|ed|ing)?|visit(?:s|ed|ing)?|trip|tour|host(?:s|ed|ing)?"
    r"|suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|grant(?:s|ed)?|donat(?:e|es|ed|ing|ions?)|develop(?:s|ed|ing|er)?"
    r"|operat(?:e|es|ed|ing|or)|open(?:s|ed)?|agree(?:s|d|ments?)?|award(?:s|ed)?|giv(?:e|es|ing)|gave|offer(?:s|ed|ing)?|deliver(?:s|ed|ing|y)?"
    r"|help(?:s|ed|ing)?|assist(?:s|ed|ing|ance)?|support(?:s|ed|ing)?|aid|ODA|cooperat\w*|partner(?:s|ed|ing|ship)?|upgrad(?:e|es|ed|ing)"
    r"|sent|send(?:s|ing)?|dispatch\w*|deploy\w*|train(?:s|ed|ing)?|join(?:s|ed|ing)?|back(?:s|ed|ing)?|sponsor\w*|contribut\w*|commit\w*"
    r"|won|win(?:s|ning)?|pa(?:y|ys|id|ying)|bought|buy(?:s|ing)?|acquir\w*|purchas\w*|met|meet(?:s|ing)?|talks|summit|arriv\w*|welcom\w*"
    r"|receiv\w*|hand(?:s|ed)? over|transfer\w*|deal|contract(?:s|ed)?|package|project|plans?|add(?:s|ed)?|expand\w*|start(?:s|ed)?|began|begin\w*"
    r"|launch\w*|complet\w*|finish\w*|inaugurat\w*|led|lead(?:s|ing)?|raise[sd]?|elevat\w*|lift(?:s|ed)?|establish\w*)"
)
# The country, then at most five words (no comma, colon or dash between: the same clause), then the role.
_ACTS = re.compile(rf"^(?:[’']s)?(?:[ \t-]+[\w’'.$¥€£-]+){{0,5}}?[ \t-]+{_ROLE}\b", re.IGNORECASE)
_COMPOUND = re.compile(r"^-(?:funded|financed|built|backed|developed|led|designed|made|supplied|sponsored|invested|donated|brokered|assisted)\b")
# An agent with "by" earlier in the clause: "co-invested and co-built by CPECC … and Malaysia's JAKS".
_BY = re.compile(
    r"\b(?:co-)?(?:funded|financed|built|backed|developed|invested|constructed|designed|supplied|sponsored|donated|provided|granted|offered"
    r"|signed|hosted|supported|led|operated|made|bought|acquired|paid|lent|pledged|proposed|initiated|brokered|owned|held)(?:\s+and\s+(?:co-)?\w+)?"
    r"(?:\s+(?:jointly|partly|mainly|majority|\d[\d.,]*\s*(?:%|per\s?cent)))?\s+by\b",
    re.IGNORECASE,
)
# A cue whose list of countries are sources or parties: "a loan from Japan", "lenders from Tokyo, Singapore and …",
# "an agreement with Korea". "Between" makes a party only with Vietnam ("between India and Vietnam", _HOME_PAIR): a
# summit between two other countries is theirs, even when Vietnam hosts it.
_PARTY_BEFORE = re.compile(
    r"\b(?:(?:loans?|credits?|aid|grants?|funding|funds|finance|financing|investments?|investors?|lenders?|banks?|assistance|support|ODA"
    r"|help|donations?|money|capital|backing|firms?|companies|contractors?|builders?|engineers?|experts?|delegations?|troops|officials"
    r"|leaders?|ministers?|government)\s+(?:from|of)|(?:work(?:s|ed|ing)?|collaborat\w+|coordinat\w+)\s+(?:closely\s+|together\s+)?with"
    r"(?:\s+(?:their|its|his|her))?|(?:ties|relations|agreements?|deals?|pacts?|partnerships?|talks|cooperation"
    r"|treat(?:y|ies)|accords?|FTAs?|meetings?|summits?|contracts?|memorand\w+|MoUs?|joint ventures?|consortium)\s+with|visits?\s+to|trips?\s+to"
    r"|visit(?:ed|s|ing)?|toured|tours)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)
# The rest of a list the country opens, whose verb is shared: "the United States, Japan and other countries continue to invest".
_LIST_REST = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
    r"|other\s+(?:countries|nations|partners|donors|lenders|investors|governments)|others))+"
)
_HOME_PAIR = re.compile(r"\b(?:Vietnam|Viet Nam|Hanoi|Hà Nội)(?:[’']s)?\s+and\s+(?:the\s+)?$|^\s+and\s+(?:Vietnam|Viet Nam|Hanoi|Hà Nội)\b")
# A sentence set before the article's event: its roles are those of an earlier or abandoned project ("Ten years ago,
# the Australian-funded bridge …", "It was first planned as part of an Indonesian-developed township …").
_EARLIER = re.compile(
    r"^\W*(?:(?:[\w-]+\s+){1,2}(?:years?|decades?)\s+(?:ago|earlier|before)\b|(?:Originally|Previously|Formerly|Decades ago)\b"
    r"|(?:[\w-]+\s+){1,5}?(?:was|were|had been)\s+(?:first|originally|once|initially)\s+(?:planned|conceived|proposed|meant|intended|designed|built))",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:!?]|\.\s|\s[–—]\s")


def _counts(text: str, codes: list[str]) -> dict[str, int]:
    return {code: len(countries.mention_pattern(code).findall(text)) for code in codes if code != countries.HOME}


def lead_countries(text: str, codes: list[str]) -> set[str]:
    """The foreign countries `text` (an article, place names blanked) names most often: within LEAD_SHARE of the most named."""
    counts = _counts(text, codes)
    top = max(counts.values(), default=0)
    return {code for code, n in counts.items() if n and n >= math.ceil(LEAD_SHARE * top)}


def subject_country(text: str, codes: list[str]) -> str | None:
    """The one foreign country an article is about, if there is one: named at least SUBJECT_MIN times (countries in
    passing blanked) and SUBJECT_RATIO times as often as any other foreign country."""
    ranked = sorted(_counts(text, codes).items(), key=lambda kv: -kv[1]) + [("", 0)]
    (code, top), (_, second) = ranked[0], ranked[1]
    return code if code and top >= SUBJECT_MIN and top >= SUBJECT_RATIO * second else None


def has_role(sentence: str, code: str, all_codes: list[str]) -> bool:
    """True when `sentence` (countries in passing already blanked) gives the country `code` a role in its event."""
    pattern = countries.mention_pattern(code)
    for m in pattern.finditer(sentence):
        after, before = sentence[m.end():], sentence[: m.start()]
        rest = _LIST_REST.match(after)
        shared = after[rest.end():] if rest else after
        if _COMPOUND.match(after) or _ACTS.match(after) or _ACTS.match(shared) or _HOME_PAIR.search(before) or _HOME_PAIR.match(after):
            return True
        clause = _CLAUSE_END.split(before)[-1]
        if _BY.search(clause):
            return True
    for cue in _PARTY_BEFORE.finditer(sentence):
        if any(pattern.match(sentence, start) for start, _ in _governed(sentence, cue.end(), all_codes)):
            return True
    return False


def with_a_role(sentence: str, partners: list[str], leads: set[str], all_codes: list[str]) -> list[str]:
    """`partners` (named in `sentence`, not in passing) kept when they lead the article or have a role in the sentence
    (not in a sentence set before the event: an earlier or abandoned project is not this one)."""
    earlier = bool(_EARLIER.match(sentence))
    return [code for code in partners if code in leads or (not earlier and has_role(sentence, code, all_codes))]
