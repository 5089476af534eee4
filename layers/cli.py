"""The command line: ``python -m layers export ...``, a thin layer over layers/ functions."""

from __future__ import annotations

import argparse
import datetime as dt
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
    ex.add_argument("--out", required=True, help="output file, or - for standard output (geojson, csv)")
    ex.add_argument("--partner", action="append", default=[], metavar="P", help="partner layer: ISO alpha-3 code or country name (repeatable)")
    ex.add_argument("--category", action="append", default=[], metavar="C", help="category, e.g. rail, metro, energy (repeatable)")
    ex.add_argument("--kind", action="append", default=[], metavar="K", help="kind, e.g. project, visit (repeatable)")
    ex.add_argument("--from", dest="reported_from", type=_date, metavar="DATE", help="articles published on or after DATE")
    ex.add_argument("--to", dest="reported_to", type=_date, metavar="DATE", help="articles published on or before DATE")
    ex.add_argument("--search", default="", help="text in a feature's name, places or quotes")
    ex.add_argument("--format", choices=export.FORMATS, help="default: from the --out suffix, else geojson")
    ex.add_argument("--catalog", type=Path, help="catalog file (default: seeds/catalog.yaml)")
    ex.add_argument(
        "--live-geocoder",
        action="store_true",
        default=None,
        help="resolve names the gazetteer lacks with Nominatim (network; falls back offline)",
    )
    return top


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
    )


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        features = load_features(args.catalog, live=args.live_geocoder)
        view = view_from_args(args, features)
    except UnknownPartner as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (CatalogError, PlaceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    fmt = args.format or {".gpkg": "gpkg", ".csv": "csv"}.get(Path(args.out).suffix.lower(), "geojson")
    data = export.export_bytes(filters.select(features, view), fmt)
    if args.out == "-":
        if fmt == "gpkg":
            print("error: a GeoPackage cannot go to standard output; give a file name", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(data)
    else:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        print(f"wrote {out} ({fmt}, {len(filters.select(features, view))} features)", file=sys.stderr)
    return 0
