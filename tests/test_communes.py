"""Communes and wards named as such (geo/communes.py, ingest/communes.py), and countries too small for Natural Earth's map."""

from __future__ import annotations

from importlib import metadata

import pytest

from geo.communes import find_commune
from geo.gazetteer import default_gazetteer
from ingest import ingest
from ingest.communes import find_communes
from ingest.geoparse import sentences


@pytest.mark.parametrize(
    "text, name, where",
    [
        ("Farmers in Phuoc Dinh commune, Thuan Nam district, grow grapes near the planned plant.", "Phuoc Dinh", "Thuận Nam, Ninh Thuận"),
        ("The new school opened in Vinh Hai commune in Ninh Hai district on Monday.", "Vinh Hai", "Ninh Hải, Ninh Thuận"),
        ("A park was built in Phu Thuong ward of Tay Ho district.", "Phu Thuong", "Tây Hồ, Hà Nội"),
        ("The plant covers the commune of Le Ninh in Kinh Mon district.", "Le Ninh", "Kinh Môn, Hải Dương"),
        ("A new road links the communes of Hoang Son and Van Thien.", "Van Thien", "Nông Cống, Thanh Hóa"),  # the one unit of the name
    ],
)
def test_a_commune_named_as_one_is_found_where_its_district_is(text, name, where):
    places = {p.text: p for p in ingest(text).places}
    assert name in places and places[name].is_feature
    place = default_gazetteer().places[places[name].gazetteer_id]
    assert where in place.note and place.precision == 3 and place.licence == "MIT" and "vietnamadminunits" in place.source


def test_a_commune_found_once_is_found_again_without_its_unit_word():
    text = "Homes in Phuoc Dinh commune, Thuan Nam district, will be moved. Families around Phuoc Dinh wait for news."
    assert [p.text for p in ingest(text).places if p.text == "Phuoc Dinh"] == ["Phuoc Dinh", "Phuoc Dinh"]


def test_a_name_shared_by_units_far_apart_is_left_alone():
    """"Quang Trung" names dozens of communes and wards; without their district or province none is chosen."""
    assert find_commune("Quang Trung", "Workers reached Quang Trung commune.") is None
    assert find_commune("Le Ninh", "Workers reached Le Ninh commune.") is None  # Lê Ninh (Hải Dương) or Lệ Ninh (Quảng Trị)
    assert find_commune("Quang Trung", "Quang Trung ward in Dong Da district.").note.endswith("Đống Đa, Hà Nội")
    assert "Quang Trung" not in {p.text for p in ingest("Work began in Quang Trung commune on Monday for the railway.").places}
    assert "Quang Trung" not in {p.text for p in ingest("General Quang Trung defeated the Qing army.").places}  # no unit word


def test_an_opening_word_is_not_part_of_the_name():
    places = {p.text for p in ingest("In Phuoc Dinh commune, Thuan Nam district, the survey ended.").places}
    assert "Phuoc Dinh" in places and "In Phuoc Dinh" not in places


@pytest.mark.parametrize("name, alpha_2", [("Guam", "GU"), ("Bahrain", "BH"), ("Malta", "MT"), ("Maldives", "MV")])
def test_countries_too_small_for_the_world_map_are_at_their_capital(name, alpha_2):
    gaz = default_gazetteer()
    place = gaz.resolve(name).place
    assert (place.country, place.feature_class) == (alpha_2, "A.PCL") and "GeoNames" in place.source
    assert place.point.equals(gaz.capital(alpha_2).point)


def test_a_city_state_keeps_its_city():
    assert default_gazetteer().resolve("Singapore").place.feature_class == "P.PPLC"


def test_a_ship_visiting_guam_is_there():
    (guam,) = [p for p in ingest("The carrier sailed from Guam to Da Nang for a visit.").places if p.text == "Guam"]
    assert guam.is_feature


@pytest.mark.parametrize(
    "name, context, note, structure, lat, lon",
    [
        # one unit named where the sentence names its one-word district, its three- or four-word province
        ("Hung Binh", "Hung Binh ward in Vinh city", "Phường Hưng Bình, Vinh, Nghệ An", "63-province", 18.68, 105.68),
        ("Truong Tho", "Truong Tho ward in Ho Chi Minh City", "Phường Trường Thọ, Thủ Đức, Hồ Chí Minh", "63-province", 10.83, 106.76),
        ("Tam An", "Tam An commune in Ba Ria - Vung Tau province", "Xã Tam An, Long Đất, Bà Rịa - Vũng Tàu", "63-province", 10.48, 107.21),
        # of two units of the name far apart, the one in the province named (Lệ Ninh is in Quảng Trị)
        ("Le Ninh", "Le Ninh commune in Hai Duong province", "Xã Lê Ninh, Kinh Môn, Hải Dương", "63-province", 21.05, 106.43),
        # a ward in both structures at one point: one place, the older structure's
        ("Giang Vo", "Giang Vo ward in Hanoi", "Phường Giảng Võ, Ba Đình, Hà Nội", "63-province", 21.03, 105.82),
        # a ward of the 2025 structure, which has no districts
        ("Hoan Kiem", "Hoan Kiem ward in Hanoi", "Phường Hoàn Kiếm, Hà Nội", "2025", 21.03, 105.85),
    ],
)
def test_find_commune_gives_the_unit_with_its_source(name, context, note, structure, lat, lon):
    place = find_commune(name, context)
    unit, where = note.split(", ", 1)
    kind, full_name = unit.split(" ", 1)  # "Phường", "Hưng Bình"
    assert (place.name, place.country, place.feature_class, place.gazetteer, place.precision, place.licence, place.note) == (
        full_name, "VN", "A.ADM4", "vietnamadminunits", 3, "MIT", note)
    assert place.key.startswith(f"commune:{structure}:")
    assert place.source.startswith(f"vietnamadminunits {metadata.version('vietnamadminunits')}: GSO unit ")
    assert place.source.endswith(f" ({kind} of {where}, {structure} structure), point from the Google Geocoding API")
    assert abs(place.geometry.y - lat) < 0.01 and abs(place.geometry.x - lon) < 0.01


def test_a_name_of_no_unit_is_none():
    assert find_commune("Atlantis", "Atlantis commune in Hanoi") is None


def _notes(text, spans, taken=()):
    return [(text[start:end], start, place.note) for start, end, place in find_communes(text, spans, list(taken))]


def test_find_communes_reads_each_form_with_its_offsets():
    text = "Homes in Phuoc Dinh commune, Thuan Nam district, will be moved. Families around Phuoc Dinh wait."
    where = "Xã Phước Dinh, Thuận Nam, Ninh Thuận"
    assert _notes(text, sentences(text)) == [("Phuoc Dinh", 9, where), ("Phuoc Dinh", 80, where)]  # found, then found again
    # a span already taken that only touches the name (before it, after it) leaves it free
    assert _notes(text, sentences(text), [(0, 9), (19, 28)]) == [("Phuoc Dinh", 9, where), ("Phuoc Dinh", 80, where)]
    text = "Farmers of xã Phước Dinh, Thuận Nam district, grow grapes."  # the Vietnamese unit word before the name
    assert _notes(text, sentences(text)) == [("Phước Dinh", 14, where)]
    text = "In Buoi ward, Tay Ho district, the lake shore was rebuilt."  # one-word name after an opening word
    assert _notes(text, sentences(text)) == [("Buoi", 3, "Phường Bưởi, Tây Hồ, Hà Nội")]


def test_a_district_counts_in_its_sentence_a_province_in_the_whole_article():
    """Lê Ninh (Kinh Môn, Hải Dương) or Lệ Ninh (Quảng Trị): a district named in another sentence does not choose."""
    text = "Grapes grow in Kinh Mon district. Le Ninh commune will host the plant."
    assert _notes(text, sentences(text)) == []
    assert _notes(text, []) == [("Le Ninh", 34, "Xã Lê Ninh, Kinh Môn, Hải Dương")]  # no sentences given: the text is one
    text = "Grapes grow in Hai Duong province. Le Ninh commune will host the plant."
    assert _notes(text, sentences(text)) == [("Le Ninh", 35, "Xã Lê Ninh, Kinh Môn, Hải Dương")]
