"""``python -m bench.load [--sessions 6] [--rounds 5]``: simultaneous browser sessions against one dashboard.

Each session (its own Chromium context, so its own Streamlit session) unticks a partner,
waits for its map to drop that layer, exports the GeoJSON of its view, and ticks the
partner again, for a fixed number of rounds; all sessions act at once. Reports the
sessions held, p50/p95 rerun latency as the browser sees it (click to map redrawn) and
the server's memory per session, and checks isolation: while one session hides a partner,
the others still show it. Traffic stays on 127.0.0.1; the loops are bounded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from tests.browser_support import chromium, map_frame, offline_page, streamlit_server

PARTNERS = [("CHN", "China"), ("JPN", "Japan"), ("USA", "United States"), ("LAO", "Laos"), ("KHM", "Cambodia")]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


PARTNERS_ON_MAP = "() => [...new Set(window.vnmap.visibleIds().map(i => i.split('|')[1]))]"  # partners whose features are shown
BUSY = 120  # seconds a single wait may take: seven sessions' worth of work can share the 2 cores


def layer_partners(page) -> set[str]:
    try:
        return set(map_frame(page, timeout=BUSY).evaluate(PARTNERS_ON_MAP))
    except Exception:
        return set()


def wait_until(page, predicate, timeout: float = 3 * BUSY) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate(layer_partners(page)):
            return time.perf_counter() - started
        page.wait_for_timeout(100)
    raise TimeoutError("the map did not reach the expected layers")


def download(page, tries: int = 3) -> str:
    """The GeoJSON of the page's view, clicked for; a click that lands during a rerun is retried."""
    for attempt in range(tries):
        try:
            with page.expect_download(timeout=BUSY * 1000) as info:
                page.get_by_role("button", name="GeoJSON (in view)").click()
            return Path(info.value.path()).read_text(encoding="utf-8")
        except Exception:
            if attempt == tries - 1:
                raise
            page.wait_for_timeout(1000)
    raise AssertionError("unreachable")


def run(sessions: int = 6, rounds: int = 5) -> dict:
    latencies, isolation_checks, isolation_failures, exports = [], 0, 0, 0
    with streamlit_server(log_name="streamlit-load.log") as (url, proc), chromium() as browser:
        pages = []
        for i in range(sessions):
            context, page = offline_page(browser)
            context.set_default_timeout(BUSY * 1000)  # clicks and waits on a loaded machine
            page.goto(url, timeout=BUSY * 1000)
            pages.append((context, page))
            if i == 0:  # the first session loads the features and the gazetteer, shared by all sessions
                wait_until(page, lambda layers: {"CHN", "JPN"} <= layers)
                baseline = rss_mb(proc.pid)
        for _, page in pages:
            wait_until(page, lambda layers: {"CHN", "JPN"} <= layers)
        held = rss_mb(proc.pid)
        for round_ in range(rounds):
            assigned = [PARTNERS[(i + round_) % len(PARTNERS)] for i in range(len(pages))]
            clicked = []
            for (_, page), (_code, name) in zip(pages, assigned, strict=True):
                page.get_by_test_id("stSidebar").get_by_text(name + " (", exact=False).first.click()  # all sessions change at once
                clicked.append(time.perf_counter())
            for (_, page), (code, _name), at in zip(pages, assigned, clicked, strict=True):
                wait_until(page, lambda layers, c=code: c not in layers and len(layers) > 0)
                latencies.append(time.perf_counter() - at)
            for i, (_, page) in enumerate(pages):  # isolation: another session's hidden partner is still on this map
                layers = layer_partners(page)
                for j, (code, _name) in enumerate(assigned):
                    if j != i and code != assigned[i][0]:
                        isolation_checks += 1
                        isolation_failures += code not in layers
            for _, page in pages:
                json.loads(download(page))
                exports += 1
            for (_, page), (_code, name) in zip(pages, assigned, strict=True):
                page.get_by_test_id("stSidebar").get_by_text(name + " (", exact=False).first.click()
            for (_, page), (code, _name) in zip(pages, assigned, strict=True):
                wait_until(page, lambda layers, c=code: c in layers)
        active = rss_mb(proc.pid)
        for context, _ in pages:
            context.close()
    ordered = sorted(latencies)
    return {
        "sessions": sessions,
        "rounds": rounds,
        "reruns": len(latencies),
        "exports": exports,
        "p50_s": round(statistics.median(ordered), 3),
        "p95_s": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "server_mb_one_session": round(baseline, 1),
        "server_mb_per_extra_session": round((max(held, active) - baseline) / max(sessions - 1, 1), 1),
        "isolation_checks": isolation_checks,
        "isolation_failures": isolation_failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.sessions, args.rounds), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
