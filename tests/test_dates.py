"""Date expressions resolved against the article's date."""

import datetime as dt

import pytest

from seeds.dates import find_dates, last_day


@pytest.mark.parametrize(
    "text, reference, start, end, precision",
    [
        ("made a state visit to Vietnam on December 12th and 13th.", dt.date(2023, 12, 16), "2023-12-12", "2023-12-13", "day"),
        ("On the afternoon of the 16th local time", dt.date(2023, 12, 16), "2023-12-16", None, "day"),
        ("On the afternoon of the 28th local time", dt.date(2024, 1, 3), "2023-12-28", None, "day"),
        ("visit to Hanoi in September, Vietnam", dt.date(2023, 12, 16), "2023-09", None, "month"),
        ("in March", dt.date(2024, 2, 1), "2023-03", None, "month"),
        ("in San Francisco last month.", dt.date(2023, 12, 11), "2023-11", None, "month"),
        ("last month", dt.date(2024, 1, 15), "2023-12", None, "month"),
        ("visited China from August 18 to 20.", dt.date(2024, 8, 20), "2024-08-18", "2024-08-20", "day"),
        ("the official visit in October 2022", dt.date(2024, 8, 20), "2022-10", None, "month"),
        ("In the first 7 months of 2024 , Vietnam", dt.date(2024, 8, 20), "2024-01", "2024-07", "month"),
        ("framework in 2008 under the motto", dt.date(2024, 8, 20), "2008", None, "year"),
        ("on 5 May 2024", dt.date(2024, 8, 20), "2024-05-05", None, "day"),
        ("scheduled to visit Vietnam this week", dt.date(2023, 12, 13), "2023-12-11", "2023-12-17", "day"),
    ],
)
def test_resolve(text, reference, start, end, precision):
    (found,) = find_dates(text, reference)
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize("text", ["the 50th anniversary", "the 13th Party Congress", "the 32nd Diplomatic Conference", "It may rain", "30 years"])
def test_not_dates(text):
    assert find_dates(text, dt.date(2024, 1, 1)) == []


def test_two_dates_in_one_sentence():
    text = "the official visit in October 2022 and the visit by Xi Jinping in December 2023"
    assert [d.date_start for d in find_dates(text, dt.date(2024, 8, 20))] == ["2022-10", "2023-12"]


def test_last_day():
    assert last_day("2024-02") == dt.date(2024, 2, 29) and last_day("2008") == dt.date(2008, 12, 31)
