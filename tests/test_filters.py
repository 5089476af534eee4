"""The view's filters (layers/filters.py) on a small hand-made set of features whose answers are known."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
from shapely.geometry import Point

from layers.filters import View, available_partners, layer_counts, normalise_partners, select
from layers.partners import UnknownPartner


def src(published: str, quote: str = "A quote.") -> dict:
    return {"article": f"a-{published}", "published": published, "quote": quote}


@pytest.fixture(scope="module")
def feats():
    rows = [
        # id, category, kind, layers, places, sources
        ("metro", "metro", "project", ["JPN"], ["Ben Thanh"], [src("2023-12-16", "Japan funds the metro in Hồ Chí Minh City.")]),
        ("rail", "rail", "project", ["CHN"], ["Lao Cai", "Hà Nội"], [src("2023-12-11")]),
        ("summit", "diplomacy", "summit", ["CHN", "USA"], ["San Francisco"], [src("2023-11-27"), src("2024-08-20")]),
        ("visit", "diplomacy", "visit", ["USA"], ["Hanoi"], [src("2023-11-27", "Biden came.")]),
        ("sea", "maritime", "area", ["NONE"], ["South China Sea"], [src("2024-08-20")]),
    ]
    return gpd.GeoDataFrame(
        [{"id": i, "name": f"The {i.title()}", "category": c, "kind": k, "layers": ls, "places": p, "sources": s, "geometry": Point(105, 21)}
         for i, c, k, ls, p, s in rows],
        geometry="geometry", crs="EPSG:4326",
    )


def ids(frame) -> list[str]:
    return list(frame["id"])


def test_no_restriction_keeps_everything_in_order(feats):
    assert ids(select(feats, View())) == ["metro", "rail", "summit", "visit", "sea"]


@pytest.mark.parametrize(
    "partners, expected",
    [
        (None, ["metro", "rail", "summit", "visit", "sea"]),
        ((), []),
        (("CHN",), ["rail", "summit"]),
        (("USA",), ["summit", "visit"]),  # a feature with two partners is in both layers
        (("JPN", "NONE"), ["metro", "sea"]),
        (("KOR",), []),
    ],
)
def test_partners(feats, partners, expected):
    assert ids(select(feats, View(partners=partners))) == expected


def test_partners_on_a_filtered_index(feats):
    """Partners are matched by position, not by index label: a frame cut by another filter works too."""
    part = feats.iloc[[4, 2, 3]]
    assert ids(select(part, View(partners=("USA",)))) == ["summit", "visit"]


def test_categories_and_kinds(feats):
    assert ids(select(feats, View(categories=("diplomacy", "metro")))) == ["metro", "summit", "visit"]
    assert ids(select(feats, View(kinds=("visit", "area")))) == ["visit", "sea"]
    assert ids(select(feats, View(categories=("diplomacy",), kinds=("summit",), partners=("USA",)))) == ["summit"]


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2023-11-27", None, ["metro", "rail", "summit", "visit", "sea"]),
        ("2023-11-28", None, ["metro", "rail", "summit", "sea"]),
        (None, "2023-12-11", ["rail", "summit", "visit"]),
        (None, "2023-12-10", ["summit", "visit"]),
        ("2023-12-11", "2023-12-16", ["metro", "rail"]),
        ("2023-12-16", "2023-12-16", ["metro"]),
        ("2024-08-20", "2024-08-20", ["summit", "sea"]),
        ("2023-12-17", "2024-08-19", []),
    ],
)
def test_reported_between_inclusive(feats, start, end, expected):
    view = View(reported_from=start and dt.date.fromisoformat(start), reported_to=end and dt.date.fromisoformat(end))
    assert ids(select(feats, view)) == expected


@pytest.mark.parametrize(
    "search, expected",
    [
        ("ha noi", ["rail", "visit"]),  # places, diacritics and spaces folded ("Hà Nội", "Hanoi")
        ("HO CHI MINH", ["metro"]),  # in a quote
        ("the summit", ["summit"]),  # in the name
        ("biden", ["visit"]),
        ("   ", ["metro", "rail", "summit", "visit", "sea"]),  # blank: no search
        ("south china sea", ["sea"]),
        ("nowhere", []),
    ],
)
def test_search(feats, search, expected):
    assert ids(select(feats, View(search=search))) == expected


def test_layer_keys_and_counts(feats):
    assert available_partners(feats) == ["CHN", "JPN", "NONE", "USA"]
    assert layer_counts(feats) == {"CHN": 2, "JPN": 1, "NONE": 1, "USA": 2}
    assert list(layer_counts(feats)) == ["CHN", "JPN", "NONE", "USA"]


def test_normalise_partners(feats):
    assert normalise_partners(["Japan", "usa", "JPN", "China"], feats) == ("JPN", "USA", "CHN")
    with pytest.raises(UnknownPartner, match="unknown partner 'Korea'"):
        normalise_partners(["Korea"], feats)


@pytest.mark.parametrize(
    "view, expected",
    [
        (View(categories=("metro",), kinds=("project",)), ["metro"]),  # each filter narrows what the others left
        (View(partners=("USA",), reported_to=dt.date(2023, 12, 11)), ["summit", "visit"]),
        (View(partners=("CHN",), search="ha noi"), ["rail"]),
        (View(kinds=("project",), search="xx"), []),  # text that stands nowhere finds nothing
    ],
)
def test_filters_combine(feats, view, expected):
    assert ids(select(feats, view)) == expected
