"""Hostile text in a real browser: payloads in an article, a catalog entry and a pasted article never execute.

Every payload tries to set `window.__xss`; after the payloads have passed through the
map's popups and tooltips, the detail panel, the article reader, the table, the
"Add article" page and the Unreviewed layer, no frame may have the flag, and the
payload text must still be visible, as text.
"""

from __future__ import annotations

import datetime as dt
import shutil
from urllib.parse import quote

import pytest

import seeds
from seeds import store
from tests.browser_support import ARTIFACTS, MAP_ELEMENT, chromium, map_frame, offline_page, require_browser, streamlit_server, wait_for_ids

require_browser()

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><iframe srcdoc="<script>parent.__xss=1</script>">',
    "' onmouseover='window.__xss=1' x='",
    "[click me](javascript:window.__xss=1)",
    "＜script＞window.__xss=1＜/script＞ \u202eRLO\u202c zero\u200bwidth",
]
# Markdown that would make an image (a request), a link, a heading or a raw HTML link if rendered as Markdown.
MARKDOWN = [
    "![x](https://evil.example/p.png)",
    "[Your session expired - click here](https://evil.example/login)",
    "<a href='https://evil.example/a'>html link</a>",
    "https://evil.example/auto www.evil.example",
]
HOSTILE = " ".join(PAYLOADS)
ARTICLE = (
    f"Japanese officials met in Hanoi on May 5, 2024 {PAYLOADS[0]} and agreed to fund a port in Haiphong {PAYLOADS[1]}.\n"
    f"The talks {PAYLOADS[2]} {PAYLOADS[3]} {PAYLOADS[4]} also covered a railway to Kunming with Japan {PAYLOADS[5]} {PAYLOADS[6]}.\n"
    f"Japan will also fund a bridge in Can Tho {' '.join(MARKDOWN)} officials said.\n"
)
QUOTE = f"Japanese officials met in Hanoi on May 5, 2024 {PAYLOADS[0]} and agreed to fund a port in Haiphong {PAYLOADS[1]}."
MD_QUOTE = f"Japan will also fund a bridge in Can Tho {' '.join(MARKDOWN)} officials said."
ENTRY_ID = "hostile-port-haiphong"


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-seeds")
    for path in list(seeds.SEEDS_DIR.glob("*.txt")) + [seeds.ARTICLES_FILE, seeds.CATALOG_FILE]:
        shutil.copy2(path, folder / path.name)
    article_id, _ = store.add_article(ARTICLE, dt.date(2024, 5, 5), "given: test", title=f"Title {PAYLOADS[1]} {MARKDOWN[0]} {MARKDOWN[1]}", folder=folder)
    store.append_entries(
        [
            {
                "id": ENTRY_ID,
                "name": f"Port {PAYLOADS[0]} {PAYLOADS[1]} {MARKDOWN[0]} {MARKDOWN[1]}",
                "kind": "project",
                "category": "port",
                "partners": ["JPN"],
                "status": {"value": f"agreed {PAYLOADS[2]}", "text": "agreed"},
                "when": {"text": "May 5, 2024"},
                "places": ["Haiphong"],
                "reach": "site",
                "evidence": [{"article": article_id, "quote": QUOTE}, {"article": article_id, "quote": MD_QUOTE}],
                "note": f"Note {PAYLOADS[3]} {PAYLOADS[5]}",
            }
        ],
        folder=folder,
    )
    return folder


@pytest.fixture(scope="module")
def server(hostile_seeds):
    with streamlit_server({"VNMAP_SEEDS_DIR": str(hostile_seeds)}, log_name="streamlit-hostile.log") as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def flags(page) -> list:
    out = []
    for frame in page.frames:
        try:
            out.append(frame.evaluate("() => [window.__xss, window.top.__xss]"))
        except Exception:
            continue
    return [f for f in out if any(v is not None for v in f)]


def seen(text: str) -> str:
    """Text as a reader sees it: the invisible word joiners that stop autolinking (layers.markup) left out."""
    return text.replace("\u2060", "")


def no_markdown_effects(page) -> None:
    """No element, link or request that a Markdown or HTML payload asked for, in the page or any frame."""
    for frame in page.frames:
        try:
            found = frame.evaluate(
                """() => [...document.querySelectorAll('img[src*="evil"], [src*="evil.example"], [href*="evil.example"]')]
                      .map(e => e.outerHTML.slice(0, 120))"""
            )
        except Exception:
            continue
        assert found == [], found
    assert not [u for u in page.outside if "evil" in u], page.outside


def test_markdown_in_a_shared_link_is_inert(browser, server):
    """/?category=[…](https://evil…)&kind=![x](https://evil…): the notice shows the text; no link, no image, no request."""
    context, page = offline_page(browser)
    try:
        page.goto(f"{server}/?category={quote(MARKDOWN[1])}&kind={quote(MARKDOWN[0])}&search={quote(MARKDOWN[2])}")
        toast = page.locator("[data-testid='stToast']").filter(has_text="Your session expired")
        toast.first.wait_for(timeout=180_000)  # the first run builds the features: minutes on 2 busy cores
        assert "[Your session expired - click here](https://evil.example/login)" in seen(toast.first.inner_text())
        kind = page.locator("[data-testid='stToast']").filter(has_text="unknown kind").first
        kind.wait_for(timeout=30_000)
        assert MARKDOWN[0] in seen(kind.inner_text())
        wait_for_ids(page, lambda ids: bool(ids), timeout=60)  # the page has drawn its map with the link's filters applied
        no_markdown_effects(page)
    finally:
        context.close()


def test_no_payload_executes_anywhere(browser, server):
    context, page = offline_page(browser)
    try:
        # The map: the hostile feature's tooltip and popup.
        page.goto(server)
        wait_for_ids(page, lambda ids: any(i.startswith(ENTRY_ID) for i in ids), timeout=60)
        frame = map_frame(page)
        # Open its tooltip and popup the way Leaflet does on hover and click (other markers share the spot).
        frame.evaluate(
            f"""() => {{ let found = null; window.map.eachLayer(l => {{ if (!found && l.feature && l.feature.properties.id === '{ENTRY_ID}') found = l; }});
                window.map.setView(found.getLatLng(), 12); found.openTooltip(); found.openPopup(); }}"""
        )
        popup = page.locator(MAP_ELEMENT).locator(".leaflet-popup-content")
        popup.wait_for(timeout=15_000)
        assert "<script>window.__xss=1</script>" in popup.inner_text()  # shown, as text
        # The detail panel and the article reader, opened from a shared link.
        page.goto(f"{server}/?feature={ENTRY_ID}")
        page.get_by_text("Read the article").first.wait_for(timeout=30_000)
        page.get_by_text("Read the article").first.click()
        page.locator("mark").first.wait_for(timeout=15_000)
        assert "<img src=x onerror=" in page.locator("mark").first.inner_text()
        assert "Port <script>window.__xss=1</script>" in page.inner_text("body")  # the name, shown as text in the heading
        assert f"{MARKDOWN[0]} {MARKDOWN[1]}" in seen(page.locator("h3").filter(has_text="Port").first.inner_text())
        assert MARKDOWN[1] in seen(page.locator("[data-testid='stExpander'] summary").filter(has_text="Read the article").first.inner_text())
        assert "https://evil.example/auto www.evil.example" in seen(page.inner_text("body"))  # the evidence quote, as text
        no_markdown_effects(page)
        page.screenshot(path=str(ARTIFACTS / "hostile-detail.png"))
        # Add article: the same payloads pasted, geoparsed, reviewed.
        page.goto(f"{server}/Add_article")
        page.get_by_label("Article text").fill(ARTICLE)
        page.get_by_label("Title (when the text states none)").fill(PAYLOADS[1])
        page.get_by_role("button", name="Geoparse").click()
        page.get_by_text("Candidates to review (").wait_for(timeout=60_000)
        page.get_by_role("tab", name="Text").click()
        page.locator(".vnmap-reader").first.wait_for(timeout=15_000)
        assert "window.__xss=1" in page.locator(".vnmap-reader").first.inner_text()
        no_markdown_effects(page)
        for expander in page.locator("[data-testid='stExpander']").all():
            expander.locator("summary").click()
        page.get_by_label("Entry (YAML; edit before accepting)").first.wait_for(timeout=30_000)
        assert MARKDOWN[1] in seen(page.inner_text("body"))
        no_markdown_effects(page)
        # The Unreviewed layer on the map, with its popup.
        page.get_by_role("link", name="Map").click()
        wait_for_ids(page, lambda ids: any(i.endswith("|UNREVIEWED") for i in ids), timeout=60)
        frame = map_frame(page)
        frame.evaluate(
            """() => { let found = null; window.map.eachLayer(l => { if (!found && l.feature && l.feature.properties.partner === 'UNREVIEWED') found = l; });
               window.map.setView(found.getLatLng(), 10); found.openTooltip(); found.openPopup(); }"""
        )
        page.locator(MAP_ELEMENT).locator(".vnmap-unreviewed").wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")  # any request a payload made has been sent (and refused)
        assert flags(page) == [], "a payload executed"
        no_markdown_effects(page)
        assert not [e for e in page.errors if "__xss" in e]
    finally:
        context.close()
