"""Faults: a writer killed mid-write, malformed seed files on disk, hostile upload names."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ingest as ing
import seeds
from layers.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys, datetime as dt
from pathlib import Path
from seeds import store
folder = Path(sys.argv[1])
base = {"kind": "place", "category": "port", "partners": ["CHN"], "places": ["Haiphong"], "reach": "site",
        "evidence": [{"article": "002_084cfc1e3c3b1cc2", "quote": "Xiong Bo, the Chinese ambassador to Vietnam, told a local newspaper"}]}
i = 0
while True:  # append entries as fast as possible until killed
    store.append_entries([dict(base, id=f"killed-{i}", name=f"Entry {i} " + "x" * 2000)], folder=folder)
    print(i, flush=True)
    i += 1
"""


@pytest.mark.parametrize("after", [0.8, 1.3, 2.1])
def test_writer_killed_mid_write_leaves_a_whole_catalog(seed_copy, after):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(seed_copy)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    time.sleep(after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    written = len(proc.stdout.read().split())
    catalog = seeds.load_catalog(seed_copy / "catalog.yaml", articles=seeds.load_articles(seed_copy / "articles.yaml"))
    added = [e.id for e in catalog if e.id.startswith("killed-")]
    # Either the version before the write in flight or the one after it: never a truncated file.
    assert len(added) in (written, written + 1) and len(catalog) == len(seeds.load_catalog()) + len(added)
    if after > 2:
        assert written > 0  # the kill did land among writes


def app_on(folder: Path, monkeypatch) -> AppTest:
    """The app run once on the seed files of `folder`."""
    monkeypatch.setattr(seeds, "ARTICLES_FILE", folder / "articles.yaml")
    monkeypatch.setattr(seeds, "CATALOG_FILE", folder / "catalog.yaml")
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_malformed_articles_file_gives_an_error_page(seed_copy, monkeypatch, capsys):
    (seed_copy / "articles.yaml").write_text("articles:\n  - id: 000_7af896c34d36777b\n    published: not-a-date\n    date_basis: stated\n")
    at = app_on(seed_copy, monkeypatch)
    assert at.title[0].value == "The data could not be loaded"
    message = at.error[0].value
    assert "articles.yaml" in message and "000_7af896c34d36777b" in message and "published" in message
    assert cli(["export", "--out", "-"]) == 1
    assert "articles.yaml" in capsys.readouterr().err


def test_yaml_syntax_error_is_named(seed_copy, monkeypatch):
    (seed_copy / "catalog.yaml").write_text("entries:\n  - id: [unclosed\n")
    at = app_on(seed_copy, monkeypatch)
    assert "catalog.yaml: line" in at.error[0].value and "not valid YAML" in at.error[0].value


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\\\..\\\\x.txt", "/tmp/abs.txt", "<img src=x onerror=alert(1)>.txt"])
def test_upload_names_are_only_labels(tmp_path, name):
    """An uploaded file's name only labels messages; nothing is read or written by that name."""
    with pytest.raises(ing.ArticleError) as err:
        ing.read_article(b"\x00binary", name)
    assert str(err.value).startswith(name)
    assert ing.read_article(b"Hanoi and Haiphong", name) == "Hanoi and Haiphong"
    assert not (tmp_path / "x.txt").exists()
