"""Named infrastructure ("Nhat Tan Bridge", "Yen Phong Industrial Park") as one place mention (ingest/facilities.py).

Sentences of our own, not from the geoparse sets: each names a facility the gazetteer does not hold.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from ingest import ingest
from ingest.facilities import find_facilities


def _places(text: str) -> dict[str, object]:
    return {p.text: p for p in ingest(text, article_id="t").places}


def _at(place_name: str, country: str = "VN"):
    gaz = default_gazetteer()
    return {p.key for p in gaz.candidates(place_name) if p.country == country}


@pytest.mark.parametrize(
    "text, facility, placed_at",
    [
        # the place stated right after it ("in Hanoi") is where it is
        ("Japan financed the Nhat Tan Bridge in Hanoi, which opened in 2015.", "Nhat Tan Bridge", "Hanoi"),
        ("Korean suppliers crowd the Yen Phong Industrial Park in Bac Ninh province.", "Yen Phong Industrial Park", "Bac Ninh"),
        ("Farmers along the Co Chien River in Vinh Long lost much of the rice crop.", "Co Chien River", "Vinh Long"),
        # the town its name holds is finer than the province it is stated in
        ("Coal leaves through the Cam Pha Port in Quang Ninh province.", "Cam Pha Port", "Cam Pha"),
        # a measure glued before the name is not part of it
        ("Doosan will supply turbines for the 1,500-MW Quang Ninh LNG Power Plant, officials said.", "Quang Ninh LNG Power Plant", "Quang Ninh"),
        # but not than a district; a numbered second phase is part of the name
        ("Its parts come from the Thang Long Industrial Park II in Dong Anh district.", "Thang Long Industrial Park II", "Dong Anh"),
        ("Japanese makers lease land in the Phu My Industrial Park, near Vung Tau.", "Phu My Industrial Park", "Phu My"),  # "My" is the name's
        # else the place its name holds, in the story's countries
        ("Vietnam's largest dam, the Son La Hydropower Plant, was finished in 2012.", "Son La Hydropower Plant", "Son La"),
        # else another place of its sentence: never the namesake abroad (Formosa, Argentina)
        ("Taiwanese steelmakers run the Formosa Industrial Zone, the biggest investment in Ha Tinh.", "Formosa Industrial Zone", "Ha Tinh"),
        # not the dateline's city, where the story was filed; the home country's place before a partner's capital
        ("SEOUL, Aug 11 – Seoul will lend $300 million for the Rach Mieu 2 Bridge, 60 km from Can Tho, Korea said.", "Rach Mieu 2 Bridge", "Can Tho"),
        ("Officials from Seoul and Tokyo inspected the Rach Mieu 2 Bridge, 60 km from Can Tho.", "Rach Mieu 2 Bridge", "Can Tho"),
        # a town of its sentence before a river it crosses
        ("The Thu Thiem 2 Bridge across the Saigon River opened in April, linking District 1 with Thu Duc City.", "Thu Thiem 2 Bridge", "Thu Duc"),
    ],
)
def test_a_named_facility_is_one_mention_placed_where_the_text_puts_it(text, facility, placed_at):
    places = _places(text)
    assert facility in places, sorted(places)
    found = places[facility]
    assert found.gazetteer_id in _at(placed_at), (found.gazetteer_id, found.name, found.choice)
    assert found.country == "VN" and found.is_feature
    assert found.name == facility and "facility" in found.choice
    # its name's words are not also mentions of their own
    assert not any(p.start > found.start and p.end <= found.end for p in places.values())


def test_a_facility_nothing_places_is_not_a_mention():
    """No place in the name, after it, or in its sentence: nothing to put on the map, and no namesake abroad either."""
    assert _places("The Formosa Industrial Zone will open next year.") == {}


def test_a_namesake_inside_an_unknown_facility_name_is_not_a_place():
    """Lower-case head ("industrial park"): the run "Trang Bom" names the park, so "Trang" is not Trang, Thailand."""
    places = _places("Suppliers moved into the Trang Bom industrial park near Dong Nai last year.")
    assert "Trang" not in places and "Dong Nai" in places
    # a known name before a lower-case head stays its own mention ("Lach Huyen port")
    assert "Lach Huyen" in _places("Ships now call at the Lach Huyen port near Hai Phong.")


@pytest.mark.parametrize(
    "text, not_a_facility",
    [
        ("The North–South Expressway links Hanoi with Can Tho.", "South Expressway"),  # a compass compound is a line
        ("Traffic on the Hanoi–Hai Phong Expressway doubled in 2016.", "Hai Phong Expressway"),  # so is a road between two places
        ("Shares of the Cam Ranh Port Joint Stock Company rose in Hanoi.", "Cam Ranh Port"),  # an organisation's name
        ("The Hai Phong Port Authority approved the berth.", "Hai Phong Port"),
    ],
)
def test_not_a_facility(text, not_a_facility):
    assert not_a_facility not in {f.text for f in find_facilities(text)}
    assert not_a_facility not in _places(text)


def test_a_gazetteer_row_wins_over_the_pattern():
    """A curated row that holds the whole name keeps its own, exact point."""
    places = _places("Flights will move to Long Thanh International Airport in Dong Nai province.")
    airport = places["Long Thanh International Airport"]
    assert airport.gazetteer_id == "regional:long-thanh-airport" and not (airport.choice or "").startswith("facility")


def test_headline_words_do_not_make_a_facility():
    found = {f.text for f in find_facilities("Japan Funds New Bridge Over Mekong River\n\nHANOI – The loan was signed.")}
    assert "Japan Funds New Bridge" not in found and "New Bridge" not in found


# ---- The ends of a line: "runs from Cat Linh in Dong Da district to …" (ingest/facilities.py, route_ends).
def test_the_ends_of_a_line_are_placed_where_the_sentence_puts_them():
    text = (
        "Hanoi's Line 5 will run from Van Cao in Ba Dinh district to Hoang Quoc Viet in Cau Giay, with ten stations. "
        "Van Cao will open first, the city said."
    )
    places = [(p.text, p.gazetteer_id) for p in ingest(text).places]
    ends = [(t, key) for t, key in places if t in ("Van Cao", "Hoang Quoc Viet")]
    assert [t for t, _ in ends] == ["Van Cao", "Hoang Quoc Viet", "Van Cao"], places
    assert ends[0][1] in _at("Ba Dinh") and ends[1][1] in _at("Cau Giay") and ends[2][1] == ends[0][1]


def test_route_ends_in_other_words():
    places = {p.text: p for p in ingest("Line 4 will stretch from Tan Kien in Binh Chanh district to Tham Luong in Tan Binh.").places}
    assert places["Tan Kien"].gazetteer_id in _at("Binh Chanh") and places["Tham Luong"].gazetteer_id in _at("Tan Binh")
    assert "line" in places["Tan Kien"].choice


@pytest.mark.parametrize(
    "text",
    [
        "The line runs from Van Cao to Hoang Quoc Viet.",  # nothing says where they are
        "The service runs from Monday in Hanoi to Friday in Hai Phong.",  # days, not places
        "Prices ran from Van Cao in Hanoi to the coast.",  # no line
    ],
)
def test_no_route_end(text):
    assert not {"Van Cao", "Hoang Quoc Viet", "Monday", "Friday"} & {p.text for p in ingest(text).places}


def test_in_a_headline_only_a_known_name_makes_a_facility():
    body = "\n\nHANOI – The loan of ¥40 billion was signed in Hanoi on Monday, the embassy in Hanoi said."
    assert not [p.text for p in ingest("Japan Funds Bridge In Hanoi" + body).places if "Bridge" in p.text]
    found = {p.text: p for p in ingest("Cao Lanh Bridge Opens To Traffic In Dong Thap" + body).places}
    assert found["Cao Lanh Bridge"].gazetteer_id in _at("Cao Lanh")


@pytest.mark.parametrize(
    "text, site, placed_at",
    [
        # rules3: named landmarks (pagoda, temple, mausoleum, cathedral, citadel) are named sites like bridges
        ("The minister laid flowers at the Tran Quoc Pagoda in Hanoi before the talks.", "Tran Quoc Pagoda", "Hanoi"),
        ("In Hue the delegation toured the Thien Mu Temple and the old Imperial Citadel.", "Thien Mu Temple", "Hue"),
        ("Guests from Seoul toured the Phat Diem Cathedral, a stone church in Ninh Binh province.", "Phat Diem Cathedral", "Ninh Binh"),
        # rules6: palaces, stadiums, squares, museums, gardens, tunnels and the natural features the press names
        ("The visitor was welcomed at the Presidential Palace in Hanoi on Monday.", "Presidential Palace", "Hanoi"),
        ("The final was played at the My Dinh National Stadium in Hanoi.", "My Dinh National Stadium", "Hanoi"),
        ("Crowds gathered in That Luang Square in Vientiane for the ceremony.", "That Luang Square", ("Vientiane", "LA")),
        ("The relics went on to Ba Den Mountain in Tay Ninh province.", "Ba Den Mountain", "Tay Ninh"),
        ("The gulf's shore runs from the Leizhou Peninsula in Guangdong to Hai Phong.", "Leizhou Peninsula", ("Guangdong", "CN")),
    ],
)
def test_a_named_landmark_is_one_mention(text, site, placed_at):
    places = _places(text)
    assert site in places, places
    where = _at(*placed_at) if isinstance(placed_at, tuple) else _at(placed_at)
    assert places[site].gazetteer_id in where, (places[site].gazetteer_id, where)


def test_a_site_stated_in_a_country_is_never_drawn_in_another():
    """"the Leizhou Peninsula in China … to Hai Phong": stated to be in China, it is not drawn at Hai Phong, the only other
    place of its sentence; with a place of China in the sentence it is drawn there."""
    assert "Leizhou Peninsula" not in _places("The gulf's shore runs from the Leizhou Peninsula in China to Hai Phong.")
    places = _places("The gulf's shore runs from the Leizhou Peninsula in China, near Zhanjiang, to Hai Phong.")
    assert places["Leizhou Peninsula"].gazetteer_id in _at("Zhanjiang", "CN")
