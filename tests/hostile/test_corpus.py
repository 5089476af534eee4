"""The hostile corpus: every input that once broke something, run on every CI build so each stays fixed.

articles/good: odd but valid articles (repetition, 10,000 places, line separators, Markdown and HTML,
bidi and zero-width characters) must give a whole result whose offsets agree with the text;
articles/refused: files that must get one clear line and exit code 2; seeds/: catalog files the
strict loader must refuse by name; csv_cells.txt: formula payloads; url_params.txt: hostile links.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import ingest as ing
import seeds
from ingest.batch import ingest_folder
from layers import export, markup, query, spreadsheet
from layers.cli import main as cli
from layers.features import load_features

HERE = Path(__file__).resolve().parent
GOOD = sorted((HERE / "articles" / "good").iterdir())
REFUSED = sorted((HERE / "articles" / "refused").iterdir())
SEED_CASES = sorted((HERE / "seeds").glob("*.yaml"))
CELLS = (HERE / "csv_cells.txt").read_bytes().decode("utf-8").split("\n")[:-1]  # bytes: a CR inside a cell stays
LINKS = (HERE / "url_params.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_articles_give_whole_results(path, capsys):
    text = ing.read_article_file(path)
    assert cli(["ingest", str(path), "--date", "2024-05-05"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    result = ing.ingest(text, article_id="new_article", published=dt.date(2024, 5, 5))
    for item in [*result.places, *result.money, *result.dates]:
        assert text[item.start : item.end] == item.text  # every offset agrees with the stored text
    for candidate in result.candidates:
        for ev in candidate["entry"]["evidence"]:
            assert ev["quote"] in text
    assert len({c["id"] for c in result.candidates}) == len(result.candidates)


@pytest.mark.parametrize("path", [*REFUSED, "over_limit", "folder", "missing", "/dev/zero"], ids=str)
def test_refused_inputs_get_one_line_and_exit_2(path, tmp_path, capsys):
    if path == "over_limit":
        path = tmp_path / "big.txt"
        path.write_bytes(b"Hanoi. " * 300_000)
    elif path == "folder":
        path = tmp_path
    elif path == "missing":
        path = tmp_path / "missing.txt"
    assert cli(["ingest", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_batch_over_the_corpus_keeps_one_record_per_file(tmp_path):
    for path in GOOD + REFUSED:
        shutil.copy(path, tmp_path / path.name)
    records = ingest_folder(tmp_path, workers=1)
    files = sorted(p.name for p in tmp_path.iterdir() if p.suffix in ing.SUFFIXES)
    assert [Path(r["file"]).name for r in records] == files
    refused = {Path(r["file"]).name for r in records if "error" in r}
    assert refused == {p.name for p in REFUSED}


@pytest.mark.parametrize("path", SEED_CASES, ids=lambda p: p.name)
def test_bad_seed_files_are_refused_by_name(path):
    articles = seeds.load_articles()
    with pytest.raises(seeds.CatalogError) as err:
        seeds.load_catalog(path, articles=articles)
    assert path.name in str(err.value).splitlines()[0]


@pytest.mark.parametrize("value", CELLS)
def test_formula_cells_are_neutralised(value):
    assert spreadsheet.cell(value) == "'" + value
    assert spreadsheet.cell("-12.5") == "-12.5" and spreadsheet.cell(-3) == -3 and spreadsheet.cell("Hanoi") == "Hanoi"


def test_exported_csv_is_spreadsheet_safe(seed_copy):
    catalog = (seed_copy / "catalog.yaml").read_text(encoding="utf-8")
    names = iter(CELLS)
    catalog = re.sub(r"^(    name: ).*$", lambda m: m.group(1) + json.dumps(next(names, "Plain name")), catalog, flags=re.M)  # JSON strings are YAML
    (seed_copy / "catalog.yaml").write_text(catalog, encoding="utf-8")
    features = load_features(seed_copy / "catalog.yaml", seed_copy / "articles.yaml")
    rows = list(csv.DictReader(io.StringIO(export.export_bytes(features, "csv").decode("utf-8"), newline="")))
    names = [r["name"] for r in rows]
    for value in CELLS:
        assert any(n.startswith("'") and n[1:].strip() == value.strip() for n in names), value  # written inert (the schema may trim space)
    assert not [n for n in names if n.startswith(spreadsheet.TRIGGERS)]
    assert all(None not in r and None not in r.values() for r in rows)  # every row has every column
    assert not [c for r in rows for c in r.values() if c.startswith(spreadsheet.TRIGGERS) and not re.fullmatch(r"-?[\d.]+", c)]
    assert all(r["precision"].lstrip("-").isdigit() for r in rows)  # numeric columns stay numeric


@pytest.mark.parametrize("link", LINKS)
def test_hostile_links_render_as_text(features, link):
    params = dict(urllib.parse.parse_qsl(link, keep_blank_values=True))
    _view, _selected, problems = query.view_from_query(params, features)
    md = MarkdownIt("gfm-like") if _has_linkify() else MarkdownIt("commonmark").enable("table")
    for problem in problems:
        rendered = md.render(markup.md(problem, one_line=True))
        assert not re.search(r"<(?!/?p>)", rendered), rendered  # nothing but the paragraph: no link, image, heading, HTML


def _has_linkify() -> bool:
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True
