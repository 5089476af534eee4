"""Every date form the parser promises, its precision and whether the text states it in full; the boundaries of each rule."""

from __future__ import annotations

import datetime as dt

import pytest

from seeds.dates import DateMention, find_dates, first_day, last_day, parse_date, precision_of

REF = dt.date(2023, 12, 16)  # a Saturday; its week runs Monday 11 to Sunday 17 December


@pytest.mark.parametrize(
    "text, start, end, precision, explicit",
    [
        ("2023-12-16", "2023-12-16", None, "day", True),
        ("In the first 7 months of 2024", "2024-01", "2024-07", "month", True),
        ("December 12th and 13th, 2023", "2023-12-12", "2023-12-13", "day", True),
        ("December 12th and 13th", "2023-12-12", "2023-12-13", "day", False),
        ("12 to 13 December 2022", "2022-12-12", "2022-12-13", "day", True),
        ("12–13 December", "2023-12-12", "2023-12-13", "day", False),
        ("on Dec. 5, 2021", "2021-12-05", None, "day", True),
        ("on November 27", "2023-11-27", None, "day", False),
        ("on 5th of Sept 2020", "2020-09-05", None, "day", True),
        ("October 2022", "2022-10", None, "month", True),
        ("the 16th,", "2023-12-16", None, "day", False),
        ("the 17th local time", "2023-11-17", None, "day", False),  # after the article's day: the month before
        ("in December", "2023-12", None, "month", False),  # the article's own month
        ("since January", "2023-01", None, "month", False),
        ("in 2008", "2008", None, "year", True),
        ("yesterday", "2023-12-15", None, "day", False),
        ("today", "2023-12-16", None, "day", False),
        ("tomorrow", "2023-12-17", None, "day", False),
        ("last week", "2023-12-04", "2023-12-10", "day", False),
        ("this week", "2023-12-11", "2023-12-17", "day", False),
        ("next week", "2023-12-18", "2023-12-24", "day", False),
        ("last month", "2023-11", None, "month", False),
        ("next month", "2024-01", None, "month", False),  # across the year
        ("this month", "2023-12", None, "month", False),
        ("last year", "2022", None, "year", False),
        ("this year", "2023", None, "year", False),
        ("next year", "2024", None, "year", False),
    ],
)
def test_forms(text, start, end, precision, explicit):
    (found,) = find_dates(text, REF)
    assert (found.date_start, found.date_end, found.precision, found.explicit) == (start, end, precision, explicit)
    assert text[found.start : found.end] == found.text


def test_relative_month_back_in_january():
    assert parse_date("last month", dt.date(2024, 1, 31)).date_start == "2023-12"
    assert parse_date("in February", dt.date(2024, 1, 31)).date_start == "2023-02"  # the latest February not after January 2024


def test_not_a_calendar_date_is_skipped():
    assert find_dates("on February 30 and on March 1", REF) == [DateMention("March 1", 22, 29, "2023-03-01", None, "day", False)]


def test_long_text_is_scanned_around_its_anchors():
    filler = "Delegations discussed cooperation in many fields for a long time. " * 40
    text = " ".join([filler, "They met on December 12th and 13th.", filler, "A deal was signed in October 2022.", filler, "Yesterday it rained."])
    assert len(text) > 4000
    found = find_dates(text, REF)
    assert [(d.text, d.date_start) for d in found] == [("December 12th and 13th", "2023-12-12"), ("October 2022", "2022-10"), ("Yesterday", "2023-12-15")]
    for d in found:
        assert text[d.start : d.end] == d.text


def test_parse_date_wants_exactly_one():
    assert parse_date("in September", REF).date_start == "2023-09"
    with pytest.raises(ValueError) as none:
        parse_date("soon", REF)
    assert str(none.value) == "'soon' holds 0 date expressions; expected exactly one, e.g. 'December 12th and 13th'"
    with pytest.raises(ValueError, match="holds 2 date expressions"):
        parse_date("in 2008 and in 2009", REF)


def test_precision_and_calendar_bounds():
    assert [precision_of(x) for x in ("2024-07-31", "2024-07", "2024")] == ["day", "month", "year"]
    assert last_day("2024-07-04") == dt.date(2024, 7, 4)
    assert last_day("2023-02") == dt.date(2023, 2, 28) and last_day("2024-12") == dt.date(2024, 12, 31)
    assert first_day("2024-07") == dt.date(2024, 7, 1) and first_day("2024") == dt.date(2024, 1, 1)
    assert first_day("2024-07-04") == dt.date(2024, 7, 4)


def test_long_text_finds_dates_written_only_in_digits():
    """In a long text a date with no month word ("2023-12-16", "the 16th", "in 2008") is found by its digits."""
    filler = "Delegations discussed cooperation in many fields for a long time. " * 40
    text = " ".join([filler, "It was signed on 2023-12-16 at noon.", filler, "On the 14th, they met.", filler, "The framework of 2008 holds."])
    assert len(text) > 4000
    assert [(d.text, d.date_start) for d in find_dates(text, REF)] == [("2023-12-16", "2023-12-16"), ("the 14th", "2023-12-14"), ("2008", "2008")]
