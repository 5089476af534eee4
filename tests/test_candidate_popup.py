"""The Unreviewed layer's popups escape whatever the pasted article or a reviewer put in a candidate.

A unit test beside the browser test (tests/test_security_browser.py): it runs in milliseconds and
names the field that is not escaped. It parses each popup as HTML: the only elements are the
popup's own (div, b, i, span), no attribute or attribute value comes from the text, and every
payload is shown as text.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ingest.geoparse import ingest
from layers import detail
from layers import map as fmap

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><iframe srcdoc="<script>parent.__xss=1</script>">',
    "' onmouseover='window.__xss=1' x='",
]
ARTICLE = (
    f"Japanese officials met in Hanoi on May 5, 2024 {PAYLOADS[0]} and agreed to fund a port in Haiphong {PAYLOADS[1]}.\n"
    f"The talks {PAYLOADS[2]} {PAYLOADS[3]} also covered a railway to Kunming with Japan {PAYLOADS[4]}.\n"
)


class Parsed(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def hostile_candidate(payload: str) -> dict:
    """A candidate whose every shown field holds `payload` (a reviewer may edit any of them)."""
    return {
        "id": "hostile",
        "precision": 2,
        "geometry": {"type": "Point", "coordinates": [106.68, 20.86]},
        "entry": {
            "name": f"Port {payload}",
            "kind": f"project {payload}",
            "category": f"port {payload}",
            "partners": ["JPN", payload],
            "status": {"value": f"agreed {payload}", "text": "agreed"},
            "when": {"text": f"May 5, 2024 {payload}"},
            "funding": [{"text": f"$3 million {payload}", "instrument": f"loan {payload}"}],
            "evidence": [{"article": "new-article", "quote": f"{payload} short quote"}],
        },
    }


def assert_only_text(html: str) -> Parsed:
    parsed = Parsed(html)
    assert {tag for tag, _ in parsed.tags} <= {"div", "b", "i", "span", "br"}, parsed.tags  # the popup's own markup
    for _, attrs in parsed.tags:
        for name, value in attrs:
            assert name in ("class", "style"), (name, value)  # no attribute comes from the text
            assert "__xss" not in (value or "") and "<" not in (value or ""), (name, value)
    return parsed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_field_of_a_candidate_popup_is_escaped(payload):
    parsed = assert_only_text(detail.candidate_popup_html(hostile_candidate(payload)))
    shown = parsed.text
    for expected in (f"Port {payload}", f"project {payload}", f"port {payload}", f"agreed {payload}", f"May 5, 2024 {payload}",
                     f"$3 million {payload}", f"loan {payload}", f"{payload} short quote"):
        assert expected in shown, expected  # shown, as text


def test_candidates_of_a_hostile_article_have_escaped_popups():
    """The geoparser's own candidates from a pasted article, through the map's Unreviewed layer."""
    candidates = ingest(ARTICLE, title=PAYLOADS[1]).candidates
    assert len(candidates) >= 2
    frame = fmap.candidates_frame(candidates)
    assert len(frame) == len(candidates)
    shown = ""
    for html in frame["popup_html"]:
        assert "Unreviewed" in html
        shown += assert_only_text(html).text
    for payload in PAYLOADS[:3]:
        assert payload in shown  # the quotes reach the popups, as text


def test_map_page_carries_no_raw_payload():
    """The rendered map page with the Unreviewed layer: the payloads are there, escaped, never as markup."""
    candidates = [hostile_candidate(p) for p in PAYLOADS]
    from layers.features import load_features

    page = fmap.build_map(load_features().head(0).copy(), tiles=False, unreviewed=candidates).get_root().render()
    assert "Unreviewed" in page
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<iframe srcdoc"):  # data in <script> may hold quotes, never "<"
        assert raw not in page, raw
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
