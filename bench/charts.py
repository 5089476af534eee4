"""`python -m bench.charts`: the analysis views at scale, on the server and in Chromium.

Server (per size): **prepare** the money and timeline tables once per features load; **aggregate**
a view's chart rows and summary (the work of every rerun); **select** the features a bar selection
keeps (layers/filters.py); **spec kB** the three Vega-Lite specs sent to the browser (aggregated
rows, not features). Browser (the real app on 127.0.0.1 serving the corpus through VNMAP_FEATURES):
**click s** from a click on a funding bar to the settled view (the selection shown, the script
finished and the map drawn again), median of three clicks.

The synthetic corpora (bench/synthetic.py) get a money kind per item and dates at day, month and
year precision over 2019-2024 here, so that every chart has something to draw.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench import synthetic
from layers import analysis, charts, filters
from layers.compact import with_compact_rows
from layers.features import load_features
from layers.filters import View

ROOT = Path(__file__).resolve().parent.parent
CLICK_PARTNER = "JPN"


def corpus(n: int | None, seed: int = 11) -> pd.DataFrame:
    """The seed features (n None) or `n` synthetic ones with money kinds and varied dates."""
    if n is None:
        return load_features()
    rng = random.Random(seed)
    frame = synthetic.features(n)
    frame["funding"] = [[{**item, "flow": rng.choice(filters.FLOWS)} for item in items] for items in frame["funding"]]
    starts, ends, precisions = [], [], []
    for _ in range(n):
        year, month, day = rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28)
        precision = rng.choice(["day", "day", "month", "year"])
        starts.append({"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}", "year": f"{year}"}[precision])
        ends.append(None)
        precisions.append(precision)
    frame["date_start"], frame["date_end"], frame["date_precision"] = starts, ends, precisions
    return with_compact_rows(frame)


def busiest_flow(features: pd.DataFrame) -> str:
    """The kind of money with the most USD amounts (the seed items carry no kind until money-by-kind lands)."""
    items = analysis.money_items(features)
    counts = items[items["amount_usd"].notna() & items["first"]]["flow"].value_counts()
    return str(counts.index[0]) if len(counts) else "finance"


def timed(call, repeat: int = 3):
    """(value, median seconds) over `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - started)
    return value, statistics.median(times)


def server_row(features: pd.DataFrame, flow: str) -> dict:
    def prepare():
        distinct = {column: analysis.distinct_values(features, column) for column in ("partners", "articles")}
        return analysis.money_items(features), analysis.timeline_rows(features), distinct

    (items, timeline, distinct), prepare_s = timed(prepare, repeat=1)

    def aggregate():
        view_items = analysis.rows_of(items, features, features)
        rows = analysis.funding_by_partner(view_items, flow)
        summary = analysis.summary(features, view_items, flow, {c: analysis.rows_of(t, features, features) for c, t in distinct.items()})
        spans = analysis.rows_of(timeline, features, features)
        aggregated = len(spans) > analysis.TIMELINE_MARKS
        return rows, summary, (analysis.timeline_by_month(spans) if aggregated else spans), aggregated

    (rows, _, spans, aggregated), aggregate_s = timed(aggregate)
    bar = rows.sort_values("usd").iloc[-1]
    view = analysis.narrow(View(), {"partner": bar["partner"], "category": bar["category"], "flow": flow})
    kept, select_s = timed(lambda: filters.select(features, view))
    specs = [charts.funding_chart(rows, flow), charts.unconverted_chart(rows, flow), charts.timeline_chart(spans, aggregated)]
    spec_kb = sum(len(json.dumps(c.to_dict())) for c in specs) / 1000
    return {
        "n": len(features),
        "items": len(items),
        "prepare_s": round(prepare_s, 3),
        "aggregate_s": round(aggregate_s, 3),
        "select_s": round(select_s, 3),
        "bar_rows": len(rows),
        "timeline_rows": len(spans),
        "spec_kb": round(spec_kb, 1),
        "kept": len(kept),
    }


def click_seconds(features: pd.DataFrame, flow: str, timeout_s: float = 900) -> float | None:
    """Median seconds from a click on a partner's funding bar to the settled view, in Chromium against the real app."""
    from tests.browser_support import CHROMIUM, chromium, map_frame, offline_page, streamlit_server

    if not Path(CHROMIUM).exists():
        return None
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as handle:
        features.to_pickle(handle.name)
    try:
        with streamlit_server(env={"VNMAP_FEATURES": handle.name}, log_name="bench-charts.log") as (url, _), chromium() as browser:
            context, page = offline_page(browser)
            page.set_default_timeout(timeout_s * 1000)
            page.goto(url)
            map_frame(page, timeout=timeout_s)
            if flow != "finance":  # the chart shows finance first: choose the kind to click in
                page.locator("button", has_text=analysis.FLOW_LABELS[flow]).first.click()
            rows = analysis.funding_by_partner(analysis.money_items(features), flow)
            categories = list(rows.loc[(rows["partner"] == CLICK_PARTNER) & (rows["with_usd"] > 0), "category"])
            times = []
            for category in categories[:3]:
                marks = "[data-testid='stVegaLiteChart'] [aria-roledescription='bar']"
                bar = page.locator(f"{marks}[aria-label*='partner: Japan;'][aria-label*='category: {category};']").first
                bar.wait_for()
                settled(page, timeout_s)
                started = time.perf_counter()
                bar.click()
                page.get_by_text(f"Chart selection: {CLICK_PARTNER} · {category}").wait_for()
                settled(page, timeout_s)
                times.append(time.perf_counter() - started)
                page.get_by_role("button", name="Clear chart selections").click()
                page.get_by_text("Chart selection:").wait_for(state="detached")
            context.close()
            return round(statistics.median(times), 2) if times else None
    finally:
        os.unlink(handle.name)


def settled(page, timeout_s: float) -> None:
    """The script has finished (no running indicator) and the map is drawn."""
    from tests.browser_support import map_frame

    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_s * 1000, polling=50)
    map_frame(page, timeout=timeout_s)


def table(rows: list[dict]) -> str:
    keys = ["n", "items", "prepare_s", "aggregate_s", "select_s", "bar_rows", "timeline_rows", "spec_kb", "click_s"]
    lines = [" | ".join(keys), " | ".join("---" for _ in keys)]
    lines += [" | ".join("–" if r.get(k) is None else f"{r[k]:,}" if isinstance(r[k], int) else str(r[k]) for k in keys) for r in rows]
    return "\n".join(f"| {line} |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.charts", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="seed,10000,100000", help="comma-separated: seed and/or synthetic feature counts")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium column")
    parser.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    args = parser.parse_args(argv)
    rows = []
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        features = corpus(None if size == "seed" else int(size))
        flow = busiest_flow(features)
        row = server_row(features, flow)
        row["click_s"] = None if args.no_browser else click_seconds(features, flow)
        rows.append(row)
        print(f"bench.charts: {size} done", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
