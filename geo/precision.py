"""Geocoding precision on the AidData / IATI GeographicalPrecision scale, and location reach.

The codes (AidData's geocoding methodology, IATI codelist GeographicPrecision):
1 exact site; 2 near, within 25 km (a city, or a line drawn between exact
stations); 3 second-order administrative division; 4 first-order
administrative division; 5 estimated, along a line or a larger region;
6 country-wide; 7 unclear, capital assumed; 8 capital as seat of government.
"""

from __future__ import annotations

from geo.gazetteer import Place

PRECISION = {
    1: "exact location",
    2: "near, within 25 km",
    3: "second-order administrative division",
    4: "first-order administrative division",
    5: "estimated, along a line, or a larger region",
    6: "country-wide",
    7: "unclear, capital assumed",
    8: "capital as seat of government",
}
EXACT = 1
APPROXIMATE_FROM = 2  # anything coarser than "exact" is drawn as approximate

REACH = {
    "site": "where the project physically is",
    "venue": "where the visit, summit or signing happened",
    "region": "a project the article places only in a region, drawn at the region's point",
    "country": "a country-wide figure placed symbolically",
}


def is_country(place: Place) -> bool:
    return place.feature_class.startswith("A.PCL")


def place_precision(place: Place, reach: str) -> int:
    """The precision code of one resolved place for a feature of the given reach.

    A country named as a venue ("visited China") is placed at its capital
    (7, capital assumed); a country-wide figure at the country point (6).

    Examples
    --------
    >>> from geo.gazetteer import default_gazetteer
    >>> gaz = default_gazetteer()
    >>> place_precision(gaz.resolve("Hanoi").place, "venue"), place_precision(gaz.resolve("China").place, "venue")
    (2, 7)
    """
    if place.precision is not None:
        return place.precision
    cls = place.feature_class
    if is_country(place):
        return 6 if reach == "country" else 7
    if cls.startswith("P."):
        return 2
    if cls == "A.ADM2":
        return 3
    if cls == "A.ADM1":
        return 4
    if cls.startswith("S."):
        return 1
    return 5  # seas, straits, regions


def line_precision(codes: list[int]) -> int:
    """A line through exact stations is near (2); through anything coarser it is an estimated route (5)."""
    return 2 if all(c == EXACT for c in codes) else max(5, *codes)


def describe(code: int) -> str:
    """The label of a precision code."""
    return PRECISION[code]
