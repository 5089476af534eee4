"""Precision codes (AidData / IATI GeographicalPrecision) of resolved places and lines, with their labels."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from geo.gazetteer import Place
from geo.precision import PRECISION, describe, is_country, line_precision, place_precision


def place(feature_class: str, precision: int | None = None) -> Place:
    return Place(key="test:x", name="X", country="VN", feature_class=feature_class, geometry=Point(105, 21), source="test", gazetteer="test",
                 precision=precision)


@pytest.mark.parametrize(
    "feature_class, reach, code",
    [
        ("S.AIRP", "site", 1),  # an airport, a station, a port: the exact site
        ("S.RSTN", "venue", 1),
        ("P.PPL", "venue", 2),  # a city: within 25 km
        ("P.PPLC", "site", 2),
        ("A.ADM2", "site", 3),
        ("A.ADM1", "site", 4),
        ("H.SEA", "site", 5),  # seas, straits, regions: estimated
        ("H.STRT", "venue", 5),
        ("L.RGN", "country", 5),
        ("A.PCLI", "country", 6),  # a country-wide figure at the country point
        ("A.PCLI", "venue", 7),  # "visited China": capital assumed
        ("A.PCLD", "site", 7),
    ],
)
def test_place_precision(feature_class, reach, code):
    assert place_precision(place(feature_class), reach) == code


def test_a_supplement_row_states_its_own_precision():
    assert place_precision(place("S.PRT", precision=2), "site") == 2
    assert place_precision(place("A.PCLI", precision=5), "country") == 5


def test_is_country():
    assert is_country(place("A.PCLI")) and is_country(place("A.PCLS"))
    assert not is_country(place("A.ADM1")) and not is_country(place("P.PPLC"))


@pytest.mark.parametrize(
    "codes, code",
    [
        ([1, 1, 1], 2),  # between exact stations: near
        ([1], 2),
        ([1, 2], 5),  # through a city: an estimated route
        ([2, 2], 5),
        ([1, 6], 6),  # through a country point: no better than the country
        ([7, 2], 7),
    ],
)
def test_line_precision(codes, code):
    assert line_precision(codes) == code


def test_labels_are_the_codelist():
    """The labels the popups and exports show (README, "Precision")."""
    assert sorted(PRECISION) == list(range(1, 9))
    assert [describe(c) for c in range(1, 9)] == [
        "exact location",
        "near, within 25 km",
        "second-order administrative division",
        "first-order administrative division",
        "estimated, along a line, or a larger region",
        "country-wide",
        "unclear, capital assumed",
        "capital as seat of government",
    ]
    with pytest.raises(KeyError):
        describe(9)
