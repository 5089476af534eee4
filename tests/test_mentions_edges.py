"""Edges of the place-mention rules (ingest/mentions.py) that a mutation pass found untested: sentences a user could
meet, each asserting which names the geoparser takes for places."""

from __future__ import annotations

import pytest

from ingest.geoparse import ingest
from ingest.mentions import default_matcher


def _found(text: str) -> list[str]:
    return [m.text for m in default_matcher().find(text)]


def test_a_firm_named_by_the_text_s_first_words_is_not_a_place():
    """The cue "Built by" opens the text: the firm after it is no town (Hitachi, Japan), however near the start."""
    assert _found("Built by Hitachi, the trains reached Ho Chi Minh City in 2024.") == ["Ho Chi Minh City"]


def test_an_agency_credit_under_a_headline_and_above_more_paragraphs_is_no_place():
    """The credit is read on its own line, the dateline's: a headline above it and paragraphs below it change nothing."""
    text = "Work Resumes On Line To Lao Cai\n\nHANOI, Feb 20 (Xinhua) – Work on the line to Lao Cai resumed.\n\nThe loan came from Japan."
    found = _found(text)
    assert "Xinhua" not in found
    assert found.count("Lao Cai") == 2 and "Japan" in found


def test_an_agency_credit_after_a_dateline_of_several_words_is_no_place():
    """"HO CHI MINH CITY, May 2 (Xinhua) –": the credit is read from the dateline's first letter, whatever the city."""
    found = _found("HO CHI MINH CITY, May 2 (Xinhua) – The metro's first line opened in Ho Chi Minh City.")
    assert "Xinhua" not in found and found.count("Ho Chi Minh City") == 1


def test_an_agency_credit_in_a_text_pasted_with_a_blank_first_line_is_no_place():
    found = _found("\nHANOI, Feb 20 (Xinhua) – Work on the line to Lao Cai resumed.")
    assert "Xinhua" not in found and "Lao Cai" in found


def test_places_in_brackets_outside_a_dateline_stay_places():
    """Only a dateline's bracket holds an agency's credit: a bracket in running text holds places, even one closed
    before a dash."""
    found = _found("Japan will fund ports in two cities (Hanoi and Hai Phong) – the largest loans yet.")
    assert found == ["Japan", "Hanoi", "Hai Phong"]


def test_a_gazetteer_name_in_a_headline_under_a_kicker_is_found_whatever_word_precedes_it():
    """A title-case headline is read as its own line (here under a kicker line, and above the story): its curated name
    is a place though the capitalised word before it ("Backs") would otherwise read as part of a person's name."""
    text = "BUSINESS\nJapanese Lender Backs Quang Ninh Port Upgrade\nHANOI, May 2 – A bank will lend for a port in Quang Ninh province.\n"
    found = [(m.text, m.start) for m in default_matcher().find(text)]
    assert ("Quang Ninh", text.index("Quang Ninh")) in found


def test_a_single_capital_letter_in_a_name_is_not_shouting():
    """"Block B" keeps its one-letter word: only words of two or more capitals must be written so in the name."""
    assert _found("Gas from Block B will reach Ca Mau.") == ["Block B", "Ca Mau"]


def test_a_name_joined_by_a_lower_case_lead_word_is_one_place():
    """A GeoNames name may hold a lower-case word such as "with" ("Huyton with Roby", Merseyside); other lower-case
    words of more than three letters make the text no spelling of a name."""
    assert _found("Parts made in Huyton with Roby reach Hai Phong.") == ["Huyton with Roby", "Hai Phong"]


@pytest.mark.parametrize(
    ("text", "in_headline"),
    [
        # the body finds Hanoi as a place: so is the headline's, whatever capitalised word stands beside it
        ("Defense Chief Austin Visits Hanoi, Pledges Help on War Legacy\nThe defense chief arrived in Hanoi on Thursday.\n", True),
        ("Leaders Pledge Deeper Supply-Chain Ties at Hanoi Summit\nThe two leaders met in Hanoi on Friday.\n", True),
        # the body names it only as a person's name, or not at all: the headline's stays unread
        ("Defense Chief Austin Visits Hanoi, Pledges Help on War Legacy\nAustin met Hanoi Nguyen, an adviser.\n", False),
        ("Defense Chief Austin Visits Hanoi, Pledges Help on War Legacy\nThe defense chief arrived on Thursday.\n", False),
    ],
)
def test_a_headline_name_next_to_a_capitalised_word_is_a_place_where_the_body_finds_it_one(text, in_headline):
    found = [m.start for m in default_matcher().find(text) if m.text == "Hanoi"]
    assert (text.index("Hanoi") in found) is in_headline
    assert found == sorted(found)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # names sharing one head noun are each the place the gazetteer knows with it
        ("Beijing built outposts in the Spratly and Paracel islands.", [("Beijing", None), ("Spratly", "Spratly islands"), ("Paracel", "Paracel islands")]),
        ("Floods on the Red and Mekong rivers grew.", [("Red", "Red river"), ("Mekong", "Mekong river")]),
        # a name found inside a longer one so read gives way to it
        ("Ships crossed the East China and South China seas.", [("East China", "East China sea"), ("South China", "South China sea")]),
        # a name the gazetteer does not know with the head is left alone, and so is a list with no shared head
        ("Boats left the Foo and Paracel islands.", [("Paracel", "Paracel islands")]),
        ("Officials in Hanoi and Tokyo met.", [("Hanoi", None), ("Tokyo", None)]),
    ],
)
def test_names_sharing_a_head_noun_are_each_a_place(text, found):
    assert [(m.text, m.means) for m in default_matcher().find(text)] == found


def test_a_name_sharing_a_head_resolves_to_the_whole_place():
    places = ingest("Vietnam protested the build-up in the Spratly and Paracel islands.").places
    assert [(p.text, p.name) for p in places if p.text != "Vietnam"] == [("Spratly", "Spratly Islands"), ("Paracel", "Paracel Islands")]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a curated name with an inner full stop is found as written (folding keeps the stop's place as a space)
        ("Phuc in S. Korea: Leaders Agree Upgrade\nThe leaders met in Seoul.\n", "S. Korea", "South Korea"),
        ("Trade with S. Korea grew.", "S. Korea", "South Korea"),
        # a curated lower-case spelling of a region matches lower-case text
        ("Russia seeks a foothold in south-east Asia.", "south-east Asia", "Southeast Asia"),
    ],
)
def test_press_spellings_of_countries_and_regions(text, surface, name):
    assert (surface, name) in [(p.text, p.name) for p in ingest(text).places]
