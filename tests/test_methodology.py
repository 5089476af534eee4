"""The Methodology page (AppTest): its figures equal the constants and functions the pipeline runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import seeds
from geo import precision
from ingest import traps
from layers import markup, methodology, style
from seeds import dates, fx

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "2_Methodology.py")


@pytest.fixture(scope="module")
def page():
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at, first_column: str):
    return next(d.value for d in at.dataframe if list(d.value.columns)[0] == first_column)


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_title_and_sections(page):
    assert page.title[0].value == "Methodology"
    assert [h.value for h in page.header] == [
        "What a feature is",
        "Precision codes and reach",
        "Money: kinds and USD values",
        "Dates",
        "Metonyms and author biographies",
        "Sources and licences",
        "How the geoparser is measured",
    ]


def test_precision_codes_and_reach_are_the_codes_constants(page):
    codes = table(page, "code")
    assert dict(zip(codes["code"], codes["meaning"], strict=True)) == precision.PRECISION
    assert [d.startswith("dashed") for d in codes["drawn as"]] == [style.is_approximate(c) for c in precision.PRECISION]
    reach = table(page, "reach")
    assert dict(zip(reach["reach"], reach["what the point means"], strict=True)) == precision.REACH


def test_the_fx_example_is_what_the_converter_gives(page):
    value = fx.to_usd(42_300_000_000, "JPY", dt.date(2023, 12, 16))
    body = text(page)
    assert f"USD {value.amount_usd:,.2f}" in body and f"converts at the rate of {value.fx_date}" in body
    assert f"looks back at most {fx.MAX_LOOKBACK_DAYS} days" in body
    assert "Rates are never interpolated" in body and "the ECB publishes no VND reference rate" in body
    code = [c.value for c in page.code]
    assert any("dates.last_day" in c and "fx.to_usd" in c for c in code)


def test_date_examples_are_resolved_by_the_date_parser(page):
    rows = table(page, "the article says")
    assert len(rows) == len(methodology.DATE_EXAMPLES)
    for row in rows.itertuples(index=False):
        found = dates.parse_date(row[0], methodology.DATE_REFERENCE)
        assert (row.start, row.end or None, row.precision) == (found.date_start, found.date_end, found.precision)
    assert rows.set_index("the article says").loc["in September", "start"] == "2023-09"


def test_trap_patterns_and_exclusions_are_the_geoparsers(page):
    code = [c.value for c in page.code]
    for pattern in (traps._METONYM_AFTER.pattern, traps._METONYM_BEFORE.pattern, traps._LOCATED.pattern, traps._BIO_CUE.pattern):
        assert pattern in code
    shown = table(page, "name")
    assert shown[["name", "reason", "quote"]].values.tolist() == [[e.name, e.reason, e.evidence.quote] for e in seeds.load_exclusions()]


def test_every_shipped_dataset_has_a_source_and_licence(page):
    listed = " ".join(d["where"] for d in methodology.DATASETS)
    for path in (ROOT / "geo" / "data").iterdir():
        if path.name in ("__init__.py", "__pycache__"):  # the folder is a Python package (build_regional runs as a module): not data
            continue
        assert str(path.relative_to(ROOT)) in listed, path
    assert all(d["licence"] and d["source"] for d in methodology.DATASETS)
    assert list(table(page, "dataset")["dataset"]) == [d["dataset"] for d in methodology.DATASETS]
    articles = table(page, "article")
    assert sorted(articles["article"]) == sorted(seeds.load_articles())


def test_geoparser_figures_are_measured_now(page):
    from bench import geoparse

    shown = table(page, "articles")
    present = geoparse.available_sets()
    assert "dev" in present and len(shown) == len(present)
    for row, name in zip(shown.itertuples(index=False), present, strict=True):
        found = geoparse.score(geoparse.load_set(name), geoparse.project)
        assert tuple(row)[1:] == (
            found["n places"],
            round(found["place P"], 3),
            round(found["place R"], 3),
            found["n money"],
            round(found["money P"], 3),
            round(found["money R"], 3),
            round(found["trap acc"], 3),
            round(found["partner P"], 3),
        )
        assert row[0] == methodology.GEOPARSE_SETS[name]
    assert "never used to write rules" in methodology.GEOPARSE_SETS["heldout"]


def test_text_from_data_is_escaped_for_markdown():
    """The page escapes catalog values with the project's one Markdown escaper (layers.markup.md)."""
    assert markup.md("<script>x</script> *bold* [link](javascript:x)") == "\\<script\\>x\\</script\\> \\*bold\\* \\[link\\](javascript\\:x)"
    assert "markup.md(" in (ROOT / "pages" / "2_Methodology.py").read_text()


def test_the_page_is_in_the_apps_navigation():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    at.run()
    at.switch_page("pages/2_Methodology.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Methodology" and "How the geoparser is measured" in [h.value for h in at.header]
