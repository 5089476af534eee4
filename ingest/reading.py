"""Reading an article: UTF-8 text within the size limit, with a clear message for anything else."""

from __future__ import annotations

from pathlib import Path

MAX_BYTES = 2_000_000  # 2 MB of text: a long article is ~50 kB
SUFFIXES = (".txt", ".md", ".text", ".markdown")


class ArticleError(ValueError):
    """An article file that cannot be ingested; the message says why and what would work."""


def read_article(data: bytes, name: str = "article") -> str:
    """The text of an uploaded or read file: UTF-8 (a BOM is dropped), within MAX_BYTES, not binary, not empty."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{name}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for one article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{name}: UTF-16 text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data:
        raise ArticleError(f"{name}: this looks like a binary file, not text; save the article as plain text (.txt or .md)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{name}: not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); re-save it as UTF-8") from None
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return text


def read_article_file(path: Path | str) -> str:
    """`read_article` for a file on disk, a device or a pipe: at most MAX_BYTES + 1 bytes are ever read, so
    `/dev/zero` or an endless pipe stops at the limit; a clear message when it cannot be read."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not an article file (for a folder, use ingest-batch)") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{path}: more than {MAX_BYTES:,} bytes, over the limit for one article")
    return read_article(data, str(path))
