"""Exports ready to use: flat and long CSVs with money per kind, a typed GeoPackage layer per geometry, named files, a codebook."""

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon

from layers import codebook, export
from layers.cli import main
from layers.filters import View, select
from seeds import load_articles
from seeds.flows import FLOWS

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 23)


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def article_texts():
    return {k: a.text for k, a in load_articles().items()}


def test_flat_csv_has_money_per_kind_as_numbers(features):
    rows = {r["id"]: r for r in read_csv(export.csv_bytes(features))}
    assert len(rows) == len(features)
    metro, trade, fdi = rows["hcmc-metro-line-1"], rows["cn-vn-trade-2024"], rows["cn-fdi-vietnam-2024"]
    assert (metro["finance_amount"], metro["finance_currency"], metro["finance_fx_date"]) == ("42300000000", "JPY", "2023-12-15")
    assert float(metro["finance_usd"]) == pytest.approx(298_431_066.71) and metro["partners"] == "JPN"
    assert float(trade["indicator_usd"]) == 112_200_000_000 and trade["finance_usd"] == "" and trade["investment_usd"] == ""
    assert float(fdi["investment_usd"]) == 1_524_000_000 and fdi["indicator_usd"] == ""
    # a spreadsheet's column sum adds one kind: China's trade does not swell development finance
    finance = sum(float(r["finance_usd"]) for r in rows.values() if r["finance_usd"])
    assert finance == pytest.approx(298_431_066.71)
    assert rows["kunming-haiphong-railway"]["finance_items"] == "1" and rows["kunming-haiphong-railway"]["finance_amount"] == ""


def test_flat_csv_carries_the_first_quote_at_its_offsets(features, article_texts):
    for row in read_csv(export.csv_bytes(features)):
        text = article_texts[row["source_article"]]
        assert text[int(row["source_start"]) : int(row["source_end"])] == row["source_quote"]
        assert row["source_label"] and int(row["sources_count"]) >= 1


def test_amounts_csv_has_one_row_per_amount(features, article_texts):
    rows = read_csv(export.amounts_csv_bytes(features))
    assert len(rows) == sum(len(f) for f in features["funding"])
    assert {r["flow"] for r in rows} <= set(FLOWS)
    trade = next(r for r in rows if r["feature_id"] == "cn-vn-trade-2024")
    assert (trade["flow"], trade["period"], trade["date_start"], trade["date_end"]) == ("indicator", "Jan–Jul 2024", "2024-01", "2024-07")
    for r in rows:
        assert article_texts[r["article"]][int(r["quote_start"]) : int(r["quote_end"])] == r["quote"]
        assert r["text"] in r["quote"]


def check_types(rows: list[dict], schema: dict) -> None:
    """Every value parses as its Table Schema type says."""
    parse = {"integer": int, "number": float, "date": dt.date.fromisoformat, "string": str}
    for field in schema["fields"]:
        for row in rows:
            if row[field["name"]] != "":
                parse[field["type"]](row[field["name"]])


def test_zip_holds_both_csvs_and_their_datapackage(features):
    view = View(partners=("CHN",))
    data, name, media = export.download(select(features, view), view, "zip", today=DAY)
    assert name == "vn-diplomacy_CHN_2026-11-23.zip" and media == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["datapackage.json", "vn-diplomacy_CHN_2026-11-23.csv", "vn-diplomacy_CHN_2026-11-23_amounts.csv"]
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        rows = read_csv(archive.read(resource["path"]))
        header = next(csv.reader(io.StringIO(archive.read(resource["path"]).decode())))
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] for f in resource["schema"]["fields"])
        check_types(rows, resource["schema"])
    assert export.download(select(features, view), view, "zip", today=DAY)[0] == data  # deterministic


def test_gpkg_has_a_typed_layer_per_geometry(features, tmp_path):
    path = tmp_path / "all.gpkg"
    path.write_bytes(export.gpkg_bytes(features))
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    # The seas are MultiPolygons since they were clipped to water: the layer takes that type.
    assert layers == {"points": "Point", "lines": "LineString", "polygons": "MultiPolygon", "amounts": None, "codebook": None}
    counts = {name: pyogrio.read_info(path, layer=name)["features"] for name in ("points", "lines", "polygons")}
    assert sum(counts.values()) == len(features)
    layer_of = {"Point": "points", "LineString": "lines", "Polygon": "polygons", "MultiPolygon": "polygons"}
    assert counts == features.geometry.geom_type.map(layer_of).value_counts().to_dict()
    lines = gpd.read_file(path, layer="lines")
    metro = lines.set_index("id").loc["hcmc-metro-line-1"]
    assert metro["finance_usd"] == pytest.approx(298_431_066.71) and metro["finance_currency"] == "JPY"
    assert json.loads(metro["funding"])[0]["flow"] == "finance"
    book = gpd.read_file(path, layer="codebook")
    assert {"finance_usd", "funding", "flow", "quote_start"} <= set(book["field"]) and book["description"].str.len().min() > 0


# Under CI (which installs gdal-bin) a missing ogrinfo fails the test instead of skipping it.
@pytest.mark.skipif(not shutil.which("ogrinfo") and os.environ.get("CI") != "true", reason="GDAL's ogrinfo (Debian gdal-bin) is not installed")
def test_ogrinfo_names_every_layer_type(features, tmp_path):
    path = tmp_path / "all.gpkg"
    path.write_bytes(export.gpkg_bytes(features))
    listing = subprocess.run(["ogrinfo", "-ro", "-q", str(path)], capture_output=True, text=True, check=True).stdout
    types = dict(re.findall(r"^\d+: (\w+) \(([^)]+)\)", listing, re.M))
    assert types == {"points": "Point", "lines": "Line String", "polygons": "Multi Polygon", "amounts": "None", "codebook": "None"}
    assert "Unknown" not in listing


def test_gpkg_promotes_a_layer_that_mixes_single_and_multi(features, tmp_path):
    frame = features[features.geometry.geom_type.isin(["Polygon", "MultiPolygon"])].head(2).copy()
    square = Polygon([(100, 10), (101, 10), (101, 11), (100, 11)])
    frame.loc[frame.index[0], "geometry"] = square
    frame.loc[frame.index[1], "geometry"] = MultiPolygon([square, Polygon([(102, 10), (103, 10), (103, 11)])])
    path = tmp_path / "mixed.gpkg"
    path.write_bytes(export.gpkg_bytes(frame))
    assert dict(pyogrio.list_layers(path))["polygons"] == "MultiPolygon"


def test_gpkg_refuses_a_geometry_it_cannot_type(features):
    frame = features.head(1).copy()
    frame.loc[frame.index[0], "geometry"] = Point(1, 1).buffer(1).boundary.union(Point(5, 5))  # a GeometryCollection
    with pytest.raises(ValueError, match="GeometryCollection"):
        export.gpkg_bytes(frame)


def test_file_names_carry_the_filter():
    assert export.file_name(View(partners=("JPN",), categories=("metro",)), "geojson", DAY) == "vn-diplomacy_JPN_metro_2026-11-23.geojson"
    assert export.file_name(View(), "gpkg", DAY) == "vn-diplomacy_all_2026-11-23.gpkg"
    assert export.file_name(None, "amounts-csv", DAY) == "vn-diplomacy_all_2026-11-23_amounts.csv"
    view = View(partners=("CHN", "USA"), kinds=("visit",), reported_from=dt.date(2023, 12, 1), reported_to=dt.date(2023, 12, 31), search="../x y")
    assert export.file_name(view, "csv", DAY) == "vn-diplomacy_CHN-USA_visit_from-2023-12-01_to-2023-12-31_search-x-y_2026-11-23.csv"


def test_cli_writes_the_filtered_name_into_a_folder(features, tmp_path):
    assert main(["export", "--out", f"{tmp_path}/", "--partner", "JPN", "--category", "metro"]) == 0
    (written,) = tmp_path.iterdir()
    assert written.name == export.file_name(View(partners=("JPN",), categories=("metro",)), "geojson")
    assert written.read_bytes() == export.geojson_bytes(select(features, View(partners=("JPN",), categories=("metro",))))


def test_geojson_carries_its_codebook(features):
    data = json.loads(export.geojson_bytes(features))
    fields = {f["name"]: f for f in data["codebook"]["fields"]}
    assert set(fields) == set(data["features"][0]["properties"])
    assert all(f["description"] for f in fields.values()), [n for n, f in fields.items() if not f["description"]]


def test_readme_documents_every_field():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Export") :]
    for fields in (codebook.GEOJSON, codebook.FLAT, codebook.AMOUNTS):
        for name in fields:
            if not re.match(r"(finance|investment|indicator)_", name):
                assert f"`{name}`" in section, name
    for suffix in codebook.MONEY_COLUMNS:
        assert f"`<kind>_{suffix}`" in section, suffix


def test_schema_requires_a_kind_for_every_amount(features):
    import jsonschema

    schema = json.loads((ROOT / "layers" / "export.schema.json").read_text())
    data = json.loads(export.geojson_bytes(features))
    jsonschema.validate(data, schema)
    metro = next(f for f in data["features"] if f["id"] == "hcmc-metro-line-1")
    metro["properties"]["funding"][0]["flow"] = "trade"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_an_empty_view_still_exports_typed_files(features, tmp_path):
    empty = select(features, View(partners=()))
    path = tmp_path / "empty.gpkg"
    path.write_bytes(export.gpkg_bytes(empty))
    assert dict(pyogrio.list_layers(path)) == {"points": "Point", "amounts": None, "codebook": None}
    assert read_csv(export.csv_bytes(empty)) == [] and read_csv(export.amounts_csv_bytes(empty)) == []
