"""Ingest: the geoparser's output, the CLI, bad input, and accepting candidates into the catalog safely."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ingest as ing
import seeds
from ingest import review
from layers.cli import main as cli
from seeds import CatalogError, store

ROOT = Path(__file__).resolve().parent.parent
KOREA = ROOT / "tests" / "data" / "articles" / "korea_busan.txt"


def korea():
    text = KOREA.read_text(encoding="utf-8")
    return text, ing.ingest(text, article_id="new_article", known_articles=seeds.load_articles())


def test_result_shape_and_resolution():
    text, result = korea()
    assert result.article["published"] == "2025-03-10" and result.article["date_basis"] == "stated"
    busan = next(p for p in result.places if p.text == "Busan")
    assert (busan.name, busan.gazetteer_id, busan.is_feature) == ("Busan", "geonames:1838524", True)
    assert abs(busan.lat - 35.1) < 0.2 and abs(busan.lon - 129.0) < 0.2
    assert text[busan.start : busan.end] == "Busan"
    krw = next(m for m in result.money if m.text == "KRW 1.2 trillion")
    assert (krw.amount, krw.currency) == (1_200_000_000_000, "KRW") and krw.amount_usd and krw.fx_date <= "2025-03-10"
    vnd = next(m for m in result.money if m.currency == "VND")
    assert vnd.amount_usd is None and "publishes no VND" in vnd.fx_note
    assert any(d.text == "April 7 to 9" and d.date_start == "2024-04-07" for d in result.dates)
    assert {"KOR", "VNM"} <= {p["code"] for p in result.partners}
    seoul = [p for p in result.places if p.text == "Seoul"]
    assert [p.reason.split(":")[0] for p in seoul] == ["metonym", "metonym", "biography"]


def test_candidates_are_valid_entries_with_their_sentence():
    text, result = korea()
    assert result.candidates
    for c in result.candidates:
        quote = c["entry"]["evidence"][0]["quote"]
        assert quote in text and c["geometry"] and c["precision"]
    port = next(c for c in result.candidates if "Busan" in c["entry"]["places"])
    assert port["valid"] and port["entry"]["partners"] == ["KOR"] and port["entry"]["when"]["text"] == "March 4th"
    loan = next(c for c in result.candidates if any(f["text"] == "KRW 1.2 trillion" for f in c["entry"].get("funding", [])))
    assert loan["entry"]["funding"][0]["instrument"] == "loan"


def test_cli_json(tmp_path, capsys):
    assert cli(["ingest", str(KOREA), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"places", "money", "dates", "partners", "candidates"}
    assert set(out["places"][0]) >= {"text", "start", "end", "name", "lat", "lon", "gazetteer_id", "is_feature", "reason"}
    assert set(out["money"][0]) >= {"text", "start", "end", "amount", "currency", "amount_usd", "fx_date"}


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        (b"   \n\t", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("Hà Nội".encode("utf-16"), "not UTF-8"),
        (b"caf\xe9 in Hanoi", "not UTF-8"),
        (b"x" * (ing.MAX_BYTES + 1), "limit"),
        (b"Hanoi. " * (10_000_000 // 7), "limit"),  # a 10 MB file
    ],
)
def test_bad_files_are_refused_clearly(tmp_path, capsys, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert cli(["ingest", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file(capsys):
    assert cli(["ingest", "/nonexistent/article.txt"]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_bom_is_dropped():
    assert ing.read_article("\ufeffHanoi".encode()) == "Hanoi"


def test_html_in_text_is_data_not_markup():
    text = "Officials met in Hanoi <script>alert(1)</script> on May 5, 2024 and signed a deal on a port in Haiphong."
    result = ing.ingest(text, article_id="new_article")
    assert any(p.text == "Haiphong" for p in result.places)
    assert "<script>" in result.candidates[0]["entry"]["evidence"][0]["quote"]  # kept verbatim; escaped where shown


def test_accept_appends_article_and_entries(seed_copy):
    text, result = korea()
    chosen = [c["entry"] for c in result.candidates if c["valid"]][:2]
    before = (seed_copy / "catalog.yaml").read_text(encoding="utf-8")
    article_id, added = review.accept(text, result, chosen, folder=seed_copy)
    assert article_id.startswith("005_") and len(added) == 2 and all(a.startswith("005-") for a in added)
    articles = seeds.load_articles(seed_copy / "articles.yaml")
    catalog = seeds.load_catalog(seed_copy / "catalog.yaml", articles=articles)
    assert len(catalog) == len(seeds.load_catalog()) + 2 and catalog.get(added[0]).evidence[0].article == article_id
    assert (seed_copy / "catalog.yaml.bak").read_text(encoding="utf-8") == before  # the previous version is kept
    assert (seed_copy / "catalog.yaml").read_text(encoding="utf-8").startswith(before.rstrip("\n"))  # nothing rewritten
    # The same text again is recognised, not added twice.
    again, _ = review.accept(text, result, [], folder=seed_copy)
    assert again == article_id and len(seeds.load_articles(seed_copy / "articles.yaml")) == 6


def test_bad_entry_is_refused_whole(seed_copy):
    text, result = korea()
    good = next(c["entry"] for c in result.candidates if c["valid"])
    bad = dict(good, id="bad-one", funding=[{"text": "99 zorkmids", "instrument": "loan"}])
    before = (seed_copy / "catalog.yaml").read_bytes()
    with pytest.raises(CatalogError, match="bad-one"):
        review.accept(text, result, [good, bad], folder=seed_copy)
    assert (seed_copy / "catalog.yaml").read_bytes() == before


def test_interrupted_write_leaves_the_old_catalog(seed_copy, monkeypatch):
    text, result = korea()
    entry = next(c["entry"] for c in result.candidates if c["valid"])
    article_id, _ = review.accept(text, result, [], folder=seed_copy)
    entry = json.loads(json.dumps(entry).replace("new_article", article_id))
    before = (seed_copy / "catalog.yaml").read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(CatalogError, match=r"could not write catalog.yaml \(disk full\); nothing was changed"):
        store.append_entries([entry], folder=seed_copy)
    assert (seed_copy / "catalog.yaml").read_bytes() == before
    assert sorted(p.name for p in seed_copy.glob(".*") if p.name != ".seeds.lock") == []  # no temporary file, journal or aside copy left


def _accept_in_process(folder: str, entry: dict, barrier) -> None:
    barrier.wait()
    store.append_entries([entry], folder=Path(folder))


def test_two_reviewers_at_once_both_land(seed_copy):
    text, result = korea()
    article_id, _ = review.accept(text, result, [], folder=seed_copy)
    valid = [json.loads(json.dumps(c["entry"]).replace("new_article", article_id)) for c in result.candidates if c["valid"]][:2]
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    workers = [ctx.Process(target=_accept_in_process, args=(str(seed_copy), e, barrier)) for e in valid]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    catalog = seeds.load_catalog(seed_copy / "catalog.yaml", articles=seeds.load_articles(seed_copy / "articles.yaml"))
    assert {e["id"] for e in valid} <= {e.id for e in catalog} and len(catalog) == len(seeds.load_catalog()) + 2


def test_coverage_leaves_nothing_uncovered():
    done = subprocess.run([sys.executable, "-m", "layers", "coverage", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    report = json.loads(done.stdout)
    assert len(report) == 5
    statuses = {p["status"].split(" ")[0] for item in report for p in item["places"]}
    assert "uncovered" not in statuses and {"feature", "partner", "trap"} <= statuses
    assert all(m["status"] == "feature" for item in report for m in item["money"])


def test_article_yaml_keeps_given_title(seed_copy):
    text = "Officials met in Hanoi on May 5, 2024 to discuss a railway to Kunming with Chinese partners."
    result = ing.ingest(text, title="A railway meeting", article_id="new_article")
    article_id, _ = review.accept(text, result, [], folder=seed_copy)
    row = next(r for r in yaml.safe_load((seed_copy / "articles.yaml").read_text())["articles"] if r["id"] == article_id)
    assert row["given_title"] == "A railway meeting" and row["published"] == "2024-05-05"


@pytest.fixture()
def batch_folder(tmp_path, monkeypatch):
    """Nine good articles, one the geoparser fails on (StopIteration, which ends a Dask partition quietly)
    and one unreadable file; the failure is planted in forked workers."""
    import dask

    for i in range(9):
        (tmp_path / f"good{i}.txt").write_text(f"Japan agreed on May {i + 1}, 2024 to fund a port in Haiphong, officials said.", encoding="utf-8")
    (tmp_path / "explodes.txt").write_text("EXPLODE: The minister visited Hanoi on May 5, 2024.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    real = ing.ingest

    def fragile(text, **kwargs):
        if text.startswith("EXPLODE"):
            raise StopIteration  # what the old id search raised
        return real(text, **kwargs)

    monkeypatch.setattr(ing, "ingest", fragile)
    with dask.config.set({"multiprocessing.context": "fork"}):
        yield tmp_path


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_never_loses_an_article(batch_folder, workers, capsys):
    from ingest.batch import ingest_folder

    results = ingest_folder(batch_folder, workers=workers)
    names = sorted(p.name for p in batch_folder.iterdir())
    assert [Path(r["file"]).name for r in results] == names  # one record per file, in order
    errors = {Path(r["file"]).name: r for r in results if "error" in r}
    assert set(errors) == {"binary.txt", "explodes.txt"}
    assert errors["explodes.txt"]["error_kind"] == "failed" and "StopIteration" in errors["explodes.txt"]["error"]
    assert all(r["candidates"] for r in results if "error" not in r)
    assert cli(["ingest-batch", str(batch_folder), "--workers", str(workers)]) == 1
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 11
    assert "11 files, 9 articles ingested" in out.err and "2 errors (1 unreadable, 1 failed)" in out.err and "explodes.txt" in out.err
    assert cli(["ingest-batch", str(batch_folder), "--workers", str(workers), "--tolerate-failures"]) == 0


def test_undated_text_needs_a_date(tmp_path, capsys):
    path = tmp_path / "undated.txt"
    path.write_text("Japanese officials visited Haiphong to discuss a port loan, the ministry said.", encoding="utf-8")
    assert ing.ingest(path.read_text(), article_id="new_article").article["published"] is None  # never today in silence
    assert cli(["ingest", str(path)]) == 2
    assert "give it with --date" in capsys.readouterr().err
    assert cli(["ingest", str(path), "--date", "2024-05-05"]) == 0


def test_cli_accept_says_what_it_wrote(seed_copy, monkeypatch, capsys):
    monkeypatch.setattr(seeds, "ARTICLES_FILE", seed_copy / "articles.yaml")
    monkeypatch.setattr(seeds, "CATALOG_FILE", seed_copy / "catalog.yaml")
    assert cli(["ingest", str(KOREA), "--accept-all"]) == 0
    err = capsys.readouterr().err
    assert f"{seed_copy / 'articles.yaml'}" in err and f"{seed_copy / 'catalog.yaml'}" in err and ".txt" in err
