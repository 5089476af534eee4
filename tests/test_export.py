"""The export writers (layers/export.py): the GeoJSON's layout, values made plain, flat formats, dispatch and errors."""

from __future__ import annotations

import csv
import gc
import io
import json

import numpy as np
import pyogrio
import pytest
import shapely.wkt

from layers import export


def test_geojson_layout_is_one_feature_a_line(features):
    data = export.geojson_bytes(features)
    lines = data.split(b"\n")
    assert lines[0] == b'{"type":"FeatureCollection","features":['
    assert lines[-2:] == [b"]}", b""]
    body = lines[1:-2]
    assert len(body) == len(features)
    for line, fid in zip(body[:-1], features["id"], strict=False):
        assert line.endswith(b"},")
        feature = json.loads(line[:-1])
        assert (feature["type"], feature["id"], feature["properties"]["id"]) == ("Feature", fid, fid)
        assert list(feature["properties"]) == export.PROPERTIES
    assert json.loads(body[-1])["id"] == features["id"].iloc[-1]
    assert json.loads(data)["type"] == "FeatureCollection"


def test_geometries_are_the_features_own(features):
    collection = export.feature_collection(features)
    for feature, geometry in zip(collection["features"], features.geometry, strict=True):
        assert shapely.geometry.shape(feature["geometry"]).equals_exact(geometry, 1e-9)
        if geometry.geom_type == "Point":
            assert feature["geometry"] == {"type": "Point", "coordinates": [geometry.x, geometry.y]}
        else:
            json.dumps(feature["geometry"])  # plain lists and floats, no tuples or numpy values
            assert feature["geometry"]["type"] == geometry.geom_type
    assert {f["geometry"]["type"] for f in collection["features"]} >= {"Point", "LineString", "Polygon"}


def test_plain_values():
    assert export._plain(None) is None
    assert export._plain(float("nan")) is None
    assert export._plain(1.5) == 1.5
    value = export._plain(np.int64(3))
    assert value == 3 and type(value) is int
    assert export._plain(np.array([1, 2])) == [1, 2]
    assert export._plain([np.int64(1)]) == [np.int64(1)]  # lists are already plain containers
    assert export._plain({"a": 1}) == {"a": 1} and export._plain("x") == "x"


def test_missing_and_numpy_values_are_written_plain(features):
    frame = features.head(3).copy()
    frame["date_end"] = [None, float("nan"), "2024-01-02"]
    frame["precision"] = np.array([1, 2, 5], dtype="int64")
    props = [f["properties"] for f in json.loads(export.geojson_bytes(frame))["features"]]
    assert [p["date_end"] for p in props] == [None, None, "2024-01-02"]
    assert [p["precision"] for p in props] == [1, 2, 5]
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(frame).decode("utf-8"))))
    assert [r["date_end"] for r in rows] == ["", "", "2024-01-02"]
    floats = features.head(2).copy()
    floats["precision"] = [2.0, float("nan")]
    assert [f["properties"]["precision"] for f in export.feature_collection(floats)["features"]] == [2.0, None]


def test_gc_state_is_restored():
    assert gc.isenabled()
    with export._no_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with export._no_gc():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), export._no_gc():
        raise RuntimeError
    assert gc.isenabled()


def test_flat_frame_keeps_nested_fields_as_json(features):
    flat = export.flat_frame(features)
    assert list(flat.columns) == export.PROPERTIES + ["geometry"]
    for name in export.NESTED:
        assert [json.loads(v) for v in flat[name]] == [v if not hasattr(v, "tolist") else v.tolist() for v in features[name]], name
    quotes = "".join(flat["sources"])
    assert "\\u" not in quotes and any(ord(c) > 127 for c in quotes)  # non-ASCII written as itself


def test_csv_columns_rows_and_geometry(features):
    rows = list(csv.reader(io.StringIO(export.csv_bytes(features).decode("utf-8"))))
    assert rows[0] == export.PROPERTIES + ["geometry"]
    assert len(rows) == len(features) + 1
    assert export.csv_bytes(features).count(b"\r") == 0  # one "\n" a row
    for row, geometry in zip(rows[1:], features.geometry, strict=True):
        assert shapely.wkt.loads(row[-1]).equals_exact(geometry, 1e-9)
    assert [r[0] for r in rows[1:]] == list(features["id"])


def test_geopackage_layer_name(features, tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(export.gpkg_bytes(features.head(2), layer="view"))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["view"]
    assert list(pyogrio.read_dataframe(path, layer="view")["id"]) == list(features["id"].head(2))


def test_export_bytes_dispatches_and_names_bad_formats(features):
    few = features.head(2)
    assert export.export_bytes(few) == export.geojson_bytes(few)
    assert export.export_bytes(few, "csv") == export.csv_bytes(few)
    assert export.export_bytes(few, "gpkg")[:16] == b"SQLite format 3\x00"
    with pytest.raises(ValueError) as err:
        export.export_bytes(few, "kml")
    assert str(err.value) == "unknown format 'kml'; valid: geojson, gpkg, csv"


def test_empty_view_exports(features):
    empty = features.head(0)
    assert json.loads(export.geojson_bytes(empty)) == {"type": "FeatureCollection", "features": []}
    assert export.csv_bytes(empty).decode("utf-8").splitlines() == [",".join(export.PROPERTIES + ["geometry"])]


def test_feature_collection_is_rfc7946(features):
    collection = export.feature_collection(features.head(2))
    assert collection["type"] == "FeatureCollection" and set(collection) == {"type", "features"}


def test_geopackage_default_layer_is_features(features, tmp_path):
    path = tmp_path / "d.gpkg"
    path.write_bytes(export.gpkg_bytes(features.head(1)))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["features"]  # README: layer `features`


def test_numpy_arrays_in_object_columns_become_lists(features):
    """Fields read back from files or built by numpy hold arrays; the GeoJSON must hold JSON lists."""
    frame = features.head(2).copy()
    frame["partners"] = [np.array(["JPN"]), np.array(["CHN", "USA"])]
    props = [f["properties"] for f in export.feature_collection(frame)["features"]]
    assert [p["partners"] for p in props] == [["JPN"], ["CHN", "USA"]] and all(type(p["partners"]) is list for p in props)
    assert [f["properties"]["partners"] for f in json.loads(export.geojson_bytes(frame))["features"]] == [["JPN"], ["CHN", "USA"]]
