"""Accepting reviewed candidates: the article joins the seeds and the entries join the catalog, in one transaction.

`accept` validates every entry (and the article) before anything is written and
writes through seeds.store.accept: the article's text, articles.yaml and
catalog.yaml change together or not at all, each with a backup, and the receipt
it returns can undo the whole accept (`undo`).
"""

from __future__ import annotations

import copy
from pathlib import Path

from ingest import IngestResult
from seeds import CatalogError, store

__all__ = ["accept", "accept_receipt", "undo"]


def _entries_problems(entries) -> list[str]:
    """Shape problems of edited entries that the schema would only meet as a crash (not a mapping, id not text)."""
    if not isinstance(entries, list):
        return [f"expected a list of entries, got {type(entries).__name__}"]
    problems = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"entry #{number}: expected a mapping of fields (id:, name:, …), got {type(entry).__name__}: {str(entry)[:60]!r}")
        elif not isinstance(entry.get("id"), str) or not entry["id"]:
            problems.append(f"entry #{number}, field 'id': expected text, got {entry.get('id')!r}")
        elif not isinstance(entry.get("evidence", []), list) or not all(isinstance(ev, dict) for ev in entry.get("evidence", [])):
            problems.append(f"entry {entry['id']!r} (#{number}), field 'evidence': expected a list of {{article:, quote:}} mappings")
    return problems


def accept_receipt(text: str, result: IngestResult, entries: list[dict], folder: Path | None = None) -> store.Receipt:
    """Store the article of `result` (once) and append `entries` (candidate entries, possibly edited), as one
    transaction. Raises seeds.CatalogError naming the file, entry and field when anything is refused; then
    nothing at all is written."""
    folder = Path(folder or store.seeds.CATALOG_FILE.parent)
    problems = _entries_problems(entries)
    if problems:
        raise CatalogError(store.seeds._display(folder / store.seeds.CATALOG_FILE.name), problems)
    meta = result.article
    if not meta.get("published"):
        raise CatalogError(store.seeds._display(folder / store.seeds.ARTICLES_FILE.name), ["the article has no publication date; give one"])
    evidence = [q for q in [meta.get("date_evidence")] if q] or None
    row = {"given_title": meta.get("given_title"), "published": meta["published"], "date_basis": meta["date_basis"], "date_evidence": evidence}
    prefix = meta["id"].split("_")[0]

    def entries_for(article_id: str) -> list[dict]:
        final = []
        for entry in entries:
            entry = copy.deepcopy(entry)
            for ev in entry.get("evidence", []):
                if ev.get("article") == meta["id"]:
                    ev["article"] = article_id
            if entry["id"].startswith(f"{prefix}-"):
                entry["id"] = f"{article_id.split('_')[0]}-{entry['id'][len(prefix) + 1 :]}"
            final.append(entry)
        return final

    return store.accept(folder, text=text, article_row=row, entries_for=entries_for)


def accept(text: str, result: IngestResult, entries: list[dict], folder: Path | None = None) -> tuple[str, list[str]]:
    """`accept_receipt`, returning (article id, appended entry ids)."""
    receipt = accept_receipt(text, result, entries, folder)
    return receipt.article_id, receipt.entry_ids


def undo(receipt: store.Receipt, folder: Path | None = None) -> None:
    """Put the seeds back as they were before the accept of `receipt` (refused if they changed since)."""
    store.undo(receipt, folder)
