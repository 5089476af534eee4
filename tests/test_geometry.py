"""Geometries: lines through ordered waypoints, areas, RFC 7946 rules, precision codes."""

import pytest
import shapely
from shapely.geometry import LineString, Polygon

import geo
from geo.geometry import GeometryError, length_km, rfc7946, split_antimeridian


def test_every_feature_is_valid_and_ccw(features):
    for row in features.itertuples():
        g = row.geometry
        assert g.is_valid and not g.is_empty, row.id
        for poly in getattr(g, "geoms", [g]):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw, row.id
                assert all(not ring.is_ccw for ring in poly.interiors)
        assert shapely.get_coordinates(g).round(6).tolist() == shapely.get_coordinates(g).tolist()
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def test_geometry_kinds(features):
    kinds = dict(zip(features["id"], features.geometry.geom_type, strict=True))
    assert kinds["hcmc-metro-line-1"] == kinds["kunming-haiphong-railway"] == kinds["north-south-high-speed-railway"] == "LineString"
    assert kinds["south-china-sea"] == kinds["taiwan-strait"] == "MultiPolygon"  # water less 10m land: islands cut parts off
    assert kinds["block-b-o-mon-gas"] == "LineString"  # the gas chain: offshore Block B to the O Mon power complex
    assert kinds["chinh-visit-japan-2023"] == "Point"


def test_metro_line_length_matches_the_official_figure(features):
    """19.7 km (Ho Chi Minh City Metro Line 1, Wikipedia / VnEconomy); straight segments between 14 stations run a little short."""
    metro = features.set_index("id").loc["hcmc-metro-line-1", "geometry"]
    assert 17.5 <= length_km(metro) <= 19.7
    start, end = metro.coords[0], metro.coords[-1]
    assert start[1] < end[1]  # Ben Thanh (south-west) to Suoi Tien (north-east)


def test_railway_runs_kunming_to_haiphong_through_lao_cai(features):
    rail = features.set_index("id").loc["kunming-haiphong-railway", "geometry"]
    assert rail.coords[0][1] == pytest.approx(25.04, abs=0.05)  # Kunming
    assert rail.coords[-1][0] == pytest.approx(106.68, abs=0.05)  # Haiphong
    assert 600 <= length_km(rail) <= 860  # the metre-gauge line is ~850 km; straight legs between waypoints are shorter


def test_precision_codes(features):
    p = dict(zip(features["id"], features["precision"], strict=True))
    assert p["chinh-visit-japan-2023"] == 1  # an airport: exact site
    assert p["hcmc-metro-line-1"] == 2  # drawn between exact stations
    assert p["xi-state-visit-vietnam-2023"] == 2  # a city venue
    assert p["kunming-haiphong-railway"] == p["south-china-sea"] == p["southern-vietnam-power-plant"] == p["block-b-o-mon-gas"] == 5
    assert p["japanese-scholarship-vietnam"] == p["cn-vn-trade-2024"] == 6
    assert p["to-lam-state-visit-china-2024"] == 7


def test_block_b_line_ends_at_o_mon(features):
    chain = features.set_index("id").loc["block-b-o-mon-gas", "geometry"]
    assert chain.coords[-1] == pytest.approx((105.62, 10.11), abs=0.01)  # Ô Môn, Can Tho (GeoNames 1571644)
    assert 102.3 <= chain.coords[0][0] <= 104.0 and 7.6 <= chain.coords[0][1] <= 9.0  # inside the Block B outline


def test_region_reach_and_coarser_precision_by_hand(features):
    rows = features.set_index("id")
    assert rows.loc["southern-vietnam-power-plant", "location_reach"] == "region"
    summit = rows.loc["xi-biden-summit-san-francisco-2023"]
    assert summit["precision"] == 5 and summit["precision_label"] == geo.precision.describe(5)  # Filoli is ~35 km from San Francisco


def test_country_venue_is_placed_at_capital(features):
    row = features.set_index("id").loc["to-lam-state-visit-china-2024"]
    assert row["geometry"].x == pytest.approx(116.40, abs=0.05) and "capital assumed" in row["placement"]
    assert row["location_reach"] == "venue" and row["gazetteer_id"] == ["geonames:1816670"]


def test_rfc7946_orients_and_rounds():
    cw = Polygon([(0, 0), (0, 1.123456789), (1, 1), (1, 0)])
    out = rfc7946(cw)
    assert out.exterior.is_ccw and max(y for _, y in out.exterior.coords) == 1.123457


def test_invalid_geometry_is_refused():
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    with pytest.raises(GeometryError, match="invalid geometry"):
        rfc7946(bowtie)


def test_antimeridian_split():
    crossing = LineString([(170, 10), (-170, 20)])
    split = split_antimeridian(crossing)
    assert split.geom_type == "MultiLineString"
    first, second = split.geoms
    assert first.coords[-1] == (180.0, 15.0) and second.coords[0] == (-180.0, 15.0)
    assert split_antimeridian(LineString([(100, 0), (110, 0)])).geom_type == "LineString"


def test_area_needs_an_area():
    with pytest.raises(GeometryError):
        geo.locate(["Hanoi"], "area")


def test_unknown_place_is_reported_not_dropped():
    with pytest.raises(geo.UnknownPlace, match="Haiphong"):
        geo.locate(["Kunming", "Haipong"], "line")
