"""Property tests (hypothesis): the money, date and place-name parsers never crash and round-trip."""

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.gazetteer import fold
from ingest.mentions import default_matcher, fold_text
from seeds.dates import find_dates
from seeds.money import find_money, parse_money

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
NEWSY = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.$¥€₫-–’'\n")), max_size=300)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(TEXT, NEWSY))
def test_money_never_crashes_and_spans_are_exact(text):
    for m in find_money(text):
        assert text[m.start : m.end] == m.text and m.amount >= 0 and len(m.currency) == 3


@SETTINGS
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("billion", 10**9), ("million", 10**6), ("trillion", 10**12)]),
    st.sampled_from([("yen", "JPY"), ("USD", "USD"), ("yuan", "CNY"), ("dong", "VND"), ("euros", "EUR")]),
)
def test_money_round_trip(number, scale, currency):
    found = parse_money(f"{number} {scale[0]} {currency[0]}")
    assert found.currency == currency[1] and found.amount == number * scale[1]


@SETTINGS
@given(st.one_of(TEXT, NEWSY), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_dates_never_crash(text, reference):
    for d in find_dates(text, reference):
        assert text[d.start : d.end] == d.text and d.precision in ("day", "month", "year")
        assert len(d.date_start) in (4, 7, 10)


@SETTINGS
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_full_dates_round_trip(day, reference):
    for written in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}", day.isoformat()):
        (found,) = find_dates(f"It happened on {written}.", reference)
        assert found.date_start == day.isoformat(), written


@SETTINGS
@given(TEXT)
def test_folding_keeps_length_and_is_idempotent(text):
    folded = fold_text(text)
    assert len(folded) == len(text) and fold_text(folded) == folded
    assert fold(fold(text)) == fold(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, NEWSY))
def test_place_matcher_never_crashes(text):
    matcher = default_matcher()
    for m in matcher.find(text + " Hanoi and Hai Phong."):
        assert m.keys and (text + " Hanoi and Hai Phong.")[m.start : m.end] == m.text


@SETTINGS
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("billion", 10**9), ("million", 10**6), ("trillion", 10**12), ("Billion", 10**9)]),
    st.sampled_from([("JPY", "JPY"), ("VND", "VND"), ("RMB", "CNY"), ("USD", "USD"), ("¥", "JPY"), ("US$", "USD"), ("A$", "AUD"), ("$", "USD")]),
    st.sampled_from(["{c}{n} {s}", "{c} {n} {s}", "{c}{n}-{s}", "{n} {s} {c}"]),
    st.sampled_from(["", "about ", "nearly ", "over "]),
)
def test_money_forms_round_trip(number, scale, currency, form, hedge):
    """Code or symbol before or after, glued, spaced or hyphenated, with a hedge: one amount, the hedge kept apart."""
    if form.startswith("{n}") and currency[0] in ("¥", "US$", "A$", "$"):
        form = "{c}{n} {s}"  # a symbol is written before the number
    written = form.format(c=currency[0], n=number, s=scale[0])
    (found,) = find_money(f"Officials said {hedge}{written} was lent.")
    assert found.text == written and found.currency == currency[1] and found.amount == number * scale[1]
    assert found.qualifier == (hedge.strip() or None)
