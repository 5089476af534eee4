"""Writing the seed files safely: new articles and accepted catalog entries.

Every write validates the whole file first, takes an exclusive lock (two
reviewers accepting at once both land), keeps a backup of the previous
version, and replaces the file atomically (temporary file, fsync, rename), so
the catalog is always either the old or the new version, never truncated.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import yaml

import seeds
from seeds import CatalogError, load_articles, load_catalog

LOCK_NAME = ".seeds.lock"


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive advisory lock on the seeds folder (fcntl.flock), held for one read-modify-write."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes, backup: bool = True) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename; the old file kept as `<name>.bak`."""
    path = Path(path)
    if backup and path.exists():
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_duplicate(text: str, articles: dict) -> str | None:
    """The id of an article with the same text (ignoring surrounding white space), if any."""
    digest = text_digest(text.strip())
    for article in articles.values():
        if text_digest(article.text.strip()) == digest:
            return article.id
    return None


def _indented_yaml(items: list[dict]) -> str:
    body = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())


def _validated_append(path: Path, items: list[dict], check) -> None:
    """Append list items to the YAML list that ends `path`, validate the result with `check(tmp_path)`, then write it."""
    old = path.read_text(encoding="utf-8")
    new = old.rstrip("\n") + "\n\n" + _indented_yaml(items)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / path.name
        trial.write_text(new, encoding="utf-8")
        for sibling in path.parent.glob("*.txt"):  # articles are read beside their metadata
            os.symlink(sibling, Path(tmp) / sibling.name)
        check(trial)
    atomic_write(path, new.encode("utf-8"))


def add_article(
    text: str, published: dt.date, date_basis: str, *, title: str | None = None, date_evidence: list[str] | None = None, folder: Path | None = None
) -> tuple[str, bool]:
    """Store a new article (its text file and metadata); (id, created). The same text twice is not added twice."""
    folder = Path(folder or seeds.ARTICLES_FILE.parent)
    articles_file = folder / seeds.ARTICLES_FILE.name
    if not text.strip():
        raise CatalogError(articles_file, ["the article is empty"])
    with locked(folder):
        articles = load_articles(articles_file)
        duplicate = find_duplicate(text, articles)
        if duplicate:
            return duplicate, False
        index = 1 + max((int(a.split("_")[0]) for a in articles if a.split("_")[0].isdigit()), default=-1)
        article_id = f"{index:03d}_{text_digest(text)[:16]}"
        row = {"id": article_id, "given_title": title, "published": published.isoformat(), "date_basis": date_basis}
        if date_evidence:
            row["date_evidence"] = date_evidence
        row = {k: v for k, v in row.items() if v is not None}
        text_file = folder / f"{article_id}.txt"
        atomic_write(text_file, text.encode("utf-8"), backup=False)
        try:
            _validated_append(articles_file, [row], load_articles)
        except BaseException:
            text_file.unlink(missing_ok=True)
            raise
    return article_id, True


def append_entries(entries: list[dict], folder: Path | None = None) -> list[str]:
    """Append catalog entries after validating the whole catalog with them; returns their ids."""
    folder = Path(folder or seeds.CATALOG_FILE.parent)
    catalog_file = folder / seeds.CATALOG_FILE.name
    with locked(folder):
        articles = load_articles(folder / seeds.ARTICLES_FILE.name)
        _validated_append(catalog_file, entries, lambda trial: load_catalog(trial, articles=articles))
    return [e["id"] for e in entries]
