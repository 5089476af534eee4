"""Whether Vietnam takes part in a sentence's event (ingest/home.py): its people, its name, the two sides, earlier events."""

import datetime as dt
from types import SimpleNamespace

import pytest

from ingest.home import BACKGROUND_YEARS, background, takes_part, vietnamese_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Prime Minister Phạm Minh Chính arrived.", {"Pham Minh Chinh", "Chinh"}),
        ("Nguyen Thi Kim Ngan spoke.", {"Nguyen Thi Kim Ngan", "Ngan"}),  # four words
        ("Vo Van Kiet spoke.", {"Vo Van Kiet", "Kiet"}),  # three words, no title
        ("General Secretary To Lam spoke.", {"To Lam", "Lam"}),  # two words after a title
        ("President Vo Van Thuong and Mr. Le Hong spoke.", {"Vo Van Thuong", "Thuong", "Le Hong", "Hong"}),
        ("To Lam spoke.", set()),  # two words without a title: not sure to be a name ("To Japan…")
        ("In Ho Chi Minh City the market rose.", set()),  # a city named after a person
        ("The delegation walked along Le Loi Street.", set()),
        ("Kishida and Biden met.", set()),
    ],
)
def test_vietnamese_people_are_read_from_the_form_of_their_names(text, names):
    assert vietnamese_names(text) == names


@pytest.mark.parametrize(
    ("sentence", "in_vietnam", "foreign", "expected"),
    [
        ("Japan pledged a loan for the port.", True, 1, True),  # placed in Vietnam
        ("Japan pledged a loan for the port.", False, 1, False),
        ("Japan pledged a loan to Vietnam.", False, 1, True),
        ("Japan pledged a loan to Việt Nam.", False, 1, True),  # diacritics folded
        ("Japan pledged a loan to Vietnamese firms.", False, 1, True),
        ("Japan and Hà Nội agreed.", False, 1, True),
        ("Chinh held talks with Kishida.", False, 1, True),  # a given name of the article's people
        ("Chinhs held talks with Kishida.", False, 1, False),  # a whole word only
        ("The two leaders held talks.", False, 1, True),
        ("Both countries signed a pact.", False, 1, True),
        ("The bilateral pact was signed.", False, 1, True),
        ("The two countries expelled each other's envoys.", False, 2, False),  # two foreign countries: theirs
        ("The two leaders held talks.", False, 0, True),
        ("The two wings of the party met.", False, 1, False),
    ],
)
def test_vietnam_takes_part(sentence, in_vietnam, foreign, expected):
    assert takes_part(sentence, in_vietnam, {"Chinh", "Pham Minh Chinh"}, foreign) is expected


def _dated(*years):
    return [SimpleNamespace(date_start=f"{year}-01-01") for year in years]


@pytest.mark.parametrize(
    ("sentence", "dates", "published", "expected"),
    [
        ("Lam had made state visits to Laos.", [], None, True),  # past perfect
        ("Japan had already signed the loan.", [], None, True),
        ("The plant had been built by Korea.", [], None, True),
        ("Japan had talks with Vietnam.", [], None, False),  # "had" as the main verb
        ("Japan signed the loan.", [], None, False),
        ("Japan signed the loan in 2019.", _dated(2019), dt.date(2019 + BACKGROUND_YEARS, 5, 1), True),
        ("Japan signed the loan in 2020.", _dated(2020), dt.date(2019 + BACKGROUND_YEARS, 5, 1), False),  # one year before
        ("Japan signed in 2010 and again in 2021.", _dated(2010, 2021), dt.date(2021, 5, 1), False),  # its latest date counts
        ("Japan signed the loan in 2010.", _dated(2010), None, False),  # no publication date: no year rule
        ("Japan signed the loan.", [SimpleNamespace(date_start=None)], dt.date(2024, 1, 1), False),
    ],
)
def test_an_earlier_event(sentence, dates, published, expected):
    assert background(sentence, dates, published) is expected
