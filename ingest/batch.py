"""Batch ingest: geoparse a folder of articles into candidates on every core, or on a Dask cluster.

`dask.bag` maps `ingest_file` over the files: the local multiprocessing
scheduler by default (one process per core), or an existing cluster's
scheduler when given its address (`distributed.Client`). No article is ever
lost: `ingest_file` turns any failure into an error record (an exception,
StopIteration included, would otherwise end a bag partition quietly), and
`ingest_folder` checks that every input file has exactly one record.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
import types
from pathlib import Path

import dask.bag as db

import ingest as ing


def article_files(folder: Path | str) -> list[Path]:
    """The .txt/.md files of `folder`, sorted."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in ing.SUFFIXES)


def error_record(path: str, message: str, kind: str = "unreadable") -> dict:
    return {"file": str(path), "error": message, "error_kind": kind}


def ingest_file(path: str) -> dict:
    """One file's result as JSON-ready data; any failure gives an error record naming the file, never a crash."""
    try:
        text = ing.read_article_file(path)
    except ing.ArticleError as exc:
        return error_record(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not end the batch
        return error_record(path, f"{path}: cannot read the file ({type(exc).__name__}: {exc})")
    try:
        result = ing.ingest(text, article_id=f"batch_{Path(path).stem}")
    except Exception as exc:  # noqa: BLE001 - recorded with its place in the code for a bug report
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return error_record(path, f"{path}: the geoparser failed ({type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno})", "failed")
    out = result.to_json()
    out["file"] = str(path)
    return out


def _complete(files: list[str], records: list[dict]) -> list[dict]:
    """One record per file, in file order: a file the scheduler returned nothing for gets an error record."""
    by_file: dict[str, dict] = {}
    for record in records:
        by_file.setdefault(record.get("file"), record)
    return [by_file.get(f) or error_record(f, f"{f}: no result came back from the workers", "lost") for f in files]


@contextlib.contextmanager
def _bare_main():
    """Hide `__main__` from the worker processes while they start.

    Spawned workers re-run the parent's `__main__` file; under Streamlit (the server or its AppTest)
    that is the app script, which dies outside a Streamlit run and breaks the pool
    (BrokenProcessPool). The tasks name their functions by module, so the workers never need it.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def ingest_folder(folder: Path | str, workers: int | None = None, scheduler: str | None = None) -> list[dict]:
    """Results (or error records) for every article in `folder`, one per file, in file order.

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
            return _complete(files, bag.compute(scheduler=client.get))
    if workers == 1:
        return _complete(files, bag.compute(scheduler="synchronous"))
    with _bare_main():
        return _complete(files, bag.compute(scheduler="processes", num_workers=workers))
