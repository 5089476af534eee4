"""Edges of the named-infrastructure rules (ingest/facilities.py) that a mutation pass found untested: sentences a user
could meet, each asserting which facility the geoparser finds and where it places it."""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from ingest import ingest


def _places(text: str) -> dict[str, object]:
    return {p.text: p for p in ingest(text, article_id="t").places}


def _at(place_name: str, country: str = "VN") -> set[str]:
    return {p.key for p in default_gazetteer().candidates(place_name) if p.country == country}


def test_a_place_it_is_stated_near_wins_over_the_sentence_s_first_place():
    """Nothing in "Amata" is a Vietnamese place: "near Bien Hoa" places it, not Hanoi, named first in the sentence."""
    park = _places("Japanese firms from Hanoi lease land in the Amata Industrial Park near Bien Hoa.")["Amata Industrial Park"]
    assert park.gazetteer_id in _at("Bien Hoa") and "stated near" in park.choice


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_a_possessive_before_the_name_is_not_part_of_it(apostrophe):
    places = _places(f"Japan{apostrophe}s Nhat Tan Bridge opened in Hanoi in 2015.")
    assert "Nhat Tan Bridge" in places and places["Nhat Tan Bridge"].gazetteer_id in _at("Hanoi")
    assert not [t for t in places if t.startswith("Japan") and "Bridge" in t]


@pytest.mark.parametrize(
    "text, facility",
    [
        ("Investors toured the Southern Hoa Lac Hi-Tech Park near Hanoi.", "Hoa Lac Hi-Tech Park"),  # a lead word opening the run
        ("Investors toured the North Hoa Lac Hi-Tech Park near Hanoi.", "Hoa Lac Hi-Tech Park"),  # a compass word
        ("The Vietnam Railways Yen Vien Station in Hanoi reopened.", "Yen Vien Station"),  # an organisation's head noun
    ],
)
def test_a_word_that_opens_a_run_but_names_no_facility_is_left_out(text, facility):
    places = _places(text)
    assert facility in places and places[facility].gazetteer_id in _at("Hanoi"), sorted(places)
    assert not [t for t in places if t != facility and t.endswith(facility)]


@pytest.mark.parametrize(
    "text, placed_at",
    [
        # a town (P.) or a unit (A.) before the river the bridge crosses, though the river is named first
        ("The Ba Son Bridge across the Saigon River opened in April in Binh Thanh district.", "Binh Thanh"),
        ("The Ba Son Bridge across the Saigon River opened in April in Binh Duong province.", "Binh Duong"),
        # a site (S., an airport) before the river
        ("The Ba Son Bridge across the Saigon River will carry traffic to Tan Son Nhat International Airport.", "Tan Son Nhat International Airport"),
    ],
)
def test_a_place_on_land_of_its_sentence_before_the_river_it_crosses(text, placed_at):
    bridge = _places(text)["Ba Son Bridge"]
    assert bridge.gazetteer_id in _at(placed_at) and "another place of its sentence" in bridge.choice


def test_the_place_stated_right_after_it_wins_over_the_sentence_s_first_place():
    park = _places("Hanoi investors lease land in the Amata Industrial Park in Dong Nai province.")["Amata Industrial Park"]
    assert park.gazetteer_id in _at("Dong Nai") and "stated right after it" in park.choice


def test_a_place_opening_its_sentence_places_it():
    park = _places("Dong Nai will host the Amata Industrial Park, officials said.")["Amata Industrial Park"]
    assert park.gazetteer_id in _at("Dong Nai") and "another place of its sentence" in park.choice


@pytest.mark.parametrize(
    "text",
    [
        "The Amata Industrial Park will open next year. Officials in Hanoi approved it.",  # a place of another sentence
        "The Amata Industrial Park will open next year.\nOfficials in Hanoi approved it.",
        "The Amata Industrial Park in Vietnam will open next year.",  # a country is no place for a park
    ],
)
def test_a_facility_its_own_sentence_does_not_place_is_not_a_mention(text):
    assert "Amata Industrial Park" not in _places(text)


def test_a_facility_named_after_a_town_of_a_partner_country_of_the_story():
    """Japan is in the story: the Yokohama Port is at Yokohama, not at the Vietnamese port its sentence names."""
    port = _places("Japan will fund the line. Cargo from the Yokohama Port reached Hai Phong.")["Yokohama Port"]
    assert port.gazetteer_id in _at("Yokohama", "JP") and "the place its name holds" in port.choice


@pytest.mark.parametrize(
    "text, facility, placed_at",
    [
        # an ordinary word opening the sentence is not the name's ("After"); opening a run mid-sentence it is ("Long")
        ("After Nhat Tan Bridge opened in 2015, traffic in Hanoi fell.", "Nhat Tan Bridge", "Hanoi"),
        ("Japanese makers lease land in the Long Hau Industrial Park in Long An province.", "Long Hau Industrial Park", "Long An"),
    ],
)
def test_an_ordinary_word_is_the_name_s_only_inside_a_sentence(text, facility, placed_at):
    places = _places(text)
    assert facility in places and places[facility].gazetteer_id in _at(placed_at), sorted(places)
    assert not [t for t in places if t != facility and t.endswith(("Bridge", "Park"))]


def test_a_measure_with_no_name_after_it_is_no_facility():
    """"a 1,200-MW Power Plant": the run before the head is the measure's unit alone, so no facility is named."""
    places = _places("Doosan will supply turbines for a 1,200-MW Power Plant in Quang Ninh.")
    assert not [t for t in places if "Plant" in t] and "Quang Ninh" in places


def test_a_measure_opening_the_text_is_not_part_of_the_name():
    text = "6-Lane Cao Lanh Bridge Opens In Dong Thap\n\nHANOI – The bridge was built with a loan from Australia."
    bridge = _places(text)["Cao Lanh Bridge"]
    assert bridge.gazetteer_id in _at("Cao Lanh")


def test_a_headline_under_a_section_label_is_still_a_headline():
    """A capitalised verb of a headline ("Funds") opens no facility name, and an ordinary word ("New") is not the name's,
    whether the headline is the text's first line or comes under a section label."""
    body = "\n\nHANOI – The loan of ¥40 billion was signed in Hanoi on Monday, the embassy said."
    assert not [t for t in _places("ASIA-PACIFIC\nJapan Funds Bridge In Hanoi" + body) if "Bridge" in t]
    bridge = _places("ASIA-PACIFIC\nJapan Funds New Cao Lanh Bridge" + body)["Cao Lanh Bridge"]
    assert bridge.gazetteer_id in _at("Cao Lanh")


def test_a_facility_right_after_a_dateline_s_dash_is_one():
    """The dash of "HANOI –" ends a dateline; it joins no two places into a line."""
    bridge = _places("HANOI – Nhat Tan Bridge, the longest in Hanoi, reopened on Monday.")["Nhat Tan Bridge"]
    assert bridge.gazetteer_id in _at("Hanoi")


def test_the_dateline_s_city_does_not_place_a_facility_of_the_first_sentence():
    park = _places("HANOI, May 2 – Japan will fund the Amata Industrial Park, officials in Dong Nai said.")["Amata Industrial Park"]
    assert park.gazetteer_id in _at("Dong Nai")


def test_a_place_of_its_sentence_in_a_partner_country_of_the_story():
    park = _places("Japan will fund it. The Amata Industrial Park opened in April, officials in Osaka said.")["Amata Industrial Park"]
    assert park.gazetteer_id in _at("Osaka", "JP") and "another place of its sentence" in park.choice


def test_in_followed_by_no_place_states_none():
    """"in 2015" after the name: nothing is stated there, so another place of its sentence places it."""
    bridge = _places("The Nhat Tan Bridge in 2015 became the fifth bridge of Hanoi.")["Nhat Tan Bridge"]
    assert bridge.gazetteer_id in _at("Hanoi") and "another place of its sentence" in bridge.choice


@pytest.mark.parametrize(
    "text",
    [
        "Ships call at the Trang Cat port near Hai Phong.",  # "Trang" is not Trang, Thailand
        "Suppliers moved into the Tan Long industrial park near Hai Phong last year.",  # nor "Tan" a place of its own
    ],
)
def test_a_place_name_inside_a_park_s_name_before_a_lower_case_head_is_not_a_place(text):
    """The run of capitalised words before "port" or "industrial park" names the facility: a place matched in part of it
    is not a mention."""
    assert [p.text for p in ingest(text).places] == ["Hai Phong"]


@pytest.mark.parametrize(
    "text, ends",
    [
        # one end stated, no "to"
        ("Hanoi's Line 5 will run from Van Cao in Ba Dinh district.", {"Van Cao": "Ba Dinh"}),
        # a line in the second sentence; a "to" before "from" is not the second end's
        ("Japan lent ¥10 billion. Hanoi agreed to build Line 5, which will run from Van Cao in Ba Dinh district to Hoang Quoc Viet in Cau Giay.",
         {"Van Cao": "Ba Dinh", "Hoang Quoc Viet": "Cau Giay"}),
    ],
)
def test_the_ends_of_a_line_in_other_sentences(text, ends):
    places = _places(text)
    for end, placed_at in ends.items():
        assert end in places and places[end].gazetteer_id in _at(placed_at), sorted(places)


@pytest.mark.parametrize(
    "text",
    [
        "The line runs from Van Cao to Hoang Quoc Viet in Cau Giay.",  # nothing after the first end
        "The line will run from Van Cao in 2027 to Hoang Quoc Viet in Cau Giay.",  # "in" followed by no place
        "The metro line will run from Van Cao in Vietnam's capital to Hoang Quoc Viet in Cau Giay.",  # by a country
    ],
)
def test_only_the_end_of_a_line_its_sentence_places_is_placed(text):
    places = _places(text)
    assert "Van Cao" not in places and places["Hoang Quoc Viet"].gazetteer_id in _at("Cau Giay"), sorted(places)


def test_an_end_of_a_line_is_read_within_its_sentence():
    """The name after "from" ends with its sentence: the next sentence's "in Hanoi" does not place it."""
    places = _places("The line will run from Van Cao. Officials in Hanoi said work starts soon.")
    assert not [t for t in places if t.startswith("Van Cao")] and "Hanoi" in places


@pytest.mark.parametrize(
    "text",
    [
        "Traffic on the Hanoi–Hai Phong Expressway doubled after the Nhat Tan Bridge opened in Hanoi.",  # after a line between places
        "Shares of the Cam Ranh Port Joint Stock Company rose after the Nhat Tan Bridge opened in Hanoi.",  # after an organisation
    ],
)
def test_a_facility_after_a_name_that_is_none_is_still_found(text):
    assert _places(text)["Nhat Tan Bridge"].gazetteer_id in _at("Hanoi")


def test_an_end_of_a_line_must_start_with_its_name():
    """"from North Van Cao": a compass word opens the run, so the run is no end's name of its own."""
    places = _places("The line will run from North Van Cao in Ba Dinh district to Hoang Quoc Viet in Cau Giay.")
    assert "North Van Cao" not in places and places["Hoang Quoc Viet"].gazetteer_id in _at("Cau Giay")
