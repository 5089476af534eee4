"""Faults: a writer killed mid-write, malformed seed files on disk, hostile upload names."""

from __future__ import annotations

import builtins
import errno
import functools
import io
import multiprocessing
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ingest as ing
import seeds
from ingest import review
from layers.cli import main as cli
from seeds import store

ROOT = Path(__file__).resolve().parent.parent
IO_CALLS = {"write", "replace", "rename", "link", "unlink", "remove", "fsync", "fchmod", "fchown", "truncate", "ftruncate"}  # what changes files
KOREA = (ROOT / "tests" / "data" / "articles" / "korea_busan.txt").read_text(encoding="utf-8")


def _killed_at(step: int, action) -> int:
    """Run `action` in a forked child that SIGKILLs itself at its `step`-th call that changes files (counted by
    a profile hook on C calls: write, replace, link, unlink, fsync…); the child's exit code, or the number of
    such calls when it finished first."""
    ctx = multiprocessing.get_context("fork")

    def child():
        count = 0

        def hook(frame, event, arg):
            nonlocal count
            if event == "c_call" and getattr(arg, "__name__", "") in IO_CALLS and not isinstance(getattr(arg, "__self__", None), io.StringIO):
                count += 1
                if count == step:
                    os.kill(os.getpid(), signal.SIGKILL)

        sys.setprofile(hook)
        action()
        sys.setprofile(None)
        os._exit(min(count, 250))

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(120)
    assert proc.exitcode is not None, "the writer hung"
    return proc.exitcode


def _state(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".bak") and p.name != store.LOCK_NAME}


@functools.cache
def _korea():
    result = ing.ingest(KOREA, article_id="new_article", known_articles=seeds.load_articles())
    return result, next(c["entry"] for c in result.candidates if c["valid"])


def _accept_korea(folder: Path):
    result, entry = _korea()
    return lambda: review.accept(KOREA, result, [entry], folder=folder)


def test_writer_killed_at_every_step_leaves_old_or_new_seeds(seed_copy, tmp_path):
    """Kill an accept (article text + articles.yaml + catalog.yaml) at each of its file-system calls in turn:
    once the next writer has rolled back what the kill interrupted, the seeds are exactly the old or exactly
    the new version, both load, each backup is a whole previous version, and no temporary file is left."""
    clean = tmp_path / "clean"
    shutil.copytree(seed_copy, clean)
    before = _state(seed_copy)
    steps = _killed_at(10**9, _accept_korea(clean))
    after = _state(clean)
    assert set(after) - set(before) == {next(n for n in after if n.startswith("005_"))} and 5 < steps < 250
    outcomes = []
    for step in range(1, steps + 1):
        folder = tmp_path / f"kill-{step}"
        shutil.copytree(seed_copy, folder)
        action = _accept_korea(folder)
        assert _killed_at(step, action) == -signal.SIGKILL
        with store.locked(folder):  # what the next writer does first
            pass
        state = _state(folder)
        assert state in (before, after), f"killed at file-system call {step}: a mixed or truncated state"
        outcomes.append("new" if state == after else "old")
        articles = seeds.load_articles(folder / "articles.yaml")
        seeds.load_catalog(folder / "catalog.yaml", articles=articles)
        for name in ("articles.yaml", "catalog.yaml"):
            if (folder / f"{name}.bak").exists():
                assert (folder / f"{name}.bak").read_bytes() == before[name]
        assert not [p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != store.LOCK_NAME]
    assert outcomes[0] == "old" and "new" in outcomes  # the kills spanned the whole transaction


def test_writer_killed_mid_stream_keeps_every_confirmed_entry(seed_copy):
    """A writer appending entries in a loop, killed after it confirmed a few: every confirmed entry is there."""
    writer = """
import sys
from pathlib import Path
from seeds import store
folder = Path(sys.argv[1])
base = {"kind": "place", "category": "port", "partners": ["CHN"], "places": ["Haiphong"], "reach": "site",
        "evidence": [{"article": "002_084cfc1e3c3b1cc2", "quote": "Xiong Bo, the Chinese ambassador to Vietnam, told a local newspaper"}]}
i = 0
while True:
    store.append_entries([dict(base, id=f"killed-{i}", name=f"Entry {i} " + "x" * 2000)], folder=folder)
    print(i, flush=True)
    i += 1
"""
    proc = subprocess.Popen([sys.executable, "-c", writer, str(seed_copy)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    confirmed = [proc.stdout.readline() for _ in range(3)]  # waits for three confirmed writes, however busy the machine
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(60)
    written = len(confirmed) + len(proc.stdout.read().split())
    with store.locked(seed_copy):
        pass
    catalog = seeds.load_catalog(seed_copy / "catalog.yaml", articles=seeds.load_articles(seed_copy / "articles.yaml"))
    added = [e.id for e in catalog if e.id.startswith("killed-")]
    assert written >= 3 and len(added) in (written, written + 1) and len(catalog) == len(seeds.load_catalog()) + len(added)


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown (a backslash shows the next character as itself)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def app_on(folder: Path, monkeypatch) -> AppTest:
    """The app run once on the seed files of `folder`."""
    monkeypatch.setattr(seeds, "ARTICLES_FILE", folder / "articles.yaml")
    monkeypatch.setattr(seeds, "CATALOG_FILE", folder / "catalog.yaml")
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.session_state["map_drawn"] = True  # the browser's map says so once drawn (AppTest has no browser)
    at.run()
    assert not at.exception
    return at


def test_malformed_articles_file_gives_an_error_page(seed_copy, monkeypatch, capsys):
    (seed_copy / "articles.yaml").write_text("articles:\n  - id: 000_7af896c34d36777b\n    published: not-a-date\n    date_basis: stated\n")
    at = app_on(seed_copy, monkeypatch)
    assert at.title[0].value == "The data could not be loaded"
    message = shown(at.error[0].value)
    assert "articles.yaml" in message and "000_7af896c34d36777b" in message and "published" in message
    assert cli(["export", "--out", "-"]) == 2
    assert "articles.yaml" in capsys.readouterr().err


def test_yaml_syntax_error_is_named(seed_copy, monkeypatch):
    (seed_copy / "catalog.yaml").write_text("entries:\n  - id: [unclosed\n")
    at = app_on(seed_copy, monkeypatch)
    assert "catalog.yaml: line" in shown(at.error[0].value) and "not valid YAML" in shown(at.error[0].value)


@pytest.mark.parametrize("name", ["x.txt", "../../etc/passwd", "..\\\\..\\\\x.txt", "/tmp/abs.txt", "<img src=x onerror=alert(1)>.txt"])
def test_upload_names_are_only_labels(tmp_path, monkeypatch, name):
    """An uploaded file's name only labels messages: with every way to open a file disabled, reading works
    and the working folder stays empty."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("planted")

    def no_files(*args, **kwargs):
        raise AssertionError(f"a file was opened: {args[:1]}")

    for module, attribute in ((builtins, "open"), (io, "open"), (os, "open"), (Path, "open")):
        monkeypatch.setattr(module, attribute, no_files)
    with pytest.raises(ing.ArticleError) as err:
        ing.read_article(b"\x00binary", name)
    assert str(err.value).startswith(name)
    assert ing.read_article(b"Hanoi and Haiphong", name) == "Hanoi and Haiphong"
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"] and (tmp_path / "x.txt").read_text() == "planted"


def test_full_disk_changes_nothing_and_keeps_the_backups(seed_copy, monkeypatch):
    """The disk fills while the catalog is being written (after the article's files): nothing changes, and the
    backups of an earlier accept are still whole."""
    result, entry = _korea()
    first = dict(entry, id="first-entry")
    review.accept(KOREA, result, [first], folder=seed_copy)  # leaves articles.yaml.bak and catalog.yaml.bak
    backups = {p.name: p.read_bytes() for p in seed_copy.glob("*.bak")}
    before = _state(seed_copy)
    assert set(backups) == {"articles.yaml.bak", "catalog.yaml.bak"}
    real = store._write_new

    def full(path, data, like):
        if path.name == "catalog.yaml":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, like)

    monkeypatch.setattr(store, "_write_new", full)
    text = "Japan agreed on May 5, 2024 to fund a port in Haiphong, officials said."
    other = ing.ingest(text, article_id="new_article", known_articles=seeds.load_articles(seed_copy / "articles.yaml"))
    with pytest.raises(seeds.CatalogError, match="disk is full.*nothing was changed"):
        review.accept(text, other, [c["entry"] for c in other.candidates if c["valid"]], folder=seed_copy)
    assert _state(seed_copy) == before and {p.name: p.read_bytes() for p in seed_copy.glob("*.bak")} == backups


def test_modes_are_kept_and_stale_temporary_files_removed(seed_copy):
    (seed_copy / "catalog.yaml").chmod(0o644)
    (seed_copy / "articles.yaml").chmod(0o640)
    stale = [seed_copy / ".catalog.yaml.99999.deadbeef.tmp", seed_copy / ".seeds.journal.1.2.tmp"]
    for path in stale:
        path.write_text("left by a killed writer")
    result, entry = _korea()
    article_id, _ = review.accept(KOREA, result, [entry], folder=seed_copy)
    assert stat.S_IMODE((seed_copy / "catalog.yaml").stat().st_mode) == 0o644
    assert stat.S_IMODE((seed_copy / "articles.yaml").stat().st_mode) == 0o640
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((seed_copy / f"{article_id}.txt").stat().st_mode) == 0o666 & ~umask
    assert not [p for p in stale if p.exists()]


def test_undo_puts_back_every_byte_and_refuses_after_a_later_change(seed_copy):
    before = _state(seed_copy)
    result, entry = _korea()
    receipt = review.accept_receipt(KOREA, result, [entry], folder=seed_copy)
    assert receipt.created and _state(seed_copy) != before
    review.undo(receipt, folder=seed_copy)
    assert _state(seed_copy) == before
    receipt = review.accept_receipt(KOREA, result, [entry], folder=seed_copy)
    store.append_entries([dict(entry, id="a-later-entry", evidence=[dict(entry["evidence"][0], article=receipt.article_id)])], folder=seed_copy)
    with pytest.raises(seeds.CatalogError, match="changed since"):
        review.undo(receipt, folder=seed_copy)
    assert "a-later-entry" in (seed_copy / "catalog.yaml").read_text(encoding="utf-8")  # the later work is kept
