"""The benchmark runs end to end at a small N (a smoke test: no timing is asserted) and batch ingest works."""

import json
import subprocess
import sys
from pathlib import Path

import seeds
from bench.synthetic import features
from ingest.batch import ingest_folder
from layers.features import COLUMNS
from tests.browser_support import require_browser

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"n", "corpus", "data_mb", "publish_s", "ready_s", "page_s", "drawn", "layer_entries", "toggle_s", "view_kept", "apptest_rerun_s", "export_s"}


def test_synthetic_corpus_has_the_feature_columns():
    frame = features(50)
    assert list(frame.columns) == COLUMNS and len(frame) == 50
    quotes = [len(s["quote"]) for srcs in frame["sources"] for s in srcs]
    assert len(quotes) == 100 and 120 <= sum(quotes) / len(quotes) <= 200  # two quotes of ~200 characters each
    assert frame.geometry.is_valid.all()


def test_bench_json_smoke():
    """The benchmark drives the real app in Chromium: every feature drawn, each toggle seen and the view kept."""
    require_browser()
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "seed,300", "--rounds", "2", "--json", "--no-batch"], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(done.stdout)
    seed_entries = len(seeds.load_catalog())
    assert [(r["corpus"], r["n"]) for r in rows] == [("seed", seed_entries), ("300", 300)]
    for row in rows:
        assert KEYS <= set(row)
        assert row["drawn"] == row["layer_entries"] > 0  # every feature of every partner reached the map
        assert row["view_kept"] == "2/2"  # zoom and centre survived both toggles
        assert 0 < row["ready_s"] <= row["page_s"]  # the table follows the map's first drawing
        assert row["toggle_s"] > 0 and row["apptest_rerun_s"] > 0 and row["data_mb"] > 0


def test_batch_ingest_local_and_cli(tmp_path):
    for name in ("korea_busan.txt", "india_camranh.txt"):
        (tmp_path / name).write_bytes((ROOT / "tests" / "data" / "articles" / name).read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    results = ingest_folder(tmp_path, workers=2)
    assert [Path(r["file"]).name for r in results] == ["broken.txt", "india_camranh.txt", "korea_busan.txt"]
    assert "binary" in results[0]["error"] and results[1]["candidates"] and results[2]["money"]
    done = subprocess.run(
        [sys.executable, "-m", "layers", "ingest-batch", str(tmp_path), "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1 and "1 unreadable" in done.stderr  # the bad file is reported, the others are done
    assert len(done.stdout.splitlines()) == 3


def test_batch_workers_do_not_rerun_the_streamlit_script(tmp_path, monkeypatch):
    """Streamlit (and its AppTest) installs the app script as `__main__`; spawned workers must not re-run it."""
    import types

    script = tmp_path / "app.py"
    script.write_text("raise SystemExit(3)  # what the app does outside a Streamlit run: the worker dies\n", encoding="utf-8")
    fake = types.ModuleType("__main__")
    fake.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "broken.txt").write_bytes(b"\x00\x01binary")
    (articles / "korea_busan.txt").write_bytes((ROOT / "tests" / "data" / "articles" / "korea_busan.txt").read_bytes())
    results = ingest_folder(articles, workers=2)
    assert "binary" in results[0]["error"] and results[1]["money"]
    assert sys.modules["__main__"] is fake  # put back as it was


def test_the_apptest_measure_puts_main_back():
    """AppTest installs the app's script as `__main__`; the benchmark measured it, then started its Dask workers, which
    spawned from that script and died ("Nanny failed to start"). The measure now puts `__main__` back as it was."""
    from bench.__main__ import apptest_rerun

    before = sys.modules["__main__"]
    assert apptest_rerun({}, rounds=1) > 0
    assert sys.modules["__main__"] is before
