"""The "Add article" page under AppTest: paste, geoparse, review, accept into a private copy of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import seeds

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "1_Add_article.py")
APP = str(ROOT / "streamlit_app.py")
SEED_ENTRIES = len(seeds.load_catalog())  # read before any test points seeds at a private copy
KOREA = (ROOT / "tests" / "data" / "articles" / "korea_busan.txt").read_text(encoding="utf-8")


@pytest.fixture()
def private_seeds(seed_copy, monkeypatch):
    folder = seed_copy
    monkeypatch.setattr(seeds, "ARTICLES_FILE", folder / "articles.yaml")
    monkeypatch.setattr(seeds, "CATALOG_FILE", folder / "catalog.yaml")
    st.cache_resource.clear()
    st.cache_data.clear()
    return folder


def geoparsed(text: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.text_area[0].input(text)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_paste_geoparse_and_accept(private_seeds):
    at = geoparsed(KOREA)
    assert any("Busan" in e.label for e in at.expander)
    places = at.dataframe[0].value
    assert {"Busan", "Da Nang", "Hạ Long"} <= set(places["text"])
    port = next(i for i, e in enumerate(at.expander) if "Busan" in e.label)
    at.expander[port].button[0].click().run()  # accept
    assert not at.exception and not at.error, [e.value for e in at.error]
    catalog = seeds.load_catalog(private_seeds / "catalog.yaml", articles=seeds.load_articles(private_seeds / "articles.yaml"))
    added = [e for e in catalog if "Busan" in e.places]
    assert len(catalog) == SEED_ENTRIES + 1 and added and added[0].partners == ["KOR"]
    assert (private_seeds / "catalog.yaml.bak").exists()
    # The map page now shows the accepted feature.
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert added[0].id in list(app.dataframe[-1].value["id"])


def test_reject_removes_the_candidate(private_seeds):
    at = geoparsed(KOREA)
    before = len(at.expander)
    at.expander[0].button[1].click().run()  # reject
    assert len(at.expander) == before - 1
    assert (private_seeds / "catalog.yaml").read_text() == seeds.CATALOG_FILE.read_text()


def test_edited_entry_is_validated(private_seeds):
    at = geoparsed(KOREA)
    at.expander[0].text_area[0].input("id: broken\nname: x\n").run()
    at.expander[0].button[0].click().run()
    assert at.error and "Not accepted" in at.error[0].value and "broken" in at.error[0].value
    assert len(seeds.load_catalog(private_seeds / "catalog.yaml", articles=seeds.load_articles(private_seeds / "articles.yaml"))) == SEED_ENTRIES


def test_bad_paste_gets_a_clear_error(private_seeds):
    at = geoparsed("   ")
    assert at.error and "empty" in at.error[0].value


def test_script_in_pasted_text_is_escaped(private_seeds):
    at = geoparsed("Officials met in Hanoi <script>window.pwned=1</script> on May 5, 2024 and signed a port deal in Haiphong.")
    reader = [m.value for m in at.markdown if "vnmap-reader" in m.value]
    assert reader and "&lt;script&gt;" in reader[0] and "<script>" not in reader[0]
    quotes = [m.value for m in at.markdown if "window.pwned" in m.value and "vnmap-reader" not in m.value]
    assert quotes and all("<script>" not in q for q in quotes)
