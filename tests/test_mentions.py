"""Place names in running text (ingest/mentions.py), with a matcher built afresh (not the cached one) and the folding table."""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from ingest.mentions import PlaceMatcher, _FoldTable, _usable_geonames_name, name_key

TEXT = (
    "On March 4th, officials from Hà Nội met Kaori Fukushima in Hai Phong near the South China Sea. "
    "The U.S. and southern Vietnam agreed; President of China Xi Jinping came. SEA and From are not places. "
    "Xinhua News Agency reported."
)


@pytest.fixture(scope="module")
def matcher():
    return PlaceMatcher(default_gazetteer())


def test_mentions_in_running_text(matcher):
    found = [(m.text, m.start, m.end, m.keys) for m in matcher.find(TEXT)]
    assert [(t, s, e) for t, s, e, _ in found] == [
        ("Hà Nội", 29, 35),  # diacritics folded, offsets of the original
        ("Hai Phong", 59, 68),
        ("South China Sea", 78, 93),  # the longest name, not "China"
        ("U.S.", 99, 103),  # keeps its last full stop
        ("southern Vietnam", 108, 124),  # a curated lower-case alias
        ("China", 146, 151),  # a country may be followed by a person's name
    ]
    keys = {t: k for t, _, _, k in found}
    assert keys["Hà Nội"][0] == "geonames:1581130" and keys["Hai Phong"][0] == "geonames:1581298"  # the cities first, then provinces of the name
    assert keys["South China Sea"] == ("supplement:south-china-sea",) and keys["U.S."] == ("supplement:country-us",)
    assert keys["southern Vietnam"] == ("supplement:southern-vietnam",)
    for text, start, end, _ in found:
        assert TEXT[start:end] == text


def test_every_name_and_alias_is_matched_with_all_its_places(matcher):
    text = "Talks in Saigon and Haiphong, then Springfield."
    found = {m.text: m.keys for m in matcher.find(text)}
    assert found["Saigon"] == ("geonames:1566083",)  # an alias of Ho Chi Minh City
    assert "geonames:1581298" in found["Haiphong"]
    gaz = default_gazetteer()
    named = {p.key for p in gaz.candidates("Springfield") if p.name == "Springfield"}
    assert len(named) >= 3 and set(found["Springfield"]) >= named  # every place of that name, to be decided later
    assert list(found["Springfield"]) == sorted(found["Springfield"])


def test_lower_case_text_matches_only_curated_aliases_as_written(matcher):
    assert [m.text for m in matcher.find("we went to hanoi and southern vietnam")] == []
    assert [m.text for m in matcher.find("we went to hanoi and southern Vietnam")] == ["southern Vietnam"]


@pytest.mark.parametrize(
    "name, usable",
    [("Tokyo", True), ("HANOI", True), ("SEA", False), ("HND", False), ("From", False), ("from", False), ("Ba", False), ("March", False)],
)
def test_which_geonames_names_are_used(name, usable):
    assert _usable_geonames_name(name, name_key(name)) is usable


def test_fold_table_maps_each_character_to_one():
    table = _FoldTable()
    assert "Hà Nội, U.S.".translate(table) == "ha noi  u s "
    assert "Đà Nẵng 2024".translate(table) == "da nang 2024"
    assert "東京 ß–x".translate(table) == "     x"  # no one-letter ASCII form: a space, so offsets hold
    assert table[ord("Ộ")] == "o" and ord("Ộ") in table  # looked up once, then kept


@pytest.mark.parametrize(
    "text, firm",
    [
        ("The signalling system was supplied by Kawasaki under a Japanese loan for the Hanoi line.", "Kawasaki"),  # agent of a supply verb
        ("Buses made by Toyota arrived in Hai Phong last week.", "Toyota"),
        ("The scanners, made by Toshiba and Kawasaki, reached Quang Tri in May.", "Kawasaki"),  # a list of firms
        ("The Japanese conglomerate Hitachi will supply trains for Ho Chi Minh City.", "Hitachi"),  # after a firm's noun
        ("Hitachi, the Japanese engineering group, opened an office in Hanoi.", "Hitachi"),  # an appositive says what it is
        ("Toyota Motor will expand its plant in Vinh Phuc.", "Toyota"),  # a company word after it
    ],
)
def test_a_firm_named_like_a_town_is_not_a_place(matcher, text, firm):
    found = {m.text for m in matcher.find(text)}
    assert firm not in found and found  # the sentence's real places are still found


@pytest.mark.parametrize(
    "text, town",
    [
        ("Investors from Kawasaki met officials in Hanoi.", "Kawasaki"),
        ("The delegation flew on to Toyota, the home of the carmaker.", "Toyota"),  # "the home of" is no firm
        ("The bridge was financed by Hanoi and built by a Japanese group.", "Hanoi"),  # a capital, never a firm
    ],
)
def test_towns_stay_places(matcher, text, town):
    assert town in {m.text for m in matcher.find(text)}


def test_an_organisation_word_is_no_town(matcher):
    """"Bank" (Bānk, India), "Police" (Police, Poland): GeoNames towns named like an organisation's head noun."""
    text = "The World Bank and the Asian Development Bank co-financed the road to Hai Phong, the Police said."
    assert [m.text for m in matcher.find(text)] == ["Hai Phong"]


def test_a_dateline_of_two_cities(matcher):
    """Wire datelines name two cities with a slash ("WASHINGTON/HANOI, Oct 2 –"): both are places."""
    found = [m.text for m in matcher.find("WASHINGTON/HANOI, Oct 2 – The United States will provide $50 million.")]
    assert found[:2] == ["WASHINGTON", "HANOI"]
    assert "WASHINGTON" not in [m.text for m in matcher.find("It said WASHINGTON/HANOI talks, on Oct 2 – resumed.")]


def test_a_news_agency_credit_in_a_dateline_is_no_place(matcher):
    """"HANOI, Feb 20 (Xinhua) –": Xinhua, a GeoNames town, is the agency that filed the story."""
    found = [m.text for m in matcher.find("HANOI, Feb 20 (Xinhua) – Work on the line to Lao Cai resumed.")]
    assert found == ["HANOI", "Lao Cai"]
