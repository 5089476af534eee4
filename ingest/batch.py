"""Batch ingest: geoparse a folder of articles into candidates on every core, or on a Dask cluster.

`dask.bag` maps `ingest_file` over the files: the local multiprocessing
scheduler by default (one process per core), or an existing cluster's
scheduler when given its address (`distributed.Client`).
"""

from __future__ import annotations

import os
from pathlib import Path

import dask.bag as db

import ingest as ing


def article_files(folder: Path | str) -> list[Path]:
    """The .txt/.md files of `folder`, sorted."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in ing.SUFFIXES)


def ingest_file(path: str) -> dict:
    """One file's result as JSON-ready data; an unreadable file gives an error entry, not a crash."""
    try:
        text = ing.read_article_file(path)
    except ing.ArticleError as exc:
        return {"file": str(path), "error": str(exc)}
    result = ing.ingest(text, article_id=f"batch_{Path(path).stem}")
    out = result.to_json()
    out["file"] = str(path)
    return out


def ingest_folder(folder: Path | str, workers: int | None = None, scheduler: str | None = None) -> list[dict]:
    """Results for every article in `folder`, in file order.

    `workers`: local processes (default: all cores); `scheduler`: a Dask scheduler address
    ("tcp://host:8786") to run on an existing cluster instead.
    """
    files = [str(p) for p in article_files(folder)]
    if not files:
        return []
    workers = workers or os.cpu_count() or 1
    bag = db.from_sequence(files, npartitions=min(len(files), workers * 4)).map(ingest_file)
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            return bag.compute(scheduler=client.get)
    if workers == 1:
        return bag.compute(scheduler="synchronous")
    return bag.compute(scheduler="processes", num_workers=workers)
