"""geopy geocoders: the offline gazetteer, and an opt-in live Nominatim that falls back to it.

Both are `geopy.geocoders.base.Geocoder` subclasses, so they plug into the
ecosystem unchanged, e.g. ``geopandas.tools.geocode(names, provider=GazetteerGeocoder)``.
The live geocoder is off unless asked for (``VNMAP_LIVE_GEOCODER=1`` or the
CLI's ``--live-geocoder``); it is rate-limited to one request a second by
geopy's RateLimiter, cached on disk, bounded in total time, and on any failure
it warns and answers from the gazetteer.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from shapely.geometry import mapping

from geo.gazetteer import Gazetteer, Resolution, UnknownPlace, default_gazetteer
from geo.precision import place_precision

log = logging.getLogger(__name__)
LIVE_ENV = "VNMAP_LIVE_GEOCODER"
CACHE_ENV = "VNMAP_GEOCODER_CACHE"
DEFAULT_CACHE = Path.home() / ".cache" / "vnmap" / "nominatim.json"
USER_AGENT = "vn-diplomacy-map/0.1 (offline-first news map)"


class GeocoderFallbackWarning(UserWarning):
    """The live geocoder failed; the answer came from the embedded gazetteer."""


def _location(resolution: Resolution, reach: str = "site") -> Location:
    place = resolution.place
    raw = {
        "gazetteer": place.gazetteer,
        "id": place.key,
        "geonames_id": place.geonames_id,
        "feature_class": place.feature_class,
        "country": place.country,
        "precision": place_precision(place, reach),
        "method": "gazetteer",
        "source": place.source,
        "geometry": mapping(place.geometry),
        "candidates": [c.key for c in resolution.candidates],
        "choice": resolution.reason,
    }
    address = f"{place.name}, {place.country}" if place.country else place.name
    return Location(address, (place.point.y, place.point.x), raw)


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the embedded gazetteer (no network, ever).

    ``geocode(query, exactly_one=True, country_codes=..., near=...)`` returns a
    geopy Location whose ``raw`` holds the gazetteer, its id, the feature
    class and the precision code, or None for an unknown name (logged with
    close suggestions, as geopy geocoders answer "not found").

    Examples
    --------
    >>> loc = GazetteerGeocoder().geocode("Hà Nội")
    >>> loc.raw["geonames_id"], round(loc.latitude, 2), round(loc.longitude, 2)
    (1581130, 21.02, 105.84)
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or default_gazetteer()

    def geocode(self, query, *, exactly_one=True, country_codes=(), near=(), reach="site", **_ignored):
        try:
            resolution = self.gazetteer.resolve(str(query), tuple(country_codes or ()), tuple(near or ()))
        except UnknownPlace as exc:
            log.warning("%s", exc)
            return None
        if exactly_one:
            return _location(resolution, reach)
        return [_location(Resolution(resolution.query, c, resolution.candidates, resolution.reason), reach) for c in resolution.candidates]

    def reverse(self, query, *, exactly_one=True, **_ignored):  # pragma: no cover - not offered offline
        raise NotImplementedError("the embedded gazetteer does not reverse-geocode")


class JsonCache:
    """A small persistent query -> result cache; a corrupt file is set aside and rebuilt."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.data: dict = {}
        if self.path.exists():
            try:
                self.data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(self.data, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, UnicodeDecodeError) as exc:
                warnings.warn(f"geocoder cache {self.path} is corrupt ({exc}); starting a new one", GeocoderFallbackWarning, stacklevel=2)
                self.path.replace(self.path.with_suffix(".corrupt"))
                self.data = {}

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        self.data[key] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)


def _within(seconds: float, call):
    """Run `call` in a daemon thread; TimeoutError when it takes longer than `seconds` in all."""
    box: dict = {}

    def run():
        try:
            box["value"] = call()
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")


class LiveGeocoder(Geocoder):
    """Nominatim through geopy's RateLimiter (1 request/s) and a disk cache; falls back to the gazetteer.

    `deadline` bounds the whole live attempt (geopy's own timeout applies per
    try and retries can multiply it). Any failure — no network, a refusal, a
    slow host — gives a GeocoderFallbackWarning and the gazetteer's answer.
    """

    def __init__(
        self,
        live: Geocoder | None = None,
        cache_path: Path | str | None = None,
        deadline: float = 5.0,
        min_delay_seconds: float = 1.0,
        fallback: GazetteerGeocoder | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.live = live or Nominatim(user_agent=USER_AGENT, timeout=3)
        self.limited = RateLimiter(self.live.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False)
        self.cache = JsonCache(cache_path or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)
        self.deadline = deadline
        self.fallback = fallback or GazetteerGeocoder()

    def geocode(self, query, *, exactly_one=True, **kwargs):
        key = str(query).strip()
        cached = self.cache.get(key)
        if cached is not None:
            return Location(cached["address"], (cached["lat"], cached["lon"]), cached["raw"])
        try:
            found = _within(self.deadline, lambda: self.limited(key, exactly_one=True))
        except (GeopyError, TimeoutError, OSError) as exc:
            warnings.warn(
                f"live geocoder failed for {key!r} ({type(exc).__name__}: {exc}); using the embedded gazetteer",
                GeocoderFallbackWarning,
                stacklevel=2,
            )
            return self.fallback.geocode(query, exactly_one=exactly_one, **kwargs)
        if found is None:
            return self.fallback.geocode(query, exactly_one=exactly_one, **kwargs)
        raw = dict(found.raw) if isinstance(found.raw, dict) else {}
        osm = f"osm:{raw.get('osm_type', '?')}/{raw.get('osm_id', '?')}"
        raw = {
            "gazetteer": "nominatim",
            "id": osm,
            "geonames_id": None,
            "feature_class": f"{raw.get('class', '?')}.{raw.get('type', '?')}",
            "precision": 2,
            "method": "live",
            "source": "OpenStreetMap Nominatim (live)",
            "live": raw,
        }
        self.cache.put(key, {"address": found.address, "lat": found.latitude, "lon": found.longitude, "raw": raw})
        location = Location(found.address, (found.latitude, found.longitude), raw)
        return location if exactly_one else [location]


def live_enabled(flag: bool | None = None) -> bool:
    """The CLI flag when given, else the VNMAP_LIVE_GEOCODER environment variable."""
    if flag is not None:
        return flag
    return os.environ.get(LIVE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def default_geocoder(live: bool | None = None) -> Geocoder:
    """The gazetteer geocoder, or the live one with gazetteer fallback when opted in."""
    return LiveGeocoder() if live_enabled(live) else GazetteerGeocoder()
