"""Sentences of an article as character spans."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"(]?[A-Z0-9])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, white space trimmed."""
    spans, at = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            out.append((start + lead, end - trail))
    return out
