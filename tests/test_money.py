"""Money mentions: amount, ISO 4217 currency and scale, as news text writes them."""

import pytest

from seeds.money import MoneyError, find_money, parse_money


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("42.3 billion yen", 42_300_000_000, "JPY"),
        ("112.2 billion USD", 112_200_000_000, "USD"),
        ("USD 1.524 billion", 1_524_000_000, "USD"),
        ("$3 million", 3_000_000, "USD"),
        ("US$2.5bn", 2_500_000_000, "USD"),
        ("¥5 billion", 5_000_000_000, "JPY"),
        ("VND 10 trillion", 10_000_000_000_000, "VND"),
        ("10 trillion dong", 10_000_000_000_000, "VND"),
        ("1,200 million euros", 1_200_000_000, "EUR"),
        ("500 million yuan", 500_000_000, "CNY"),
        ("EUR 3m", 3_000_000, "EUR"),
        # Issue 11: every common written form.
        ("JPY200 billion", 200_000_000_000, "JPY"),
        ("VND203 trillion", 203_000_000_000_000, "VND"),
        ("RMB 1.2 billion", 1_200_000_000, "CNY"),
        ("¥95.167 billion", 95_167_000_000, "JPY"),
        ("US$811.53 million", 811_530_000, "USD"),
        ("$7.8-billion", 7_800_000_000, "USD"),
        ("18.25 million USD", 18_250_000, "USD"),
        ("2,300 billion dong", 2_300_000_000_000, "VND"),
        ("$15.5 Billion", 15_500_000_000, "USD"),
        ("A$160 million", 160_000_000, "AUD"),
        ("S$2 billion", 2_000_000_000, "SGD"),
        ("85,000 tỷ đồng", 85_000_000_000_000, "VND"),
        ("2 nghìn tỷ đồng", 2_000_000_000_000, "VND"),
        ("1 ngàn tỉ đồng", 1_000_000_000_000, "VND"),
        ("500 triệu đồng", 500_000_000, "VND"),
    ],
)
def test_parse(text, amount, currency):
    found = parse_money(text)
    assert (found.amount_number, found.currency, found.text) == (amount, currency, text)


def test_offsets_in_a_sentence():
    sentence = "turnover reached 112.2 billion USD, investment reaching 1.524 billion USD."
    found = find_money(sentence)
    assert [sentence[m.start : m.end] for m in found] == ["112.2 billion USD", "1.524 billion USD"]


@pytest.mark.parametrize("text", ["In the first 7 months of 2024", "4 agreements on politics", "42.3 billion zorkmids", "grant aid"])
def test_no_money(text):
    assert find_money(text) == []
    with pytest.raises(MoneyError):
        parse_money(text)


def test_unknown_three_letter_code_is_not_a_currency():
    assert find_money("40 ABC") == []


def test_range_keeps_both_ends():
    (found,) = find_money("a package of $1–1.5 billion for the line")
    assert (found.text, found.amount_number, found.amount_high, found.currency) == ("$1–1.5 billion", 1_000_000_000, 1_500_000_000, "USD")
    (found,) = find_money("between 200 to 300 million yen")
    assert (found.amount, found.amount_high) == (200_000_000, 300_000_000)


@pytest.mark.parametrize("hedge", ["about", "nearly", "over", "more than", "an estimated"])
def test_hedge_is_kept_apart_from_the_amount(hedge):
    sentence = f"Japan lent {hedge} ¥36.6 billion for six ships."
    (found,) = find_money(sentence)
    assert found.text == "¥36.6 billion" and found.qualifier == hedge and found.amount_number == 36_600_000_000


def test_a_stated_amount_and_its_usd_aside_are_two_amounts():
    sentence = "Its cost rose to VND43.7 trillion ($1.72 billion), most of it lent by Japan."
    assert [(m.text, m.currency) for m in find_money(sentence)] == [("VND43.7 trillion", "VND"), ("$1.72 billion", "USD")]


@pytest.mark.parametrize("text", ["the G7 partners", "between 2019-2020", "a 2,300-km line", "US$ has been stable", "Rs."])
def test_no_money_in_other_numbers(text):
    assert find_money(text) == []
