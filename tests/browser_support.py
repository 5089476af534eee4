"""Shared by the browser tests: Debian's Chromium via Playwright, and `streamlit run` on a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - requirements-dev installs it
    sync_playwright = None


def require_browser() -> None:
    """Skip the calling module outside CI without Chromium; under CI=true a missing browser fails."""
    if Path(CHROMIUM).exists() and sync_playwright:
        return
    if IN_CI:
        pytest.fail(f"browser tests must run in CI: {CHROMIUM} or playwright is missing", pytrace=False)
    pytest.skip(f"no {CHROMIUM} (Debian's chromium) or playwright on this machine; CI installs them", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env: dict | None = None, log_name: str = "streamlit.log"):
    """`streamlit run streamlit_app.py` on a free localhost port; yields its URL and stops it after."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    time.sleep(0.3)
            else:
                pytest.fail(f"streamlit did not start; see {log.name}")
            yield url, proc
        finally:
            proc.terminate()
            proc.wait(10)


@contextlib.contextmanager
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser):
    """A page whose requests may not leave this machine (recorded in page.outside), with page errors recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.outside = []

    def route(r):
        host = urlparse(r.request.url).hostname or ""
        if host not in ("127.0.0.1", "localhost") and not r.request.url.startswith(("data:", "blob:")):
            page.outside.append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


MAP_ELEMENT = ".vnmap-host"  # the map component's element in the page (layers/mapview: components v2, no iframe)


def map_frame(page, timeout=60):
    """The frame that holds the map (the page's own: the component draws in it), once Leaflet has drawn the map and its
    features have arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.main_frame.evaluate("() => !!(window.map && window.vnmapReady && window.map.getContainer().offsetHeight > 0)"):
                return page.main_frame
        except Exception:  # the page navigated between the check and the call
            pass
        page.wait_for_timeout(300)  # not time.sleep: Playwright must keep serving the route handler
    raise AssertionError("the map never drew (element missing, 0 px high, or its features never arrived)")


COUNT_FEATURES = "() => window.vnmap.visibleIds()"  # "id|partner" of every feature drawn in a shown partner pane


def wait_until_idle(page, timeout=120):
    """Until the session's script run has finished (Streamlit's "Running…" status gone): a button clicked while the first
    run is still drawing the page can be replaced under the click, which a loaded machine made happen (a download never came)."""
    idle = "() => document.querySelector('[data-testid=\"stApp\"]') && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    # Twice, half a second apart: a fresh page's second run (the charts and table follow the map's first drawing) may
    # not show its status yet at the first look, and a download clicked during it never comes.
    for _ in range(2):
        page.wait_for_function(idle, timeout=timeout * 1000)
        page.wait_for_timeout(500)
    page.wait_for_function(idle, timeout=timeout * 1000)


def wait_for_ids(page, predicate, timeout=60):
    """Poll the map's visible feature ids ("id|partner") until `predicate` holds."""
    deadline = time.monotonic() + timeout
    ids = []
    while time.monotonic() < deadline:
        try:
            ids = map_frame(page, timeout=10).evaluate(COUNT_FEATURES)
        except Exception:  # the page is still loading
            ids = []
        if predicate(ids):
            return ids
        page.wait_for_timeout(200)
    raise AssertionError(f"map never reached the expected state; last ids: {ids}")


def choose_option(page, label: str, option: str, tries: int = 3):
    """Pick `option` in the sidebar multiselect `label` and wait for its chip. On a loaded 2-core CI machine a pick made
    while a rerun was still redrawing the widget was lost twice in many runs (the chip never came; a user would pick
    again): the pick is retried, up to `tries` times, each after the page is idle."""
    from playwright.sync_api import expect

    box = page.locator("[data-testid='stMultiSelect']").filter(has_text=label)
    for attempt in range(tries):
        wait_until_idle(page)
        box.locator("input").click()
        page.get_by_role("option", name=option).click()
        page.keyboard.press("Escape")
        try:
            expect(box).to_contain_text(option, timeout=10_000)
            return box
        except AssertionError:
            if attempt == tries - 1:
                raise
