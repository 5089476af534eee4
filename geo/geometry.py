"""Geometries for features: points, lines through ordered places, areas; RFC 7946 output.

RFC 7946 wants longitude/latitude in WGS84, counter-clockwise exterior rings,
valid geometries, and nothing crossing the antimeridian unsplit.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

GEOD = pyproj.Geod(ellps="WGS84")
DECIMALS = 6  # about 0.1 m: more than any source here is worth, and diffs stay clean


class GeometryError(ValueError):
    """A geometry that cannot be built or made RFC 7946 compliant."""


def points(geoms: list[BaseGeometry]) -> BaseGeometry:
    """One point, or a MultiPoint for several places."""
    return geoms[0] if len(geoms) == 1 else MultiPoint(geoms)


def line(geoms: list[Point]) -> BaseGeometry:
    """A line through the points in order, split where it would cross the antimeridian."""
    if len(geoms) < 2:
        raise GeometryError("a line needs at least two places")
    return split_antimeridian(LineString([(p.x, p.y) for p in geoms]))


def split_antimeridian(geom: LineString) -> BaseGeometry:
    """Split a line at ±180° longitude (RFC 7946 §3.1.9) where a step jumps more than 180°."""
    coords = list(geom.coords)
    parts, current = [], [coords[0]]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:], strict=False):
        if abs(x1 - x0) > 180:
            edge = 180.0 if x0 > 0 else -180.0
            x1_shifted = x1 + 360 if x0 > 0 else x1 - 360
            y_edge = y0 + (y1 - y0) * (edge - x0) / (x1_shifted - x0)
            current.append((edge, y_edge))
            parts.append(current)
            current = [(-edge, y_edge)]
        current.append((x1, y1))
    parts.append(current)
    return LineString(parts[0]) if len(parts) == 1 else MultiLineString(parts)


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """`geom` rounded to 6 decimals, rings counter-clockwise, valid; GeometryError if it cannot be.

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> clockwise = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    >>> rfc7946(clockwise).exterior.is_ccw
    True
    """
    if geom.is_empty:
        raise GeometryError("empty geometry")
    geom = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    if not geom.is_valid:
        raise GeometryError(f"invalid geometry: {shapely.is_valid_reason(geom)}")
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise GeometryError(f"coordinates out of range: {geom.bounds}")
    return geom


def length_km(geom: BaseGeometry) -> float:
    """Geodesic length on the WGS84 ellipsoid (pyproj), in km."""
    return GEOD.geometry_length(geom) / 1000


def area_km2(geom: BaseGeometry) -> float:
    """Geodesic area on the WGS84 ellipsoid (pyproj), in km²."""
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6
