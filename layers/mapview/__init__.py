"""The map as a Streamlit custom component (components v1, plain static HTML/JS: no build step).

The component's page is folium's (layers/map.py) and stays mounted across reruns, so the
user's zoom and centre survive every toggle, filter and selection. The features reach it
once, as the content-hashed file layers/compact.py publishes; each rerun sends only:
the visible partners, the positions of the features the other filters keep (or None when
they keep all), the selected feature to pan to, and this session's unreviewed candidates.
The component returns the user's last map event: a feature clicked, partners toggled in
the map's layer control (the sidebar follows), or, when asked, that its features are drawn.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

from layers import basemap
from layers import map as fmap

FRONTEND = Path(__file__).resolve().parent / "frontend"
_component = components.declare_component("vnmap", path=str(FRONTEND))


def install(tiles: bool = True) -> Path:
    """Write the folium page as the component's index.html (next to vnmap.js), unless it is up to date."""
    basemap.install_static()
    page = fmap.page_html(tiles)
    index = FRONTEND / "index.html"
    if not index.exists() or index.read_text(encoding="utf-8") != page:
        temporary = index.with_suffix(".tmp")
        temporary.write_text(page, encoding="utf-8")
        temporary.replace(index)
    return index


def map_view(
    data_url: str,
    partners: list[str],
    in_view: list[int] | None,
    focus: str | None = None,
    unreviewed: list[dict] | None = None,
    announce_drawn: bool = False,
    height: int = 560,
    key: str = "map",
    on_change=None,
):
    """Draw the map; returns its last event, with a nonce: {"event": "select", "id": …}, {"event": "partners", "partners": […]},
    or {"event": "drawn"} once its first drawing is on screen, if `announce_drawn`."""
    return _component(
        data_url=data_url,
        partners=list(partners),
        in_view=in_view,
        focus=focus,
        unreviewed=unreviewed or [],
        announce_drawn=announce_drawn,
        height=height,
        key=key,
        default=None,
        on_change=on_change,
    )
