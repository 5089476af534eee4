"""Partner layers, filters and the export: round trips, schema, determinism, the CLI."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import jsonschema
import pandas as pd
import pyogrio
import pytest
import shapely.wkt

from layers import export
from layers.cli import main
from layers.features import load_features, partner_layers
from layers.filters import View, select

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "layers" / "export.schema.json").read_text())


def test_two_partner_feature_is_in_both_layers(features):
    layers = partner_layers(features)
    assert set(layers) == {"CHN", "JPN", "USA", "LAO", "KHM", "NONE"}  # NONE: the port of Haiphong (China's aid is for the railway)
    for code in ("CHN", "USA"):
        assert "south-china-sea" in set(layers[code]["id"]) and "xi-biden-summit-san-francisco-2023" in set(layers[code]["id"])
    assert "south-china-sea" not in set(layers["JPN"]["id"])
    assert sum(len(v) for v in layers.values()) > len(features)


def test_filters(features):
    japan = select(features, View(partners=("JPN",)))
    assert set(japan["id"]) >= {"hcmc-metro-line-1", "block-b-o-mon-gas", "chinh-visit-japan-2023"}
    assert all("JPN" in p for p in japan["partners"])
    assert len(select(features, View(partners=()))) == 0
    rail = select(features, View(categories=("rail", "metro")))
    assert set(rail["id"]) == {"hcmc-metro-line-1", "kunming-haiphong-railway", "north-south-high-speed-railway"}
    visits = select(features, View(kinds=("visit",), partners=("CHN",)))
    assert set(visits["kind"]) == {"visit"} and len(visits) == 3
    assert list(select(features, View(search="ha noi"))["id"]) == list(select(features, View(search="Hanoi"))["id"])
    assert "haiphong-port" in set(select(features, View(search="haiphong"))["id"])
    # Reported in August 2024: only features cited by article 004.
    aug = select(features, View(reported_from=dt.date(2024, 8, 1), reported_to=dt.date(2024, 8, 31)))
    assert len(aug) and all("004_567e9b113fdb83e0" in a for a in aug["articles"])


def test_geojson_is_valid_against_the_schema(features):
    data = json.loads(export.geojson_bytes(features))
    jsonschema.validate(data, SCHEMA)
    assert len(data["features"]) == len(features)


def test_schema_rejects_a_feature_without_sources(features):
    data = json.loads(export.geojson_bytes(features))
    data["features"][0]["properties"]["sources"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_properties_carry_the_evidence(features):
    data = json.loads(export.geojson_bytes(features))
    metro = next(f for f in data["features"] if f["id"] == "hcmc-metro-line-1")["properties"]
    (funding,) = metro["funding"]
    assert (funding["amount"], funding["currency"], funding["fx_date"]) == (42300000000, "JPY", "2023-12-15")
    assert funding["quote"] in (ROOT / "seeds" / f"{funding['article']}.txt").read_text()
    for src in metro["sources"]:
        text = (ROOT / "seeds" / f"{src['article']}.txt").read_text()
        assert text[src["start"] : src["end"]] == src["quote"]
    assert metro["partners"] == ["JPN"] and metro["partner_names"] == ["Japan"]


def test_deterministic_bytes(features):
    again = load_features()
    assert export.geojson_bytes(features) == export.geojson_bytes(again)
    assert export.csv_bytes(features) == export.csv_bytes(again)


def comparable(frame):
    return {r["id"]: (r["name"], r["precision"], r["geometry"].wkt) for _, r in frame.iterrows()}


def test_geojson_round_trip(features, tmp_path):
    path = tmp_path / "all.geojson"
    path.write_bytes(export.geojson_bytes(features))
    back = gpd.read_file(path)
    assert comparable(back) == comparable(features)
    assert back.crs.to_epsg() == 4326
    row = back.set_index("id").loc["cn-vn-trade-2024"]
    assert list(row["partners"]) == ["CHN"] and row["funding"][0]["amount"] == 112200000000


def test_geopackage_round_trip(features, tmp_path):
    path = tmp_path / "all.gpkg"
    path.write_bytes(export.gpkg_bytes(features))
    assert [name for name, _ in pyogrio.list_layers(path)][:3] == ["points", "lines", "polygons"]
    back = pd.concat([gpd.read_file(path, layer=layer, engine="pyogrio") for layer in ("points", "lines", "polygons")])
    assert comparable(back) == comparable(features)
    row = back.set_index("id").loc["hcmc-metro-line-1"]
    assert json.loads(row["funding"])[0]["currency"] == "JPY"
    assert json.loads(row["sources"]) == features.set_index("id").loc["hcmc-metro-line-1", "sources"]


def test_csv_has_wkt_and_codes(features):
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(features).decode())))
    assert len(rows) == len(features)
    scs = next(r for r in rows if r["id"] == "south-china-sea")
    assert shapely.wkt.loads(scs["geometry"]).geom_type == "MultiPolygon"
    assert scs["partners"] == "CHN;USA"


def test_cli_export_equals_library_export(features, tmp_path, capsys):
    out = tmp_path / "japan.geojson"
    assert main(["export", "--out", str(out), "--partner", "Japan"]) == 0
    assert out.read_bytes() == export.geojson_bytes(select(features, View(partners=("JPN",))))
    assert main(["export", "--out", str(tmp_path / "rail.gpkg"), "--category", "rail", "--partner", "CHN"]) == 0
    assert list(gpd.read_file(tmp_path / "rail.gpkg", layer="lines")["id"]) == ["kunming-haiphong-railway"]


def test_cli_unknown_partner_lists_valid_ones(capsys):
    assert main(["export", "--out", "-", "--partner", "Narnia"]) == 2
    err = capsys.readouterr().err
    assert "unknown partner 'Narnia'" in err and "JPN (Japan)" in err and "USA (United States)" in err


def test_cli_unknown_category(capsys):
    assert main(["export", "--out", "-", "--category", "spaceport"]) == 2
    assert "valid: " in capsys.readouterr().err


def test_cli_bad_catalog_exits_nonzero(tmp_path, capsys):
    bad = tmp_path / "catalog.yaml"
    bad.write_text("entries:\n  - id: x\n")
    assert main(["export", "--out", str(tmp_path / "x.geojson"), "--catalog", str(bad)]) == 2
    assert "entry 'x'" in capsys.readouterr().err


def test_python_dash_m_layers(tmp_path):
    out = tmp_path / "usa.geojson"
    done = subprocess.run([sys.executable, "-m", "layers", "export", "--out", str(out), "--partner", "USA"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ids = [f["id"] for f in json.loads(out.read_text())["features"]]
    assert "biden-visit-hanoi-2023" in ids and "hcmc-metro-line-1" not in ids


def test_prebuilt_geoparquet_round_trip(features, tmp_path):
    from layers.features import read_prebuilt, write_prebuilt

    back = read_prebuilt(write_prebuilt(features, tmp_path / "features.parquet"))
    assert list(back.columns) == list(features.columns)
    assert back.geometry.equals(features.geometry)
    for column in ("funding", "sources", "partners", "layers", "places"):
        assert back[column].tolist() == features[column].tolist()


def test_prebuilt_must_be_features_geoparquet(features, tmp_path):
    import pytest

    from layers.features import PrebuiltError, read_prebuilt

    pickled = tmp_path / "features.pkl"
    features.to_pickle(pickled)  # unpickling runs code: a pickle is refused, never read
    plain = tmp_path / "plain.parquet"
    features[["id", "geometry"]].to_parquet(plain)
    for path, message in [(pickled, "not a GeoParquet file"), (plain, "missing columns"), (tmp_path / "none.parquet", "no such file")]:
        with pytest.raises(PrebuiltError, match=message):
            read_prebuilt(path)


def _published(features):
    return sorted({s["published"] for srcs in features["sources"] for s in srcs})


def test_date_bounds_are_inclusive(features):
    """An article published on the day a range starts or ends is in the range."""
    dates = _published(features)
    assert len(dates) >= 3
    for day in dates:
        on = dt.date.fromisoformat(day)
        cited = {i for i, srcs in zip(features["id"], features["sources"], strict=True) if any(s["published"] == day for s in srcs)}
        assert cited
        assert cited <= set(select(features, View(reported_to=on))["id"]), f"reported_to={day} drops its own articles"
        assert cited <= set(select(features, View(reported_from=on))["id"]), f"reported_from={day} drops its own articles"
        assert set(select(features, View(reported_from=on, reported_to=on))["id"]) == cited


def test_date_bounds_exclude_the_day_outside(features):
    """A range ending the day before (or starting the day after) an article's date leaves out what only that day's articles support."""
    checked = 0
    for day in _published(features):
        on = dt.date.fromisoformat(day)
        only = {i for i, srcs in zip(features["id"], features["sources"], strict=True) if {s["published"] for s in srcs} == {day}}
        if not only:
            continue
        checked += 1
        assert not only & set(select(features, View(reported_to=on - dt.timedelta(days=1)))["id"])
        assert not only & set(select(features, View(reported_from=on + dt.timedelta(days=1)))["id"])
    assert checked >= 2
