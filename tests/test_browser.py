"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

Skips only outside CI on a machine without /usr/bin/chromium; under CI=true a
missing browser is a failure. Screenshots go to artifacts/.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

import seeds
from tests.browser_support import (
    ARTIFACTS,
    MAP_ELEMENT,
    ROOT,
    choose_option,
    chromium,
    map_frame,
    offline_page,
    require_browser,
    streamlit_server,
    wait_for_ids,
    wait_until_idle,
)

require_browser()


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as (url, _proc):
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser, server):
    context, page = offline_page(browser)
    yield page
    context.close()


def expected_layer_entries(view=None):
    from layers.features import load_features
    from layers.filters import View, layer_counts, select

    return layer_counts(select(load_features(), view or View()))


def test_map_draws_offline_with_every_feature(page, server):
    page.goto(server)
    frame = map_frame(page)
    expected = sum(expected_layer_entries().values())
    ids = wait_for_ids(page, lambda ids: len(ids) == expected)
    assert len(set(ids)) == expected
    assert frame.evaluate("() => typeof L !== 'undefined' && L.version") == "1.9.3"
    # Tiles could not load (aborted, as on an offline machine): the Natural Earth outlines show instead.
    frame.wait_for_function("() => window.map.getContainer().getAttribute('data-basemap') === 'offline'", timeout=20_000)
    assert all("tile.openstreetmap.org" in u for u in page.outside), page.outside  # no CDN: only tiles tried to leave
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=False)
    assert not page.errors


def test_unticking_china_hides_it_in_shared_features(page, server):
    """The South China Sea has two partners: unticking China keeps it on the map, but only in the US layer."""
    page.goto(server)
    wait_for_ids(page, lambda ids: "south-china-sea|CHN" in ids)
    page.get_by_test_id("stSidebar").get_by_text("China (15)").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|CHN") for i in ids))
    assert "south-china-sea|USA" in ids and "xi-biden-summit-san-francisco-2023|USA" in ids


def test_unticking_japan_removes_its_features(page, server):
    page.goto(server)
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
    page.get_by_test_id("stSidebar").get_by_text("Japan (11)").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
    from layers.filters import View

    ticked = ("CHN", "KHM", "LAO", "NONE", "USA")  # us-jp-investment-in-vietnam stays, drawn in the US layer only
    assert len(ids) == sum(n for layer, n in expected_layer_entries(View(partners=ticked)).items() if layer in ticked)
    page.wait_for_url(re.compile(r"partners=CHN(%2C|,)KHM(%2C|,)LAO(%2C|,)NONE(%2C|,)USA"), timeout=30_000)


VIEW = "() => { const c = window.map.getCenter(); return [window.map.getZoom(), Math.round(c.lat * 1e4) / 1e4, Math.round(c.lng * 1e4) / 1e4]; }"


def test_sidebar_toggle_keeps_the_view_and_hides_the_partner(page, server):
    """Zoomed in on northern Vietnam, unticking Japan hides Japan's features and leaves the user's zoom and centre alone."""
    page.goto(server)
    frame = map_frame(page)
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
    frame.evaluate("() => { window.map.setView([21.03, 105.85], 8, {animate: false}); }")
    before = frame.evaluate(VIEW)
    assert before == [8, 21.03, 105.85]
    frame.evaluate("() => { window.map.vnmapTestMark = 'the map before the toggle'; }")
    page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(r"^Japan")).locator("xpath=ancestor::label[1]").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
    page.wait_for_url(re.compile(r"partners="), timeout=30_000)  # the rerun has happened: the URL follows
    assert map_frame(page).evaluate("() => window.map.vnmapTestMark") == "the map before the toggle"  # the same map, not a rebuilt one
    assert frame.evaluate(VIEW) == before
    assert any(i.endswith("|CHN") for i in ids)
    # A filter (category) sends only the ids in view: the map keeps its place again.
    choose_option(page, "Category", "rail")  # after the toggle's run: on CI's loaded machine it replaced the list under the click
    wait_for_ids(page, lambda ids: ids and all(i.split("|")[0] in RAIL for i in ids))
    assert frame.evaluate(VIEW) == before
    page.screenshot(path=str(ARTIFACTS / "toggle-kept-view.png"))


RAIL = {"north-south-high-speed-railway", "kunming-haiphong-railway"}


def test_layer_control_toggle_moves_the_sidebar_checkbox(page, server):
    page.goto(server)
    frame = map_frame(page)
    wait_for_ids(page, lambda ids: any(i.endswith("|USA") for i in ids))
    box = page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(r"^United States"))
    assert box.is_checked()
    frame.locator(".leaflet-control-layers").hover()
    frame.locator(".leaflet-control-layers-overlays label", has_text="United States").locator("input").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|USA") for i in ids))
    assert any(i.endswith("|JPN") for i in ids)
    page.wait_for_url(re.compile(r"partners=CHN(%2C|,)JPN(%2C|,)KHM(%2C|,)LAO(%2C|,)NONE(&|$)"), timeout=30_000)
    expect(box).not_to_be_checked(timeout=30_000)  # the rerun's widget state lands after its URL: wait for it, never sleep
    # and back: ticking it in the sidebar ticks it in the layer control
    box.locator("xpath=ancestor::label[1]").click()
    wait_for_ids(page, lambda ids: any(i.endswith("|USA") for i in ids))
    frame.locator(".leaflet-control-layers").hover()
    assert frame.locator(".leaflet-control-layers-overlays label", has_text="United States").locator("input").is_checked()


def test_choosing_a_feature_in_the_list_pans_without_zooming(page, server):
    page.goto(server)
    frame = map_frame(page)
    frame.evaluate("() => { window.map.setView([21.03, 105.85], 9, {animate: false}); }")
    choose = page.locator("[data-testid='stSelectbox']").filter(has_text="Feature details").locator("input")
    choose.scroll_into_view_if_needed(timeout=30_000)  # below the summary figures and the charts
    choose.click()
    choose.press_sequentially("Metro Line 1")  # the list is virtualised: only the first options are drawn until one types
    page.get_by_role("option", name="Ho Chi Minh City Metro Line 1 (Ben Thanh – Suoi Tien)").click()
    frame.wait_for_function("() => window.map.getCenter().lat < 12", timeout=30_000)  # panned south to Ho Chi Minh City
    zoom, lat, lon = frame.evaluate(VIEW)
    assert zoom == 9 and 10.7 < lat < 11 and 106.6 < lon < 106.9


def test_clicking_a_feature_shows_its_evidence(page, server):
    page.goto(server)
    wait_for_ids(page, lambda ids: len(ids) > 0)
    handle = map_frame(page).evaluate_handle(
        """() => { let found = null; window.map.eachLayer(l => { if (!found && l.feature && l.feature.properties.id === 'chinh-visit-japan-2023') found = l; });
           window.map.setView(found.getLatLng(), 9, {animate: false}); return found._icon; }"""
    )
    # The map's frame reaches below the fold at 1400x1000: clicking it must not scroll the page between mousedown and
    # mouseup (Leaflet focuses the map on mousedown; a scrolling focus made the click miss the marker).
    scrolled = page.evaluate("() => window.scrollY + document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    handle.as_element().click()
    assert page.evaluate("() => window.scrollY + document.querySelector('[data-testid=\"stMain\"]').scrollTop") == scrolled
    popup = page.locator(MAP_ELEMENT).locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "PM Pham Minh Chinh arrives at Haneda" in text and "Haneda International Airport" in text and "Sources" in text
    # The click also opens the detail panel with the quote in the article reader.
    page.get_by_role("heading", name="PM Pham Minh Chinh arrives at Haneda").wait_for(timeout=20_000)
    page.get_by_text("Read the article").first.click()
    page.locator("mark").first.wait_for(timeout=10_000)
    assert "Haneda International Airport" in page.locator("mark").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "feature-detail.png"), full_page=True)


def test_geojson_download_arrives_and_parses(page, server):
    page.goto(server)
    map_frame(page)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)  # the rest of the page follows the map's first drawing
    button = page.get_by_role("button", name="GeoJSON (in view)")
    button.wait_for(timeout=30_000)
    wait_until_idle(page)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    body = Path(info.value.path()).read_bytes()
    data = json.loads(body)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(seeds.load_catalog())
    assert all(f["properties"]["sources"] for f in data["features"])
    cli = subprocess.run([sys.executable, "-m", "layers", "export", "--out", "-"], cwd=ROOT, capture_output=True, check=True)
    assert body == cli.stdout  # the dashboard's download and the CLI export are one code path


def test_added_article_shows_on_the_unreviewed_layer(page, server):
    page.goto(f"{server}/Add_article")
    text = (ROOT / "tests" / "data" / "articles" / "india_camranh.txt").read_text(encoding="utf-8")
    area = page.get_by_label("Article text")
    area.wait_for(timeout=60_000)
    area.fill(text)
    page.get_by_role("button", name="Geoparse").click()
    page.get_by_text(re.compile(r"Candidates to review \([1-9]")).wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "add-article.png"))
    page.get_by_role("link", name="Map").click()  # back to the map, same session
    page.get_by_text("unreviewed candidates from an added article").wait_for(timeout=60_000)
    ids = wait_for_ids(page, lambda ids: any(i.endswith("|UNREVIEWED") for i in ids), timeout=60)
    assert any(i.endswith("|UNREVIEWED") for i in ids) and any(i.endswith("|JPN") for i in ids)
    page.screenshot(path=str(ARTIFACTS / "unreviewed.png"))


def test_leaving_the_map_page_and_coming_back_gives_one_working_map(page, server):
    """The map is an element of the page (components v2): leaving for another page removes it and its page listeners,
    coming back makes one new map that draws and follows the sidebar (an old instance left behind would double it)."""
    page.goto(server)
    map_frame(page)
    page.get_by_test_id("stSidebar").get_by_text("Japan (11)").wait_for(timeout=60_000)
    page.get_by_role("link", name="Add article").click()
    page.get_by_label("Article text").wait_for(timeout=60_000)
    assert page.locator(".leaflet-container").count() == 0
    page.get_by_role("link", name="Map").click()
    map_frame(page)
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
    assert page.locator(".leaflet-container").count() == 1
    page.get_by_test_id("stSidebar").get_by_text("Japan (11)").click()
    ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
    assert any(i.endswith("|CHN") for i in ids)
    assert not page.errors


def crop_at(frame, lat, lon, zoom, half=14):
    """The map's pixels around (lat, lon) at `zoom` (PNG decoded with Pillow, which Streamlit installs)."""
    from io import BytesIO

    from PIL import Image

    frame.evaluate(f"() => {{ window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}}); }}")
    x, y = frame.evaluate(f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }}")
    frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")  # redrawn after the jump
    image = Image.open(BytesIO(frame.locator(".leaflet-container").screenshot())).convert("L")
    return image.crop((int(x) - half, int(y) - half, int(x) + half, int(y) + half))


def changed_pixels(before, after) -> int:
    from PIL import ImageChops

    return sum(1 for v in ImageChops.difference(before, after).tobytes() if v > 24)


def test_lines_are_drawn_above_the_offline_basemap(page, server):
    """Offline, the land outlines must not cover the data: the pixels under a line change when its partner is unticked."""
    page.goto(server)
    frame = map_frame(page)
    frame.wait_for_function("() => window.map.getContainer().getAttribute('data-basemap') === 'offline'", timeout=60_000)
    spots = {  # (lat, lon, zoom): a point on each line
        "railway over land (China)": (22.5385, 104.0111, 9),
        "trade flow over the sea (China)": (16.17, 107.83, 8),
    }
    from layers.features import load_features

    features = load_features().set_index("id")
    metro = features.loc["hcmc-metro-line-1", "geometry"].interpolate(0.5, normalized=True)
    spots["metro over land (Japan)"] = (metro.y, metro.x, 13)
    on = {name: crop_at(frame, *spot) for name, spot in spots.items()}
    for name, code in (("Japan", "|JPN"), ("China", "|CHN")):
        page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(f"^{name}")).locator("xpath=ancestor::label[1]").click()
        wait_for_ids(page, lambda ids, code=code: ids and not any(i.endswith(code) for i in ids))
    off = {name: crop_at(frame, *spot) for name, spot in spots.items()}
    changed = {name: changed_pixels(on[name], off[name]) for name in spots}
    assert all(n >= 12 for n in changed.values()), changed


INSIDE = """() => { const p = document.querySelector('.leaflet-popup').getBoundingClientRect();
  const m = document.querySelector('.leaflet-container').getBoundingClientRect();
  return p.left >= m.left && p.top >= m.top && p.right <= m.right && p.bottom <= m.bottom; }"""


def test_phone_viewport_zoom_toggles_and_popup_are_usable(browser, server):
    """On a 390x844 phone: the zoom buttons are not covered, the layer control toggles a partner, a popup stays inside the map."""
    context, page = offline_page(browser)
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(server)
        frame = map_frame(page)
        wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
        zoom = frame.evaluate("() => window.map.getZoom()")
        frame.locator(".leaflet-control-zoom-in").click()  # fails if anything covers the button
        frame.wait_for_function(f"() => window.map.getZoom() === {zoom + 1}", timeout=30_000)
        layer_control_box(frame, "Japan").click()  # a tap or hover opens the collapsed control
        wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
        open_popup_of(frame, "biden-visit-hanoi-2023")
        frame.wait_for_function(INSIDE, timeout=30_000)  # Leaflet pans the map until the popup fits in it
        assert "President Biden" in frame.locator(".leaflet-popup-content").inner_text()
        page.screenshot(path=str(ARTIFACTS / "phone.png"))
    finally:
        context.close()


def open_popup_of(frame, feature_id):
    frame.evaluate(
        """(id) => window.map.eachLayer(l => { if (l.feature && l.feature.properties.id === id) {
             window.map.setView(l.getLatLng(), 8, {animate: false}); l.openPopup(); } })""",
        feature_id,
    )
    frame.locator(".leaflet-popup").wait_for(timeout=30_000)


def layer_control_box(frame, label):
    frame.locator(".leaflet-control-layers").hover()  # a hover opens the collapsed control
    return frame.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input")


def test_hiding_a_partner_closes_its_own_popup_and_no_other(page, server):
    """A popup of the United States' feature stays open while Japan is hidden (it used to close with any partner), and
    closes when the United States is hidden: a popup is never left over a pane that is not shown."""
    page.goto(server)
    frame = map_frame(page)
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
    wait_until_idle(page)
    open_popup_of(frame, "biden-visit-hanoi-2023")
    layer_control_box(frame, "Japan").click()
    wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
    wait_until_idle(page)  # the toggle's own run has come back too
    assert "President Biden" in frame.locator(".leaflet-popup-content").inner_text()
    layer_control_box(frame, "United States").click()
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=30_000)


def test_a_run_begun_before_a_layer_toggle_does_not_show_the_partner_again(page, server):
    """A rerun that began before the user unticked Japan in the layer control carries the partners it had; the map
    keeps Japan hidden until a run that has heard the toggle, which may then show it (a sidebar tick after the toggle)."""
    page.goto(server)
    frame = map_frame(page)
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
    wait_until_idle(page)
    frame.evaluate("""() => { const render = window.vnmap.render;
        window.vnmap.render = (a) => { window.lastArgs = a; return render(a); }; }""")
    layer_control_box(frame, "Japan").click()
    frame.wait_for_function("() => window.lastArgs && window.lastArgs.partners_seq === 1", timeout=30_000)  # the toggle's run
    assert "JPN" not in frame.evaluate("() => window.lastArgs.partners")
    stale = "() => window.vnmap.render(Object.assign({}, window.lastArgs, {partners: window.lastArgs.partners.concat(['JPN']), partners_seq: %d}))"
    frame.evaluate(stale % 0)  # what a run begun before the toggle brings
    page.wait_for_timeout(300)
    assert not any(i.endswith("|JPN") for i in frame.evaluate("() => window.vnmap.visibleIds()"))
    frame.evaluate(stale % 1)  # a later run that has heard the toggle: its partners count
    wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids), timeout=10)


def test_a_sidebar_tick_hides_the_pane_before_the_rerun(browser, server):
    """The map follows the sidebar's checkbox in the page itself; the rerun's arguments then only confirm it. Proved by
    cutting the browser's messages to the server after the first drawing: no rerun can happen, the pane still hides."""
    context, page = offline_page(browser)
    forward = {"on": True}

    def route(ws):
        to_server = ws.connect_to_server()
        ws.on_message(lambda message: to_server.send(message) if forward["on"] else None)

    page.route_web_socket(re.compile(r"/_stcore/stream"), route)
    try:
        page.goto(server)
        frame = map_frame(page)
        wait_for_ids(page, lambda ids: any(i.endswith("|JPN") for i in ids))
        frame.evaluate("() => { window.map.setView([21.03, 105.85], 8, {animate: false}); }")
        url = page.url
        forward["on"] = False  # from here the server hears nothing
        page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(r"^Japan")).locator("xpath=ancestor::label[1]").click()
        ids = wait_for_ids(page, lambda ids: ids and not any(i.endswith("|JPN") for i in ids))
        assert any(i.endswith("|CHN") for i in ids) and frame.evaluate(VIEW) == [8, 21.03, 105.85]
        page.wait_for_timeout(1000)  # time a rerun would have needed: none came, the URL is as it was
        assert page.url == url
    finally:
        context.close()


def test_a_fresh_page_draws_the_map_before_its_charts_and_table(page, server):
    """On a fresh page the charts and the table load only once the map's features are on screen, with no click: they
    no longer compete with the map for the browser's one thread. When the table first appears is noted in the page."""
    page.add_init_script("""new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="stDataFrame"]')) { window.tableAt = Date.now(); obs.disconnect(); }
    }).observe(document, {subtree: true, childList: true});""")
    page.goto(server)
    frame = map_frame(page)
    frame.wait_for_function("() => window.vnmapReadyAt", timeout=60_000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
    page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=60_000)
    assert page.evaluate("() => window.tableAt") >= frame.evaluate("() => window.vnmapReadyAt")
    # the summary figures came with them, below the map: the map did not move down once drawn
    figures = page.get_by_test_id("stMetric").first.bounding_box()
    drawn = page.locator(MAP_ELEMENT).bounding_box()
    assert figures["y"] >= drawn["y"] + drawn["height"]
    assert not page.errors


@pytest.mark.parametrize("blocked", [re.compile(r"\.json\.gz$"), re.compile(r"/leaflet\.js$")], ids=["features", "leaflet"])
def test_a_map_that_cannot_load_says_so_and_the_rest_of_the_page_follows(browser, server, blocked):
    """The rest of the page waits for the map's first drawing; when the map's features or its scripts cannot be
    loaded, the map says so and the controls, figures and table come all the same (no button to find)."""
    context, page = offline_page(browser)
    try:
        page.route(blocked, lambda route: route.fulfill(status=404, body="gone"))
        page.goto(server)
        page.get_by_text("could not be loaded").first.wait_for(timeout=60_000)
        page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile(r"^Japan")).wait_for(timeout=60_000)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
        wait_until_idle(page)  # a loaded machine showed the table while the run was still sending the figures
        assert page.get_by_test_id("stMetric").count() == 4
    finally:
        context.close()
