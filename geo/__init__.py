"""Offline-first geocoding, geometries and precision for the map's features.

`locate()` turns a feature's place names into one RFC 7946 geometry with its
precision code, method and gazetteer ids, disambiguating names by the story's
countries and the feature's other places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geopy.geocoders.base import Geocoder
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo import geometry as geom
from geo.gazetteer import Gazetteer, Place, Resolution, UnknownPlace, default_gazetteer, fold
from geo.precision import is_country, line_precision, place_precision

__all__ = ["Located", "UnknownPlace", "Gazetteer", "default_gazetteer", "fold", "locate"]


@dataclass(frozen=True)
class Located:
    """Where a feature is drawn and how sure that is."""

    geometry: BaseGeometry
    precision: int
    method: str  # "gazetteer", "live" or "derived" (a line or set built from several places)
    gazetteer_ids: tuple[str, ...]
    geonames_ids: tuple[int, ...]
    choices: tuple[str, ...] = field(default=())  # how ambiguous names were decided, and placements
    sources: tuple[str, ...] = field(default=())


def _resolve_all(names: list[str], countries: tuple[str, ...], gazetteer: Gazetteer, live: Geocoder | None) -> list[tuple[Place, Resolution | None, str]]:
    """Resolve names: unambiguous ones first, whose points then steer the ambiguous ones."""
    resolved: dict[int, tuple[Place, Resolution | None, str]] = {}
    missing = []
    for i, name in enumerate(names):
        found = gazetteer.candidates(name)
        if len(found) == 1:
            resolved[i] = (found[0], None, "gazetteer")
        elif not found:
            missing.append(i)
    near = tuple(p.point for p, _, _ in resolved.values())
    for i, name in enumerate(names):
        if i in resolved or i in missing:
            continue
        resolution = gazetteer.resolve(name, countries, near)
        resolved[i] = (resolution.place, resolution, "gazetteer")
    unknown = []
    for i in missing:
        location = live.geocode(names[i]) if live is not None else None
        if location is None or location.raw.get("method") != "live":
            unknown.append(UnknownPlace(names[i], gazetteer.suggest(names[i])))
            continue
        raw = location.raw
        place = Place(
            key=raw["id"],
            name=location.address,
            country=None,
            feature_class=raw["feature_class"],
            geometry=Point(location.longitude, location.latitude),
            source=raw["source"],
            gazetteer="nominatim",
            precision=raw["precision"],
        )
        resolved[i] = (place, None, "live")
    if unknown:
        raise (unknown[0] if len(unknown) == 1 else UnknownPlace(", ".join(u.name for u in unknown), [s for u in unknown for s in u.suggestions]))
    return [resolved[i] for i in range(len(names))]


def locate(
    places: list[str],
    hint: str = "point",
    reach: str = "site",
    countries: tuple[str, ...] = (),
    gazetteer: Gazetteer | None = None,
    live: Geocoder | None = None,
) -> Located:
    """The geometry of a feature from its ordered place names.

    `countries` are ISO alpha-2 codes of the story (partners and Vietnam), used
    to choose between places of the same name. A country named as a venue is
    placed at its capital (precision 7, capital assumed); a country-wide fact
    at the country point (6). UnknownPlace, with suggestions, for a name
    neither the gazetteer nor the opt-in live geocoder knows.

    Examples
    --------
    >>> line = locate(["Kunming", "Hekou", "Lao Cai", "Hanoi", "Haiphong"], "line", countries=("CN", "VN"))
    >>> line.geometry.geom_type, line.precision, line.method
    ('LineString', 5, 'derived')
    """
    gazetteer = gazetteer or default_gazetteer()
    resolved = _resolve_all(list(places), tuple(countries), gazetteer, live)
    shapes, codes, choices, used = [], [], [], []
    for place, resolution, _method in resolved:
        code = place_precision(place, reach)
        shape_, drawn = place.geometry, place
        if is_country(place) and code == 7:
            capital = gazetteer.capital(place.country)
            shape_, drawn = capital.point, capital
            choices.append(f"{place.name} named as a venue: placed at its capital {capital.name} (capital assumed)")
        elif is_country(place):
            choices.append(f"{place.name}: a country-wide fact, placed at the GeoNames country point")
        if resolution is not None and len(resolution.candidates) > 1:
            choices.append(f"{resolution.query!r}: {resolution.reason}")
        shapes.append(shape_)
        codes.append(code)
        used.append(drawn)
    methods = {m for _, _, m in resolved}
    if hint == "line":
        geometry = geom.line([s if isinstance(s, Point) else s.representative_point() for s in shapes])
        precision = line_precision(codes)
        method = "live" if "live" in methods else "derived"
    elif hint == "area":
        if len(shapes) != 1 or shapes[0].geom_type not in ("Polygon", "MultiPolygon"):
            raise geom.GeometryError(f"an area needs one place with an area geometry, got {[s.geom_type for s in shapes]}")
        geometry, precision, method = shapes[0], codes[0], methods.pop()
    else:
        pts = [s if isinstance(s, Point) else s.representative_point() for s in shapes]
        geometry = geom.points(pts)
        precision = max(codes)
        method = "live" if "live" in methods else ("derived" if len(pts) > 1 else "gazetteer")
    return Located(
        geometry=geom.rfc7946(geometry),
        precision=precision,
        method=method,
        gazetteer_ids=tuple(p.key for p in used),
        geonames_ids=tuple(p.geonames_id for p in used if p.geonames_id),
        choices=tuple(choices),
        sources=tuple(dict.fromkeys(p.source for p in used)),
    )
