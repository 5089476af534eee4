"""``python -m bench [--sizes seed,10000,100000] [--rounds 4] [--json]``: what the user waits for, in a real browser.

For each corpus (the seed catalog, or N synthetic features served through VNMAP_FEATURES as
GeoParquet) the real app runs under ``streamlit run`` on a free 127.0.0.1 port and Debian's
Chromium (Playwright) opens it, every off-machine request refused:

- ready_s / ready_max_s: median and worst of 3 fresh pages on a warm server (a first visit has loaded the data; each
  page is left to load its table before the next, so no page is timed beside the server's work for another), from navigation
  until the map has drawn every feature (the page's first animation frame after drawing);
- page_s: the same pages (median), from navigation until the table of features below the map is shown (the charts and the
  table follow the map's first drawing);
- return_ready_s: as ready_s for a return visit: a new page of the same browser, whose cache holds Streamlit's
  scripts (served as immutable) but which opens a new session;
- toggle_s: from the click on a partner's sidebar checkbox (the pointer pressed in the page) until the map's drawing (DOM and
  canvas) last changed before holding still for 0.5 s, with that partner's features gone (or
  back); the map first zoomed to northern Vietnam (zoom 7 at 18.5N 106E); median and worst of
  ``--rounds`` clicks; view_kept: clicks after which zoom and centre were exactly as set;
  ws_kb: what the server sent over the websocket per toggle (median);
- data_mb / json_mb / publish_s: the map data file the browser fetches once (gzip) and the JSON it unpacks, and the
  server's time to make it;
- apptest_rerun_s: the script's rerun after unticking a partner under Streamlit's AppTest (the server's
  share only: no browser, no network, no drawing);
- export_s: the GeoJSON of every feature.

Then geoparsing throughput on 5 MB of article text, and batch ingest with 1 and 2 workers.
Benchmarks are measurements, not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import folium

from bench.synthetic import features as synthetic
from layers import compact, export
from layers.features import load_features, write_prebuilt
from layers.filters import layer_counts

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
HOLD_S = 0.5  # the drawing must hold still this long to count as settled
ZOOM_TO = (18.5, 106.0, 7)  # Hanoi to Da Nang, as tools/toggle_check.py
WATCH_JS = """() => {  // note when the map's DOM changes or one of its canvases is drawn on: cheap, no work per frame
  window.__bench_changes = []; const note = () => window.__bench_changes.push(Date.now());
  if (window.__bench_obs) window.__bench_obs.disconnect();
  window.__bench_obs = new MutationObserver(note);
  window.__bench_obs.observe(window.map.getContainer(), {subtree: true, childList: true, attributes: true});
  if (!window.__bench_patched) { window.__bench_patched = true; const P = CanvasRenderingContext2D.prototype;
    for (const k of ['fill', 'stroke', 'clearRect', 'drawImage', 'fillRect']) {
      // the map shares the page with the charts' canvases (redrawn by each rerun): only the map's own count
      const f = P[k];
      P[k] = function () { if (window.map && window.map.getContainer().contains(this.canvas)) { note(); } return f.apply(this, arguments); }; } }
}"""
PRESS_JS = """() => { window.__bench_pressed = null;  // the moment the pointer goes down on the page
  document.addEventListener('pointerdown', () => { window.__bench_pressed = Date.now(); }, {capture: true, once: true}); }"""
TABLE_JS = """new MutationObserver((_, obs) => {  // when the table of features is first shown
  if (document.querySelector('[data-testid="stDataFrame"]')) { window.__bench_table = Date.now(); obs.disconnect(); }
}).observe(document, {subtree: true, childList: true});"""
STATE_JS = """() => { const ids = window.vnmap.visibleIds(), c = window.map.getCenter();
  return {ids: ids.length, partners: [...new Set(ids.map(i => i.split('|')[1]))], lat: c.lat, lon: c.lng, z: window.map.getZoom()}; }"""


def timed(call):
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def corpus(size: str):
    """The features of a corpus ("seed": the catalog) and the environment that makes the app serve them."""
    if size == "seed":
        return load_features(), {}, None
    frame = synthetic(int(size))
    handle = tempfile.NamedTemporaryFile(suffix=".parquet", delete=False)
    handle.close()
    write_prebuilt(frame, handle.name)
    return frame, {"VNMAP_FEATURES": handle.name}, handle.name


def fresh_page(browser, url: str, sent: list[int]):
    """A fresh page (new context: empty cache, new session) until the table below the map is shown, so the server has
    finished its rerun before anything else is timed: (context, page, frame, ready s, page s). `sent` collects the size
    of each websocket frame the page receives."""
    from tests.browser_support import map_frame, offline_page

    context, page = offline_page(browser)
    context.set_default_timeout(120_000)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: sent.append(len(data))))
    page.add_init_script(TABLE_JS)
    started = time.time()
    page.goto(url, timeout=600_000)
    frame = map_frame(page, timeout=600)
    frame.wait_for_function("() => window.vnmapReadyAt", timeout=600_000)
    ready = frame.evaluate("() => window.vnmapReadyAt") / 1000 - started
    page.wait_for_function("() => window.__bench_table", timeout=600_000)
    return context, page, frame, ready, page.evaluate("() => window.__bench_table") / 1000 - started


def browser_rows(env: dict, rounds: int, partner: tuple[str, str], pages: int = 3) -> dict:
    """Map ready on a warm server (median of `pages` fresh pages), then `rounds` sidebar toggles of `partner` (code, name)
    with the view zoomed in."""
    from tests.browser_support import chromium, map_frame, streamlit_server

    code, name = partner
    with streamlit_server(env, log_name="streamlit-bench.log") as (url, _proc), chromium() as browser:
        sent: list[int] = []
        context, _, _, cold, _ = fresh_page(browser, url, sent)
        context.close()
        readies, wholes = [], []
        for _ in range(pages):
            context, page, frame, ready, whole = fresh_page(browser, url, sent)
            readies.append(ready)
            wholes.append(whole)
            if len(readies) < pages:
                context.close()
        drawn = frame.evaluate(STATE_JS)["ids"]
        box = page.get_by_test_id("stSidebar").get_by_role("checkbox", name=re.compile("^" + re.escape(name))).locator("xpath=ancestor::label[1]")
        toggles, kept, ws = [], 0, []
        for round_ in range(rounds):
            lat, lon, zoom = ZOOM_TO
            frame.evaluate(f"() => {{ window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}}); }}")
            page.wait_for_timeout(1000)
            frame.evaluate(WATCH_JS)
            hiding = round_ % 2 == 0
            sent.clear()
            # The click's moment is the press in the page (Playwright's own checks before it pressed are not the user's wait).
            page.evaluate(PRESS_JS)
            clicked = time.time() * 1000
            box.click()
            deadline = time.time() + 120
            settled = None
            while time.time() < deadline:
                page.wait_for_timeout(50)
                changes = frame.evaluate("() => window.__bench_changes")
                last = max(changes) if changes else None
                if last and time.time() * 1000 - last >= HOLD_S * 1000:
                    state = frame.evaluate(STATE_JS)
                    if (code not in state["partners"]) == hiding:
                        settled = (last - (page.evaluate("() => window.__bench_pressed") or clicked)) / 1000
                        break
            if settled is None:
                raise RuntimeError(f"round {round_}: the map did not show the toggle within 120 s")
            # the rerun is done when the URL state follows
            page.wait_for_url(re.compile(rf"partners=(?![^&]*{code})" if hiding else rf"partners=[^&]*{code}"), timeout=120_000)
            state = frame.evaluate(STATE_JS)
            toggles.append(max(settled, 0.0))
            kept += abs(state["lat"] - lat) < 1e-6 and abs(state["lon"] - lon) < 1e-6 and state["z"] == zoom
            ws.append(sum(sent) / 1000)
        page.close()  # a return visit: a new page (and Streamlit session) whose browser cache holds Streamlit's scripts
        page = context.new_page()
        started = time.time()
        page.goto(url, timeout=600_000)
        frame = map_frame(page, timeout=600)
        frame.wait_for_function("() => window.vnmapReadyAt", timeout=600_000)
        again = frame.evaluate("() => window.vnmapReadyAt") / 1000 - started
        context.close()
    return {
        "cold_ready_s": round(cold, 2),
        "ready_s": round(statistics.median(readies), 2),
        "ready_max_s": round(max(readies), 2),
        "page_s": round(statistics.median(wholes), 2),
        "return_ready_s": round(again, 2),
        "drawn": drawn,
        "toggle_s": round(statistics.median(toggles), 3),
        "toggle_max_s": round(max(toggles), 3),
        "view_kept": f"{kept}/{rounds}",
        "ws_kb": round(statistics.median(ws), 1),
    }


def apptest_rerun(env: dict, rounds: int = 3) -> float:
    """The real app's script rerun after unticking the first partner, under AppTest (the server's share of a toggle)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    saved = {k: os.environ.get(k) for k in env}
    main = sys.modules["__main__"]  # AppTest leaves the app's script as __main__: the batch's spawned workers would run it
    os.environ.update(env)
    try:
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        at.session_state["map_drawn"] = True  # as after the browser's map said it drew: the whole page, sidebar included
        at.run()
        times = []
        for _ in range(rounds):
            box = at.sidebar.checkbox[0]
            _, seconds = timed(lambda b=box: (b.uncheck() if b.value else b.check()).run())
            if at.exception:
                raise RuntimeError(at.exception[0].value)
            times.append(seconds)
        return statistics.median(times)
    finally:
        sys.modules["__main__"] = main
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_size(size: str, rounds: int, browser: bool) -> dict:
    frame, env, temporary = corpus(size)
    try:
        with tempfile.TemporaryDirectory() as folder:
            published, publish_s = timed(lambda: compact.publish(frame, layer_counts(frame), folder=Path(folder)))
        _, export_s = timed(lambda: export.export_bytes(frame, "geojson"))
        counts = layer_counts(frame)
        partner = ("JPN", "Japan")
        row = {
            "n": len(frame),
            "corpus": size,
            "layer_entries": int(sum(counts.values())),
            "data_mb": round(published.size / 1e6, 2),
            "json_mb": round(published.raw / 1e6, 2),
            "publish_s": round(publish_s, 2),
        }
        if browser and Path(CHROMIUM).exists():
            row.update(browser_rows(env, rounds, partner))
        row["apptest_rerun_s"] = round(apptest_rerun(env), 3)
        row["export_s"] = round(export_s, 2)
        return row
    finally:
        if temporary:
            os.unlink(temporary)


def geoparse_mb_s(megabytes: float = 5.0) -> float:
    """Place, money and date mentions per second on `megabytes` of the seed articles' text, one core."""
    import datetime as dt

    import seeds
    from ingest.mentions import default_matcher, fold_text
    from seeds.dates import find_dates
    from seeds.money import find_money

    matcher = default_matcher()
    text = "\n".join(a.text for a in seeds.load_articles().values())
    corpus = (text + "\n") * int(megabytes * 1e6 / len(text))

    def run():
        folded = fold_text(corpus)
        matcher.find(corpus, folded)
        find_money(corpus, folded)
        find_dates(corpus, dt.date(2024, 1, 1), folded)

    _, seconds = timed(run)
    return round(len(corpus.encode()) / 1e6 / seconds, 2)


def warm_worker() -> bool:
    """Build the gazetteer index and the name automaton in a Dask worker before it is timed."""
    from ingest import ingest

    ingest("Officials met in Hanoi.", article_id="warm_article")
    return True


def batch_rows(articles: int = 1000) -> list[dict]:
    """Batch ingest throughput (articles/s, MB/s) with 1 and 2 local workers."""
    import shutil

    import seeds
    from ingest.batch import ingest_folder

    folder = Path(tempfile.mkdtemp())
    try:
        texts = [a.text for a in seeds.load_articles().values()]
        size = 0
        for i in range(articles):
            text = f"Report {i}.\n" + texts[i % len(texts)]
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
            size += len(text.encode())
        out = []
        for workers in (1, 2):
            # Cold: `python -m layers ingest-batch` as a one-off, each worker process building its gazetteer index first.
            _, cold = timed(lambda w=workers: ingest_folder(folder, workers=w))
            # Warm: a Dask cluster whose workers have built the index already, as a long-running cluster would.
            from distributed import Client, LocalCluster

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
                client.run(warm_worker)
                _, warm = timed(lambda c=cluster: ingest_folder(folder, scheduler=c.scheduler_address))
            out.append(
                {
                    "workers": workers,
                    "articles": articles,
                    "mb": round(size / 1e6, 2),
                    "cold_s": round(cold, 2),
                    "warm_s": round(warm, 2),
                    "warm_articles_per_s": round(articles / warm, 1),
                    "warm_mb_per_s": round(size / 1e6 / warm, 3),
                }
            )
        return out
    finally:
        shutil.rmtree(folder)


KEYS = [
    "n",
    "corpus",
    "data_mb",
    "json_mb",
    "publish_s",
    "cold_ready_s",
    "ready_s",
    "ready_max_s",
    "page_s",
    "return_ready_s",
    "drawn",
    "layer_entries",
    "toggle_s",
    "toggle_max_s",
    "view_kept",
    "ws_kb",
    "apptest_rerun_s",
    "export_s",
]


def table(rows: list[dict]) -> str:
    lines = [" | ".join(KEYS), " | ".join("---" for _ in KEYS)]
    lines += [" | ".join("–" if r.get(k) is None else str(r[k]) for k in KEYS) for r in rows]
    return "\n".join(f"| {line} |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="seed,10000,100000", help="comma-separated corpora: seed (the catalog) or a number of synthetic features")
    parser.add_argument("--rounds", type=int, default=4, help="partner toggles per corpus (alternately off and on)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium columns")
    parser.add_argument("--no-batch", action="store_true", help="skip geoparsing and the batch-ingest rows")
    parser.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    args = parser.parse_args(argv)
    rows = []
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        rows.append(run_size(size, args.rounds, browser=not args.no_browser))
        print(f"bench: {size} done", file=sys.stderr)
    geoparse = None if args.no_batch else geoparse_mb_s()
    batch = [] if args.no_batch else batch_rows()
    if args.json:  # the rows on standard output; geoparsing and batch figures on standard error
        print(json.dumps(rows, indent=1))
        print(json.dumps({"geoparse_mb_s": geoparse, "batch": batch}), file=sys.stderr)
        return 0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, folium {folium.__version__}")
    print(table(rows))
    if geoparse is not None:
        print(f"\ngeoparse (place, money and date mentions): {geoparse} MB/s on one core")
    for row in batch:
        print(
            f"batch ingest, {row['workers']} worker(s), {row['articles']} articles ({row['mb']} MB): cold {row['cold_s']} s; "
            f"warm cluster {row['warm_s']} s = {row['warm_articles_per_s']} articles/s, {row['warm_mb_per_s']} MB/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
