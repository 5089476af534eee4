"""The seed articles and the curated, sourced catalog of map features.

>>> articles = load_articles()
>>> catalog = load_catalog(articles=articles)
>>> catalog.get("hcmc-metro-line-1").funding[0].currency
'JPY'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from seeds import yamlio
from seeds.schema import Article, Entry, Exclusion

# The folder of articles and catalog: this package's own, or VNMAP_SEEDS_DIR (a newsroom's data kept apart from the code).
SEEDS_DIR = Path(os.environ.get("VNMAP_SEEDS_DIR") or Path(__file__).resolve().parent)
ARTICLES_FILE = SEEDS_DIR / "articles.yaml"
CATALOG_FILE = SEEDS_DIR / "catalog.yaml"
EXCLUSIONS_FILE = SEEDS_DIR / "exclusions.yaml"
ARTICLE_ID = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*")  # a slug: its text file can only be <id>.txt beside the metadata

__all__ = ["Article", "Catalog", "CatalogError", "Entry", "Exclusion", "load_articles", "load_catalog", "load_exclusions", "parse_articles", "parse_catalog"]


class CatalogError(ValueError):
    """A seed file that cannot be used; the message names the file, the entry and the field."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{self.path}: " + ("\n  ".join(problems) if len(problems) == 1 else f"{len(problems)} problems:\n  " + "\n  ".join(problems)))


@dataclass(frozen=True)
class Catalog:
    """The validated catalog entries, in file order."""

    entries: tuple[Entry, ...]
    path: Path

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(_display(path), ["file not found"]) from None
    except IsADirectoryError:
        raise CatalogError(_display(path), ["is a folder, not a YAML file"]) from None
    except UnicodeDecodeError as exc:
        raise CatalogError(_display(path), [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise CatalogError(_display(path), [f"cannot read the file ({exc.strerror or exc})"]) from None


def _parse_yaml(text: str, path: Path, key: str) -> list:
    try:
        data = yamlio.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CatalogError(_display(path), [f"{where}not valid YAML ({getattr(exc, 'problem', None) or exc})"]) from None
    except RecursionError:
        raise CatalogError(_display(path), ["nested too deeply to be seed data"]) from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise CatalogError(_display(path), [f"expected a mapping with a list under {key!r}"])
    return data[key]


def _read_yaml(path: Path, key: str) -> list:
    return _parse_yaml(_read_text(path), path, key)


_FIELD_PREFIX = re.compile(r"^(?:Value error, )?(?P<field>[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (?P<msg>.*)$", re.S)


def _problems(label: str, exc: ValidationError) -> list[str]:
    problems = []
    for err in exc.errors(include_url=False):
        field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in err["loc"]).replace(".[", "[")
        message = err["msg"]
        if not field and (m := _FIELD_PREFIX.match(message)):
            field, message = m["field"], m["msg"]
        message = message.removeprefix("Value error, ")
        problems.append(f"{label}, field {field or '(entry)'!r}: {message}")
    return problems


def _validate_all(path: Path, rows: list, model, context: dict | None = None, what: str = "entry") -> list:
    items, problems, seen = [], [], set()
    for number, raw in enumerate(rows, start=1):
        ident = raw.get("id") or raw.get("name") if isinstance(raw, dict) else None
        if not isinstance(ident, str):
            ident = None  # a list or number as id is reported by the schema, not used as a label or key
        label = f"{what} {ident[:80]!r} (#{number})" if ident else f"{what} #{number}"
        if not isinstance(raw, dict):
            problems.append(f"{label}: expected a mapping, got {type(raw).__name__}")
            continue
        if what in ("entry", "article") and ident is not None and ident == raw.get("id"):
            if ident in seen:
                problems.append(f"{label}, field 'id': duplicate id (an earlier {what} has it)")
            seen.add(ident)
        try:
            items.append(model.model_validate(raw, context=context))
        except ValidationError as exc:
            problems.extend(_problems(label, exc))
    if problems:
        raise CatalogError(_display(path), problems)
    return items


def _article_text_file(path: Path, label: str, article_id) -> Path:
    """The text file of article `article_id`, which must be a slug naming a file inside the seeds folder."""
    if not isinstance(article_id, str) or not ARTICLE_ID.fullmatch(article_id):
        raise CatalogError(_display(path), [f"{label}, field 'id': {str(article_id)[:80]!r} is not an article id (lower-case letters, digits, _ and -)"])
    text_file = path.parent / f"{article_id}.txt"
    if text_file.parent != path.parent:  # belt and braces: the pattern already forbids separators
        raise CatalogError(_display(path), [f"{label}, field 'id': {article_id!r} points outside {_display(path.parent)}"])
    return text_file


def parse_articles(text: str, path: Path | str, texts: dict[str, str] | None = None) -> dict[str, Article]:
    """The articles of the YAML `text` of `path`, each article's text read from ``<id>.txt`` beside `path`
    (or taken from `texts`, for an article about to be written)."""
    path, texts = Path(path), texts or {}
    rows = _parse_yaml(text, path, "articles")
    for number, raw in enumerate(rows, start=1):
        if isinstance(raw, dict) and "id" in raw:
            text_file = _article_text_file(path, f"article #{number}", raw["id"])
            if raw["id"] in texts:
                raw["text"] = texts[raw["id"]]
                continue
            try:
                with text_file.open(encoding="utf-8", newline="") as handle:  # offsets count the exact text
                    raw["text"] = handle.read()
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or exc
                raise CatalogError(_display(path), [f"article {raw['id']!r}: cannot read {text_file.name}: {reason}"]) from None
    return {a.id: a for a in _validate_all(path, rows, Article, what="article")}


def load_articles(path: Path | str | None = None) -> dict[str, Article]:
    """The seed articles by id, each with its text read from ``<id>.txt`` beside `path` (default: ARTICLES_FILE)."""
    path = Path(path or ARTICLES_FILE)
    return parse_articles(_read_text(path), path)


def parse_catalog(text: str, path: Path | str, articles: dict[str, Article]) -> Catalog:
    """The catalog in the YAML `text`, validated as the file `path` (the name every error gives)."""
    path = Path(path)
    return Catalog(tuple(_validate_all(path, _parse_yaml(text, path, "entries"), Entry, {"articles": articles})), path)


def load_catalog(path: Path | str | None = None, articles: dict[str, Article] | None = None) -> Catalog:
    """The catalog at `path`, every quote located, every amount parsed and converted.

    Raises CatalogError naming the file, each bad entry and its field.
    """
    path = Path(path or CATALOG_FILE)
    articles = load_articles() if articles is None else articles
    return parse_catalog(_read_text(path), path, articles)


def load_exclusions(path: Path | str | None = None, articles: dict[str, Article] | None = None) -> list[Exclusion]:
    """Place names considered and deliberately kept off the map, with the reason."""
    path = Path(path or EXCLUSIONS_FILE)
    articles = load_articles() if articles is None else articles
    return _validate_all(path, _read_yaml(path, "exclusions"), Exclusion, {"articles": articles}, what="exclusion")
