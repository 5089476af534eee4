"""The map as a Streamlit custom component (components v2: drawn in the app's page, no iframe; plain JS, no build step).

The map is folium's (layers/map.py): its script runs once per mounted map and the element stays
mounted across reruns, so the user's zoom and centre survive every toggle, filter and selection.
The features reach it once, as the content-hashed file layers/compact.py publishes; each rerun
sends only: the visible partners, the positions of the features the other filters keep (or None
when they keep all), the selected feature to pan to, and this session's unreviewed candidates.
The component's `event` trigger is the user's last map event: a feature clicked, partners
toggled in the map's layer control (the sidebar follows), or, when asked, that its features are
drawn. In the page rather than in a frame, the map starts as soon as Streamlit draws the element:
no frame document to create, and its data is fetched while Leaflet loads.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import streamlit as st

from layers import assets, basemap
from layers import map as fmap

FRONTEND = Path(__file__).resolve().parent / "frontend"
SCRIPTS = ("basemap.js", "vnmap.js")  # run in this order, after Leaflet
STATIC_FOLDER = "vnmap"  # under static/vendor/, served at /app/static/vendor/vnmap/
NAME = "vnmap"

_LOADER = """
const SCRIPTS = %(scripts)s;  // Leaflet, the basemap, the map view and folium's map: fetched at once, run in order
const STYLES = %(styles)s;
let loaded = null;

function load() {
  if (loaded) { return loaded; }
  STYLES.forEach((href) => {
    if (document.querySelector('link[href="' + href + '"]')) { return; }
    const link = document.createElement("link");
    link.rel = "stylesheet"; link.href = href;
    document.head.appendChild(link);
  });
  loaded = Promise.all(SCRIPTS.map((src) => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src; script.async = false;  // not async: scripts added by a script run in the order added
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(script);
  })));
  return loaded;
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const host = parentElement.querySelector(".vnmap-host");
  if (host.style.height !== data.height + "px") { host.style.height = data.height + "px"; }  // unchanged: no DOM change on a rerun
  if (!host.vnmap && !window.vnmapPrefetch) { window.vnmapPrefetch = {url: data.data_url, response: fetch(data.data_url)}; }
  load().then(() => {
    if (!host.vnmap) {
      window.vnmapBridge = {send: (value) => setTriggerValue("event", value)};
      window.vnmapMakeMap();  // folium's script: the map in #%(element)s, its basemaps and layer control; starts a vnmap.js instance
      host.vnmap = window.vnmap;
    }
    host.vnmap.render(data);
  }).catch((err) => {
    host.textContent = "The map could not be loaded: " + err.message + ". Reload the page to try again.";
    if (data.announce_drawn) { setTriggerValue("event", {event: "drawn", failed: true}); }  // the rest of the page need not wait
  });
  return () => { if (host.vnmap) { host.vnmap.stop(); host.vnmap = null; } };
}
"""


@lru_cache(maxsize=2)
def scripts(tiles: bool = True) -> dict[str, bytes]:
    """The map's scripts by file name, each name holding its content's hash (vnmap.<hash>.js): a changed file is a new
    URL, never a stale cached one. folium's map script is wrapped in a function, run once per mounted map."""
    contents = {name: (FRONTEND / name).read_bytes() for name in SCRIPTS}
    contents["map.js"] = ("window.vnmapMakeMap = function () {\n" + fmap.page_script(tiles) + "\n};\n").encode()
    named = {}
    for name, content in contents.items():
        stem, suffix = name.rsplit(".", 1)
        named[f"{stem}.{hashlib.sha256(content).hexdigest()[:12]}.{suffix}"] = content
    return named


def install(target: Path = assets.VENDOR_DIR, tiles: bool = True) -> Path:
    """Copy Leaflet, the basemap and the map's scripts to the static folder Streamlit serves; a no-op when up to date.
    Earlier versions of the scripts are removed (a page still open has run them already)."""
    assets.install_static(target)
    basemap.install_static()
    folder = target / STATIC_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    current = scripts(tiles=tiles)
    for name, content in current.items():
        destination = folder / name
        if not destination.exists() or destination.read_bytes() != content:
            temporary = destination.with_suffix(".tmp")
            temporary.write_bytes(content)
            temporary.replace(destination)  # a page loading it meanwhile sees the whole file or none
    for old in folder.glob("*.js"):
        if old.name not in current:
            old.unlink(missing_ok=True)
    return folder


def loader_js(tiles: bool = True) -> str:
    """The component's module: loads Leaflet and the map's scripts once, makes a map per mounted element, relays its events."""
    urls = [url for _, url in assets.js_links()] + [assets.url(STATIC_FOLDER, name) for name in scripts(tiles=tiles)]
    return _LOADER % {
        "scripts": json.dumps(urls),
        "styles": json.dumps([url for _, url in assets.css_links()]),
        "element": fmap.MAP_NAME,
    }


@lru_cache(maxsize=2)
def _component(tiles: bool = True):
    return st.components.v2.component(
        NAME,
        html=f'<div class="vnmap-host folium-map" id="{fmap.MAP_NAME}"></div>',
        # The host is a stacking context of its own: Leaflet's panes and controls (z-index up to 1000) stay under the page's header and menus.
        css=".vnmap-host { position: relative; width: 100%; z-index: 0; isolation: isolate; } .vnmap-host.leaflet-container { font-size: 1rem; }",
        js=loader_js(tiles),
        isolate_styles=False,  # Leaflet's stylesheet and folium's script address the page's document
    )


def map_view(
    data_url: str,
    partners: list[str],
    in_view: list[int] | None,
    focus: str | None = None,
    unreviewed: list[dict] | None = None,
    announce_drawn: bool = False,
    partners_seq: int = 0,
    height: int = 560,
    key: str = "map",
    on_change=None,
):
    """Draw the map; returns the component's result, whose `event` is the last map event, with a nonce: {"event": "select",
    "id": …}, {"event": "partners", "partners": […], "seq": n}, or, if `announce_drawn`, {"event": "drawn"} once its first drawing is on screen
    (with "failed": true when its scripts or features could not be loaded). `partners_seq` is the `seq` of the last
    partners event the script has taken in: the map applies `partners` only once that is its latest toggle (a run begun
    before the toggle would otherwise show the hidden partner again)."""
    callbacks = {"on_event_change": on_change} if on_change else {}
    return _component()(
        data={
            "data_url": data_url,
            "partners": list(partners),
            "in_view": in_view,
            "focus": focus,
            "unreviewed": unreviewed or [],
            "announce_drawn": announce_drawn,
            "partners_seq": partners_seq,
            "height": height,
        },
        key=key,
        **callbacks,
    )


def last_event(state) -> dict:
    """The map event in the component's state under its key (an empty dict when there is none)."""
    return dict((state or {}).get("event") or {})
