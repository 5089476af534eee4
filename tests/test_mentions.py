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
    """A matcher built afresh, shared by the tests of single rules (the build itself is judged by the next test alone)."""
    return PlaceMatcher(default_gazetteer())


def test_a_matcher_built_afresh():
    """One build (seconds) checked three ways, in one test: a mutation tester links the build to the test that ran it, so
    checks spread over tests sharing a module fixture would leave a mutant of the build judged by the first of them alone."""
    matcher = PlaceMatcher(default_gazetteer())
    check_mentions_in_running_text(matcher)
    check_every_name_and_alias_is_matched_with_all_its_places(matcher)
    check_lower_case_text_matches_only_curated_aliases_as_written(matcher)
    assert [(m.text, m.start, m.end) for m in matcher.find("Work in Thu Duc City began.")] == [("Thu Duc City", 8, 20)]


def check_mentions_in_running_text(matcher):
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


def check_every_name_and_alias_is_matched_with_all_its_places(matcher):
    text = "Talks in Saigon and Haiphong, then Springfield."
    found = {m.text: m.keys for m in matcher.find(text)}
    assert found["Saigon"] == ("geonames:1566083",)  # an alias of Ho Chi Minh City
    assert "geonames:1581298" in found["Haiphong"]
    gaz = default_gazetteer()
    named = {p.key for p in gaz.candidates("Springfield") if p.name == "Springfield"}
    assert len(named) >= 3 and set(found["Springfield"]) >= named  # every place of that name, to be decided later
    assert list(found["Springfield"]) == sorted(found["Springfield"])


def check_lower_case_text_matches_only_curated_aliases_as_written(matcher):
    assert [m.text for m in matcher.find("we went to hanoi and southern vietnam")] == []
    assert [m.text for m in matcher.find("we went to hanoi and southern Vietnam")] == ["southern Vietnam"]


@pytest.mark.parametrize(
    "name, usable",
    [("Tokyo", True), ("HANOI", True), ("SEA", False), ("HND", False), ("HCMC", False), ("From", False), ("from", False), ("Ba", False), ("March", False)],
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


def small_gazetteer():
    """A handful of places, so a matcher is built in milliseconds (a mutant of the build is judged fast)."""
    from types import SimpleNamespace

    from shapely.geometry import Point

    from geo.gazetteer import Place

    def place(key, name, cls="P.PPL", aliases=(), curated=()):
        return Place(key=key, name=name, country="VN", feature_class=cls, geometry=Point(0, 0), source="test", gazetteer=key.split(":")[0],
                     aliases=tuple(aliases), curated_aliases=tuple(curated))

    places = [
        place("geonames:1", "Hanoi", "P.PPLC", ["Ha Noi", "Hà Nội", "HAN", "St. H.", "Hanoi2", "from", "hanoi"]),
        place("geonames:2", "Oda"),
        place("geonames:3", "Ho Chi Minh City", aliases=["Saigon", "HCMC"], curated=["HCMC"]),
        place("geonames:4", "Thu Duc"),
        place("geonames:5", "Springfield"),
        place("geonames:6", "Springfield"),
        place("geonames:7", "Ba"),
        place("supplement:us", "United States", "A.PCLI", ["US", "U.S."]),
        place("supplement:south", "South Vietnam", "L.RGN", ["southern Vietnam"]),
        place("geonames:9", "Southern Vietnam"),  # the same words capitalised: the curated lower-case spelling still counts
        place("geonames:10", "Dong Hoi port"),  # a GeoNames name written with a lower-case word: not written as a place's name
        place("geonames:11", "Port aux Basques"),  # ... unless the word is short
        place("geonames:8", "Kilometre 11"),  # a digit in a place's own name (only an alias with one is a code)
        place("supplement:delta", "Mekong River Delta", "L.RGN"),
        place("supplement:red", "Red River delta", "L.RGN", ["Red River Delta"]),  # a word one spelling capitalises, the other not
        place("naturalearth:LAO", "Laos", "A.PCLI"),
    ]
    return SimpleNamespace(places={p.key: p for p in places})


def test_a_matcher_built_from_a_small_gazetteer():
    matcher = PlaceMatcher(small_gazetteer())

    def found(text):
        return [(m.text, m.start, m.end, m.keys) for m in matcher.find(text)]

    assert found("In Hà Nội, Ha Noi and Hanoi.") == [("Hà Nội", 3, 9, ("geonames:1",)), ("Ha Noi", 11, 17, ("geonames:1",)),
                                                   ("Hanoi", 22, 27, ("geonames:1",))]
    # GeoNames spellings that are codes, abbreviations, digits, lower case or too short are not names.
    assert found("HAN, St. H. and Hanoi2 from hanoi or Ba") == []
    assert found("HANOI is big and ODA is a loan") == []  # capitals no spelling has
    assert found("Oda said") == [("Oda", 0, 3, ("geonames:2",))]
    assert found("The US and the U.S. met") == [("US", 4, 6, ("supplement:us",)), ("U.S.", 15, 19, ("supplement:us",))]
    assert found("HCMC and Saigon and Thu Duc City grew") == [("HCMC", 0, 4, ("geonames:3",)), ("Saigon", 9, 15, ("geonames:3",)),
                                                           ("Thu Duc City", 20, 32, ("geonames:4",))]
    assert found("in southern Vietnam") == [("southern Vietnam", 3, 19, ("geonames:9", "supplement:south"))]  # a curated lower-case alias
    assert found("near the Dong Hoi port area") == [] and found("in Port aux Basques")[0][:3] == ("Port aux Basques", 3, 19)
    assert found("At Kilometre 11 today") == [("Kilometre 11", 3, 15, ("geonames:8",))]
    assert found("the Mekong River delta") == [] and found("the Mekong River Delta")[0][:3] == ("Mekong River Delta", 4, 22)
    assert found("the Red River delta") == [("Red River delta", 4, 19, ("supplement:red",))]  # required capitals: those of every spelling
    assert found("Springfield") == [("Springfield", 0, 11, ("geonames:5", "geonames:6"))]
    assert found("President of Laos Thongloun came") == [("Laos", 13, 17, ("naturalearth:LAO",))]  # a country may precede a name
    assert found("Mayor of Oda Thongloun came") == []  # a town followed by a name is part of a person's
