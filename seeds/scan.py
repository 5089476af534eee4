"""Find the few places in a long text worth a closer look, fast: keyword anchors in one Aho-Corasick pass.

Money and date expressions are found with detailed regular expressions, which
are slow when tried at every position of megabytes of text. Every such
expression holds an anchor (a currency word or symbol, a month name, a year, a
digit…), so long texts are searched only in windows around their anchors.
"""

from __future__ import annotations

import re

import ahocorasick

_LOWER_ASCII = str.maketrans({c: " " for c in "\t\n\r.,;:!?()[]{}\"'’“”-–—/"})


def keyword_automaton(words: list[str]) -> ahocorasick.Automaton:
    """An automaton that finds the whole words `words` (lower case) in lowered, space-padded text."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(f" {word} ", len(word))
    automaton.make_automaton()
    return automaton


def lowered(text: str) -> str:
    """`text` in lower case with punctuation as spaces, same length (offsets unchanged)."""
    return text.lower().translate(_LOWER_ASCII)


def anchors(text: str, automaton: ahocorasick.Automaton, pattern: re.Pattern | None = None, folded: str | None = None) -> list[int]:
    """Offsets of anchor words (via `automaton`) and of `pattern` matches in `text`, sorted.

    `folded` may pass a same-length lower-case form of `text` computed once for several scans
    (ingest.mentions.fold_text gives one).
    """
    padded = f" {folded if folded is not None else lowered(text)} "
    found = [end - length - 1 for end, length in automaton.iter(padded)]
    if pattern is not None:
        found.extend(m.start() for m in pattern.finditer(text))
    return sorted(found)


def windows(text: str, positions: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans [position - before, position + after], widened to white space so no word is cut."""
    spans: list[list[int]] = []
    for at in positions:
        start, end = max(0, at - before), min(len(text), at + after)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out = []
    for start, end in spans:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        out.append((start, end))
    return out
