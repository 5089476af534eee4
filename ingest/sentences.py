"""Sentences of an article as character spans, by pysbd (rule-based sentence boundary detection).

pysbd knows abbreviations ("U.S.", "U.K.", "Dr.", "Jan.", "No.") and initials, so a quote never starts at
"Secretary of State…". Lines are segmented one by one: a headline, a dateline paragraph or a byline is
never joined to the next line.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, white space trimmed."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        at = line.start()
        for piece in _segmenter().segment(line.group()):
            # pysbd's spans come from searching the line; search again from where the last sentence ended to be sure.
            start = text.find(piece.sent, at, line.end()) if piece.sent else -1
            if start < 0:
                continue
            end = start + len(piece.sent)
            chunk = text[start:end]
            lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
            if chunk.strip():
                out.append((start + lead, end - trail))
            at = end
    return out
