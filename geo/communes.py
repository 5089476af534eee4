"""Vietnam's communes, wards and townships (xã, phường, thị trấn): some 10,000 units of the 63-province structure and
3,321 of the 2025 structure, from the `vietnamadminunits` package (the GSO unit list, a point per unit from the
Google Geocoding API; MIT).

They are not in the name index: thousands of them are named after people and virtues ("Quang Trung", "Tân Thành"),
so a name is only looked up when the text calls it a commune or ward, and a name shared by several units is
resolved by the district or province the text names beside it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from importlib.resources import files

import pyproj
from shapely.geometry import Point

from geo.gazetteer import Place, fold

GEOD = pyproj.Geod(ellps="WGS84")
SAME_UNIT_KM = 10  # one commune in both structures, or a ward and its renamed successor: points this close are one place


@dataclass(frozen=True)
class Commune:
    name: str
    kind: str  # Xã, Phường, Thị trấn
    district: str | None  # None in the 2025 structure, which has no districts
    province: str
    lat: float
    lon: float
    code: str
    structure: str  # "63-province" or "2025"


@lru_cache(maxsize=1)
def _units() -> dict[str, list[Commune]]:
    db = sqlite3.connect(f"file:{files('vietnamadminunits') / 'data' / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = db.execute("SELECT wardShort, wardType, districtShort, provinceShort, wardLat, wardLon, wardCode FROM admin_units_legacy").fetchall()
        recent = db.execute("SELECT wardShort, wardType, NULL, provinceShort, wardLat, wardLon, wardCode FROM admin_units").fetchall()
    finally:
        db.close()
    out: dict[str, list[Commune]] = {}
    for rows, structure in ((legacy, "63-province"), (recent, "2025")):
        for name, kind, district, province, lat, lon, code in rows:
            if name and lat is not None and not any(c.isdigit() for c in name):  # "Phường 5": a number, not a name
                out.setdefault(fold(name), []).append(Commune(name, kind, district, province, lat, lon, code, structure))
    return out


def _km(a: Commune, b: Commune) -> float:
    return GEOD.inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000


def find_commune(name: str, context: str, districts: bool = True) -> Place | None:
    """The commune or ward `name` means where `context` (its sentence) names its district or province (without
    `districts`, for a whole article, its province only); None when the name is no unit's, or several units of that
    name stay apart."""
    units = _units().get(fold(name), [])
    words = re.findall(r"[^\W\d_]+", context)
    named_here = {fold(" ".join(words[i : i + n])) for n in (1, 2, 3, 4) for i in range(len(words) - n + 1)}  # whole names only
    for named in (lambda u: districts and u.district and fold(u.district) in named_here, lambda u: fold(u.province) in named_here, lambda u: True):
        chosen = [u for u in units if named(u)]
        if chosen:
            break
    else:
        return None
    if any(_km(chosen[0], u) > SAME_UNIT_KM for u in chosen[1:]):
        return None
    unit = chosen[0]
    where = f"{unit.district}, {unit.province}" if unit.district else unit.province
    return Place(
        key=f"commune:{unit.structure}:{unit.code}",
        name=unit.name,
        country="VN",
        feature_class="A.ADM4",
        geometry=Point(unit.lon, unit.lat),
        source=f"vietnamadminunits {metadata.version('vietnamadminunits')}: GSO unit {unit.code} ({unit.kind} of {where}, "
        f"{unit.structure} structure), point from the Google Geocoding API",
        gazetteer="vietnamadminunits",
        precision=3,
        note=f"{unit.kind} {unit.name}, {where}",
        licence="MIT",
    )
