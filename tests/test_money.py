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
