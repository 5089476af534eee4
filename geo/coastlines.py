"""Natural Earth 1:10m land, coastlines and land borders of East and Southeast Asia, for the offline basemap.

The file (geo/data/naturalearth_10m_basemap_asia.geojson) holds three features, ``kind`` "land"
(a MultiPolygon, filled without stroke), "coast" and "border" (MultiLineStrings). Source: Natural Earth 10m land and admin-0 countries (public domain),
as packaged in npm ``world-atlas`` 2.0.2 (``land-10m.json``, ``countries-10m.json``; ISC licence for
the packaging). Coasts are the boundaries of the 10m land polygons; borders are the stretches two
countries' 10m outlines share. Both are clipped to REGION, simplified by SIMPLIFY (Douglas-Peucker,
about 220 m: under 3 px at zoom 11) and snapped to GRID; land parts and closed coast rings shorter than
MIN_RING (islets under about 1 km across) are dropped, to keep the browser's download small.

Rebuild: ``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz && python -m geo.coastlines package``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping

LINES_FILE = Path(__file__).resolve().parent / "data" / "naturalearth_10m_basemap_asia.geojson"
REGION = (92.0, -11.0, 146.0, 46.0)  # lon/lat: Myanmar to Japan, Java to northern China
SIMPLIFY = 0.002  # degrees
GRID = 0.0005  # degrees (about 55 m)
MIN_RING = 0.03  # degrees of perimeter


def coasts(land: gpd.GeoSeries) -> shapely.Geometry:
    rings = [shapely.clip_by_rect(p.boundary, *REGION) for p in shapely.get_parts(land.values) if p.intersects(box(*REGION))]
    lines = [line for r in rings for line in shapely.get_parts(r) if not (line.is_ring and line.length < MIN_RING)]
    return shapely.line_merge(shapely.union_all(lines))


def borders(countries: gpd.GeoSeries) -> shapely.Geometry:
    """The lines two countries' outlines share (their outlines come from one topology, so shared vertices are identical)."""
    outlines = [s.boundary for s in countries[countries.intersects(box(*REGION))]]  # some 10m outlines are invalid: work on their lines only
    shared = []
    for i, j in zip(*shapely.STRtree(outlines).query(outlines, predicate="intersects"), strict=True):
        if i < j:
            common = shapely.intersection(outlines[i], outlines[j])
            shared.extend(p for p in shapely.get_parts(shapely.get_parts(common)) if p.geom_type == "LineString")
    return shapely.clip_by_rect(shapely.line_merge(shapely.union_all(shared)), *REGION)


def land_fill(land: gpd.GeoSeries) -> shapely.Geometry:
    """The land itself (no stroke in the browser), for zooms where the scaled tiles are too coarse to show it."""
    clipped = [shapely.clip_by_rect(p.buffer(0), *REGION) for p in shapely.get_parts(land.values) if p.intersects(box(*REGION))]
    return shapely.union_all([p for c in clipped for p in shapely.get_parts(c) if p.geom_type == "Polygon" and p.exterior.length >= MIN_RING])


def build(world_atlas: Path, target: Path = LINES_FILE) -> Path:
    land = gpd.read_file(world_atlas / "land-10m.json", layer="land").geometry
    countries = gpd.read_file(world_atlas / "countries-10m.json", layer="countries").geometry
    features = [
        {"type": "Feature", "properties": {"kind": kind}, "geometry": mapping(shapely.set_precision(shapely.simplify(lines, SIMPLIFY), GRID))}
        for kind, lines in (("land", land_fill(land)), ("coast", coasts(land)), ("border", borders(countries)))
    ]
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "package")))
