"""Why a place mention is not a map feature: author biographies, capitals standing for governments, vague regions, countries as actors."""

from __future__ import annotations

import re
from dataclasses import replace

import pycountry

from geo.gazetteer import Place, fold
from geo.precision import is_country
from seeds import countries

_BIO_CUE = re.compile(
    # "studied" of a person, not of a plan ("a crossing is being studied")
    r"\b(graduat\w*|joined the|worked (?:in|at|for|as)|correspondent|(?<!being )(?<!been )(?<!be )(?<!is )(?<!are )(?<!was )(?<!were )studied"
    r"|studying abroad|born in|his (?:major )?books|"
    r"her (?:major )?books|became a freelancer|is a (?:journalist|writer|researcher|professor|freelance)|specialist|enthusiast|"
    r"problem solver|fellow at|editor at|contributor)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\(?[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}\s*:\s*[A-Z][\w ]{2,30}\)?$")
# An author line at the start or the end: "By Tran Minh in Singapore", "Reporting by … in Hanoi; editing by …",
# "— The writer is a fellow at … in Singapore", "The author covers Southeast Asia from Bangkok."
_AUTHOR_LINE = re.compile(
    r"^\s*(?:[—–-]\s*)?(?:(?:Reporting |Written |Additional reporting )?by [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]+){0,3}(?:[,;]|\s+(?:in|from)\b|$)|"
    r"\(?(?:The|This) (?:author|writer|columnist|reporter|correspondent)s?\b)",
    re.IGNORECASE,
)


def _bio_cue(para: str) -> bool:
    """A cue of the author's biography; "joined the" only of a person ("Vietnam joined the WTO" is news, not a career)."""
    for m in _BIO_CUE.finditer(para):
        before = para[: m.start()].rstrip()
        if m.group(1).lower() == "joined the" and any(before.endswith(w) for code in countries.MENTIONS for w in countries.mention_words(code)):
            continue
        return True
    return False


def biography_start(text: str) -> int | None:
    """Where a trailing author biography begins (places there are not features), or None."""
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    start = None
    for offset, para in reversed(paragraphs):
        # "… coal plants in the region. The author covers Southeast Asia from Bangkok." closes the last paragraph
        tail = re.search(r"(?<=[.!?”\"])\s+((?:[—–-]\s*)?(?:The|This) (?:author|writer|columnist|reporter)s?\b[^\n]*)$", para)
        if offset < len(text) * 0.6:
            if tail and start is None and offset + tail.start(1) >= len(text) * 0.6:
                start = offset + tail.start(1)
            break
        if _bio_cue(para) or _BYLINE.match(para.strip()) or _AUTHOR_LINE.match(para):
            start = offset
            continue
        if tail and start is None:
            start = offset + tail.start(1)
        break
    return start


def author_spans(text: str) -> list[tuple[int, int]]:
    """The author lines of an article: a byline among its first lines, and its trailing biography."""
    spans = []
    for number, m in enumerate(re.finditer(r"[^\n]+", text)):
        if number >= 6:
            break
        if _AUTHOR_LINE.match(m.group()) and len(m.group()) < 120:
            spans.append(m.span())
    bio = biography_start(text)
    if bio is not None:
        spans.append((bio, len(text)))
    return spans


_METONYM_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w’']*(?:\s[A-Z][\w’']*)?)?\s+(?:(?:also|now|again|still|already|recently|reportedly|quietly|long|then|has|have|had|"
    r"later|first|initially|originally|eventually|finally|quickly|swiftly|promptly|publicly|formally|officially|repeatedly|immediately|soon|once|"
    r"in turn|too|itself|never|not|no longer|firmly|closely|strongly|increasingly|"
    r"is|was|will|would|could|may|might|must|should|can|cannot|does|did|not|never|been)\s+){0,3}"
    r"(?:wants?|hopes?|says?|said|sees?|saw|has|have|had|is|was|will|would|should|could|may|might|must|can|cannot|does|did|"
    r"believes?|views?|fears?|worries|insists?|argues?|claims?|warn(?:s|ed)?|built|considers?|joined|seeks?|sought|rejects?|"
    r"demands?|urges?|urged|responded|courts?|courted|joins|pursues|keeps|kept|adheres|buys|bought|collects|helps|sends|sent|pressures?|pledges?|offers?|gives?|gave|lends?|lent|provides?|promises?|"
    r"announces?|agrees?|signs?|approves?|funds?|finances?|plans?|intends?|aims?|expects?|welcomes?|opposes?|protests?|"
    r"(?:un)?able to|(?:remains?|stays?)\s+(?:wary|cautious|committed|open|opposed|reluctant|keen|concerned|sceptical|skeptical|silent|firm|"
    r"determined|unconvinced|hesitant|neutral|unmoved|unwilling|willing|ready)|eyes|faces|refuses?|resists?|prefers?|doubts?|favou?rs?|balks?|hesitates?|questions|presses|watches|calls|"
    r"pushes|vows?|threatens?|blames?|asks?|tells?|signals?|accuses|denies|condemns?|called|"
    r"steps? up|stepped up|ramps? up|ramped up|declines?|declined|maintains|maintained|"
    r"providing|funding|financing|lending|paying|offering|giving|pushing|pressing|seeking|insisting|demanding|refusing|promising|pledging|backing"
    r"|supporting|opposing|signing|agreeing|planning|hoping|wanting|trying|urging|warning|accusing|claiming|courting|announcing|"
    r"(?!locat|bas|situat|nam|call|link|connect|host|popul|crowd|found)[a-z]+ed)\b"
)
# After "never", "not", "later"…, a verb of any kind is the government's: "demanded that Beijing never send the rig back".
_METONYM_ADVERB_VERB = re.compile(
    r"^\s+(?:never|not|later|first|initially|eventually|finally|quickly|swiftly|promptly|publicly|formally|officially|repeatedly|immediately)"
    r"\s+(?!(?:is|was|has|have|had|lies|lay|sits|sat|hosts?|hosted|remains?|remained|stays?|stayed|boasts?|became|becomes|looks?|got|gets|saw|sees)\b)[a-z]{3,}\b"
)
# A relative clause or "itself …" between a capital and its verb: "Tokyo, itself at odds with Beijing, said", "New Delhi, which …, has expanded".
_APPOSITIVE = re.compile(
    r",\s+(?:itself|which|who|whose|for its part|in turn|meanwhile|too|however|in response|by contrast|in a statement"
    # a role only a state has: "Moscow, its main patron, has been cutting aid", "Beijing, the main backer of the Khmer Rouge, has"
    r"|(?:its|their|the|[A-Z][\w’']*[’']s)\s+(?:[a-z]+\s+){0,2}(?:patron|backer|ally|sponsor|benefactor|donor|creditor|lender|protector"
    r"|adversary|rival|enemy|foe|guarantor|mediator|broker)s?)\b[^.;:]{0,150}?,(?=\s)"
)
# A state's own word for itself or its leaders after the capital: "the Beijing government", "the Tokyo leadership".
_GOVERNMENT_AFTER = re.compile(r"^\s+(?:government|regime|administration|leadership|authorities)\b")
# A capital asked, let or helped to act: "easier for Hanoi to pursue", "allows Washington to give" ("for Hanoi to the
# coast" and "flights from Hanoi to Tokyo" are places: a determiner or a name after "to").
_TO_ACT_BEFORE = re.compile(r"\b(?:for|allow(?:s|ed|ing)?|enabl(?:e|es|ed|ing)|permit(?:s|ted|ting)?|encourag(?:e|es|ed|ing)|forc(?:e|es|ed|ing)"
                            r"|persuad(?:e|es|ed|ing)|ask(?:s|ed)?|invit(?:e|es|ed|ing))\s+$")
_TO_ACT_AFTER = re.compile(r"^\s+to\s+(?!(?:the|a|an|its|their|his|her|this|that|be|become|visit|travel|fly|go|come|move|return)\b)[a-z]{3,}\b")
# A capital compounded with what a government does: "Beijing-backed lenders", "Tokyo-funded" (not "Tokyo-based": a place).
_GOVERNMENT_COMPOUND = re.compile(r"[-–](?:backed|funded|financed|led|sponsored|brokered|controlled|aligned|leaning|friendly)\b")
# Things that run between cities, not relations: "flights between Hanoi and Tokyo resumed", "flights from Hanoi to Tokyo
# resumed", "trains to Beijing were full".
_CONCRETE_BETWEEN = re.compile(
    r"\b(?i:flights?|routes?|trains?|services?|railways?|rail|roads?|highways?|expressways?|border|distance|ferr(?:y|ies)|bus(?:es)?|cables?"
    r"|pipelines?|lines?|links?|corridors?|journeys?|trips?|drives?)\s+(?:[a-z]+\s+)?(?:between|to|from|linking|connecting)\s+"
    r"(?:[A-Z][\w’']*(?:\s[A-Z][\w’']*)?\s+(?:and|with|to)\s+)?$"
)
# A capital as the point of view of a sentence: "For Tokyo, the deal was a flagship", "…, and for Seoul, Vietnam is a market".
_POINT_OF_VIEW = re.compile(r"(?:^|[.!?;]\s+|\n\s*|,\s+(?:and|but)\s+)(?:For|for|To|to)\s+$")
# The names of a list before the current one: "in Hà Nội and ", "from Washington, Tokyo and ".
_LIST_SO_FAR = r"(?-i:(?:[A-Z][\w’']*(?:\s[A-Z][\w’']*)?(?:,\s+|\s+and\s+|,\s+and\s+))*)"
# A location word before a capital (and any names listed before it): "analysts in Hanoi say", "analysts in Hà Nội and
# Manila said" name a place.
_LOCATED = re.compile(rf"\b(?i:in|at|from|near|outside)\s+{_LIST_SO_FAR}$")
_METONYM_BEFORE = re.compile(
    r"\b(?:unease in|concerns? in|relations with|ties with|priority for|pressure from|counter|against|alarm in|anger in|"
    r"criticism from|dialogue with|talks with|engagement with|balance between|courts?|courting|courted|pressures?|pressed|urges?|urged|"
    r"warns?|warned|backs?|backed|supports?|supported|press(?:es|ed)?|sees?|saw|told|assured|reassured|thanked|accused|lobbied|persuaded|"
    r"between|(?:between|with) [A-Z][\w’']*(?: [A-Z][\w’']*)? and|"
    # the object of a noun of policy: "a lesson for Hanoi", "a message to Beijing", "pressure on Washington"
    r"(?:lessons?|messages?|signals?|warnings?|setbacks?|blows?|boosts?|win|wins|victory|victories|rebukes?|snubs?|challenges?|"
    r"headaches?|concessions?|reassurances?|dilemmas?|reminders?|overtures?|olive branch|wake-up call|rebuff|defeat)"
    r"\s+(?:for|to)|(?:pressure|leverage|influence|sanctions|dependence|reliance) (?:on|over|upon)|"
    r"compet(?:e|es|ed|ing) (?:with|against)|"
    # a government as partner, helped or claimant: "a partner of Washington", "has helped Washington account", "claimed by
    # Manila", "work with Phnom Penh", "drawn attention from Washington", "presented … as aimed at Beijing"
    r"partners? of|help(?:s|ed|ing)?|claimed by|work(?:s|ed|ing)? (?:closely )?with|attention from|as aimed at|"
    # the agent of what only a state does: "the Khmer Rouge, backed by Beijing", "islands seized by Beijing"
    r"(?:backed|supported|armed|sponsored|brokered|imposed|seized|occupied|annexed|ruled|recogni[sz]ed|sanctioned) by|"
    # what a stance or a message is aimed at: "a message aimed at Hanoi", "as much at Washington as at Hanoi", "wariness
    # of Beijing", "to restrain Beijing", "declined to condemn Moscow"
    r"(?:messages?|signals?|warnings?|statements?|rebukes?|moves?|steps?)\s+aimed\s+(?:(?:as much|mainly|partly|largely|squarely|chiefly|also)\s+)?at|"
    r"as much at [A-Z][\w’']*(?:\s[A-Z][\w’']*)? as at|"
    r"(?:wariness|suspicion|distrust|mistrust|fears?|hostility|policy|policies|stance|attitude)\s+(?:of|toward|towards)|"
    r"(?:restrain|condemn|constrain|deter|appease|placate|confront|rebuke|isolate|punish|sanction|provoke|antagoni[sz]e|critici[sz]e)(?:s|d|ed|ing)?|"
    # a party to a deal or a dispute: "the EU's deal with Hanoi", "at odds with Beijing"
    r"(?:deals?|agreements?|pacts?|accords?|treaty|treaties|negotiations|disputes?|rows?|spats?|standoff|rivalry|at odds) with|"
    # the recipient of what a government lends or offers: "offered to lend Hanoi", "promised Tokyo"
    # ("gave Hanoi its first metro" gives the city a line: not a government's)
    r"lend|lends|lent|lending|grant|grants|granted|granting|loaned|owe|owes|owed|offer|offers|offered|promised)\s+"
    + _LIST_SO_FAR  # the cue's list goes on: "attention from Washington, Tokyo and Canberra"
    + "$",
    re.IGNORECASE,
)
# After a capital's possessive, what belongs to the city itself; anything else belongs to its government ("Beijing's assertiveness").
_CITY_THINGS = re.compile(
    r"^[’']s\s+(?:[A-Z]|(?:old |historic |busy |crowded |main |new |first |second |international )?(?:city|streets?|residents?|people|"
    r"population|metro|subway|airports?|stations?|roads?|traffic|suburbs?|outskirts|centre|center|districts?|mayor|skyline|air|"
    r"hospitals?|universit(?:y|ies)|schools?|markets?|lakes?|rivers?|quarters?|neighbourhoods?|neighborhoods?|urban|"
    r"ring road|expressways?|port|bridges?|parks?|hotels?|restaurants?|flood\w*|pollution|smog|weather|"
    r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|edges?|periphery|fringes?|heart|core)\b)"
)
# A part of a country or region before its name: "in northern Laos", "across central Vietnam", "in the far north-west".
PART_OF = r"(?:(?:the\s+)?(?:(?:far\s+)?(?:north|south)?-?(?:north|south|east|west|centr)(?:ern|al)|upper|lower)\s+)?"
_VENUE_BEFORE = re.compile(rf"\b(?:visit(?:ed|s|ing)?|visit to|trip to|in|into|to|at|from|across|throughout|inside)\s+{PART_OF}$", re.IGNORECASE)


def _city_state(place: Place) -> bool:
    """A capital named like its country (Singapore, Monaco, Luxembourg): the name is the country's as much as the city's."""
    record = pycountry.countries.get(alpha_2=place.country or "")
    return record is not None and fold(place.name) in {fold(getattr(record, a)) for a in ("name", "common_name") if hasattr(record, a)}


def _appositive_verb(text: str, at: int) -> bool:
    """The verb after an appositive is a government's, not the copula of a description ("Hanoi, which …, is home to")."""
    rest = text[at : at + 60]
    return bool(_METONYM_AFTER.match(rest)) and not re.match(r"\s+(?:is|was|are|were|lies|sits|remains)\b", rest)


def trap(place: Place, text: str, start: int, end: int, bio: int | None | list[tuple[int, int]]) -> str | None:
    """Why a place mention is not a map feature, or None when it may be one.

    `bio`: where the trailing biography starts (`biography_start`), or the author lines' spans (`author_spans`).
    """
    spans = [(bio, len(text))] if isinstance(bio, int) else (bio or [])
    if any(a <= start < b for a, b in spans):
        return "biography: in the author's biography"
    if place.vague:
        return "vague region: too broad to place"
    before, after = text[max(0, start - 40) : start], text[end : end + 60]
    located = _LOCATED.search(before)
    listed = text[max(0, start - 100) : start]  # a cue's list may start further back
    if place.feature_class == "P.PPLC" and _city_state(place):
        place = replace(place, feature_class="A.PCLI")  # "Singapore was the largest investor": the country, like any other
    if place.feature_class == "P.PPLC":
        possessive = re.match(r"[’']s\b", after)
        if possessive and not _CITY_THINGS.match(after):
            return "metonym: the capital stands for its government"
        concrete = _CONCRETE_BETWEEN.search(before)
        located = located or concrete
        if (not possessive and _METONYM_AFTER.match(after) and not located) or (_METONYM_BEFORE.search(listed) and not concrete):
            return "metonym: the capital stands for its government"
        if _GOVERNMENT_COMPOUND.match(after) or _GOVERNMENT_AFTER.match(after) or (_TO_ACT_BEFORE.search(before) and _TO_ACT_AFTER.match(after)):
            return "metonym: the capital stands for its government"
        if not located and (_METONYM_ADVERB_VERB.match(after) or ((aside := _APPOSITIVE.match(text, end)) and _appositive_verb(text, aside.end()))):
            return "metonym: the capital stands for its government"
        if _POINT_OF_VIEW.search(before) and after.startswith(","):
            return "metonym: the capital stands for its government"
    if is_country(place) and (not _VENUE_BEFORE.search(before) or re.match(r"[’']s\b", after)):
        return "actor: the country acts; no place is meant"
    return None
