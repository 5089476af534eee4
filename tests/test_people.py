"""People named like towns (ingest/people.py): a name the article shows to be a person's is no place anywhere in it.
Sentences of our own."""

from __future__ import annotations

import pytest

from ingest import ingest


def names(text: str) -> list[str]:
    return [p.text for p in ingest(text).places]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("President Barack Obama landed in Hanoi. Obama said the ban would end.", "Obama"),  # a title and a given name
        ("Mr. Clinton toured Da Nang; later Clinton spoke at a school there.", "Clinton"),
        ("Hillary Rodham Clinton joined the dinner in Hanoi, where Clinton praised the hosts.", "Clinton"),  # a given name alone
        ("North Korean leader Kim Jong Un reached Hanoi by train, and Kim met officials there.", "Kim"),
        ("He signed a pact with Kim Jong-un in Pyongyang before he and Kim parted in Hanoi.", "Kim"),  # a Korean given name after
        ("The president came to Hanoi with his wife and their daughter, Chelsea, and Chelsea toured the old quarter.", "Chelsea"),
    ],
)
def test_a_person_named_like_a_town_is_no_place(text, person):
    found = names(text)
    assert person not in found and ("Hanoi" in found or "Da Nang" in found), found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Parts made in Clinton, Iowa, are shipped to Hai Phong.", "Clinton"),  # no person of that name
        ("President Obama praised the delegation that came from Obama, the Japanese town, to Hai Phong.", "Obama"),  # placed
    ],
)
def test_a_town_with_no_person_of_its_name_or_plainly_placed_stays(text, town):
    assert town in names(text)


def test_only_foreign_towns_can_be_people():
    """A capital, a country, a province or a Vietnamese town is never taken for a person ("Le Vinh" is a name, Vinh a city)."""
    from geo.gazetteer import default_gazetteer
    from ingest.geoparse import _foreign_town
    from ingest.mentions import PlaceMention
    from ingest.people import people

    gazetteer = default_gazetteer()
    assert not _foreign_town(gazetteer.capital("JP")) and not _foreign_town(gazetteer.capital("VN"))
    assert not _foreign_town(gazetteer.resolve("Vinh", ("VN",)).place)  # the city in Nghe An
    assert _foreign_town(gazetteer.resolve("Obama", ("JP",)).place)
    text = "Mr. Le Vinh spoke in Vinh."
    vinh = [PlaceMention("Vinh", 7, 11, ()), PlaceMention("Vinh", 21, 25, ())]
    assert people(text, vinh, towns=set()) == set()  # not a town that may be a person: kept
    assert people(text, vinh, towns={"Vinh"}) == {(7, 11)}  # were it one, the placed "in Vinh" would still stay


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        # a firm's name that holds a foreign town's: its bare occurrences are the firm
        ("Formosa Plastics Group runs a mill in Ha Tinh; Formosa said the mill would reopen.", "Formosa"),
        ("Workers at the Clinton Steel plant in Hai Phong struck, and Clinton raised pay.", "Clinton"),
        ("In Hanoi the brewer sells its Chang beer, and Chang now leads the market.", "Chang"),
    ],
)
def test_a_firm_or_brand_named_like_a_town_is_no_place(text, firm):
    found = names(text)
    assert firm not in found and found, found


def test_a_demonym_is_no_town():
    """"Thai" is the adjective of Thailand, not the town Thai in Malaysia."""
    assert names("A Thai billionaire bought the brewery in Hanoi.") == ["Hanoi"]


@pytest.mark.parametrize(
    "text",
    [
        "The stilt house where Ho Chi Minh lived stands in Hanoi.",
        "In 1958 the guests in Hanoi were received by Ho Chi Minh.",
    ],
)
def test_a_city_name_doing_what_only_people_do_is_a_person(text):
    """The man, not the city: a name followed by "lived", "died", "was born", "wrote", "married", or after "received by",
    "greeted by", "founded by", "written by" (at that occurrence only: the city keeps its own)."""
    assert names(text) == ["Hanoi"]


def test_a_city_that_lived_up_to_its_name_or_a_country_before_its_leader_stays_a_place():
    assert "Da Nang" in names("Da Nang lived up to its promise as a port city.")
    assert "Japan" in names("In Da Nang he was greeted by Japan's ambassador.")


def test_where_a_person_is_seen_stops_at_its_windows():
    """The cues are read in fixed windows before the name: a title or given name within 60 characters, a placing word
    within 12, "received by" within 20 (also at the very start of the text); a place word is no given name; a town of
    two words is never taken for a person (a capitalised word before it is too often a headline's or a list's)."""
    from ingest.mentions import PlaceMention
    from ingest.people import people

    def spans(text, name, towns=None):
        at = [i for i in range(len(text)) if text.startswith(name, i)]
        found = people(text, [PlaceMention(name, i, i + len(name), ()) for i in at], towns={name} if towns is None else towns)
        return sorted(found), [(i, i + len(name)) for i in at]

    found, at = spans("Goods from North Obama reach Hai Phong.", "Obama")
    assert found == []  # "North" is a place word, not a given name
    found, at = spans("Officials said Tuesday Santa Clara firms would invest in Hai Phong.", "Santa Clara")
    assert found == []  # two words: never a person
    found, at = spans("From Obama, the Japanese town, came a gift for President Obama.", "Obama")
    assert found == [at[1]]  # the first is placed by "From" at the very start of the text
    found, at = spans("received by Ho Chi Minh in 1958, the guests stayed in Hanoi.", "Ho Chi Minh", towns=set())
    assert found == [at[0]]
    def titled(gap):  # "Chairman", two names that are no given name's shape (McD…), then the name `gap` characters after the title
        second = "McD" + "x" * 22
        first = "A" + "b" * (gap - len("Chairman ") - len(second) - 3)
        return f"Chairman {first} {second} Obama spoke."

    far = titled(61)
    assert far.index("Obama") - far.index("Chairman") == 61  # the title 61 characters before the name: out of the window
    found, at = spans(far, "Obama")
    assert found == []
    near = titled(60)
    assert near.index("Obama") - near.index("Chairman") == 60
    found, at = spans(near, "Obama")
    assert found == at
