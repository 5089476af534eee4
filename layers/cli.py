"""The command line: ``python -m layers export ...``, a thin layer over layers/ functions."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from layers import export, filters
from layers.features import PlaceError, load_features
from layers.partners import UnknownPartner
from seeds import CatalogError

EXAMPLES = """examples:
  python -m layers export --out out/japan.geojson --partner Japan
  python -m layers export --out out/rail.gpkg --category rail --category metro
  python -m layers export --out - --partner CHN --from 2023-12-01 --to 2023-12-31 --format csv
  python -m layers export --out out/ --partner JPN --category metro --format zip   # out/vn-diplomacy_JPN_metro_<today>.zip
  python -m layers export --out out/finance.geojson --flow finance --dated-from 2023-09-01 --dated-to 2023-12-31
  python -m layers ingest article.txt --title "Vietnam and India sign..." --date 2024-07-10 --json
  python -m layers ingest article.txt --accept 005-visit-hanoi
  python -m layers coverage
  python -m layers check
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m layers",
        description="Sourced map layers of Vietnam's diplomacy.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    commands = top.add_subparsers(dest="command", required=True)
    ex = commands.add_parser(
        "export",
        help="write the features (optionally filtered) as GeoJSON, GeoPackage or CSV",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    ex.add_argument(
        "--out", required=True, help="output file, - for standard output, or a folder (ending in /) to get a name that carries the filter"
    )
    ex.add_argument("--partner", action="append", default=[], metavar="P", help="partner layer: ISO alpha-3 code or country name (repeatable)")
    ex.add_argument("--category", action="append", default=[], metavar="C", help="category, e.g. rail, metro, energy (repeatable)")
    ex.add_argument("--kind", action="append", default=[], metavar="K", help="kind, e.g. project, visit (repeatable)")
    ex.add_argument("--from", dest="reported_from", type=_date, metavar="DATE", help="articles published on or after DATE")
    ex.add_argument("--to", dest="reported_to", type=_date, metavar="DATE", help="articles published on or before DATE")
    ex.add_argument("--flow", action="append", default=[], choices=(*filters.FLOWS, filters.UNSTATED), help="features stating money of this kind (repeatable)")
    ex.add_argument("--dated-from", type=_date, metavar="DATE", help="features whose own dates reach DATE or later (undated ones are left out)")
    ex.add_argument("--dated-to", type=_date, metavar="DATE", help="features whose own dates begin on or before DATE")
    ex.add_argument("--search", default="", help="text in a feature's name, places or quotes")
    ex.add_argument(
        "--format",
        choices=export.FORMATS,
        help="geojson, gpkg (a layer per geometry type), csv (one row per feature), amounts-csv (one row per amount), "
        "zip (both CSVs and datapackage.json); default: from the --out suffix, else geojson",
    )
    ex.add_argument("--catalog", type=Path, help="catalog file (default: seeds/catalog.yaml)")
    ex.add_argument(
        "--live-geocoder",
        action="store_true",
        default=None,
        help="resolve names the gazetteer lacks with Nominatim (network; falls back offline)",
    )
    ing = commands.add_parser(
        "ingest",
        help="geoparse an article into candidate features (nothing is written unless --accept)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    ing.add_argument("article", type=Path, help="a UTF-8 .txt or .md file")
    ing.add_argument("--title", help="the article's title, when its text states none")
    ing.add_argument("--date", type=_date, help="its publication date (default: the first full date the text states; required when it states none)")
    ing.add_argument("--json", action="store_true", help="print the whole result as one JSON object")
    ing.add_argument("--accept", action="append", default=[], metavar="ID", help="add the article and this candidate to the catalog (repeatable)")
    ing.add_argument("--accept-all", action="store_true", help="add the article and every valid candidate")
    batch = commands.add_parser("ingest-batch", help="geoparse a folder of articles into candidates, on all cores or a Dask cluster")
    batch.add_argument("folder", type=Path, help="a folder of UTF-8 .txt/.md articles")
    batch.add_argument("--out", type=Path, help="write the results as JSON lines here (default: standard output)")
    batch.add_argument("--workers", type=int, help="local processes (default: all cores)")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    batch.add_argument("--tolerate-failures", action="store_true", help="exit 0 even when some articles could not be ingested (they are still reported)")
    cov = commands.add_parser("coverage", help="the seed articles' mentions and whether the catalog covers them")
    cov.add_argument("--json", action="store_true", help="print the full report as JSON")
    commands.add_parser("check", help="fact-check the catalog: seas on land, unnamed sites, undated passages, unnamed partners")
    return top


def run_check(_args) -> int:
    """`python -m layers check`: one line per finding (ingest/factcheck.py); exit 1 on any."""
    from ingest.factcheck import check
    from seeds import load_articles, load_catalog

    articles = load_articles()
    found = check(load_catalog(articles=articles), articles, load_features())
    for finding in found:
        print(finding)
    print(f"{len(found)} finding(s)", file=sys.stderr)
    return 1 if found else 0


def run_ingest(args) -> int:
    """`python -m layers ingest`: print the result; accept candidates when asked."""
    import ingest as ing
    from ingest import review
    from seeds import load_articles

    text = ing.read_article_file(args.article)
    known = load_articles()
    result = ing.ingest(text, title=args.title, published=args.date, article_id="new_article", known_articles=known)
    if result.article["published"] is None:
        print(f"error: {args.article}: the text states no full publication date; give it with --date YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_result(result))
    if not (args.accept or args.accept_all):
        return 0
    by_id = {c["id"]: c for c in result.candidates}
    unknown = [i for i in args.accept if i not in by_id]
    if unknown:
        print(f"error: no candidate {', '.join(unknown)}; candidates: {', '.join(by_id) or 'none'}", file=sys.stderr)
        return 2
    chosen = [by_id[i] for i in args.accept] if args.accept else [c for c in result.candidates if c["valid"]]
    invalid = [c["id"] for c in chosen if not c["valid"]]
    if invalid:
        print(f"error: candidate {', '.join(invalid)} does not validate: {by_id[invalid[0]]['problems']}; nothing was written", file=sys.stderr)
        return 2
    receipt = review.accept_receipt(text, result, [c["entry"] for c in chosen])
    for line in receipt.describe(seeds_folder()):
        print(f"wrote {line}", file=sys.stderr)
    return 0


def seeds_folder() -> Path:
    import seeds

    return seeds.CATALOG_FILE.parent


def format_result(result) -> str:
    """A readable summary of an ingest result."""
    lines = [f"article: {result.article['title']} ({result.article['published']}, {result.article['date_basis']})", "", "places:"]
    for p in result.places:
        flag = "feature" if p.is_feature else p.reason
        lines.append(f"  {p.start:>6}-{p.end:<6} {p.text!r:32} -> {p.name} [{p.gazetteer_id}] {p.focus}; {flag}")
    lines.append("money:")
    for m in result.money:
        usd = f"≈ USD {m.amount_usd:,.0f} ({m.fx_date})" if m.amount_usd is not None else (m.fx_note or "")
        lines.append(f"  {m.start:>6}-{m.end:<6} {m.text!r:32} = {m.amount:,} {m.currency} {usd}")
    lines.append("dates:")
    lines.extend(f"  {d.start:>6}-{d.end:<6} {d.text!r:32} = {d.date_start}{' – ' + d.date_end if d.date_end else ''}" for d in result.dates)
    lines.append("partners: " + ", ".join(f"{p['code']} ({p['mentions']})" for p in result.partners))
    lines.append("candidates:")
    for c in result.candidates:
        e = c["entry"]
        state = "valid" if c["valid"] else "INVALID: " + "; ".join(c["problems"])
        lines.append(f"  {c['id']}: {e['name']} [{e['kind']}, {', '.join(e['partners']) or 'no partner'}] {state}")
        lines.append(f"      “{e['evidence'][0]['quote'][:150]}”")
    lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines)


def run_batch(args) -> int:
    """`python -m layers ingest-batch`: one JSON line per article; a summary on standard error."""
    import time

    from ingest import batch

    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.out and args.out.is_dir():
        print(f"error: --out {args.out} is a folder; give a file name", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = batch.ingest_folder(args.folder, workers=args.workers, scheduler=args.scheduler)
    elapsed = time.perf_counter() - started
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results)
    if args.out:
        write_output(args.out, lines.encode("utf-8"))
    else:
        sys.stdout.write(lines)
    failed = [r for r in results if "error" in r]
    candidates = sum(len(r.get("candidates", [])) for r in results)
    kinds = {k: sum(r.get("error_kind") == k for r in failed) for k in ("unreadable", "failed", "lost")}
    detail = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    print(
        f"{len(results)} files, {len(results) - len(failed)} articles ingested, {candidates} candidates, {len(failed)} error{'' if len(failed) == 1 else 's'}"
        f"{f' ({detail})' if detail else ''}, {elapsed:.1f} s",
        file=sys.stderr,
    )
    for r in failed:
        print(f"error: {r['error']}", file=sys.stderr)
    return 1 if failed and not args.tolerate_failures else 0


def write_output(out: Path, data: bytes) -> None:
    """Write an output file; a folder, a missing parent that cannot be made or no permission is a UserError."""
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"cannot write {out} ({exc.strerror or exc})") from None


class UserError(Exception):
    """A mistake in the command (a path, a value): one line on standard error, exit code 2."""


def run_coverage(args) -> int:
    """`python -m layers coverage`: a table per seed article; exit 1 when anything is uncovered."""
    from ingest.coverage import coverage, summary_rows
    from seeds import load_articles

    report = coverage(load_articles(), load_features())
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        rows = summary_rows(report)
        keys = list(rows[0])
        print("  ".join(f"{k:>16}" if k != "article" else f"{k:22}" for k in keys))
        for row in rows:
            print("  ".join(f"{row[k]:>16}" if k != "article" else f"{row[k]:22}" for k in keys))
        for item in report:
            for kind in ("places", "money"):
                for m in item[kind]:
                    if m["status"] == "uncovered":
                        print(f"uncovered in {item['article']}: {m['text']!r} at {m['start']}")
    uncovered = sum(m["status"] == "uncovered" for item in report for kind in ("places", "money") for m in item[kind])
    return 1 if uncovered else 0


def view_from_args(args, features) -> filters.View:
    """The filter view the arguments describe (partners checked against the data)."""
    known_categories, known_kinds = sorted(set(features["category"])), sorted(set(features["kind"]))
    for value, known, what in [(c, known_categories, "category") for c in args.category] + [(k, known_kinds, "kind") for k in args.kind]:
        if value not in known:
            raise UnknownPartner(f"unknown {what} {value!r}; valid: {', '.join(known)}")
    return filters.View(
        partners=filters.normalise_partners(args.partner, features) if args.partner else None,
        categories=tuple(args.category),
        kinds=tuple(args.kind),
        reported_from=args.reported_from,
        reported_to=args.reported_to,
        search=args.search,
        flows=tuple(args.flow),
        dated_from=args.dated_from,
        dated_to=args.dated_to,
    )


def main(argv: list[str] | None = None) -> int:
    """Run a command; a user's mistake (bad path, folder, unwritable target, bad YAML) is one line and exit 2."""
    import ingest as ing

    args = parser().parse_args(argv)
    try:
        return _run(args)
    except (UserError, UnknownPartner, PlaceError, ing.ArticleError, CatalogError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head`: the reader has gone, which is no error of ours
        sys.stderr.close()
        return 0
    except OSError as exc:  # the machine said no (permissions, a full disk, a vanished file): say so in one line
        print(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return 2


def _run(args) -> int:
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "coverage":
        return run_coverage(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "ingest-batch":
        return run_batch(args)
    features = load_features(args.catalog, live=args.live_geocoder)
    view = view_from_args(args, features)
    folder = args.out != "-" and (args.out.endswith(("/", "\\")) or Path(args.out).is_dir())
    fmt = args.format or ("geojson" if folder else {".gpkg": "gpkg", ".csv": "csv", ".zip": "zip"}.get(Path(args.out).suffix.lower(), "geojson"))
    if args.out == "-" and fmt in ("gpkg", "zip"):
        raise UserError(f"a {'GeoPackage' if fmt == 'gpkg' else 'zip'} cannot go to standard output; give a file name")
    data, name, _ = export.download(filters.select(features, view), view, fmt)
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        out = Path(args.out) / name if folder else Path(args.out)
        write_output(out, data)
        print(f"wrote {out} ({fmt}, {len(filters.select(features, view))} features)", file=sys.stderr)
    return 0
