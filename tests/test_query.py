"""The view in the URL: every filter survives a round trip, bad values are dropped and named, open filters are left out."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
from shapely.geometry import Point

from layers import query
from layers.filters import View


@pytest.fixture(scope="module")
def features():
    """A small stand-in for the seed features: the columns a query is checked against (fast under mutation testing)."""
    rows = [
        ("hcmc-metro-line-1", "metro", "project", ["JPN"]),
        ("kunming-haiphong-railway", "rail", "project", ["CHN"]),
        ("biden-visit-hanoi-2023", "diplomacy", "visit", ["USA"]),
        ("taiwan-strait", "maritime", "place", ["CHN", "USA"]),
        ("lao-link", "rail", "project", ["LAO"]),
    ]
    return gpd.GeoDataFrame(
        [{"id": i, "category": c, "kind": k, "layers": ls, "geometry": Point(105, 21)} for i, c, k, ls in rows], geometry="geometry", crs="EPSG:4326"
    )

FULL = View(
    partners=("JPN", "USA"),
    categories=("metro", "rail"),
    kinds=("project", "visit"),
    reported_from=dt.date(2023, 12, 1),
    reported_to=dt.date(2024, 8, 20),
    search="Hà Nội",
)


def test_full_view_round_trip(features):
    params = query.view_to_query(FULL, "hcmc-metro-line-1")
    assert params == {
        "partners": "JPN,USA",
        "category": "metro,rail",
        "kind": "project,visit",
        "from": "2023-12-01",
        "to": "2024-08-20",
        "q": "Hà Nội",
        "feature": "hcmc-metro-line-1",
    }
    assert query.view_from_query(params, features) == (FULL, "hcmc-metro-line-1", [])


@pytest.mark.parametrize(
    "view, params",
    [
        (View(), {}),
        (View(partners=()), {"partners": "none"}),
        (View(reported_to=dt.date(2024, 1, 2)), {"to": "2024-01-02"}),
        (View(search="Kunming"), {"q": "Kunming"}),
    ],
)
def test_open_filters_are_left_out(features, view, params):
    assert query.view_to_query(view) == params
    assert query.view_from_query(params, features) == (view, None, [])


def test_partners_by_name_code_or_list_deduplicated_in_order(features):
    view, _, problems = query.view_from_query({"partners": " japan , CHN,JPN,,"}, features)
    assert (view.partners, problems) == (("JPN", "CHN"), [])
    view, _, problems = query.view_from_query({"partners": ["USA", "Laos"]}, features)  # a repeated parameter
    assert (view.partners, problems) == (("USA", "LAO"), [])


def test_no_partners_parameter_means_every_layer(features):
    assert query.view_from_query({}, features)[0].partners is None
    assert query.view_from_query({"partners": "none"}, features)[0].partners == ()


def test_bad_values_are_dropped_and_each_named(features):
    params = {"partners": "Narnia,JPN", "category": "rail,spaceport", "kind": "visit,picnic", "from": "yesterday", "to": "2024-13-01", "feature": "nope"}
    view, selected, problems = query.view_from_query(params, features)
    assert view == View(partners=("JPN",), categories=("rail",), kinds=("visit",))
    assert selected is None
    assert problems[0].startswith("unknown partner 'Narnia'; valid: ")
    assert "JPN (Japan)" in problems[0]
    assert problems[1:] == [
        "unknown category 'spaceport'",
        "unknown kind 'picnic'",
        "from='yesterday' is not an ISO date",
        "to='2024-13-01' is not an ISO date",
        "unknown feature 'nope'",
    ]


def test_empty_values_are_no_filter(features):
    assert query.view_from_query({"category": "", "kind": None, "from": "", "to": "", "feature": "", "q": ""}, features) == (View(), None, [])


def test_known_feature_is_selected(features):
    assert query.view_from_query({"feature": "taiwan-strait"}, features)[1:] == ("taiwan-strait", [])
