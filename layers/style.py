"""How features look: a colour per partner, a symbol per category, approximate drawn as approximate."""

from __future__ import annotations

import html

from geo.precision import EXACT
from layers.partners import NO_PARTNER, layer_name

PARTNER_COLOURS = {
    "CHN": "#d62728",
    "JPN": "#9467bd",
    "USA": "#1f77b4",
    "LAO": "#2ca02c",
    "KHM": "#ff7f0e",
    NO_PARTNER: "#7f7f7f",
}
_SPARE = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939"]

# Category -> (shape, glyph). Shapes are SVG, glyphs plain letters: no icon fonts or images to fetch.
CATEGORY_SYMBOLS = {
    "rail": ("diamond", "R"),
    "metro": ("diamond", "M"),
    "energy": ("triangle", "E"),
    "education": ("hexagon", "S"),  # not a square: investment's "$" and education's "S" look alike at 1x
    "diplomacy": ("circle", "D"),
    "maritime": ("circle", "⚓"),
    "port": ("square", "P"),
    "trade": ("square", "T"),
    "investment": ("square", "$"),
    "aid": ("circle", "A"),
}
DEFAULT_SYMBOL = ("circle", "•")


def colour(partner: str) -> str:
    """The colour of a partner layer (stable for partners beyond the known ones)."""
    if partner in PARTNER_COLOURS:
        return PARTNER_COLOURS[partner]
    return _SPARE[sum(map(ord, partner)) % len(_SPARE)]


LINE_THROUGH_EXACT = 2  # a line drawn between exact sites (the metro's stations) is as precise as its stations


def is_approximate(precision: int, geom_type: str = "Point") -> bool:
    """Drawn as approximate (dashed, faded): a point coarser than an exact site; a line or area coarser than one
    drawn through exact sites, so the metro through its 14 exact stations is solid and a route through cities is dashed.

    Examples
    --------
    >>> is_approximate(1), is_approximate(2), is_approximate(2, "LineString"), is_approximate(5, "LineString")
    (False, True, False, True)
    """
    limit = EXACT if geom_type in ("Point", "MultiPoint") else LINE_THROUGH_EXACT
    return int(precision) > limit


def path_style(partner: str, precision: int, geom_type: str) -> dict:
    """Leaflet path options for lines and polygons: dashed and translucent when approximate."""
    approx = is_approximate(precision, geom_type)
    polygon = "Polygon" in geom_type
    return {
        "color": colour(partner),
        "weight": 2 if polygon else 4,
        "opacity": 0.6 if approx else 0.95,
        "dashArray": "8 6" if approx else None,
        "fillColor": colour(partner),
        "fillOpacity": 0.08 if polygon else 0.0,
    }


def _shape(shape: str, fill: str, stroke: str, dashed: bool) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="2"{dash}'
    return {
        "circle": f'<circle cx="14" cy="14" r="11" {common}/>',
        "square": f'<rect x="3" y="3" width="22" height="22" rx="3" {common}/>',
        "diamond": f'<polygon points="14,1 27,14 14,27 1,14" {common}/>',
        "triangle": f'<polygon points="14,2 27,25 1,25" {common}/>',
        "hexagon": f'<polygon points="14,1 26,7.5 26,20.5 14,27 2,20.5 2,7.5" {common}/>',
    }[shape]


def marker_html(partner: str, category: str, precision: int) -> str:
    """An inline SVG marker (28 px) for a point feature; faded with a dashed rim when approximate."""
    shape, glyph = CATEGORY_SYMBOLS.get(category, DEFAULT_SYMBOL)
    approx = is_approximate(precision)
    opacity = "0.7" if approx else "1"
    body = _shape(shape, colour(partner), "#ffffff" if not approx else "#222222", approx)
    text = f'<text x="14" y="18.5" text-anchor="middle" font-size="12" font-family="sans-serif" font-weight="bold" fill="#fff">{html.escape(glyph)}</text>'
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28" style="opacity:{opacity}">{body}{text}</svg>'


def legend_html(partners: list[str], categories: list[str]) -> str:
    """The map legend (a collapsible <details>, placed by the map): partner colours, category symbols,
    the unreviewed "?" marker, and what dashed means."""
    swatch = '<span style="display:inline-block;width:10px;height:10px;background:{};margin-right:4px"></span>'
    rows = [f"<div>{swatch.format(colour(p))}{html.escape(layer_name(p))}</div>" for p in partners]
    symbol = '<div style="display:flex;align-items:center;gap:3px"><span style="display:inline-block;width:18px;height:18px">{}</span>{}</div>'
    small = 'width="18" height="18"'
    symbols = [symbol.format(marker_html(NO_PARTNER, c, 1).replace('width="28" height="28"', small), html.escape(c)) for c in categories]
    symbols.append(symbol.format(unreviewed_marker_html().replace('width="28" height="28"', small), "unreviewed"))
    grid = "display:grid;grid-template-columns:1fr 1fr;column-gap:8px"
    dashed = ' stroke-dasharray="6 4" opacity="0.6"'
    line = '<svg width="26" height="6"><line x1="0" y1="3" x2="26" y2="3" stroke="#333" stroke-width="3"{}/></svg>'
    return (
        '<details class="vnmap-legend" style="background:rgba(255,255,255,.92);padding:4px 8px;border-radius:4px;font:11px sans-serif;'
        'box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:230px;max-height:60vh;overflow:auto">'
        '<summary style="cursor:pointer;font-weight:bold">Legend</summary>'
        f'<div style="{grid}">' + "".join(rows) + "</div>"
        f'<div style="{grid};margin-top:3px">' + "".join(symbols) + "</div>"
        f'<div style="margin-top:3px">{line.format("")} exact site, or a line through exact sites</div>'
        f"<div>{line.format(dashed)} dashed / faded: approximate place</div></details>"
    )


UNREVIEWED_COLOUR = "#555555"
UNREVIEWED_STYLE = {"color": UNREVIEWED_COLOUR, "weight": 3, "opacity": 0.9, "dashArray": "2 6", "fillColor": "#ffffff", "fillOpacity": 0.2}


def unreviewed_marker_html() -> str:
    """A white marker with a grey dotted rim and "?": not yet reviewed, not part of the catalog."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28" viewBox="0 0 28 28">'
        f'<circle cx="14" cy="14" r="11" fill="#ffffff" stroke="{UNREVIEWED_COLOUR}" stroke-width="3" stroke-dasharray="2 3"/>'
        f'<text x="14" y="19" text-anchor="middle" font-size="14" font-family="sans-serif" font-weight="bold" fill="{UNREVIEWED_COLOUR}">?</text></svg>'
    )
