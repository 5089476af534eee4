"""The "Add article" page under AppTest: paste, geoparse, review, accept into a private copy of the seeds."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import seeds
from seeds import yamlio

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


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown text (a backslash shows the next character as itself)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def candidate_ids(at: AppTest) -> list[str]:
    return [t.key.removeprefix("edit-") for t in at.text_area if t.key and t.key.startswith("edit-")]


def accept(at: AppTest, cid: str) -> AppTest:
    """Decide any missing field (keep it as it is), press Accept… then confirm."""
    for box in [c for c in at.checkbox if c.key and c.key.startswith("keep-") and c.key.endswith(cid)]:
        box.check()
    at.run()
    at.button(key=f"accept-{cid}").click().run()
    assert at.info and "all together or not at all" in at.info[-1].value
    at.button(key=f"confirm-{cid}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def seed_bytes(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".txt")}


def test_paste_geoparse_accept_and_undo(private_seeds):
    before = seed_bytes(private_seeds)
    at = geoparsed(KOREA)
    assert any("Busan" in e.label for e in at.expander)
    places = at.dataframe[0].value
    assert {"Busan", "Da Nang", "Hạ Long"} <= set(places["text"])
    cid = next(c for c in candidate_ids(at) if "busan" in c)
    at = accept(at, cid)
    assert not at.error, [e.value for e in at.error]
    message = shown(at.success[0].value)
    assert "catalog.yaml" in message and "articles.yaml" in message and ".txt" in message  # says what was written where
    catalog = seeds.load_catalog(private_seeds / "catalog.yaml", articles=seeds.load_articles(private_seeds / "articles.yaml"))
    added = [e for e in catalog if "Busan" in e.places]
    assert len(catalog) == SEED_ENTRIES + 1 and added and added[0].partners == ["KOR"]
    assert (private_seeds / "catalog.yaml.bak").read_bytes() == before["catalog.yaml"]
    # The map page now shows the accepted feature.
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    app.run()
    assert added[0].id in list(app.dataframe[-1].value["id"])
    # One click back: the seeds are byte for byte as before.
    at.button(key="undo").click().run()
    assert not at.exception and "Undone" in shown(at.success[0].value)
    assert seed_bytes(private_seeds) == before


def test_cancel_writes_nothing(private_seeds):
    before = seed_bytes(private_seeds)
    at = geoparsed(KOREA)
    cid = candidate_ids(at)[0]
    at.button(key=f"accept-{cid}").click().run()
    at.button(key=f"cancel-{cid}").click().run()
    assert not at.exception and seed_bytes(private_seeds) == before and cid in candidate_ids(at)


def test_reject_removes_the_candidate(private_seeds):
    at = geoparsed(KOREA)
    before = len(at.expander)
    cid = candidate_ids(at)[0]
    at.button(key=f"reject-{cid}").click().run()
    assert len(at.expander) == before - 1 and cid not in candidate_ids(at)
    assert (private_seeds / "catalog.yaml").read_text() == seeds.CATALOG_FILE.read_text()


@pytest.mark.parametrize(
    "edit, says",
    [
        ("42", "expected a list|expected a mapping"),
        ("- a", "expected a mapping"),
        ("", "expected a mapping"),
        ("id: 123\nname: x\n", "field 'id'"),
        (lambda e: yamlio.dump({**e, "evidence": "just a string"}), "field 'evidence'"),
        (lambda e: yamlio.dump({**e, "when": {**e["when"], "start": "2024-02-30"}}), r"when.*2024-02-30|day is out of range"),
        (lambda e: yamlio.dump(e) + "name: again\n", "given twice"),
        ("id: [unclosed\n", "not valid YAML"),
    ],
)
def test_edited_entry_errors_are_messages_and_store_nothing(private_seeds, edit, says):
    before = seed_bytes(private_seeds)
    at = geoparsed(KOREA)
    cid = candidate_ids(at)[0]
    box = at.text_area(key=f"edit-{cid}")
    box.input(edit(yamlio.load(box.value)) if callable(edit) else edit).run()
    at = accept(at, cid)
    assert at.error, "no error shown"
    message = shown(at.error[0].value)
    assert message.startswith("Not accepted, nothing was stored") and re.search(says, message), message
    assert "Traceback" not in message
    assert seed_bytes(private_seeds) == before  # the article was not stored either


def test_errors_name_the_real_catalog_file(private_seeds):
    at = geoparsed(KOREA)
    cid = candidate_ids(at)[0]
    at.text_area(key=f"edit-{cid}").input("id: broken\nname: x\n").run()
    at = accept(at, cid)
    message = shown(at.error[0].value)
    assert str(private_seeds / "catalog.yaml") in message and "broken" in message


def test_undated_article_asks_for_its_date(private_seeds):
    text = "Japanese officials visited Haiphong to discuss a port loan, the ministry said."
    at = geoparsed(text)
    assert at.warning and "When was this article published?" in at.warning[0].value
    assert not candidate_ids(at)
    at.date_input[0].set_value(dt.date(2024, 5, 5))
    at.button[0].click().run()
    assert not at.warning and candidate_ids(at)
    assert "2024-05-05" in shown(at.caption[-1].value)


def test_partnerless_candidate_needs_a_decision(private_seeds):
    at = geoparsed("Officials opened a new port in Haiphong on May 5, 2024, the ministry said.")
    cid = next(c for c in candidate_ids(at) if "haiphong" in c)
    assert at.button(key=f"accept-{cid}").disabled
    keep = at.checkbox(key=f"keep-partners-{cid}")
    assert "no foreign partner" in keep.label
    keep.check().run()
    assert not at.button(key=f"accept-{cid}").disabled


def test_bad_paste_gets_a_clear_error(private_seeds):
    at = geoparsed("   ")
    assert at.error and "empty" in at.error[0].value


def test_script_in_pasted_text_is_escaped(private_seeds):
    at = geoparsed("Officials met in Hanoi <script>window.pwned=1</script> on May 5, 2024 and signed a port deal in Haiphong.")
    reader = [m.value for m in at.markdown if "vnmap-reader" in m.value]
    assert reader and "&lt;script&gt;" in reader[0] and "<script>" not in reader[0]
    quotes = [m.value for m in at.markdown if "pwned" in m.value and "vnmap-reader" not in m.value]
    assert quotes and all("<script>" not in q and "window.pwned=1" in html.unescape(q) for q in quotes)


def test_a_partner_from_the_articles_subject_shows_its_quote_and_is_accepted_with_it(private_seeds):
    """The event's sentence names no country; the article is about Korea. The reviewer sees both quotes, the event's and
    the one naming Korea, and accepting stores the entry with both: the catalog takes the partner as sourced."""
    naming = "Korea's Hana Bank bought a stake in BIDV on May 2, 2024, Korea's embassy said."
    event = "The bank will invest $1 billion in branches in Da Nang, the lender said."
    at = geoparsed(f"{naming} Korean lenders are expanding across Asia. Korean officials welcomed it. {event}")
    cid = next(c for c in candidate_ids(at) if "da-nang" in c)
    quotes = [html.unescape(m.value) for m in at.markdown if m.value.startswith(">")]  # escaped as HTML entities
    assert f"> {event}" in quotes and f"> {naming}" in quotes
    at = accept(at, cid)
    assert not at.error, [e.value for e in at.error]
    catalog = seeds.load_catalog(private_seeds / "catalog.yaml", articles=seeds.load_articles(private_seeds / "articles.yaml"))
    added = [e for e in catalog if "Da Nang" in e.places and e.partners == ["KOR"]]
    assert added and [ev.quote for ev in added[0].evidence] == [event, naming]
