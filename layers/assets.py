"""Offline web assets: Leaflet from PyPI's XStatic package.

Nothing the map needs comes from a CDN. `install_static()` copies the files
into the app's `static/vendor/` folder, which Streamlit serves at
``/app/static/vendor/`` (``server.enableStaticServing``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
URL_PREFIX = "/app/static/vendor"

# (package data dir, file, folder under vendor/)
FILES = [
    (xs_leaflet.BASE_DIR, "leaflet.js", "leaflet"),
    (xs_leaflet.BASE_DIR, "leaflet.css", "leaflet"),
]
LEAFLET_VERSION = xs_leaflet.VERSION


def install_static(target: Path = VENDOR_DIR) -> Path:
    """Copy the vendored JS/CSS (and Leaflet's images) into `target`; a no-op when up to date."""
    for base, name, folder in FILES:
        src, dst = Path(base) / name, target / folder / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    images = Path(xs_leaflet.BASE_DIR) / "images"
    for src in images.iterdir():
        dst = target / "leaflet" / "images" / src.name
        if not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return target


def url(folder: str, name: str, prefix: str = URL_PREFIX) -> str:
    return f"{prefix}/{folder}/{name}"


def js_links(prefix: str = URL_PREFIX) -> list[tuple[str, str]]:
    return [("leaflet", url("leaflet", "leaflet.js", prefix))]


def css_links(prefix: str = URL_PREFIX) -> list[tuple[str, str]]:
    return [("leaflet_css", url("leaflet", "leaflet.css", prefix))]
