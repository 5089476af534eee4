"""Every "(in view)" download of the app holds exactly the features of the table, whatever the filters.

The real app under Streamlit's AppTest; each download's bytes are taken the moment its button
is drawn (deferred downloads are made on click). Only ids are compared: the columns of the
exports are free to change.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pyogrio
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import seeds

APP = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
ZIP = "CSV + amounts + codebook (in view, zip)"
IN_VIEW = ("GeoJSON (in view)", "GeoPackage (in view)", ZIP)


@pytest.fixture()
def app(downloads):
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def geojson_ids(data: bytes) -> list[str]:
    return [f["properties"]["id"] for f in json.loads(data)["features"]]


def gpkg_ids(data: bytes, tmp_path: Path) -> list[str]:
    """The ids of every spatial layer (one layer, or one per geometry type; tables without geometry are not features)."""
    path = tmp_path / "view.gpkg"
    path.write_bytes(data)
    return [i for name, geometry_type in pyogrio.list_layers(path) if geometry_type for i in pyogrio.read_dataframe(path, layer=name)["id"]]


def csv_ids(data: bytes) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]


def zip_ids(data: bytes) -> tuple[list[str], list[str]]:
    """The ids of the zip's flat CSV (one row per feature) and the feature ids of its amounts CSV."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        flat = next(n for n in names if n.endswith(".csv") and not n.endswith("_amounts.csv"))
        amounts = next(n for n in names if n.endswith("_amounts.csv"))
        rows = csv.DictReader(io.StringIO(archive.read(amounts).decode("utf-8-sig")))
        return csv_ids(archive.read(flat)), [row["feature_id"] for row in rows]


def table_ids(at) -> list[str]:
    return list(at.dataframe[-1].value["id"])


def assert_downloads_match_table(at, downloads, tmp_path) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    ids = table_ids(at)
    assert len(ids) == len(set(ids))
    assert set(IN_VIEW) <= set(downloads)
    got = {
        "GeoJSON (in view)": geojson_ids(downloads["GeoJSON (in view)"]),
        "GeoPackage (in view)": gpkg_ids(downloads["GeoPackage (in view)"], tmp_path),
        "CSV in the zip (in view)": zip_ids(downloads[ZIP])[0],
    }
    # Every amount in the zip's long CSV belongs to a feature of the table.
    assert set(zip_ids(downloads[ZIP])[1]) <= set(ids)
    for label, exported in got.items():
        assert sorted(exported) == sorted(ids), f"{label}: extra {sorted(set(exported) - set(ids))}, missing {sorted(set(ids) - set(exported))}"
    return ids


def partner_box(at, name):
    return next(c for c in at.sidebar.checkbox if c.label.startswith(name))


def cited_between(lo: dt.date, hi: dt.date) -> set[str]:
    """Catalog ids with an article published in [lo, hi], read from the seed files, not from the app's filter."""
    published = {a.id: a.date for a in seeds.load_articles().values()}
    return {e.id for e in seeds.load_catalog() if any(lo <= published[ev.article] <= hi for ev in e.evidence)}


def article_dates() -> list[dt.date]:
    return sorted({a.date for a in seeds.load_articles().values()})


def test_no_filter(app, downloads, tmp_path):
    assert len(assert_downloads_match_table(app, downloads, tmp_path)) == len(seeds.load_catalog())


def test_partner_unticked(app, downloads, tmp_path):
    partner_box(app, "Japan").uncheck().run()
    ids = assert_downloads_match_table(app, downloads, tmp_path)
    assert "hcmc-metro-line-1" not in ids and "xi-state-visit-vietnam-2023" in ids


def test_two_partners_unticked(app, downloads, tmp_path):
    partner_box(app, "China").uncheck()
    partner_box(app, "United States").uncheck().run()
    ids = assert_downloads_match_table(app, downloads, tmp_path)
    assert ids and "xi-state-visit-vietnam-2023" not in ids and "biden-visit-hanoi-2023" not in ids


def test_category_kind_and_search(app, downloads, tmp_path):
    app.sidebar.multiselect[0].set_value(["rail", "metro"]).run()
    assert len(assert_downloads_match_table(app, downloads, tmp_path)) == 3
    app.sidebar.multiselect[0].set_value([])
    app.sidebar.multiselect[1].set_value(["visit"]).run()
    assert assert_downloads_match_table(app, downloads, tmp_path)
    app.sidebar.multiselect[1].set_value([])
    app.sidebar.text_input[0].set_value("Kunming").run()
    assert "kunming-haiphong-railway" in assert_downloads_match_table(app, downloads, tmp_path)


def test_date_range_ending_on_an_article_date(app, downloads, tmp_path):
    """The slider ending on an article's date keeps that article's features (an inclusive upper bound)."""
    dates = article_dates()
    end = dates[-2]  # an interior date: the last one means "no limit" to the app
    app.sidebar.slider[0].set_value((dates[0], end)).run()
    ids = assert_downloads_match_table(app, downloads, tmp_path)
    assert set(ids) == cited_between(dates[0], end)
    assert "hcmc-metro-line-1" in ids and "to-lam-state-visit-china-2024" not in ids  # 2023-12-16 in, August 2024 out


def test_date_range_starting_and_ending_on_article_dates(app, downloads, tmp_path):
    dates = article_dates()
    app.sidebar.slider[0].set_value((dates[1], dates[-1])).run()
    ids = assert_downloads_match_table(app, downloads, tmp_path)
    assert set(ids) == cited_between(dates[1], dates[-1])
    app.sidebar.slider[0].set_value((dates[1], dates[1])).run()
    assert set(assert_downloads_match_table(app, downloads, tmp_path)) == cited_between(dates[1], dates[1])


def test_everything_filtered_out(app, downloads, tmp_path):
    app.sidebar.text_input[0].set_value("no feature says this").run()
    assert assert_downloads_match_table(app, downloads, tmp_path) == []
