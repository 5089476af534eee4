"""Which countries a sentence names as partners of its event, and which it names only in passing.

A sentence's countries are its event's partners when they act in it or fund it ("Japan will lend", "a loan
from Korea", "between India and Vietnam"). Countries in a comparison ("ahead of Singapore and Japan", "more than
China"), a market, source or destination ("steel shipped to the United States", "ships can sail to Japan",
"demand from Europe", "LNG bought from Qatar"), a port of call or transit ("calling at Hong Kong or Singapore",
"via Bangkok") or the background of the event ("amid tensions with China", "to counter China", "firms moving from
China"; "…, as Chinese ships operated nearby" after the event's own actor; a leader's earlier stop, "flying in from
New Delhi"), the other side of a dispute ("accused China of", "at odds with Beijing"), a claimant or occupier
("which China seized in 1974"), a yardstick ("modest next to that of Japan"), the actor's other deals ("after
agreements with Japan and with Singapore"), a third country's reaction ("Australia voiced concern") and, read by
the candidate step, the place where something happens ("speaking in Singapore") are not. The cues are words of
the role, read within the clause; the country names they govern (a list joined by commas, "and", "or") are
blanked before the partners are read, so every spelling of a country is treated alike. The candidate step then keeps
a country the article does not lead with only where its sentence gives it a role (ingest/roles.py).
"""

from __future__ import annotations

import re

from seeds import countries

# A role word, then (within the clause) the countries it governs.
_LIST_AFTER = re.compile(
    r"\b(?:"
    r"(?:more|less|fewer|larger|bigger|higher|lower|faster|cheaper|greater|smaller|better|worse|\w+er) than"
    r"|rather than|(?<!\w)like|unlike|ahead of|behind|overtak(?:e|es|ing|en)|overtook|surpass(?:es|ed|ing)?|outpac(?:e|es|ed|ing)"
    r"|compared (?:with|to)|in comparison (?:with|to)|rival(?:s|led|ling|ing)?|as in|second only to|trails?|trailing"
    r"|call(?:s|ed|ing)? (?:at|in)|port calls? (?:at|in)|via|transit(?:s|ed|ing)?(?: through| in| via)?|stop(?:s|ped|ping)?(?: over)? (?:in|at)"
    r"|bound for|destined for|en route to"
    r"|(?:export(?:s|ed|ing)?|ship(?:s|ped|ping|ments?)?|sold|sell(?:s|ing)?|sales|flights?|routes?|sent|deliver(?:ed|ies|s|ing)?"
    r"|sail(?:s|ed|ing)?|carr(?:y|ies|ied|ying)|transport(?:s|ed|ing)?|haul(?:s|ed|ing)?|ferr(?:y|ies|ied|ying)|voyages?)"
    r"(?:\s+(?!to\b)[\w’'-]+){0,4}?\s+(?:to|into)|(?:ships?|vessels?|cargo|goods|containers?|barges?)(?:\s+[\w’'-]+){0,3}?\s+reach(?:es|ed)?"
    r"|markets? (?:in|of|such as|including|like)|demand (?:from|in)|buyers? (?:in|from)|customers? (?:in|from)"
    r"|(?:buy(?:s|ing)?|bought|import(?:s|ed|ing)?|purchas(?:e|es|ed|ing))(?:\s+(?!from\b)[\w’'-]+){0,6}?\s+from"
    r"|amid|despite|in the face of|tensions? (?:with|between)|disputes? with|pressure from|against|rivalry with|competition (?:with|from)"
    r"|counter(?:ing|s|ed)?|counterweight to|contain(?:ing|ment of)?|deter(?:ring|s)?|instead of|except|excluding"
    r"|modell?ed (?:on|after)|similar to|the same as|(?:second|third|fourth|fifth|next)[\w -]{0,20}? (?:after|to)"
    r"(?:\s+(?:deals|agreements|pacts|accords|treaties|FTAs)\s+(?:with|to|in))?"
    r"|(?:away|out) of|(?:away|moving|moved|relocat\w+|shift\w*|diversif\w+) from|beyond|outside(?: of)?"
    # a neighbour named for where a place lies: "Quang Ninh borders China", "provinces neighbouring Laos"
    r"|(?:borders|bordered|bordering|adjoins|adjoining|neighbou?rs|neighbou?ring)"
    r"|(?:later|then|next|afterwards)\s+(?:flew|travell?ed|headed|went|left)(?:\s+on)?\s+(?:to|for)|(?:flew|flying|travell?ing|heading|went|going)\s+on\s+to"
    r"|before\s+(?:flying|travell?ing|heading|leaving|going)(?:\s+on)?\s+(?:to|for)"
    # a departure for the next leg: "Xi left Hanoi on Tuesday for Malaysia" (not "left the talks for Japan to lead")
    r"|(?:left|leaves|leaving|departed|departs|departing)(?-i:(?:\s+[A-ZĐ][\w’'-]*(?:\s+[A-ZĐ][\w’'-]*)*)?(?:\s+(?:on|this|early|late)\s+[A-Z]?[a-z]+)?)\s+for"
    r"|on (?:his|her|their|its) way (?:from|to)|(?:flew|flown|flying|arriv\w+|travell?\w*|head(?:ed|ing)|came|coming) (?:in |on )?from|stopovers? in"
    # the other side of a dispute: "accused China of", "an opponent of Russia's war", "at odds with Beijing", "a rebuke to China",
    # "strained relations between Hanoi and Beijing", "criticism from Washington"
    r"|accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|critici[sz](?:e|es|ed|ing)|criticism of|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)"
    r"|rebukes? to|rebuk(?:e|es|ed|ing)|confront(?:s|ed|ing)?|opponents? of|opposition to|at odds with|(?:stand|stands|standing|stood) up to"
    r"|push(?:es|ed|ing)? back (?:against|on)|protest(?:s|ed|ing)? (?:to|against)|(?:a |in )?(?:row|spat|standoff|stand-off|feud) with"
    r"|(?:strained|tense|troubled|frosty|soured|souring|difficult|rocky|fraught)\s+(?:relations|ties)\s+(?:with|between)"
    r"|(?:criticism|objections?|protests?|warnings?|complaints?|condemnation|rebukes?) (?:from|by)|defy(?:ing)?|defie[sd]|in defiance of"
    # the addressee of a demand or an appeal: "urged North Korea on Sunday to follow the path of Vietnam", "called on China to"
    r"|(?:urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|call(?:s|ed|ing)? (?:on|upon)|demand(?:s|ed|ing)? (?:that)|warn(?:s|ed|ing)?|implor\w+|exhort\w+)"
    r"(?=\s+(?:the\s+)?[A-Z][^.;]{0,60}?\bto\b)"
    # a yardstick: "modest next to that of Japan", "dwarfed by China's", "its largest since Japan's in 2019"
    r"|(?:largest|biggest|first|highest|lowest|most|best|worst)\b[\w -]{0,30}? since\b"
    r"|next to|relative to|(?:dwarf|overshadow|eclips)(?:ed|s)? by|lag(?:s|ged|ging)?(?: behind)?"
    # other deals of the same actor: "its third deal after agreements with Japan and with Singapore"
    r"|(?:after|following|follows|followed|besides|like|as with|on top of|in addition to|alongside)\s+(?:(?:its|their|the|earlier|previous|similar|separate"
    r"|existing|recent|other)\s+)*(?:deals|agreements|pacts|accords|treaties|FTAs|(?:earlier|previous|similar|separate|other)\s+"
    r"(?:deal|agreement|pact|accord|treaty|FTA|visits?|trips?))\s+(?:with|to|in)"
    r")\s+(?:(?:that|those)\s+of\s+)?(?:(?:in|at|with|from)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
# A leg of a tour other than the visit to Vietnam, and what happens there: the clause from the cue to its end ("after a
# stop in Tokyo, where he briefed his Japanese and South Korean counterparts", "who came to Vietnam from Jakarta after
# meeting Indonesian President Joko Widodo", "fresh from nuclear talks in Pyongyang"); onward legs are read after "From
# Hanoi, …" ("From Hanoi, Kishida was to travel to Bangkok for talks with Thai Prime Minister …").
_LEG = re.compile(
    r"\b(?:(?:flew|flown|flying|arriv(?:e|es|ed|ing)|travell?(?:ed|ing)|came|coming)(?:\s+(?:in|on|here|to\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))?"
    r"\s+from|fresh from|(?:a|his|her|their|its)\s+(?:[\w-]+\s+)?stop(?:over)?\s+(?:in|at)|stopovers?\s+in|on (?:his|her|their|its) way (?:from|to))\b"
)
_ONWARD = re.compile(
    r"^\W*From\s[^.;]*?\b(?:travel\w*|fl(?:y|ies|ew|ying)|head(?:s|ed|ing)?|go(?:es|ing)?|went"
    r"|continu\w+|proceed\w*)(?:\s+on)?\s+to\b"
)
# A leg's clause ends at a comma or a sentence stop; after "…, where" it runs to the sentence stop ("a stop in Tokyo, where
# he briefed …, a senior aide to North Korean leader Kim Jong Un.").
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)|\s[–—]\s")
_LEG_END = re.compile(_SENTENCE_END.pattern + "|,")
# A leg that follows the one before in the same sentence: ", and then to Jakarta", ", then on to Bangkok", ", before flying to".
_NEXT_LEG = re.compile(r",\s+(?:and\s+)?(?:then\s+(?:on\s+)?to|on\s+to|before\s+(?:flying|travell?ing|heading|going)(?:\s+on)?\s+to)\b")
# A clause giving the event's background, once the event has its own actor: "Tokyo pledged the loan as Chinese ships …".
_BACKGROUND_CLAUSE = re.compile(r"(?<!such )(?<!as well )\b(?:as|while|whereas|even as)\s+(?:the\s+)?(?=[A-Z])")
# A third country's reaction to the event, not a part in it: "Australia voiced concern", "Tokyo, itself …, expressed regret".
_REACTION = re.compile(
    r"(?:\s*,[^,]{0,80},)?\s+(?:(?:has|have|had|also|quickly|later|swiftly|publicly)\s+)*(?:said (?:it|they) (?:shared|felt|had)|expressed|voiced"
    r"|reiterated|echoed|called for|urged|appealed for)\s+(?:[\w’'-]+\s+){0,3}?(?:concerns?|regret|restraint|sympathy|solidarity|calm|alarm|dismay)\b"
)
# The other side of a territorial dispute, named before its act: "which China seized in 1974", "where Beijing has built and
# armed artificial islands" (not "China, which claims the sea, sent its rig": an aside about the actor).
_CLAIMANT = re.compile(
    r"\s+(?:(?:has|have|had|also|later|now|still|since|long|illegally|forcibly)\s+)*"
    r"(?:seized|occupie[sd]|occupying|(?:(?:overlapping|competing|conflicting|rival)\s+)?claims?|claimed|disput(?:e|es|ed|ing)|militari[sz](?:es|ed|ing)|annex(?:es|ed)|invaded|blockad(?:es|ed)|rammed|harass(?:es|ed)"
    r"|built (?:and [a-z]+ )?(?:artificial islands|outposts|military))\b"
)
_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
# Between list items; a repeated preposition keeps the list going ("with Japan in October and with Singapore").
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|\bnor\b|/)\s*(?:(?:with|to|in|from|at)\s+)?(?:the\s+)?")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        chars[i] = " "


def _item_at(text: str, at: int, codes: list[str]):
    """The list item starting at `at` (blanks skipped): (start, end, is_country), or None. An item is a country mention
    (the longest) or another capitalised name ("calling at Hong Kong or Singapore")."""
    while at < len(text) and text[at] == " ":
        at += 1
    best = None
    for code in codes:
        m = countries.mention_pattern(code).match(text, at)
        if m and (best is None or m.end() > best[1]):
            best = (m.start(), m.end(), True)
    if best is None and (m := _NAME.match(text, at)):
        best = (m.start(), m.end(), False)
    return best


# A time after a list item: "with Japan in October and with Singapore this month".
_WHEN = re.compile(
    r"\s+(?:(?:in|on|since|during|until)\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|\d{4})(?:\s+\d{4})?|(?:last|this|next)\s+(?:year|month|week|spring|summer|autumn|fall|winter)"
    r"|(?:earlier|later)\s+this\s+(?:year|month|week))"
)


def _governed(text: str, at: int, codes: list[str]):
    """The spans of the countries in the list starting at `at`: "Singapore and Japan", "Thailand, Malaysia or China".
    After a comma the list goes on only while another separator follows ("A, B and C"; not "A, Japan said")."""
    out = []
    if both := re.match(r"\s*(?:both|either|neither)\s+", text[at:]):  # "against both Vietnam and the Philippines"
        at += both.end()
    while (item := _item_at(text, at, codes)) is not None:
        if item[2]:
            out.append(item[:2])
        when = _WHEN.match(text, item[1])
        sep = _SEPARATOR.match(text, when.end() if when else item[1])
        if not sep:
            break
        if sep.group().strip().startswith(","):
            following = _item_at(text, sep.end(), codes)
            if following is None or not _SEPARATOR.match(text, following[1]) and not re.match(r"\s*(?:and|or)\b", text[sep.end():]):
                break
        at = sep.end()
    return out


def in_passing(text: str, codes: list[str]) -> str:
    """`text` with the countries it names only in passing (comparisons, markets, ports of call, background) blanked."""
    chars = list(text)
    for cue in _LIST_AFTER.finditer(text):
        for span in _governed(text, cue.end(), codes):
            _blank(chars, *span)
    for code in codes:
        for m in countries.mention_pattern(code).finditer(text):
            if _REACTION.match(text, m.end()) or _CLAIMANT.match(text, m.end()):
                _blank(chars, m.start(), m.end())
    for cue in [*_LEG.finditer(text), *_ONWARD.finditer(text)]:
        start = cue.end()
        end = _LEG_END.search(text, start)
        while end and _NEXT_LEG.match(text, end.start()):  # the tour goes on: "…, and then to Jakarta to meet …"
            end = _LEG_END.search(text, end.end())
        if end and re.match(r",\s+where\b", text[end.start() :]):
            end = _SENTENCE_END.search(text, end.end())
        leg = text[: end.start() if end else len(text)]
        for code in codes:
            for m in countries.mention_pattern(code).finditer(leg, start):
                _blank(chars, m.start(), m.end())
    for cue in _BACKGROUND_CLAUSE.finditer(text):
        before = "".join(chars[: cue.start()])
        if not any(countries.mentions(before, code) for code in codes):
            continue  # no actor yet: "As Japan's largest project, …" names its partner
        found = _item_at(text, cue.end(), codes)
        if found is not None and found[2]:
            _blank(chars, *found[:2])
    return "".join(chars)
