"""The geopy geocoders: offline by default; the opt-in live one falls back when the network fails."""

import json
import socket
import threading
import time
import warnings

import geopandas as gpd
import pytest
from geopy.exc import GeocoderServiceError, GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.geocoder import GazetteerGeocoder, GeocoderFallbackWarning, LiveGeocoder, default_geocoder, live_enabled


def test_offline_geocoder_is_a_geopy_geocoder():
    coder = GazetteerGeocoder()
    assert isinstance(coder, Geocoder)
    loc = coder.geocode("Haiphong")
    assert isinstance(loc, Location)
    assert loc.raw["gazetteer"] == "geonames" and loc.raw["geonames_id"] == 1581298
    assert loc.raw["feature_class"].startswith("P.") and loc.raw["precision"] == 2
    many = coder.geocode("Hekou", exactly_one=False)
    assert len(many) == 2


def test_unknown_is_none_and_logged(caplog):
    assert GazetteerGeocoder().geocode("Haipong") is None
    assert "did you mean 'Haiphong'" in caplog.text


def test_geopandas_tools_geocode():
    frame = gpd.tools.geocode(["Hanoi", "Tokyo", "Kunming", "Nowhere-on-earth"], provider=GazetteerGeocoder)
    assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].y == pytest.approx(21.0245, abs=0.01)
    assert frame.geometry.iloc[1].x == pytest.approx(139.69, abs=0.01)
    assert frame.geometry.iloc[3].is_empty and frame["address"].isna().iloc[3]


def test_live_is_opt_in(monkeypatch):
    monkeypatch.delenv("VNMAP_LIVE_GEOCODER", raising=False)
    assert not live_enabled() and isinstance(default_geocoder(), GazetteerGeocoder)
    monkeypatch.setenv("VNMAP_LIVE_GEOCODER", "1")
    assert live_enabled() and live_enabled(False) is False


class Failing(Geocoder):
    calls = 0

    def geocode(self, query, exactly_one=True, **kw):
        type(self).calls += 1
        raise GeocoderUnavailable("network is unreachable")


class Hanging(Geocoder):
    def geocode(self, query, exactly_one=True, **kw):
        time.sleep(30)


class Answering(Geocoder):
    calls = 0

    def geocode(self, query, exactly_one=True, **kw):
        type(self).calls += 1
        return Location("Hanoi, Vietnam", (21.03, 105.85), {"osm_type": "relation", "osm_id": 1903516, "class": "boundary", "type": "administrative"})


def test_network_down_falls_back_with_warning(tmp_path):
    coder = LiveGeocoder(live=Failing(), cache_path=tmp_path / "cache.json")
    with pytest.warns(GeocoderFallbackWarning, match="network is unreachable"):
        loc = coder.geocode("Hà Nội")
    assert loc.raw["gazetteer"] == "geonames" and loc.raw["method"] == "gazetteer"


def test_slow_host_is_bounded(tmp_path):
    coder = LiveGeocoder(live=Hanging(), cache_path=tmp_path / "cache.json", deadline=0.5)
    started = time.monotonic()
    with pytest.warns(GeocoderFallbackWarning, match="no answer within 0.5 s"):
        loc = coder.geocode("Kunming")
    assert time.monotonic() - started < 5
    assert loc.raw["geonames_id"] == 1804651


def test_real_nominatim_against_a_silent_local_host(tmp_path):
    """A socket that accepts and never answers: geopy alone would wait timeout × tries."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    stop = threading.Event()

    def accept():
        held = []
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue
        for conn in held:
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    try:
        nominatim = Nominatim(user_agent="test", domain=f"127.0.0.1:{port}", scheme="http", timeout=3)
        coder = LiveGeocoder(live=nominatim, cache_path=tmp_path / "cache.json", deadline=1.0)
        started = time.monotonic()
        with pytest.warns(GeocoderFallbackWarning):
            loc = coder.geocode("Tokyo")
        assert time.monotonic() - started < 5 and loc.raw["geonames_id"] == 1850147
    finally:
        stop.set()
        server.close()


def test_unresolvable_host_falls_back(tmp_path):
    nominatim = Nominatim(user_agent="test", domain="geocoder.invalid", timeout=2)
    coder = LiveGeocoder(live=nominatim, cache_path=tmp_path / "cache.json", deadline=5)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loc = coder.geocode("Tokyo")
    assert loc.raw["geonames_id"] == 1850147
    assert any(issubclass(w.category, GeocoderFallbackWarning) for w in caught)


def test_live_answers_are_cached_on_disk(tmp_path):
    Answering.calls = 0
    path = tmp_path / "cache.json"
    first = LiveGeocoder(live=Answering(), cache_path=path, min_delay_seconds=0).geocode("Hanoi")
    again = LiveGeocoder(live=Answering(), cache_path=path, min_delay_seconds=0).geocode("Hanoi")
    assert Answering.calls == 1
    assert first.raw["method"] == again.raw["method"] == "live" and again.raw["id"] == "osm:relation/1903516"
    assert json.loads(path.read_text())["Hanoi"]["lat"] == 21.03


def test_corrupt_cache_is_rebuilt(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text("{not json")
    with pytest.warns(GeocoderFallbackWarning, match="corrupt"):
        coder = LiveGeocoder(live=Answering(), cache_path=path, min_delay_seconds=0)
    coder.geocode("Hanoi")
    assert json.loads(path.read_text())["Hanoi"]["lon"] == 105.85
    assert (tmp_path / "cache.corrupt").exists()


def test_rate_limited_to_one_per_second(tmp_path):
    coder = LiveGeocoder(live=Failing(), cache_path=tmp_path / "c.json")
    assert isinstance(coder.limited, RateLimiter) and coder.limited.min_delay_seconds >= 1


def test_service_error_falls_back(tmp_path):
    class Refusing(Geocoder):
        def geocode(self, query, exactly_one=True, **kw):
            raise GeocoderServiceError("HTTP Error 403: Forbidden")

    with pytest.warns(GeocoderFallbackWarning, match="403"):
        assert LiveGeocoder(live=Refusing(), cache_path=tmp_path / "c.json").geocode("Hue").raw["geonames_id"] == 1580240
