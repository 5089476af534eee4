"""``python -m bench [--sizes 100,1000,10000,100000] [--json]``: the project against plain folium.

For each N and each system: server build (map built and rendered to HTML), page payload,
browser ready (headless Chromium via Playwright: navigation to map drawn, every feature
added), toggle rerun (the project: the real app under AppTest unticking a partner; the
baseline: rebuilding its map without that partner) and export (GeoJSON of every feature).
Then geoparsing throughput on 5 MB of article text, and batch ingest with 1 and 2 workers.
Benchmarks are measurements, not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import folium

from bench.synthetic import features as synthetic
from layers import export
from layers import map as fmap
from layers.compact import with_compact_rows

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
READY_JS = """() => {
  const map = Object.values(window).find(v => v && v._layers && v.getCenter && v.getContainer);
  if (!map || document.readyState !== 'complete') return null;
  if (window.vnmapPending !== undefined && !window.vnmapReady) return null;
  let n = 0;
  map.eachLayer(l => {
    if (l._featureGroup && l.getLayers) { n += l.getLayers().length; return; }           // a cluster group: all its markers
    if (l.__parent) return;                                                                // a marker shown by its cluster
    if (l._vnmapRow) { n += 1; return; }                                                  // the project's canvas dots
    const props = l.feature && l.feature.properties;
    if (props && props.id) { n += 1; return; }                                            // the project's features
    if (!l.feature && (l instanceof L.Marker || l instanceof L.Polyline)) { n += 1; }    // plain folium markers and lines
  });
  return [performance.now() / 1000, n];
}"""


def timed(call):
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def baseline_map(frame) -> folium.Map:
    """Plain folium: one Marker with popup and tooltip per feature (the paths as PolyLines)."""
    m = folium.Map(location=(16, 106), zoom_start=4, tiles=None)
    for row in frame.itertuples(index=False):
        html = f"<b>{row.name}</b><br>{row.category}<br>{row.funding_summary}<br>" + "<br>".join(s["quote"] for s in row.sources)
        if row.geometry.geom_type == "Point":
            folium.Marker((row.geometry.y, row.geometry.x), popup=folium.Popup(html, max_width=300), tooltip=row.name).add_to(m)
        else:
            folium.PolyLine([(y, x) for x, y in row.geometry.coords], popup=folium.Popup(html, max_width=300), tooltip=row.name).add_to(m)
    return m


def project_page(frame) -> str:
    return fmap.standalone_html(fmap.build_map(frame))


def baseline_page(frame) -> str:
    page = baseline_map(frame).get_root().render()
    return offline_baseline(page)


def offline_baseline(page: str) -> str:
    """The same local Leaflet as the project, and local jQuery (folium's popups use it): the browser measures drawing."""
    import xstatic.pkg.jquery as xs_jquery

    jquery = (Path(xs_jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
    return fmap.standalone_html_from(page).replace("<head>", f"<head><script>{jquery}</script>", 1)


def browser_ready(html: str, timeout_s: float = 300) -> tuple[float | None, int | None]:
    """Seconds from navigation to the map drawn with all features, and how many features it holds."""
    if not Path(CHROMIUM).exists():
        return None, None
    from playwright.sync_api import sync_playwright

    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as handle:
        handle.write(html)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto(f"file://{handle.name}", timeout=timeout_s * 1000, wait_until="commit")
            result = page.wait_for_function(READY_JS, timeout=timeout_s * 1000, polling=50).json_value()
            browser.close()
            return round(result[0], 3), result[1]
    finally:
        os.unlink(handle.name)


def toggle_project(frame) -> float:
    """The real app's rerun after unticking the first partner, serving `frame` (VNMAP_FEATURES)."""
    from streamlit.testing.v1 import AppTest

    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as handle:
        frame.to_pickle(handle.name)
    os.environ["VNMAP_FEATURES"] = handle.name
    try:
        import streamlit as st

        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
        at.run()
        box = at.sidebar.checkbox[0]
        _, seconds = timed(lambda: box.uncheck().run())
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        return seconds
    finally:
        del os.environ["VNMAP_FEATURES"]
        os.unlink(handle.name)


def run_size(n: int, baseline_max: int, browser: bool) -> list[dict]:
    frame = with_compact_rows(synthetic(n))  # as the app loads them: compact rows are made once, not per view
    project_page(frame.head(10))  # warm up: imports and once-per-process caches are not part of a build
    first = sorted({p for ps in frame["partners"] for p in ps})[0]
    without_first = frame[frame["layers"].apply(lambda ks: any(k != first for k in ks))]
    rows = []
    rendered, build_s = timed(lambda: fmap.build_map(frame).get_root().render())  # what the server does for a view
    html = fmap.standalone_html_from(rendered)  # Leaflet inlined for the file:// page (not part of the build)
    ready, drawn = browser_ready(html) if browser else (None, None)
    _, export_s = timed(lambda: export.export_bytes(frame, "geojson"))
    entries = int(frame["layers"].map(len).sum())  # a feature with two partners is in two layers
    rows.append(
        {
            "n": n,
            "system": "project",
            "build_s": round(build_s, 3),
            "payload_mb": round(len(html.encode()) / 1e6, 2),
            "browser_s": ready,
            "drawn": drawn,
            "layer_entries": entries,
            "toggle_s": round(toggle_project(frame), 3),
            "export_s": round(export_s, 3),
        }
    )
    if n <= baseline_max:
        rendered, build_s = timed(lambda: baseline_map(frame).get_root().render())
        html = offline_baseline(rendered)
        ready, drawn = browser_ready(html) if browser else (None, None)
        _, toggle_s = timed(lambda: baseline_map(without_first).get_root().render())
        _, export_s = timed(lambda: frame.drop(columns=["funding", "figures", "sources"]).to_json())
        rows.append(
            {
                "n": n,
                "system": "folium-baseline",
                "build_s": round(build_s, 3),
                "payload_mb": round(len(html.encode()) / 1e6, 2),
                "browser_s": ready,
                "drawn": drawn,
                "layer_entries": n,
                "toggle_s": round(toggle_s, 3),
                "export_s": round(export_s, 3),
            }
        )
    return rows


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


def table(rows: list[dict]) -> str:
    keys = ["n", "system", "build_s", "payload_mb", "browser_s", "drawn", "layer_entries", "toggle_s", "export_s"]
    lines = [" | ".join(keys), " | ".join("---" for _ in keys)]
    lines += [" | ".join("–" if r.get(k) is None else str(r[k]) for k in keys) for r in rows]
    return "\n".join(f"| {line} |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="comma-separated feature counts")
    parser.add_argument("--baseline-max", type=int, default=10000, help="largest N for plain folium (50k took 50 s to build, 51 s to load)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium column")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch-ingest rows")
    parser.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    args = parser.parse_args(argv)
    rows = []
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        rows.extend(run_size(n, args.baseline_max, browser=not args.no_browser))
        print(f"bench: N={n} done", file=sys.stderr)
    geoparse = geoparse_mb_s()
    batch = [] if args.no_batch else batch_rows()
    if args.json:  # the rows on standard output; geoparsing and batch figures on standard error
        print(json.dumps(rows, indent=1))
        print(json.dumps({"geoparse_mb_s": geoparse, "batch": batch}), file=sys.stderr)
        return 0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, folium {folium.__version__}")
    print(table(rows))
    print(f"\ngeoparse (place, money and date mentions): {geoparse} MB/s on one core")
    for row in batch:
        print(
            f"batch ingest, {row['workers']} worker(s), {row['articles']} articles ({row['mb']} MB): cold {row['cold_s']} s; "
            f"warm cluster {row['warm_s']} s = {row['warm_articles_per_s']} articles/s, {row['warm_mb_per_s']} MB/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
