"""Communes and wards the text names as such: "in Phuoc Dinh commune, Thuan Nam district", "Phu Thuong ward",
"Quang Trung and Le Ninh communes of Kinh Mon district", "the commune of Vinh Hai"; then every other occurrence of a
name so found. The unit is looked up in `geo.communes` with the district or province its sentence (else the
article) names."""

from __future__ import annotations

import re

from geo.communes import find_commune

_NAME = r"[A-ZĐ][^\W\d_]*(?:[ -][A-ZĐ][^\W\d_]*){0,3}"
_NAMES = rf"{_NAME}(?:,\s+{_NAME})*(?:,?\s+and\s+{_NAME})?"
_OPENERS = frozenset("in at the from near of and both between around across".split())
_CUE = re.compile(
    rf"(?P<before>{_NAMES})\s+(?:communes?|wards?|townships?)\b|\b(?:communes?|wards?|xã|phường) of\s+(?P<after>{_NAMES})"
    rf"|\b(?:xã|phường)\s+(?P<vn>{_NAME})"
)


def _names(group: str, offset: int):
    for m in re.finditer(_NAME, group):
        if m.group() != "and":
            yield offset + m.start(), offset + m.end()


def find_communes(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[tuple[int, int, object]]:
    """(start, end, Place) of each commune or ward mention not overlapping a span in `taken`."""
    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in taken)

    found: dict[str, object] = {}
    out = []
    for cue in _CUE.finditer(text):
        which = next(g for g in ("before", "after", "vn") if cue.group(g))
        sentence = next((text[a:b] for a, b in spans if a <= cue.start() < b), text)
        for start, end in _names(cue.group(which), cue.start(which)):
            words = text[start:end].split()
            while len(words) > 1 and words[0].lower() in _OPENERS:  # "In Phuoc Dinh commune"
                words = words[1:]
            if words:
                name = " ".join(words)
                place = find_commune(name, sentence) or find_commune(name, text, districts=False)
                if place is not None:
                    at = end - len(name)
                    if free(at, end):
                        found.setdefault(name, place)
                        out.append((at, end, found[name]))
    for name, place in found.items():  # "households around Phuoc Dinh": the name again, without its unit word
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if free(m.start(), m.end()) and not any(s == m.start() for s, _, _ in out):
                out.append((m.start(), m.end(), place))
    return sorted(out, key=lambda x: x[0])
