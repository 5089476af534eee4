"""The offline basemap in Chromium with every off-machine request refused: local tiles to zoom 8, 10m vectors deeper, data above both.

Screenshots at zooms 4, 7 and 11 go to artifacts/ (basemap-z4.png, basemap-z7.png, basemap-z11.png).
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest

from tests.browser_support import ARTIFACTS, chromium, map_frame, offline_page, require_browser, streamlit_server

require_browser()

SEA, LAND = (170, 211, 223), (242, 239, 233)  # basemap.js's colours


@pytest.fixture(scope="module")
def offline_map():
    with streamlit_server(log_name="streamlit-basemap.log") as (url, _proc), chromium() as browser:
        context, page = offline_page(browser)
        page.goto(url)
        frame = map_frame(page)
        frame.wait_for_function("() => window.map.getContainer().getAttribute('data-basemap') === 'offline'", timeout=60_000)
        yield page, frame
        context.close()


def go(frame, lat, lon, zoom):
    """Jump there and wait until the visible offline tiles have loaded and, from zoom 5, the 10m vectors are drawn."""
    frame.evaluate(f"() => window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    frame.wait_for_function(
        """z => { const c = window.map.getContainer(), tiles = c.querySelector('.vnmap-offline-tiles');
                  const imgs = tiles ? [...tiles.querySelectorAll('img.leaflet-tile')] : [];
                  return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)
                     && (z < 5 || c.getAttribute('data-basemap-lines') === 'drawn'); }""",
        arg=zoom,
        timeout=60_000,
    )
    frame.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def shot(frame):
    from PIL import Image

    return Image.open(BytesIO(frame.locator(".leaflet-container").screenshot())).convert("RGB")


def share(image, colour, tolerance=6) -> float:
    counts = image.getcolors(1 << 20)
    near = sum(n for n, c in counts if all(abs(a - b) <= tolerance for a, b in zip(c, colour, strict=True)))
    return near / (image.width * image.height)


def test_zoom_6_over_northern_vietnam_shows_local_osm_tiles_and_the_attribution(offline_map):
    page, frame = offline_map
    go(frame, 21.0, 106.2, 6)
    sources = frame.evaluate("() => [...document.querySelectorAll('.vnmap-offline-tiles img.leaflet-tile')].map(i => i.src)")
    assert sources and all(re.search(r"/app/static/basemap/osm-[0-9a-f]{16}/6/\d+/\d+\.png$", s) for s in sources), sources
    image = shot(frame)
    assert len(image.getcolors(1 << 20)) > 2000  # roads, labels, land and sea: not a blank or flat map
    assert share(image, SEA) > 0.02 and share(image, LAND, 10) > 0.05  # the sea is partly under the data (the South China Sea)
    attribution = frame.locator(".leaflet-control-attribution")
    assert attribution.is_visible() and "© OpenStreetMap contributors" in attribution.inner_text()
    assert all("tile.openstreetmap.org" in u for u in page.outside), page.outside  # only the online layer's attempt left, and was refused


def test_zoom_11_over_ho_chi_minh_city_draws_10m_land_coast_and_keeps_the_data_above(offline_map):
    page, frame = offline_map
    go(frame, 10.60, 106.85, 11)  # the Saigon-Soai Rap estuary: land, water and coast in one view
    image = shot(frame)
    coast = sum(n for n, (r, g, b) in image.getcolors(1 << 20) if r < 140 and b - r > 40) / (image.width * image.height)  # the dark blue stroke
    assert share(image, LAND) > 0.2 and share(image, SEA) > 0.02 and coast > 0.002, (share(image, LAND), share(image, SEA), coast)
    assert frame.evaluate("() => getComputedStyle(document.querySelector('.vnmap-offline-tiles')).display") == "none"  # scaled 32x: hidden
    order = frame.evaluate(
        """() => { const z = n => +getComputedStyle(window.map.getPane(n)).zIndex;
                   const data = Object.keys(window.map._panes).filter(n => /^vnmap-(?!basemap)/.test(n)).map(z);
                   return {tiles: z('tilePane'), land: z('vnmap-basemap-land'), lines: z('vnmap-basemap'), lowestData: Math.min(...data)}; }"""
    )
    assert order["tiles"] < order["land"] < order["lines"] < order["lowestData"], order
    assert "© OpenStreetMap contributors" in frame.locator(".leaflet-control-attribution").inner_text()


def test_screenshots_at_zoom_4_7_and_11(offline_map):
    _, frame = offline_map
    for zoom, (lat, lon) in {4: (16.0, 108.0), 7: (20.9, 106.4), 11: (10.78, 106.70)}.items():
        go(frame, lat, lon, zoom)
        shot(frame).save(ARTIFACTS / f"basemap-z{zoom}.png")
        assert len(shot(frame).getcolors(1 << 20)) > 50
