"""Writing the seed files as one transaction: a new article (its text and metadata) and catalog entries.

`commit` follows SQLite's rollback journal: everything is validated first, in
memory, under an exclusive lock (errors name the real file and entry); then the
current version of every file to change is hard-linked aside (costs no disk
space), a journal naming the files is written, each file is replaced
atomically (temporary file, fsync, rename, the old mode kept), and removing the
journal commits. The linked-aside old versions then become the `.bak` backups by
a rename, so a backup is never a partial copy, even on a full disk. A writer
killed mid-way leaves the journal; the next writer (or reader through
`recover`) rolls the files back to the old versions before doing anything, and
removes stale temporary files. Nothing here creates a temporary folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import seeds
from seeds import CatalogError, parse_articles, parse_catalog, yamlio

LOCK_NAME = ".seeds.lock"
JOURNAL_NAME = ".seeds.journal"


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive advisory lock on the seeds folder (fcntl.flock), held for one read-modify-write;
    an interrupted earlier transaction is rolled back first."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_NAME, "a+")  # noqa: SIM115 - closed below, after the lock is released
    except OSError as exc:
        raise CatalogError(seeds._display(folder), [f"cannot write in this folder ({exc.strerror or exc}); nothing was changed"]) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            recover(folder)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _aside(path: Path) -> Path:
    return path.with_name(f".{path.name}.old")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(folder: Path) -> list[str]:
    """Roll back a transaction a killed writer left (call under the lock); returns the files restored.
    Also removes temporary files no live writer can own (only lock holders create them)."""
    restored = []
    journal = folder / JOURNAL_NAME
    if journal.exists():
        try:
            names = json.loads(journal.read_text(encoding="utf-8"))["files"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            names = []  # a journal cut short was never complete, so no file had been replaced yet
        for name in names:
            target, old = folder / name, _aside(folder / name)
            if old.exists():
                os.replace(old, target)
            else:
                target.unlink(missing_ok=True)  # the transaction was creating it
            restored.append(name)
        journal.unlink()
        _fsync_dir(folder)
    for old in folder.glob(".*.old"):  # set aside but never journalled (killed before the journal): still current
        target = old.with_name(old.name[1:].removesuffix(".old"))
        if target.exists() and os.path.samefile(old, target):
            old.unlink()
        elif target.exists():  # killed after the commit, before the backup rename: it is the previous version
            os.replace(old, target.with_name(target.name + ".bak"))
        else:
            os.replace(old, target)
    for tmp in list(folder.glob(".*.tmp")) + list(folder.glob(f"{JOURNAL_NAME}.*")):
        tmp.unlink(missing_ok=True)
    return restored


def _write_new(path: Path, data: bytes, like: Path | None) -> Path:
    """`data` in a new temporary file beside `path`, fsynced, with the mode and owner of `like` when it exists."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any new file
    try:
        if like is not None and like.exists():
            st = like.stat()
            os.fchmod(fd, st.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):  # only root may give a file away; same owner is a no-op
                os.fchown(fd, st.st_uid, st.st_gid)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def atomic_write(path: Path, data: bytes, backup: bool = True) -> None:
    """Replace one file atomically (mode and owner kept); the old version becomes `<name>.bak` when `backup`."""
    commit(Path(path).parent, {Path(path).name: data}, backup=backup, lock=False)


def commit(folder: Path, changes: dict[str, bytes | None], backup: bool = True, lock: bool = True) -> None:
    """Write `changes` (file name → new bytes, or None to delete) in `folder` all together or not at all."""
    with locked(folder) if lock else contextlib.nullcontext():
        journal, created, temps = folder / JOURNAL_NAME, [], {}
        try:
            for name, data in changes.items():
                if data is not None:
                    temps[name] = _write_new(folder / name, data, folder / name)
            for name in changes:
                if (folder / name).exists():
                    os.link(folder / name, _aside(folder / name))
                    created.append(_aside(folder / name))
            with contextlib.ExitStack() as cleanup:
                staged = _write_new(journal, json.dumps({"files": list(changes)}).encode(), None)
                cleanup.callback(staged.unlink, missing_ok=True)
                os.replace(staged, journal)
            _fsync_dir(folder)
            for name in changes:  # from here on, a crash is rolled back by recover()
                if name in temps:
                    os.replace(temps.pop(name), folder / name)
                else:
                    (folder / name).unlink(missing_ok=True)
            _fsync_dir(folder)
        except BaseException:
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)
            if journal.exists():
                recover(folder)
            for old in created:
                old.unlink(missing_ok=True)
            raise
        journal.unlink()  # the commit point
        _fsync_dir(folder)
        for old in created:
            target = old.with_name(old.name[1:].removesuffix(".old"))
            if backup and changes.get(target.name) is not None:
                os.replace(old, target.with_name(target.name + ".bak"))
            else:
                old.unlink()
        _fsync_dir(folder)


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
    body = yamlio.dump(items)
    return "".join(f"  {line}\n" if line else "\n" for line in body.split("\n")[:-1])  # not splitlines: U+2028 is no line end


def _appended(old: str, items: list[dict]) -> str:
    return old.rstrip("\n") + "\n\n" + _indented_yaml(items)


def _read(path: Path) -> str:
    return seeds._read_text(path)


@dataclass
class Receipt:
    """What one accept wrote: the article (new or already stored), the entries, and each file's digests to undo it."""

    article_id: str | None
    created: bool
    entry_ids: list[str]
    files: dict[str, dict] = field(default_factory=dict)  # name -> {"before": sha256 or None, "after": sha256}

    def describe(self, folder: Path) -> list[str]:
        lines = []
        if self.created:
            lines.append(f"article {self.article_id}: its text in {seeds._display(folder / (self.article_id + '.txt'))}, "
                         f"its metadata in {seeds._display(folder / seeds.ARTICLES_FILE.name)}")
        elif self.article_id:
            lines.append(f"article {self.article_id} was already stored; not added again")
        if self.entry_ids:
            lines.append(f"{len(self.entry_ids)} entr{'y' if len(self.entry_ids) == 1 else 'ies'} appended to "
                         f"{seeds._display(folder / seeds.CATALOG_FILE.name)}: {', '.join(self.entry_ids)}")
        return lines


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def accept(
    folder: Path | None,
    *,
    text: str | None = None,
    article_row: dict | None = None,
    entries_for: Callable[[str | None], list[dict]] = lambda article_id: [],
) -> Receipt:
    """One transaction: store the article `text` (metadata `article_row` without its id) unless the same text is
    stored already, then append `entries_for(article_id)` to the catalog. Everything is validated before anything
    is written; a CatalogError (naming seeds/articles.yaml or seeds/catalog.yaml and the entry) means nothing changed."""
    folder = Path(folder or seeds.CATALOG_FILE.parent)
    articles_file, catalog_file = folder / seeds.ARTICLES_FILE.name, folder / seeds.CATALOG_FILE.name
    if text is not None and not text.strip():
        raise CatalogError(seeds._display(articles_file), ["the article is empty"])
    with locked(folder):
        old_articles_text = _read(articles_file)
        articles = parse_articles(old_articles_text, articles_file)
        changes: dict[str, bytes | None] = {}
        article_id, created = None, False
        if text is not None:
            article_id = find_duplicate(text, articles)
            if article_id is None:
                index = 1 + max((int(a.split("_")[0]) for a in articles if a.split("_")[0].isdigit()), default=-1)
                article_id, created = f"{index:03d}_{text_digest(text)[:16]}", True
                row = {"id": article_id, **{k: v for k, v in (article_row or {}).items() if v is not None}}
                new_articles_text = _appended(old_articles_text, [row])
                articles = parse_articles(new_articles_text, articles_file, texts={article_id: text})
                changes[f"{article_id}.txt"] = text.encode("utf-8")
                changes[articles_file.name] = new_articles_text.encode("utf-8")
        entries = entries_for(article_id)
        if entries:
            new_catalog_text = _appended(_read(catalog_file), entries)
            parse_catalog(new_catalog_text, catalog_file, articles)
            changes[catalog_file.name] = new_catalog_text.encode("utf-8")
        receipt = Receipt(article_id, created, [e["id"] for e in entries])
        for name, data in changes.items():
            before = (folder / name).read_bytes() if (folder / name).exists() else None
            receipt.files[name] = {"before": _digest(before), "after": _digest(data)}
        if changes:
            _write(folder, changes, catalog_file)
    return receipt


def _write(folder: Path, changes: dict[str, bytes | None], catalog_file: Path) -> None:
    try:
        commit(folder, changes, lock=False)
    except OSError as exc:
        what = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise CatalogError(seeds._display(folder), [f"could not write {', '.join(changes)} ({what}); nothing was changed"]) from exc


def undo(receipt: Receipt, folder: Path | None = None) -> None:
    """Put back the files `receipt` changed, if nothing has changed them since (else a CatalogError says so)."""
    folder = Path(folder or seeds.CATALOG_FILE.parent)
    with locked(folder):
        changes: dict[str, bytes | None] = {}
        for name, digests in reversed(receipt.files.items()):  # catalog first, the article's text last: a reader never meets a gap
            path = folder / name
            now = path.read_bytes() if path.exists() else None
            if _digest(now) != digests["after"]:
                raise CatalogError(seeds._display(path), ["changed since it was written (another accept?); not undone, nothing was changed"])
            if digests["before"] is None:
                changes[name] = None
                continue
            backup = path.with_name(name + ".bak")
            old = backup.read_bytes() if backup.exists() else None
            if _digest(old) != digests["before"]:
                raise CatalogError(seeds._display(backup), ["is not the version before the accept; not undone, nothing was changed"])
            changes[name] = old
        _write(folder, changes, folder / seeds.CATALOG_FILE.name)


def add_article(
    text: str, published: dt.date, date_basis: str, *, title: str | None = None, date_evidence: list[str] | None = None, folder: Path | None = None
) -> tuple[str, bool]:
    """Store a new article (its text file and metadata); (id, created). The same text twice is not added twice."""
    row = {"given_title": title, "published": published.isoformat(), "date_basis": date_basis, "date_evidence": date_evidence or None}
    receipt = accept(folder or seeds.ARTICLES_FILE.parent, text=text, article_row=row)
    return receipt.article_id, receipt.created


def append_entries(entries: list[dict], folder: Path | None = None) -> list[str]:
    """Append catalog entries after validating the whole catalog with them; returns their ids."""
    return accept(folder, entries_for=lambda _id: entries).entry_ids
