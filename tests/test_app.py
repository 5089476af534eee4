"""The real Streamlit app under Streamlit's AppTest: widgets drive the table, the map and the downloads."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import seeds
from layers.cli import main as cli
from layers.filters import layer_counts

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture()
def app():
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_ids(at) -> list[str]:
    return list(at.dataframe[-1].value["id"])


def partner_box(at, name):
    return next(c for c in at.sidebar.checkbox if c.label.startswith(name))


def cli_bytes(tmp_path, *args) -> bytes:
    out = tmp_path / "cli.geojson"
    assert cli(["export", "--out", str(out), *args]) == 0
    return out.read_bytes()


def test_app_runs_and_shows_every_feature(app):
    assert app.title[0].value.startswith("Vietnam between China, Japan")
    assert len(table_ids(app)) == len(seeds.load_catalog())
    # The port of Haiphong has no foreign partner (China's grant aid is for the railway).
    labels = ["China (15)", "Japan (11)", "Cambodia (1)", "Laos (1)", "No foreign partner (1)", "United States (6)"]
    assert [c.label for c in app.sidebar.checkbox] == labels


def elements(at, kind: str) -> list:
    """Every element of this type in the page's tree (AppTest names only some types)."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == kind:
                found.append(child)
            walk(child)

    walk(at._tree)
    return found


def test_a_fresh_page_sends_the_map_before_its_charts_and_table(features):
    """Until the browser's map says its features are drawn (or failed to load), the page holds the title and the map
    only; the sidebar's widgets, the figures and the rest follow (here the map's event is stood in for by the state its
    callback sets: AppTest has no browser; tests/test_browser.py sends the real one)."""
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    map_args = [json.loads(c.proto.json) for c in elements(at, "bidi_component")]
    assert not at.metric and not at.button and len(map_args) == 1 and map_args[0]["announce_drawn"] is True
    assert map_args[0]["partners"] == list(layer_counts(features))  # the view is read from the widgets' state before they exist
    assert not at.sidebar.checkbox and not at.sidebar.multiselect and not at.sidebar.slider and not at.sidebar.text_input
    assert not at.dataframe and not elements(at, "vega_lite_chart") and not at.selectbox
    assert any("follow once the map is drawn" in c.value for c in at.caption)
    at.session_state["map_drawn"] = True
    at.run()
    assert len(at.metric) == 4
    assert [c.key for c in at.sidebar.checkbox] == [f"partner_{code}" for code in layer_counts(features)]
    assert table_ids(at) == [e.id for e in seeds.load_catalog()] and elements(at, "vega_lite_chart")
    assert json.loads(elements(at, "bidi_component")[0].proto.json)["announce_drawn"] is False  # said once


def test_unticking_japan_removes_it_from_table_and_export(app, downloads, tmp_path):
    partner_box(app, "Japan").uncheck().run()
    ids = table_ids(app)
    assert "hcmc-metro-line-1" not in ids and "block-b-o-mon-gas" not in ids and "xi-state-visit-vietnam-2023" in ids
    assert len(ids) == 21  # us-jp-investment-in-vietnam stays: the United States is its partner too
    exported = json.loads(downloads["GeoJSON (in view)"])
    assert [f["id"] for f in exported["features"]] == ids
    assert all(f["properties"]["partners"] != ["JPN"] for f in exported["features"])  # shared ones stay with their other partner
    assert app.query_params["partners"] == "CHN,KHM,LAO,NONE,USA"
    # The download is byte for byte the CLI export with the same filters.
    partners = [arg for code in ("CHN", "KHM", "LAO", "NONE", "USA") for arg in ("--partner", code)]
    assert downloads["GeoJSON (in view)"] == cli_bytes(tmp_path, *partners)
    assert len(json.loads(downloads["GeoJSON (all)"])["features"]) == len(seeds.load_catalog())


def test_filters_narrow_the_view(app, downloads, tmp_path):
    app.sidebar.multiselect[0].set_value(["rail", "metro"]).run()
    assert set(table_ids(app)) == {"hcmc-metro-line-1", "kunming-haiphong-railway", "north-south-high-speed-railway"}
    assert downloads["GeoJSON (in view)"] == cli_bytes(tmp_path, "--category", "rail", "--category", "metro")
    app.sidebar.text_input[0].set_value("Kunming").run()
    assert table_ids(app) == ["kunming-haiphong-railway"]


def test_date_slider_uses_article_dates(app):
    app.sidebar.slider[0].set_value((dt.date(2024, 8, 1), dt.date(2024, 8, 20))).run()
    ids = table_ids(app)
    assert "to-lam-state-visit-china-2024" in ids and "hcmc-metro-line-1" not in ids
    assert app.query_params["from"] == "2024-08-01"


def test_kind_filter(app):
    app.sidebar.multiselect[1].set_value(["visit"]).run()
    assert {k for k in app.dataframe[-1].value["kind"]} == {"visit"}


def test_choosing_a_feature_opens_its_evidence(app):
    app.selectbox[0].set_value("hcmc-metro-line-1").run()
    assert not app.exception
    assert any(h.value == "Ho Chi Minh City Metro Line 1 (Ben Thanh – Suoi Tien)" for h in app.subheader)
    reader = [m.value for m in app.markdown if "vnmap-reader" in m.value]
    assert reader and '<mark id="q-1">It is understood that Kishida has decided to establish 42.3 billion yen' in reader[0] and "**" not in reader[0]
    funding = [d.value for d in app.dataframe if "currency" in d.value.columns]
    assert funding and funding[0]["currency"][0] == "JPY" and funding[0]["amount"][0] == 42_300_000_000
    assert app.query_params["feature"] == "hcmc-metro-line-1"
    # Other features of the same article can be opened from the reader.
    labels = [b.label for b in app.button]
    assert "Pham Minh Chinh – Kishida talks in Tokyo" in labels


def opened_link(**params) -> AppTest:
    """The app as a shared link with these query parameters opens it."""
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def test_view_from_a_shared_link():
    at = opened_link(partners="USA", feature="biden-visit-hanoi-2023")
    assert [c.value for c in at.sidebar.checkbox] == [False, False, False, False, False, True]
    assert set(table_ids(at)) == {
        "biden-visit-hanoi-2023",
        "us-vn-partnership-upgrade-2023",
        "south-china-sea",
        "taiwan-strait",
        "xi-biden-summit-san-francisco-2023",
        "us-jp-investment-in-vietnam",
    }
    assert any(h.value == "President Biden's visit to Hanoi" for h in at.subheader)


def test_bad_link_values_are_ignored():
    at = opened_link(partners="Narnia,JPN", **{"from": "yesterday"})
    assert len(table_ids(at)) == 11


def test_bad_catalog_shows_an_error_page(monkeypatch, tmp_path):
    import seeds

    bad = tmp_path / "catalog.yaml"
    bad.write_text("entries:\n  - id: broken\n    name: Broken entry\n")
    monkeypatch.setattr(seeds, "CATALOG_FILE", bad)
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    assert "entry 'broken'" in at.error[0].value and "catalog.yaml" in at.error[0].value


@pytest.mark.parametrize("content", [b"not parquet at all", b"\x80\x04\x95pickled"])
def test_a_wrong_prebuilt_file_shows_an_error_page(monkeypatch, tmp_path, content):
    bad = tmp_path / "features.parquet"
    bad.write_bytes(content)
    monkeypatch.setenv("VNMAP_FEATURES", str(bad))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    shown = re.sub(r"\\(.)", r"\1", at.error[0].value)  # what a reader sees of the Markdown-escaped message
    assert "VNMAP_FEATURES" in shown and "not a GeoParquet file of features" in shown


def test_a_prebuilt_geoparquet_corpus_is_served(monkeypatch, tmp_path, features):
    from layers.features import write_prebuilt

    path = write_prebuilt(features.head(5), tmp_path / "five.parquet")
    monkeypatch.setenv("VNMAP_FEATURES", str(path))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception
    assert table_ids(at) == list(features["id"].head(5))
