"""The compact map (above layers.compact.RICH_LIMIT features) in a real browser: points are dots drawn by one canvas
per partner, so what a user does to them is tested here, on 3,000 synthetic features served as GeoParquet.

Skips only outside CI on a machine without /usr/bin/chromium; under CI=true a missing browser is a failure.
"""

from __future__ import annotations

import re

import pytest

from bench.synthetic import features as synthetic
from layers import style
from layers.compact import RICH_LIMIT
from layers.features import write_prebuilt
from layers.filters import View, layer_counts, select
from tests.browser_support import (
    ARTIFACTS,
    MAP_ELEMENT,
    choose_option,
    chromium,
    map_frame,
    offline_page,
    require_browser,
    streamlit_server,
    wait_for_ids,
)

require_browser()

SIZE = 3_000
VIEW = "() => [window.map.getZoom(), +window.map.getCenter().lat.toFixed(5), +window.map.getCenter().lng.toFixed(5)]"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    frame = synthetic(SIZE)
    assert len(frame) > RICH_LIMIT  # else the map would be the rich one, tested in test_browser.py
    return frame, write_prebuilt(frame, tmp_path_factory.mktemp("compact") / "features.parquet")


@pytest.fixture(scope="module")
def server(corpus):
    with streamlit_server({"VNMAP_FEATURES": str(corpus[1])}, log_name="streamlit-compact.log") as (url, _proc):
        yield url


@pytest.fixture()
def page(server):
    with chromium() as browser:
        context, page = offline_page(browser)
        yield page
        context.close()


def entries(frame, view: View | None = None) -> set[str]:
    """ "id|partner" of every layer entry the view keeps: what the map must draw."""
    view = view or View()
    kept = select(frame, view)
    return {f"{fid}|{key}" for fid, keys in zip(kept["id"], kept["layers"], strict=True) for key in keys if view.partners is None or key in view.partners}


def test_every_feature_is_drawn_and_a_toggle_hides_a_partner_keeping_the_view(page, server, corpus):
    frame_data, _ = corpus
    page.goto(server)
    frame = map_frame(page, timeout=120)
    expected = entries(frame_data)
    assert len(expected) == sum(layer_counts(frame_data).values())
    ids = wait_for_ids(page, lambda ids: len(ids) == len(expected), timeout=120)
    assert set(ids) == expected
    frame.evaluate("() => { window.map.setView([21.03, 105.85], 8, {animate: false}); }")
    before = frame.evaluate(VIEW)
    page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(r"^Japan")).locator("xpath=ancestor::label[1]").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids), timeout=120)
    assert set(ids) == {e for e in expected if not e.endswith("|JPN")}
    assert frame.evaluate(VIEW) == before
    # A category filter sends the positions in view; the dots of the others are no longer drawn.
    choose_option(page, "Category", "rail")
    partners = tuple(k for k in layer_counts(frame_data) if k != "JPN")
    rail = entries(frame_data, View(partners=partners, categories=("rail",)))
    seen = []
    try:
        wait_for_ids(page, lambda ids: seen.append(set(ids)) or set(ids) == rail, timeout=120)
    except AssertionError:
        drawn = seen[-1]
        raise AssertionError(f"drawn {len(drawn)}, expected {len(rail)}; missing {sorted(rail - drawn)[:5]}, extra {sorted(drawn - rail)[:5]}") from None
    assert frame.evaluate(VIEW) == before
    page.screenshot(path=str(ARTIFACTS / "compact-map.png"))


def test_clicking_a_dot_opens_its_popup_and_the_detail_panel(page, server, corpus):
    frame_data, _ = corpus
    page.goto(server)
    frame = map_frame(page, timeout=120)
    wait_for_ids(page, lambda ids: len(ids) > RICH_LIMIT, timeout=120)
    points = frame_data[frame_data.geometry.geom_type == "Point"]
    target = points.iloc[len(points) // 2]
    lat, lon = target.geometry.y, target.geometry.x
    frame.evaluate(f"() => {{ window.map.setView([{lat}, {lon}], 12, {{animate: false}}); }}")
    box = page.locator(MAP_ELEMENT).bounding_box()
    x, y = frame.evaluate(f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
    painted = """([x, y]) => [...document.querySelectorAll("[class*='leaflet-vnmap-'] canvas")].map(c => {
        const m = window.map.getContainer().getBoundingClientRect(), r = c.getBoundingClientRect();
        const at = [(m.left + x - r.left) * c.width / r.width, (m.top + y - r.top) * c.height / r.height];
        return [...c.getContext("2d").getImageData(at[0], at[1], 1, 1).data]; }).filter(px => px[3] > 0)"""
    # a dot is drawn there (x, y: the map container's coordinates), in the colour of one of the feature's partners
    # (solid for an exact place, faded for an approximate one)
    colours = {tuple(int(style.colour(k)[i : i + 2], 16) for i in (1, 3, 5)) for k in target["layers"]}
    pixels = frame.evaluate(painted, [x, y])
    assert pixels and all(px[3] >= 0.55 * 255 for px in pixels), pixels
    assert any(max(abs(a - b) for a, b in zip(px[:3], colour, strict=True)) <= 3 for px in pixels for colour in colours), (pixels, colours)
    page.mouse.move(box["x"] + x, box["y"] + y)
    frame.locator(".leaflet-tooltip").wait_for(timeout=30_000)  # hovering a dot names it
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=30_000)
    name = popup.locator("b").inner_text()
    # Dots at the same place (synthetic features share gazetteer places): the one opened is one of those at the point.
    here = points[(points.geometry.x.round(4) == round(lon, 4)) & (points.geometry.y.round(4) == round(lat, 4))]
    assert name in set(here["name"]), (name, list(here["name"])[:5])
    assert "Partner:" in popup.inner_text() and "Location:" in popup.inner_text()
    # The click told the server: its detail panel opens on the same feature, with its sources.
    page.get_by_role("heading", name=name).wait_for(timeout=60_000)
    assert frame.evaluate(VIEW)[0] == 12  # the view was kept
