"""The export writers' details a reader of the files meets: plain values, flat columns, money per kind, the GeoPackage's tables,
the zip's entries, file names and errors (layers/export.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import numpy as np
import pyogrio
import pytest
from shapely.geometry import LinearRing, LineString, Point

from layers import codebook, export
from layers.filters import View
from seeds.flows import LABELS

OTHER_DAY = dt.date(2024, 2, 29)  # not today, so a download that ignores the day it is given shows it


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def by_id(features, fid: str):
    return features[features["id"] == fid]


def test_plain_values():
    assert export._plain(None) is None and export._plain(float("nan")) is None and export._plain(1.5) == 1.5
    value = export._plain(np.int64(3))
    assert value == 3 and type(value) is int
    assert export._plain(np.array([1, 2])) == [1, 2] and type(export._plain(np.array([1, 2]))) is list
    assert export._plain("ab") == "ab" and export._plain({"a": 1}) == {"a": 1}


def test_numpy_and_missing_values_become_json_values(features):
    frame = features.head(3).copy()
    frame["partners"] = [np.array(["JPN"]), np.array(["CHN", "USA"]), np.array([], dtype=str)]
    frame["date_end"] = [None, float("nan"), "2024-01-02"]
    frame["precision"] = [2.0, float("nan"), 4.0]
    props = [f["properties"] for f in export.feature_collection(frame)["features"]]
    assert [p["partners"] for p in props] == [["JPN"], ["CHN", "USA"], []] and all(type(p["partners"]) is list for p in props)
    assert [p["date_end"] for p in props] == [None, None, "2024-01-02"]
    assert [p["precision"] for p in props] == [2.0, None, 4.0]


def test_feature_collection_is_rfc7946_with_its_codebook(features):
    collection = export.feature_collection(features.head(2))
    assert collection["type"] == "FeatureCollection" and collection["codebook"] == export.geojson_codebook()
    # The codebook lists the properties in the order every feature writes them.
    assert [f["name"] for f in collection["codebook"]["fields"]] == export.PROPERTIES == list(collection["features"][0]["properties"])
    assert [f["description"] for f in collection["codebook"]["fields"]] == [codebook.GEOJSON[n][1] for n in export.PROPERTIES]


def test_csv_cells():
    assert export._cell(1000.0) == 1000 and type(export._cell(1000.0)) is int  # a whole amount loses its ".0"
    big = float(2**53)  # beyond it a float no longer holds every whole number: written as the float it is
    assert type(export._cell(big)) is float and type(export._cell(big - 1)) is int
    assert type(export._cell(5)) is int and export._cell(2.5) == 2.5
    assert export._cell(True) == "True" and export._cell(None) == "" and export._cell(float("nan")) == ""
    assert export._cell(["JPN", "USA"]) == "JPN;USA" and export._cell(np.int64(7)) == 7


def test_anchor_is_a_rounded_point_inside_the_geometry():
    assert export._anchor(Point(105.123456789, 21.987654321)) == (105.123457, 21.987654)
    assert export._anchor(None) == (None, None) and export._anchor(Point()) == (None, None)
    line = LineString([(100, 10), (102, 10)])
    lon, lat = export._anchor(line)
    assert line.distance(Point(lon, lat)) < 1e-6 and lat == 10


def test_flat_csv_columns_of_a_feature(features):
    rows = {r["id"]: r for r in read_csv(export.csv_bytes(features))}
    metro = by_id(features, "hcmc-metro-line-1").iloc[0]
    row = rows["hcmc-metro-line-1"]
    for name in ("date_start", "date_precision", "date_text", "precision_label", "location_reach", "geocoder", "note"):
        assert row[name] == str(metro[name]), name
    assert row["precision"] == "2" and row["date_end"] == "" and row["placement"] == ""
    assert row["places"] == "; ".join(metro["places"]) and row["places"].startswith("Ben Thanh Station; Opera House Station")
    assert row["finance_instrument"] and row["investment_instrument"] == ""
    agreements = by_id(features, "cn-vn-cooperation-agreements-2023").iloc[0]
    assert rows[agreements["id"]]["figures"] == "; ".join(f"{f['value']} {f['label']}" for f in agreements["figures"])
    assert rows[agreements["id"]]["figures"].startswith("4 agreements on politics and diplomacy; 4 ")
    assert row["figures"] == ""
    for fid, r in rows.items():
        geometry = by_id(features, fid).geometry.iloc[0]
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        assert (float(r["lon"]), float(r["lat"])) == (round(point.x, 6), round(point.y, 6)), fid


def test_flat_csv_of_a_feature_without_sources_or_geometry(features):
    frame = features.head(2).copy()
    frame["sources"] = [[], frame["sources"].iloc[1]]
    frame.loc[frame.index[0], "geometry"] = None
    first, second = read_csv(export.csv_bytes(frame))
    assert (first["source_article"], first["source_label"], first["source_quote"], first["sources_count"]) == ("", "", "", "0")
    assert (first["lon"], first["lat"], first["geometry"]) == ("", "", "")
    assert second["source_label"] and second["sources_count"] == str(len(frame["sources"].iloc[1]))


def test_money_by_kind_never_mixes_currencies_or_unconverted_dates():
    items = [
        {"flow": "finance", "amount": 100, "currency": "JPY", "amount_usd": 0.7, "fx_date": "2024-01-02", "instrument": "ODA loan"},
        {"flow": "finance", "amount": 5, "currency": "USD", "amount_usd": 5.0, "fx_date": "2024-01-02", "instrument": "grant"},
        {"flow": "finance", "amount": 9, "currency": "USD", "amount_usd": None, "fx_date": "2024-03-04", "instrument": "grant"},
    ]
    cols = export.money_by_kind(items)
    assert (cols["finance_items"], cols["finance_amount"], cols["finance_currency"]) == (3, None, "mixed")
    assert cols["finance_fx_date"] == "2024-01-02"  # the unconverted amount's date is no rate's date
    assert cols["finance_instrument"] == "ODA loan; grant"  # each instrument once, in order
    assert (cols["investment_items"], cols["investment_currency"], cols["investment_instrument"]) == (0, None, None)


def test_amounts_csv_columns(features):
    rows = read_csv(export.amounts_csv_bytes(features))
    metro = next(r for r in rows if r["feature_id"] == "hcmc-metro-line-1")
    assert (metro["amount"], metro["currency"], metro["flow"], metro["flow_label"]) == ("42300000000", "JPY", "finance", LABELS["finance"])
    assert metro["fx_date"] == "2023-12-15" and metro["instrument"] and metro["text"]
    assert all(r["flow_label"] == LABELS[r["flow"]] for r in rows)


def test_gpkg_tables_amounts_codebook_and_money_types(features, tmp_path):
    frame = features.iloc[::-1].copy()  # a view's index is not 0..n-1: money columns must follow their own rows
    metro = frame.index[frame["id"] == "hcmc-metro-line-1"][0]
    frame.at[metro, "partners"] = ["JPN", "USA"]
    path = tmp_path / "view.gpkg"
    path.write_bytes(export.gpkg_bytes(frame))
    lines = pyogrio.read_dataframe(path, layer="lines").set_index("id")
    assert lines.loc["hcmc-metro-line-1", "finance_usd"] == pytest.approx(298_431_066.71)
    assert lines.loc["hcmc-metro-line-1", "finance_amount"] == 42_300_000_000 and lines["finance_items"].sum() >= 1
    info = pyogrio.read_info(path, layer="points")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert all(types[f"{flow}_{suffix}"] == "float64" for flow in ("finance", "investment", "indicator") for suffix in ("amount", "usd"))
    quotes = "".join(lines["sources"])
    assert "\\u" not in quotes and any(ord(c) > 127 for c in quotes)  # JSON text keeps non-ASCII as itself
    amounts = pyogrio.read_dataframe(path, layer="amounts")
    assert list(amounts.columns) == list(codebook.AMOUNTS) and len(amounts) == sum(len(f) for f in frame["funding"])
    row = amounts[amounts["feature_id"] == "hcmc-metro-line-1"].iloc[0]
    assert (row["partners"], row["currency"], row["amount"]) == ("JPN;USA", "JPY", 42_300_000_000)
    book = pyogrio.read_dataframe(path, layer="codebook")
    assert list(book.columns) == ["layer", "field", "type", "description"]
    assert set(book["layer"]) == {"points, lines, polygons", "amounts"}
    assert set(book.loc[book["layer"] == "amounts", "field"]) == set(codebook.AMOUNTS)
    assert dict(zip(book["field"], book["type"], strict=True))["finance_usd"] == "number"


def test_flat_frame_of_an_empty_view_has_every_column(features):
    flat = export.flat_frame(features.head(0))
    assert list(flat.columns) == export.PROPERTIES + list(codebook.money_fields()) + ["geometry"]


def test_gpkg_names_every_geometry_type_it_cannot_write(features):
    frame = features.head(2).copy()
    frame.loc[frame.index[0], "geometry"] = Point(1, 1).buffer(1).boundary.union(Point(5, 5))  # a GeometryCollection
    frame.loc[frame.index[1], "geometry"] = LinearRing([(0, 0), (1, 0), (1, 1)])
    with pytest.raises(ValueError, match=r"^cannot write geometry types GeometryCollection, LinearRing to the GeoPackage's layers$"):
        export.gpkg_bytes(frame)


def test_zip_entries_have_a_fixed_time_and_a_readable_datapackage(features):
    archive = zipfile.ZipFile(io.BytesIO(export.zip_bytes(features.head(2), "x")))
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # same view, same bytes, any day
    assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    text = archive.read("datapackage.json").decode("utf-8")
    assert "–" in text and "\\u2013" not in text  # written as itself
    assert re.match(r'\{\n +"profile": ', text)  # indented, one key a line: readable in any editor
    assert json.loads(text) == codebook.datapackage("x.csv", "x_amounts.csv")


def test_export_bytes_dispatches_and_names_bad_formats(features):
    few = features.head(2)
    assert export.export_bytes(few) == export.geojson_bytes(few)
    assert export.export_bytes(few, "csv") == export.csv_bytes(few)
    assert export.export_bytes(few, "amounts-csv") == export.amounts_csv_bytes(few)
    for call in (lambda: export.export_bytes(few, "kml"), lambda: export.file_name(None, "kml")):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == "unknown format 'kml'; valid: geojson, gpkg, csv, amounts-csv, zip"


def test_download_is_named_for_the_day_it_is_given(features):
    data, name, media = export.download(features.head(1), View(partners=("JPN",)), today=OTHER_DAY)
    assert name == "vn-diplomacy_JPN_2024-02-29.geojson" and media == "application/geo+json" and data == export.geojson_bytes(features.head(1))


def test_file_name_parts():
    assert export.file_name(View(categories=("metro", "rail")), today=OTHER_DAY) == "vn-diplomacy_metro-rail_2024-02-29.geojson"
    assert export.file_name(View(search="!!!"), "csv", OTHER_DAY) == "vn-diplomacy_all_2024-02-29.csv"  # nothing to name
    assert export.file_name(View(search="Xuan Loc"), "csv", OTHER_DAY) == "vn-diplomacy_search-Xuan-Loc_2024-02-29.csv"
    long = export.file_name(View(search="a" * 50), "csv", OTHER_DAY)
    assert long == f"vn-diplomacy_search-{'a' * 40}_2024-02-29.csv"


def test_money_columns_are_real_numbers_even_in_a_one_feature_view(features, tmp_path):
    one = by_id(features, "hcmc-metro-line-1")  # a whole yen amount and no investment: still Real columns, not Integer or text
    flat = export.flat_frame(one)
    money = [f"{flow}_{suffix}" for flow in ("finance", "investment", "indicator") for suffix in ("amount", "usd")]
    assert {str(flat[name].dtype) for name in money} == {"float64"}
    path = tmp_path / "one.gpkg"
    path.write_bytes(export.gpkg_bytes(one))
    info = pyogrio.read_info(path, layer="lines")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert {types[name] for name in money} == {"float64"}
