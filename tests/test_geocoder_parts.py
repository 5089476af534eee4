"""The geocoder's small parts: opting in to the live geocoder, and the persistent cache's file."""

from __future__ import annotations

import json

import pytest

from geo import geocoder


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " yes ", "Yes", "on", "ON"])
def test_live_geocoder_opt_in_values(monkeypatch, value):
    monkeypatch.setenv(geocoder.LIVE_ENV, value)
    assert geocoder.live_enabled() is True


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off", "maybe"])
def test_live_geocoder_is_off_otherwise(monkeypatch, value):
    monkeypatch.setenv(geocoder.LIVE_ENV, value)
    assert geocoder.live_enabled() is False


def test_the_flag_wins_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(geocoder.LIVE_ENV, "1")
    monkeypatch.setenv(geocoder.CACHE_ENV, str(tmp_path / "cache.json"))
    assert geocoder.live_enabled(False) is False
    assert type(geocoder.default_geocoder(False)) is geocoder.GazetteerGeocoder
    assert type(geocoder.default_geocoder()) is geocoder.LiveGeocoder
    monkeypatch.delenv(geocoder.LIVE_ENV)
    assert geocoder.live_enabled(True) is True and type(geocoder.default_geocoder(True)) is geocoder.LiveGeocoder
    assert type(geocoder.default_geocoder()) is geocoder.GazetteerGeocoder


def test_cache_file_is_sorted_utf8_json_in_new_folders(tmp_path):
    path = tmp_path / "a" / "b" / "cache.json"
    cache = geocoder.JsonCache(path)
    cache.put("Hà Nội", {"lat": 21.0})
    cache.put("Ba Đình", [1, 2])
    text = path.read_bytes().decode("utf-8")
    assert text == json.dumps({"Ba Đình": [1, 2], "Hà Nội": {"lat": 21.0}}, ensure_ascii=False, sort_keys=True)
    assert geocoder.JsonCache(path).get("Hà Nội") == {"lat": 21.0}
    assert sorted(p.name for p in path.parent.iterdir()) == ["cache.json"]  # the temporary file was renamed


def test_no_reverse_geocoding_offline():
    with pytest.raises(NotImplementedError, match="^the embedded gazetteer does not reverse-geocode$"):
        geocoder.GazetteerGeocoder().reverse("21.0, 105.8")
