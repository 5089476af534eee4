"""The gazetteer's answers about countries and capitals, and its error for a name it does not hold (geo/gazetteer.py)."""

from __future__ import annotations

import re

import pytest

from geo.gazetteer import UnknownPlace, _country_by_name, default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize("alpha_2", ["LU", "MX", "DJ", "KW", "PA"])
def test_a_country_is_its_country_point_not_the_capital_of_its_name(gaz, alpha_2):
    place = gaz.country(alpha_2)  # "Luxembourg", "Mexico", "Panama": the capital (and towns abroad) share the name
    assert place.feature_class.startswith("A.PCL") and place.country == alpha_2


def test_a_country_without_a_point_is_an_unknown_place(gaz):
    with pytest.raises(UnknownPlace) as err:
        gaz.country("AD")  # Andorra: too small for Natural Earth's 1:110m countries
    assert (err.value.name, err.value.suggestions, str(err.value)) == ("AD", [], "unknown place 'AD'")


@pytest.mark.parametrize("alpha_2, name", [("SC", "Victoria"), ("CR", "San Jose")])
def test_a_capital_is_the_one_in_its_country(gaz, alpha_2, name):
    assert gaz.resolve(name).place.country != alpha_2  # a larger namesake elsewhere (Hong Kong's Victoria, San Jose, California)
    capital = gaz.capital(alpha_2)
    assert capital.country == alpha_2 and capital.feature_class.startswith("P.PPL") and capital.population > 20_000


def test_an_unknown_name_is_named_with_close_names(gaz):
    with pytest.raises(UnknownPlace) as err:
        gaz.resolve("Hanoii")
    assert err.value.name == "Hanoii" and err.value.suggestions[0] == "Hanoi"
    assert len(err.value.suggestions) == 5 < len(gaz.suggest("Hanoii", n=10))  # five at most, the closest first
    assert str(err.value).startswith("unknown place 'Hanoii'; did you mean 'Hanoi', '") and str(err.value).endswith("'?")
    assert str(UnknownPlace("Narnia", [])) == "unknown place 'Narnia'"


def test_country_by_name():
    assert _country_by_name("Norway").alpha_2 == "NO" and _country_by_name("Narnia") is None


def test_no_suggestion_for_a_name_far_from_every_held_name(gaz):
    assert gaz.suggest("Qxzv Hanoi") == [] and gaz.suggest("Da Nangg")[0] == "Da Nang"


def test_a_resolution_names_its_query_and_distance(gaz):
    assert gaz.resolve("Kunming").query == "Kunming" and gaz.resolve("Kunming").reason == "the only match"
    near = gaz.resolve("Lao Cai").place.point
    reason = gaz.resolve("Hekou", near=(near,)).reason
    km = int(re.search(r"; (\d+) km from the story's other places", reason).group(1))
    assert 1 <= km <= 15  # Hekou faces Lao Cai across the Red River


@pytest.mark.parametrize("name, key", [("Mexico", "naturalearth:MEX"), ("Luxembourg", "naturalearth:LUX")])
def test_a_country_called_by_its_own_name_beats_a_town_of_that_name(gaz, name, key):
    assert gaz.resolve(name).place.key == key  # not Mexico, Pampanga, nor the city of Luxembourg


def test_a_town_far_from_the_unit_of_its_name_is_only_named_like_it(gaz):
    delaware = gaz.resolve("Delaware")  # the state, not Delaware, Ohio (a town is otherwise chosen before a unit)
    assert delaware.place.feature_class == "A.ADM1" and delaware.place.country == "US"
    assert gaz.resolve("Lao Cai").place.feature_class.startswith("P.")  # the city inside the province of its name


def test_a_city_before_a_unit_before_a_site_of_one_name(gaz):
    province = gaz.resolve("Lao Cai", near=(gaz.places["regional:vn-province-10"].point,))
    assert province.place.feature_class.startswith("P.")  # the city, even when the story sits nearer the province's middle
    assert gaz.resolve("Con Dao").place.feature_class == "A.ADM2"  # the district before the islands of its name


def test_an_ampersand_is_and():
    from geo.gazetteer import fold

    assert fold("Trinidad & Tobago") == fold("Trinidad and Tobago") == "trinidadandtobago"


@pytest.mark.parametrize("name, town", [("Thu Duc City", "Thu Duc"), ("Quang Ngai City", "Quang Ngai")])
def test_a_town_named_with_city(gaz, name, town):
    found = gaz.candidates(name)
    assert found and {p.key for p in found} <= {p.key for p in gaz.candidates(town)}
    assert all(p.feature_class.startswith(("P.", "A.ADM")) for p in found)  # a town or a unit with city status, never a site


def test_the_choice_is_explained_in_words(gaz):
    two = gaz.resolve("Hekou", countries=("vn", "cn"))
    assert two.query == "Hekou" and "; in the story's countries (CN, VN); " in two.reason
    elsewhere = gaz.resolve("Springfield", countries=("VN",))
    assert elsewhere.query == "Springfield" and elsewhere.reason.startswith(f"{len(elsewhere.candidates)} candidates; none in the story's countries; ")


def test_the_and_city_are_read_around_a_name(gaz):
    from geo.gazetteer import fold

    assert fold("The Hague") == fold("Hague") == "hague"
    assert gaz.candidates("Narnia City") == []  # no town of the name without "City" either
