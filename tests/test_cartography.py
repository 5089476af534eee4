"""Cartographic truth: seas and straits stay at sea (Natural Earth 1:10m land, GeoNames towns), and the fact-check finds what a reader would."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon, shape

import seeds
from geo import land
from geo.gazetteer import default_gazetteer
from ingest import factcheck

ROOT = Path(__file__).resolve().parent.parent
SUPPLEMENT = json.loads(land.SUPPLEMENT.read_text(encoding="utf-8"))["features"]
WATER_ROWS = {r["id"]: r for r in SUPPLEMENT if r["properties"]["feature_class"] in land.WATER_CLASSES}


@pytest.fixture(scope="module")
def catalog():
    return seeds.load_catalog()


@pytest.fixture(scope="module")
def articles():
    return seeds.load_articles()


def water_features(features):
    return features[features["kind"] == "area"]


def test_the_story_has_its_seas(features):
    assert set(water_features(features)["id"]) == {"south-china-sea", "taiwan-strait"}


@pytest.mark.parametrize("feature_id", ["south-china-sea", "taiwan-strait"])
def test_sea_holds_no_town_and_almost_no_land(features, feature_id):
    sea = features.set_index("id").loc[feature_id, "geometry"]
    assert land.towns_inside(sea, min_population=15000) == []
    assert land.land_share(sea) < 0.005


def test_the_old_outlines_fail_the_same_test():
    """The IHO outlines alone (what the map drew before) cover Vietnamese and Taiwanese cities: the test can fail."""
    scs = Polygon(WATER_ROWS["south-china-sea"]["properties"]["outline"])
    strait = Polygon(WATER_ROWS["taiwan-strait"]["properties"]["outline"])
    assert {"Hue", "Da Nang", "Quang Ngai", "Qui Nhon", "Nha Trang", "Phan Thiet", "Baguio"} <= {_ascii(n) for n in land.towns_inside(scs)}
    assert {"Kaohsiung", "Taichung", "Hsinchu"} <= set(land.towns_inside(strait))
    assert land.land_share(scs) > 0.04 and land.land_share(strait) > 0.10


def _ascii(name: str) -> str:
    from anyascii import anyascii

    return anyascii(name)


def test_supplement_geometry_is_what_the_clip_draws():
    for row in WATER_ROWS.values():
        drawn = shape(row["geometry"])
        redrawn = land.clip_to_water(Polygon(row["properties"]["outline"]))
        assert shapely.symmetric_difference(drawn, redrawn).area < 1e-6 * drawn.area, row["id"]


def test_clip_keeps_the_sea_but_not_the_coast():
    # A box straddling Vietnam's coast at Da Nang: the water half stays, the land and the town go.
    box = Polygon([(107.6, 15.6), (109.0, 15.6), (109.0, 16.5), (107.6, 16.5)])
    water = land.clip_to_water(box)
    assert land.land_share(water) < 0.001 and "Da Nang" not in {_ascii(n) for n in land.towns_inside(water)}
    assert 0.3 < water.area / box.area < 0.8


def test_limits_and_simplification_are_stated(features):
    for row in WATER_ROWS.values():
        source = row["properties"]["source"]
        assert "IHO S-23" in source and "Natural Earth 1:10m" in source and "0.015°" in source and "0.02°" in source
    for note in water_features(features)["note"]:
        assert "IHO S-23" in note and "Natural Earth 1:10m" in note and "Douglas–Peucker at 0.015°" in note


def test_land_file_says_where_it_comes_from():
    data = json.loads(land.LAND_FILE.read_text(encoding="utf-8"))
    assert "world-atlas 2.0.2" in data["description"] and "public domain" in data["description"]
    minx, miny, maxx, maxy = land.land().bounds
    west, south, east, north = land.REGION
    assert west <= minx and south <= miny and maxx <= east and maxy <= north
    assert land.land().contains(shapely.Point(105.85, 21.03))  # Hanoi is on land


# --- the fact-check ----------------------------------------------------------------------


def test_check_command_finds_nothing_on_the_seeds():
    done = subprocess.run([sys.executable, "-m", "layers", "check"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and "0 finding(s)" in done.stderr


def _entry(catalog, articles, entry_id, **changes):
    raw = catalog.get(entry_id).model_dump(exclude_none=True, exclude={"evidence": {"__all__": {"start", "end"}}})
    for item in [raw.get("status"), raw.get("when"), *raw.get("funding", []), *raw.get("figures", []), *raw.get("status_history", [])]:
        if item:
            item.pop("source", None)
            item.pop("reported", None)
    for f in raw.get("funding", []):
        for key in ("amount_usd", "fx_rate", "fx_date", "fx_note"):
            f.pop(key, None)
    raw.update(changes)
    return seeds.Entry.model_validate(raw, context={"articles": articles})


def test_area_on_land_is_found(features):
    row = features.set_index("id").loc["south-china-sea"].copy()
    row["id"] = "south-china-sea"
    row["geometry"] = Polygon(WATER_ROWS["south-china-sea"]["properties"]["outline"])
    rules = [f.rule for f in factcheck.area_on_land(row)]
    assert rules == ["area-on-land", "area-on-land"]  # land share and towns


def test_site_at_a_region_is_found(catalog, articles):
    entry = _entry(catalog, articles, "southern-vietnam-power-plant", reach="site")
    assert [f.rule for f in factcheck.site_rules(entry, default_gazetteer())] == ["site-is-region"]  # "southern Vietnam" is named, but a region


def test_site_without_a_named_or_documented_site_is_found(catalog, articles):
    gazetteer = default_gazetteer()
    assert factcheck.site_rules(catalog.get("north-south-high-speed-railway"), gazetteer) == []
    entry = _entry(catalog, articles, "north-south-high-speed-railway", site_source=None)
    assert [f.rule for f in factcheck.site_rules(entry, gazetteer)] == ["site-unnamed"]
    assert factcheck.site_rules(catalog.get("kunming-haiphong-railway"), gazetteer) == []  # "Kunming" stands in its quote


def test_blank_date_in_a_dated_passage_is_found(catalog, articles):
    entry = _entry(catalog, articles, "japanese-scholarship-vietnam", when=None)
    (finding,) = factcheck.undated(entry, articles)
    assert finding.rule == "undated" and "'the 16th'" in finding.message
    assert factcheck.undated(_entry(catalog, articles, "chinh-visit-japan-2023"), articles) == []  # its `undated` reason says why
    assert len(factcheck.undated(_entry(catalog, articles, "chinh-visit-japan-2023", undated=None), articles)) == 1


def test_partner_not_in_own_quote_is_found(catalog, articles):
    gazetteer = default_gazetteer()
    entry = _entry(catalog, articles, "cn-vn-comprehensive-strategic-partnership-2008")
    assert factcheck.partner_unnamed(entry, gazetteer) == []
    # The quote that states the 2008 framework names China only in its second sentence; without it, China is unnamed.
    evidence = [{"article": "004_567e9b113fdb83e0", "quote": entry.evidence[0].quote.split(" In particular")[0]}]
    evidence.append({"article": "004_567e9b113fdb83e0", "quote": "In the coming years, Vietnam-China relations will continue to develop"})
    with pytest.raises(ValueError, match="partner CHN is not named"):
        _entry(catalog, articles, entry.id, evidence=evidence[:1])
    context_only = _entry(catalog, articles, entry.id, evidence=evidence)
    assert [f.rule for f in factcheck.partner_unnamed(context_only, gazetteer)] == ["partner-unnamed"]
