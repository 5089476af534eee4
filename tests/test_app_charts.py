"""The charts' selections drive the real app (AppTest): a bar or a brushed period narrows the table, the downloads and the URL.

AppTest cannot click a Vega-Lite mark, so a selection is sent the way the browser sends it: the
chart's widget state, a JSON string {"selection": {...}} under the chart's element id
(tests/test_browser_charts.py clicks the real bars in Chromium).
"""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from layers.features import read_prebuilt, write_prebuilt
from seeds import load_articles, load_catalog
from tests.flows_support import with_flows
from tests.test_app import APP, cli_bytes, table_ids

CATALOG = load_catalog()
ENTRIES = len(CATALOG)  # one feature per catalog entry
PARTNERS = len({p for entry in CATALOG for p in entry.partners})  # "no partner" (haiphong-port) is not one


@pytest.fixture()
def flows_file(tmp_path, features):
    """The prebuilt features file the app reads (GeoParquet, as `write_prebuilt` writes it)."""
    return write_prebuilt(with_flows(features, unstated=("cn-fdi-vietnam-2024",)), tmp_path / "features.parquet")


@pytest.fixture()
def app(monkeypatch, flows_file):
    monkeypatch.setenv("VNMAP_FEATURES", str(flows_file))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at) -> dict[str, str]:
    """Chart key (without its generation) -> element id, for the Vega-Lite charts with a selection."""
    found = {}

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "vega_lite_chart" and child.proto.id:
                found[child.proto.id.split("-", 2)[2].rsplit("-", 1)[0]] = child.proto.id  # "$$ID-<hash>-<key>-<generation>"
            walk(child)

    walk(at._tree)
    return found


def select(at, chart: str, selection: dict) -> None:
    """Send a chart selection as the browser does and rerun (AppTest has no API for chart events)."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = charts(at)[chart]
    state.string_value = json.dumps({"selection": selection})
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_summary_figures_show_one_kind_of_money_and_count_what_has_no_usd(app):
    expected = {"Features": str(ENTRIES), "Partners": str(PARTNERS), "Articles": str(len(load_articles()))}
    assert metrics(app) == expected | {"Stated development finance, USD": "$298.4 m"}  # JPY 42.3 bn for metro line 1, at the ECB rate
    # The catalog's finance items: the metro loan has an amount; the gas block, the power plant, the Kunming railway and the Belt and Road aid none.
    (counted,) = [c.value for c in app.caption if "with a USD value summed" in c.value]
    assert "1 amount with a USD value summed" in counted and "0 amounts in a currency" in counted and "4 stated with no amount" in counted
    app.session_state["chart_flow"] = "indicator"
    app.run()
    assert metrics(app)["Stated trade indicators, USD"] == "$112.2 bn"  # never added to the finance figure
    app.session_state["chart_flow"] = "unstated"
    app.run()
    assert metrics(app)["Stated money, kind not stated, USD"] == "$1.5 bn"  # the FDI item left without a kind: counted apart


def test_selecting_a_bar_narrows_table_downloads_and_url(app, downloads, tmp_path):
    assert set(charts(app)) == {"funding-chart", "unconverted-chart", "timeline-chart"}
    select(app, "unconverted-chart", {"bar": [{"partner": "JPN", "category": "energy"}]})
    assert table_ids(app) == ["block-b-o-mon-gas", "southern-vietnam-power-plant"]
    assert metrics(app)["Features"] == "2"
    assert app.query_params["partners"] == "JPN" and app.query_params["category"] == "energy" and app.query_params["flow"] == "finance"
    assert json.loads(downloads["GeoJSON (in view)"])["features"] and [f["id"] for f in json.loads(downloads["GeoJSON (in view)"])["features"]] == table_ids(
        app
    )
    # Deselecting (a click on empty space sends an empty selection) restores the view.
    select(app, "unconverted-chart", {"bar": []})
    assert len(table_ids(app)) == ENTRIES and "flow" not in app.query_params


def test_the_download_of_a_selection_is_the_cli_export_with_the_same_filters(app, downloads, tmp_path, monkeypatch, flows_file):
    select(app, "funding-chart", {"bar": [{"partner": "JPN", "category": "metro"}]})
    assert table_ids(app) == ["hcmc-metro-line-1"]
    monkeypatch.setattr("layers.cli.load_features", lambda *a, **k: read_prebuilt(flows_file))
    assert downloads["GeoJSON (in view)"] == cli_bytes(tmp_path, "--partner", "JPN", "--category", "metro", "--flow", "finance")


def test_brushing_a_period_narrows_and_the_bar_chart_follows(app):
    select(app, "timeline-chart", {"period": {"start": [1693526400000, 1701302400000]}})  # 2023-09-01 .. 2023-11-30
    # Biden's visit and the upgrade: "in September" (article of 2023-12-16); the summit: "last month" (article of 2023-12-11).
    # The China-Vietnam agreements are of "December 12th and 13th": outside the period.
    assert table_ids(app) == [
        "biden-visit-hanoi-2023",
        "us-vn-partnership-upgrade-2023",
        "xi-biden-summit-san-francisco-2023",
    ]
    assert app.query_params["dated_from"] == "2023-09-01" and app.query_params["dated_to"] == "2023-11-30"
    assert "No development finance" in " ".join(c.value for c in app.caption)  # none of those states finance: the bars follow the period
    app.button(key="chart-clear").click().run()
    assert len(table_ids(app)) == ENTRIES and "dated_from" not in app.query_params


def test_a_shared_link_restores_the_chart_filters(monkeypatch, flows_file):
    monkeypatch.setenv("VNMAP_FEATURES", str(flows_file))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.query_params.update({"partners": "JPN", "category": "energy", "flow": "finance", "dated_from": "2024-01-01"})
    at.run()
    assert not at.exception
    assert table_ids(at) == []  # both Japanese energy projects are of 16 December 2023 ("the 16th", article of 2023-12-19)
    at1 = AppTest.from_file(APP, default_timeout=120)
    at1.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at1.query_params.update({"partners": "JPN", "category": "energy", "flow": "finance", "dated_to": "2023-12-31"})
    at1.run()
    assert table_ids(at1) == ["block-b-o-mon-gas", "southern-vietnam-power-plant"]
    at2 = AppTest.from_file(APP, default_timeout=120)
    at2.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at2.query_params.update({"flow": "indicator", "dated_from": "2024-01-01", "dated_to": "2024-12-31"})
    at2.run()
    assert table_ids(at2) == ["cn-vn-trade-2024"] and at2.session_state["chart_flow"] == "indicator"


def test_every_chart_sent_is_valid_vega_lite(app):
    """The app makes its specs without Altair's validation (it cost most of a rerun): the schema is checked here, on what is sent."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    sent = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "vega_lite_chart":
                sent.append((json.loads(child.proto.spec), [d.name for d in child.proto.datasets]))
            walk(child)

    walk(app._tree)
    assert len(sent) == 3  # funding, without a USD value, timeline
    for spec, datasets in sent:
        assert spec["params"] and datasets  # the selection the app listens to, and its data
        validate_jsonschema(spec, load_schema())  # raises on the first error
    broken = dict(sent[0][0], mark={"type": "no-such-mark"})
    with pytest.raises(Exception, match="no-such-mark"):
        validate_jsonschema(broken, load_schema())


def test_a_lost_choice_of_money_falls_back_to_finance(app):
    """A session whose choice of money came back empty (seen once under load: the summary then failed on a KeyError
    and the page lost its map and sidebar) shows development finance again."""
    at = app
    at.session_state["chart_flow"] = None
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["chart_flow"] == "finance" and at.metric[3].label.startswith("Stated development finance")
