"""The Unreviewed layer's popups escape whatever the pasted article or a reviewer put in a candidate.

A unit test beside the browser test (tests/test_security_browser.py): it runs in milliseconds and
names the field that is not escaped. It parses each popup as HTML: the only elements are the
popup's own (div, b, i, span), no attribute or attribute value comes from the text, and every
payload is shown as text.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from ingest.geoparse import ingest
from layers import compact, detail

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
    """The geoparser's own candidates from a pasted article, as the map's Unreviewed layer receives them."""
    candidates = ingest(ARTICLE, title=PAYLOADS[1], published=dt.date(2024, 5, 6)).candidates
    placed = [c for c in candidates if c.get("geometry")]
    assert len(placed) >= 2
    items = compact.candidates_payload(candidates)
    assert [i["id"] for i in items] and sorted(i["id"] for i in items) == sorted(c["id"] for c in placed)
    shown = ""
    for item in items:
        assert "Unreviewed" in item["popup"] and item["name"].startswith("Unreviewed: ")  # the name is a tooltip, set as text
        shown += assert_only_text(item["popup"]).text
    for payload in PAYLOADS[:3]:
        assert payload in shown  # the quotes reach the popups, as text


def test_unreviewed_data_sent_to_the_map_carries_no_raw_payload():
    """What the page sends the map for the Unreviewed layer: the payloads are there, escaped, never as markup."""
    sent = compact._json(compact.candidates_payload([hostile_candidate(p) for p in PAYLOADS])).decode()
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<iframe srcdoc"):  # JSON that may sit in <script>: never "<"
        assert raw not in sent, raw
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in sent
