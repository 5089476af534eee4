"""Safe writes of the seed files (seeds/store.py): atomic replace with a backup, a lock, validation before any write."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import threading

import pytest
import yaml

from seeds import CatalogError, load_articles, load_catalog, store

ENTRY = {
    "id": "xiong-bo-interview-port",
    "name": "The Chinese ambassador's interview",
    "kind": "place",
    "category": "port",
    "partners": ["CHN"],
    "places": ["Haiphong"],
    "reach": "site",
    "evidence": [{"article": "002_084cfc1e3c3b1cc2", "quote": "Xiong Bo, the Chinese ambassador to Vietnam, told a local newspaper"}],
}
TEXT = "Hanoi, 2025-03-10 (10 March 2025) - Officials of Vietnam and Korea met in Hanoi on Monday to discuss a port in Haiphong.\n"


def test_atomic_write_replaces_and_keeps_a_backup(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_bytes(b"old")
    store.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert (tmp_path / "catalog.yaml.bak").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.yaml", "catalog.yaml.bak"]  # no temporary file left


def test_atomic_write_without_backup_or_old_file(tmp_path):
    store.atomic_write(tmp_path / "a.txt", b"first")
    store.atomic_write(tmp_path / "a.txt", b"second", backup=False)
    assert (tmp_path / "a.txt").read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_atomic_write_syncs_the_file_before_the_rename_and_the_folder_after(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(("fsync", os.path.isdir(f"/proc/self/fd/{fd}"))) or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: calls.append(("replace", os.path.basename(b))) or real_replace(a, b))
    store.atomic_write(tmp_path / "f.yaml", b"data")
    named = calls.index(("replace", "f.yaml"))
    assert ("fsync", False) in calls[:named]  # the new bytes are on disk before they take the name
    assert ("fsync", True) in calls[named + 1 :]  # and the folder (the rename itself) after


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "catalog.yaml"
    path.write_bytes(b"old")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert not list(tmp_path.glob(".catalog.yaml.*.tmp"))
    assert list(tmp_path.glob("*.tmp")) == []


def test_lock_is_exclusive_while_held(tmp_path):
    folder = tmp_path / "new-folder"
    held, release, tried = threading.Event(), threading.Event(), []

    def holder():
        with store.locked(folder):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(30)
    with open(folder / store.LOCK_NAME, "a+") as other:  # a second open file: flock treats it as another writer
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        release.set()
        thread.join(30)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on exit
        tried.append(True)
    assert tried


def test_find_duplicate_ignores_surrounding_white_space(seed_copy):
    articles = load_articles(seed_copy / "articles.yaml")
    some = next(iter(articles.values()))
    assert store.find_duplicate("\n  " + some.text.strip() + "\n\n", articles) == some.id
    assert store.find_duplicate(some.text.strip() + " more", articles) is None
    assert store.text_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # SHA-256 of "abc" (FIPS 180-2)


def test_add_article_stores_text_and_metadata_once(seed_copy):
    before = set(load_articles(seed_copy / "articles.yaml"))
    digest = store.text_digest(TEXT)[:16]
    article_id, created = store.add_article(
        TEXT, dt.date(2025, 3, 10), "stated", title="Korea and Vietnam", date_evidence=["10 March 2025"], folder=seed_copy
    )
    assert (article_id, created) == (f"005_{digest}", True)  # after 000..004
    assert (seed_copy / f"{article_id}.txt").read_text(encoding="utf-8") == TEXT
    articles = load_articles(seed_copy / "articles.yaml")
    assert set(articles) == before | {article_id}
    rows = yaml.safe_load((seed_copy / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    assert rows[-1] == {"id": article_id, "given_title": "Korea and Vietnam", "published": "2025-03-10", "date_basis": "stated",
                        "date_evidence": ["10 March 2025"]}
    assert store.add_article(" " + TEXT, dt.date(2025, 3, 10), "stated", folder=seed_copy) == (article_id, False)
    assert set(load_articles(seed_copy / "articles.yaml")) == before | {article_id}


def test_add_article_leaves_out_what_is_not_given(seed_copy):
    article_id, _ = store.add_article(TEXT, dt.date(2025, 3, 10), "stated", folder=seed_copy)
    row = yaml.safe_load((seed_copy / "articles.yaml").read_text(encoding="utf-8"))["articles"][-1]
    assert set(row) == {"id", "published", "date_basis"}


def test_empty_article_is_refused(seed_copy):
    before = (seed_copy / "articles.yaml").read_bytes()
    with pytest.raises(CatalogError, match="the article is empty"):
        store.add_article(" \n ", dt.date(2025, 3, 10), "stated", folder=seed_copy)
    assert (seed_copy / "articles.yaml").read_bytes() == before


def test_invalid_article_leaves_no_file(seed_copy):
    before = (seed_copy / "articles.yaml").read_bytes()
    files = sorted(p.name for p in seed_copy.iterdir())
    with pytest.raises(CatalogError):
        store.add_article(TEXT, dt.date(2025, 3, 10), "inferred: from thin air", date_evidence=["not in the text"], folder=seed_copy)
    assert (seed_copy / "articles.yaml").read_bytes() == before
    assert sorted(p.name for p in seed_copy.iterdir() if not p.name.startswith(".")) == [f for f in files if not f.startswith(".")]


def test_append_entries_validates_then_writes(seed_copy):
    catalog = seed_copy / "catalog.yaml"
    before = catalog.read_bytes()
    assert store.append_entries([ENTRY], folder=seed_copy) == [ENTRY["id"]]
    loaded = load_catalog(catalog, articles=load_articles(seed_copy / "articles.yaml"))
    assert loaded.get(ENTRY["id"]).name == ENTRY["name"]
    assert catalog.read_bytes().startswith(before.rstrip(b"\n") + b"\n\n  - id: xiong-bo-interview-port\n")
    assert (seed_copy / "catalog.yaml.bak").read_bytes() == before


def test_invalid_entry_is_refused_and_nothing_written(seed_copy):
    catalog = seed_copy / "catalog.yaml"
    before = catalog.read_bytes()
    bad = dict(ENTRY, id="bad-entry", evidence=[{"article": "002_084cfc1e3c3b1cc2", "quote": "a sentence that is not in the article"}])
    with pytest.raises(CatalogError, match="bad-entry"):
        store.append_entries([ENTRY, bad], folder=seed_copy)
    assert catalog.read_bytes() == before
    assert not (seed_copy / "catalog.yaml.bak").exists()
