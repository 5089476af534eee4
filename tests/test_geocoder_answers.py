"""What the geocoders answer, field by field: the gazetteer's Location, the live one's, the cache file and the deadline (geo/geocoder.py)."""

from __future__ import annotations

import json
import threading
import time
import warnings

import pytest
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from shapely.geometry import mapping

from geo import geocoder
from geo.gazetteer import default_gazetteer
from geo.geocoder import GazetteerGeocoder, GeocoderFallbackWarning, JsonCache, LiveGeocoder
from geo.precision import place_precision


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_a_gazetteer_answer_carries_its_place_and_why(gaz):
    resolution = gaz.resolve("Hekou", ("CN",))
    loc = GazetteerGeocoder(gazetteer=gaz).geocode("Hekou", country_codes=["CN"])
    place = resolution.place
    assert loc.address == f"{place.name}, {place.country}" and (loc.latitude, loc.longitude) == (place.point.y, place.point.x)
    assert loc.raw == {
        "gazetteer": place.gazetteer, "id": place.key, "geonames_id": place.geonames_id, "feature_class": place.feature_class,
        "country": place.country, "precision": place_precision(place, "site"), "method": "gazetteer", "source": place.source,
        "geometry": mapping(place.geometry), "candidates": [c.key for c in resolution.candidates], "choice": resolution.reason,
    }
    assert place.country == "CN" and "in the story's countries (CN)" in loc.raw["choice"] and len(loc.raw["candidates"]) == 2


def test_country_codes_near_and_reach_reach_the_gazetteer(gaz):
    coder = GazetteerGeocoder(gazetteer=gaz)
    assert coder.geocode("San Francisco", country_codes=("PH",)).raw["country"] == "PH"
    assert coder.geocode("San Francisco").raw["country"] == "US"
    near = gaz.resolve("Lao Cai").place.point
    assert coder.geocode("Hekou", near=[near]).raw["id"] == gaz.resolve("Hekou", near=(near,)).place.key
    assert "km from the story's other places" in coder.geocode("Hekou", near=[near]).raw["choice"]
    assert coder.geocode("China", reach="country").raw["precision"] == 6 and coder.geocode("China").raw["precision"] == 7


def test_every_candidate_when_asked_for_all(gaz):
    resolution = gaz.resolve("Springfield")
    every = GazetteerGeocoder(gazetteer=gaz).geocode("Springfield", exactly_one=False, reach="country")
    assert [loc.raw["id"] for loc in every] == [c.key for c in resolution.candidates] and len(every) >= 3
    assert {loc.raw["choice"] for loc in every} == {resolution.reason} and all(loc.raw["candidates"] == every[0].raw["candidates"] for loc in every)
    assert [loc.raw["precision"] for loc in every] == [place_precision(c, "country") for c in resolution.candidates]


def test_a_country_asked_for_all_keeps_its_reach(gaz):
    every = GazetteerGeocoder(gazetteer=gaz).geocode("China", exactly_one=False, reach="country")
    assert every[0].raw["feature_class"].startswith("A.PCL") and every[0].raw["precision"] == 6  # country-wide, not "capital assumed"


def test_an_unknown_name_is_logged_as_the_gazetteer_words_it(gaz, caplog):
    with caplog.at_level("WARNING", logger="geo.geocoder"):
        assert GazetteerGeocoder(gazetteer=gaz).geocode("Haipong") is None
    (record,) = [r for r in caplog.records if r.name == "geo.geocoder"]
    assert record.getMessage().startswith("unknown place 'Haipong'; did you mean 'Haiphong'")


def test_a_place_without_a_country_is_named_alone(gaz):
    loc = GazetteerGeocoder(gazetteer=gaz).geocode("South China Sea")
    assert loc.raw["country"] is None and loc.address == "South China Sea"


def test_the_default_gazetteer_is_used_unless_one_is_given(gaz):
    assert GazetteerGeocoder().gazetteer is gaz


class Answering(Geocoder):
    raw: object = {"osm_type": "relation", "osm_id": 1903516, "class": "boundary", "type": "administrative"}
    queries: list = []

    def geocode(self, query, exactly_one=True, **kw):
        type(self).queries.append((query, exactly_one))
        return Location("Hanoi, Vietnam", (21.03, 105.85), type(self).raw)


class Silent(Geocoder):
    def geocode(self, query, exactly_one=True, **kw):
        return None


class Failing(Geocoder):
    def geocode(self, query, exactly_one=True, **kw):
        raise OSError("network is unreachable")


def test_a_live_answer_names_its_source(tmp_path):
    Answering.queries = []
    coder = LiveGeocoder(live=Answering(), cache_path=tmp_path / "c.json", min_delay_seconds=0)
    loc = coder.geocode("  Hanoi ")
    assert Answering.queries == [("Hanoi", True)]  # the query as written, without its spaces
    assert (loc.address, loc.latitude, loc.longitude) == ("Hanoi, Vietnam", 21.03, 105.85)
    assert loc.raw == {"gazetteer": "nominatim", "id": "osm:relation/1903516", "geonames_id": None, "feature_class": "boundary.administrative",
                       "precision": 2, "method": "live", "source": "OpenStreetMap Nominatim (live)", "live": Answering.raw}
    assert json.loads((tmp_path / "c.json").read_text())["Hanoi"] == {"address": "Hanoi, Vietnam", "lat": 21.03, "lon": 105.85, "raw": loc.raw}
    cached = coder.geocode("Hanoi")
    assert (cached.address, cached.latitude, cached.longitude, cached.raw) == (loc.address, loc.latitude, loc.longitude, loc.raw)
    assert len(Answering.queries) == 1
    many = coder.geocode("Hanoi again", exactly_one=False)
    assert isinstance(many, list) and [m.raw["id"] for m in many] == ["osm:relation/1903516"]


def test_a_live_answer_without_osm_details(tmp_path, monkeypatch):
    monkeypatch.setattr(Answering, "raw", "not a dict")
    loc = LiveGeocoder(live=Answering(), cache_path=tmp_path / "c.json", min_delay_seconds=0).geocode("Hanoi")
    assert (loc.raw["id"], loc.raw["feature_class"], loc.raw["live"]) == ("osm:?/?", "?.?", {})


def test_no_live_answer_is_the_gazetteers_answer_without_a_warning(tmp_path, gaz):
    coder = LiveGeocoder(live=Silent(), cache_path=tmp_path / "c.json", min_delay_seconds=0, fallback=GazetteerGeocoder(gazetteer=gaz))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loc = coder.geocode("San Francisco", country_codes=("PH",))
    assert loc.raw["method"] == "gazetteer" and loc.raw["country"] == "PH"
    assert [m.raw["method"] for m in coder.geocode("Hekou", exactly_one=False)] == ["gazetteer", "gazetteer"]
    assert not (tmp_path / "c.json").exists()  # nothing to cache


def test_a_failed_live_answer_warns_and_keeps_the_question(tmp_path):
    coder = LiveGeocoder(live=Failing(), cache_path=tmp_path / "c.json", min_delay_seconds=0)
    with pytest.warns(GeocoderFallbackWarning) as caught:
        many = coder.geocode("San Francisco", exactly_one=False, country_codes=("PH",))
    (warning,) = caught
    assert str(warning.message) == "live geocoder failed for 'San Francisco' (OSError: network is unreachable); using the embedded gazetteer"
    assert isinstance(many, list) and many[0].raw["country"] == "PH"


def test_live_geocoder_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv(geocoder.CACHE_ENV, raising=False)
    coder = LiveGeocoder()
    assert isinstance(coder.live, Nominatim) and coder.live.headers["User-Agent"] == geocoder.USER_AGENT and coder.live.timeout == 3
    limited = coder.limited
    assert (limited.min_delay_seconds, limited.max_retries, limited.swallow_exceptions) == (1.0, 0, False)
    assert coder.deadline == 5.0 and coder.cache.path == geocoder.DEFAULT_CACHE and type(coder.fallback) is GazetteerGeocoder
    monkeypatch.setenv(geocoder.CACHE_ENV, str(tmp_path / "env.json"))
    assert LiveGeocoder().cache.path == tmp_path / "env.json"
    assert LiveGeocoder(cache_path=tmp_path / "given.json").cache.path == tmp_path / "given.json"


@pytest.mark.parametrize("content, reason", [(b"[1, 2]", "not a JSON object"), (b"\xff\xfe{}", "codec can't decode"), (b"{oops", "Expecting")])
def test_a_corrupt_cache_is_set_aside(tmp_path, content, reason):
    path = tmp_path / "cache.json"
    path.write_bytes(content)
    with pytest.warns(GeocoderFallbackWarning) as caught:
        cache = JsonCache(path)
    (warning,) = caught
    assert str(warning.message).startswith(f"geocoder cache {path} is corrupt (") and reason in str(warning.message)
    assert str(warning.message).endswith("); starting a new one")
    assert cache.data == {} and cache.get("x") is None and not path.exists() and (tmp_path / "cache.corrupt").read_bytes() == content
    if reason == "not a JSON object":
        assert str(warning.message) == f"geocoder cache {path} is corrupt (not a JSON object); starting a new one"


def test_a_sound_cache_is_read(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text(json.dumps({"Hà Nội": {"lat": 21.0}}, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert JsonCache(path).get("Hà Nội") == {"lat": 21.0}


def test_within_returns_raises_or_gives_up():
    assert geocoder._within(5, lambda: 42) == 42 and geocoder._within(5, lambda: None) is None
    with pytest.raises(ZeroDivisionError):
        geocoder._within(5, lambda: 1 / 0)  # the call's own error, in the caller's thread
    before = set(threading.enumerate())
    with pytest.raises(TimeoutError, match=r"^no answer within 0.2 s$"):
        geocoder._within(0.2, lambda: time.sleep(5))
    hung = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert hung and all(t.daemon for t in hung)  # a hung request never keeps the program from exiting
