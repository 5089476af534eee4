"""Why a place mention is not a map feature: author biographies, capitals standing for governments, vague regions, countries as actors."""

from __future__ import annotations

import re

from geo.gazetteer import Place
from geo.precision import is_country

_BIO_CUE = re.compile(
    r"\b(graduat\w*|joined the|worked (?:in|at|for|as)|correspondent|studied|studying abroad|born in|his (?:major )?books|"
    r"her (?:major )?books|became a freelancer|is a (?:journalist|writer|researcher|professor|freelance)|specialist|enthusiast|"
    r"problem solver|fellow at|editor at|contributor)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\(?[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}\s*:\s*[A-Z][\w ]{2,30}\)?$")


def biography_start(text: str) -> int | None:
    """Where a trailing author biography begins (places there are not features), or None."""
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    start = None
    for offset, para in reversed(paragraphs):
        if offset < len(text) * 0.6:
            break
        if _BIO_CUE.search(para) or _BYLINE.match(para.strip()):
            start = offset
            continue
        break
    return start


_METONYM_AFTER = re.compile(
    r"^(?:[’']s\s+(?:concerns?|priority|position|policy|orientation|government|leadership|view|stance|influence|response|"
    r"regional|interests?|strategy|decision)\b|\s+(?:wants?|hopes?|says?|said|sees?|saw|has|have|had|is|was|will|would|should|"
    r"does|did|believes?|views?|fears?|worries|insists?|argues?|claims?|warn(?:s|ed)?|built|considers?|joined|seeks?|"
    r"sought|rejects?|rejected|accused|demands?|urged?|urges|responded|courts?|courted|pressures?|warns?)\b)"
)
_METONYM_BEFORE = re.compile(
    r"\b(?:unease in|concerns? in|relations with|ties with|priority for|pressure from|counter|against|alarm in|anger in|"
    r"criticism from|dialogue with|talks with|engagement with|balance between|courts?|courting|pressures?|urges?|warns?|backs?|"
    r"supports?)\s+$",
    re.IGNORECASE,
)
_VENUE_BEFORE = re.compile(r"\b(?:visit(?:ed|s|ing)?|visit to|trip to|in|into|to|at|from|across|throughout|inside)\s+$", re.IGNORECASE)


def trap(place: Place, text: str, start: int, end: int, bio: int | None) -> str | None:
    """Why a place mention is not a map feature, or None when it may be one."""
    if bio is not None and start >= bio:
        return "biography: in the author's biography"
    if place.vague:
        return "vague region: too broad to place"
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    located = re.search(r"\b(?:in|at|from|near|outside)\s+$", before, re.IGNORECASE)  # "analysts in Hanoi say": a place
    if place.feature_class == "P.PPLC" and ((_METONYM_AFTER.match(after) and not located) or _METONYM_BEFORE.search(before)):
        return "metonym: the capital stands for its government"
    if is_country(place) and (not _VENUE_BEFORE.search(before) or re.match(r"[’']s\b", after)):
        return "actor: the country acts; no place is meant"
    return None


