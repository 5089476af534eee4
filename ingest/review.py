"""Accepting reviewed candidates: the article joins the seeds and the entries join the catalog.

Both writes go through seeds.store (validated, locked, atomic, with a backup),
so nothing already in the catalog can be lost and a bad entry is refused whole.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from ingest import IngestResult
from seeds import store


def accept(text: str, result: IngestResult, entries: list[dict], folder: Path | None = None) -> tuple[str, list[str]]:
    """Store the article of `result` (once) and append `entries` (candidate entries, possibly edited).

    Returns (article id, appended entry ids). Raises seeds.CatalogError, naming the entry and field,
    when an entry does not validate; then nothing is appended.
    """
    meta = result.article
    evidence = [q for q in [meta.get("date_evidence")] if q] or None
    article_id, _created = store.add_article(
        text,
        dt.date.fromisoformat(meta["published"]),
        meta["date_basis"],
        title=meta.get("given_title"),
        date_evidence=evidence,
        folder=folder,
    )
    prefix = meta["id"].split("_")[0]
    final = []
    for entry in entries:
        entry = copy.deepcopy(entry)
        for ev in entry.get("evidence", []):
            if ev.get("article") == meta["id"]:
                ev["article"] = article_id
        if entry["id"].startswith(f"{prefix}-"):
            entry["id"] = f"{article_id.split('_')[0]}-{entry['id'][len(prefix) + 1 :]}"
        final.append(entry)
    if not final:
        return article_id, []
    return article_id, store.append_entries(final, folder=folder)
