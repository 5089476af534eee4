"""The charts in Chromium: a partner's bar narrows the map, a brushed period too; no request leaves the machine.

What this relies on (the map's DOM may change): the map's features are read with
tests/browser_support.wait_for_ids ("id|partner" of every drawn feature); the charts are Vega-Lite
SVG whose bars carry aria-labels ("partner: Japan; category: metro; ...").
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest

from layers import filters
from layers.features import write_prebuilt
from tests.browser_support import ARTIFACTS, chromium, offline_page, require_browser, streamlit_server, wait_for_ids
from tests.flows_support import with_flows

require_browser()

CHART = "[data-testid='stVegaLiteChart']"
PAYLOAD = ' <img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def server(tmp_path_factory, features):
    hostile = with_flows(features)
    hostile.loc[hostile["id"] == "hcmc-metro-line-1", "name"] += PAYLOAD  # text from data: shown as text, never run
    prebuilt = write_prebuilt(hostile, tmp_path_factory.mktemp("flows") / "features.parquet")
    with streamlit_server(env={"VNMAP_FEATURES": str(prebuilt)}, log_name="streamlit-charts.log") as (url, _):
        yield url


@pytest.fixture()
def page(server):
    with chromium() as browser:
        context, page = offline_page(browser)
        yield page
        assert not page.errors, page.errors
        assert not [u for u in page.outside if "tile.openstreetmap.org" not in u], page.outside  # only the optional tiles try to leave
        context.close()


def bar(page, partner: str, category: str):
    return page.locator(f"{CHART} [aria-roledescription='bar'][aria-label*='partner: {partner};'][aria-label*='category: {category};']").first


def test_clicking_a_partners_bar_leaves_only_its_features_on_the_map(page, server):
    page.goto(server)
    everything = wait_for_ids(page, lambda ids: len(ids) >= 26, timeout=90)
    assert {i.split("|")[1] for i in everything} >= {"CHN", "JPN", "USA"}
    energy = bar(page, "Japan", "energy")  # the "without a USD value" chart: two Japanese energy projects, amounts not stated
    energy.wait_for(timeout=60_000)
    energy.click()
    ids = wait_for_ids(page, lambda ids: ids and all(i.endswith("|JPN") for i in ids), timeout=60)
    assert sorted(ids) == ["block-b-o-mon-gas|JPN", "southern-vietnam-power-plant|JPN"]
    page.get_by_text("Chart selection: JPN · energy").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "charts-bar-selected.png"), full_page=True)
    # The URL is written at the end of the rerun, after the map has changed: wait for it rather than read it at once.
    page.wait_for_url(lambda url: "flow=finance" in url and "partners=JPN" in url and "category=energy" in url, timeout=30_000)
    # The table and the downloads follow: the table lists exactly those features.
    page.get_by_role("button", name="Clear chart selections").click()
    wait_for_ids(page, lambda ids: len(ids) == len(everything), timeout=60)


def test_hovering_a_bar_shows_its_features_and_quotes(page, server):
    page.goto(server)
    metro = bar(page, "Japan", "metro")
    metro.wait_for(timeout=90_000)
    metro.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=20_000)
    tooltip.filter(has_text="partner").wait_for(timeout=20_000)  # vega-tooltip shows its box before it fills it
    page.screenshot(path=str(ARTIFACTS / "charts-tooltip.png"))
    text = tooltip.inner_text()
    assert "Ho Chi Minh City Metro Line 1" in text and "42.3 billion yen" in text and "298,431,067" in text
    assert PAYLOAD.strip() in text and page.evaluate("() => window.__xss") is None


def test_brushing_a_period_keeps_the_features_dated_in_it(page, server, features):
    page.goto(server)
    wait_for_ids(page, lambda ids: len(ids) >= 26, timeout=90)
    timeline = page.locator(CHART).filter(has=page.locator("[aria-label^='X-axis for a utc scale']")).first
    timeline.wait_for(timeout=60_000)
    timeline.scroll_into_view_if_needed()  # the charts are below the map: mouse coordinates must be in the viewport
    box = timeline.locator("[aria-label^='X-axis for a utc scale']").bounding_box()
    y = timeline.locator("[aria-label^='Y-axis']").bounding_box()
    middle = y["y"] + y["height"] / 2
    # Drag over the last fifth of the axis (2008-2024 spans its width): about the last three years.
    page.mouse.move(box["x"] + box["width"] * 0.8, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.98, middle, steps=8)
    page.mouse.up()
    page.get_by_text("Chart selection: dated").wait_for(timeout=60_000)
    page.wait_for_url(re.compile(r"dated_to="), timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    period = filters.View(dated_from=dt.date.fromisoformat(query["dated_from"][0]), dated_to=dt.date.fromisoformat(query["dated_to"][0]))
    expected = sorted(f"{fid}|{key}" for fid, keys in filters.select(features, period)[["id", "layers"]].itertuples(index=False) for key in keys)
    assert 0 < len(expected) < 26 and period.dated_from.year >= 2020
    ids = wait_for_ids(page, lambda ids: sorted(ids) == expected, timeout=60)
    assert "haiphong-port|CHN" not in ids  # undated features leave the view
