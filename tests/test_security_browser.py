"""Hostile text in a real browser: payloads in an article, a catalog entry and a pasted article never execute.

Every payload tries to set `window.__xss`; after the payloads have passed through the
map's popups and tooltips, the detail panel, the article reader, the table, the
"Add article" page and the Unreviewed layer, no frame may have the flag, and the
payload text must still be visible, as text.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import seeds
from seeds import store
from tests.browser_support import ARTIFACTS, MAP_IFRAME, chromium, map_frame, offline_page, require_browser, streamlit_server, wait_for_ids

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
HOSTILE = " ".join(PAYLOADS)
ARTICLE = (
    f"Japanese officials met in Hanoi on May 5, 2024 {PAYLOADS[0]} and agreed to fund a port in Haiphong {PAYLOADS[1]}.\n"
    f"The talks {PAYLOADS[2]} {PAYLOADS[3]} {PAYLOADS[4]} also covered a railway to Kunming with Japan {PAYLOADS[5]} {PAYLOADS[6]}.\n"
)
QUOTE = f"Japanese officials met in Hanoi on May 5, 2024 {PAYLOADS[0]} and agreed to fund a port in Haiphong {PAYLOADS[1]}."
ENTRY_ID = "hostile-port-haiphong"


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-seeds")
    for path in list(seeds.SEEDS_DIR.glob("*.txt")) + [seeds.ARTICLES_FILE, seeds.CATALOG_FILE]:
        shutil.copy2(path, folder / path.name)
    article_id, _ = store.add_article(ARTICLE, dt.date(2024, 5, 5), "given: test", title=f"Title {PAYLOADS[1]}", folder=folder)
    store.append_entries(
        [
            {
                "id": ENTRY_ID,
                "name": f"Port {PAYLOADS[0]} {PAYLOADS[1]}",
                "kind": "project",
                "category": "port",
                "partners": ["JPN"],
                "status": {"value": f"agreed {PAYLOADS[2]}", "text": "agreed"},
                "when": {"text": "May 5, 2024"},
                "places": ["Haiphong"],
                "reach": "site",
                "evidence": [{"article": article_id, "quote": QUOTE}],
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
        popup = page.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content")
        popup.wait_for(timeout=15_000)
        assert "<script>window.__xss=1</script>" in popup.inner_text()  # shown, as text
        # The detail panel and the article reader, opened from a shared link.
        page.goto(f"{server}/?feature={ENTRY_ID}")
        page.get_by_text("Read the article").first.wait_for(timeout=30_000)
        page.get_by_text("Read the article").first.click()
        page.locator("mark").first.wait_for(timeout=15_000)
        assert "<img src=x onerror=" in page.locator("mark").first.inner_text()
        assert "Port <script>window.__xss=1</script>" in page.inner_text("body")  # the name, shown as text in the heading
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
        first = page.locator("[data-testid='stExpander']").first
        first.click()
        page.wait_for_timeout(1000)
        # The Unreviewed layer on the map, with its popup.
        page.get_by_role("link", name="Map").click()
        wait_for_ids(page, lambda ids: any(i.endswith("|UNREVIEWED") for i in ids), timeout=60)
        frame = map_frame(page)
        frame.evaluate(
            """() => { let found = null; window.map.eachLayer(l => { if (!found && l.feature && l.feature.properties.partner === 'UNREVIEWED') found = l; });
               window.map.setView(found.getLatLng(), 10); found.openTooltip(); found.openPopup(); }"""
        )
        page.frame_locator(MAP_IFRAME).locator(".vnmap-unreviewed").wait_for(timeout=15_000)
        page.wait_for_timeout(1000)
        assert flags(page) == [], "a payload executed"
        assert not [e for e in page.errors if "__xss" in e]
    finally:
        context.close()
