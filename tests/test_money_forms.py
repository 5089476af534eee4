"""Every currency word, symbol and scale the money parser promises, and long texts scanned around their anchors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seeds.money import Money, MoneyError, _cldr_words, find_money, is_iso_currency, parse_money

# The forms English-language news writes, with the ISO 4217 code each means.
WORDS = [
    ("yen", "JPY"), ("Japanese yen", "JPY"), ("US dollars", "USD"), ("US dollar", "USD"), ("U.S. dollars", "USD"), ("dollars", "USD"),
    ("dollar", "USD"), ("yuan", "CNY"), ("renminbi", "CNY"), ("rmb", "CNY"), ("dong", "VND"), ("Vietnamese dong", "VND"),
    ("euros", "EUR"), ("euro", "EUR"), ("won", "KRW"), ("baht", "THB"), ("kip", "LAK"), ("riel", "KHR"), ("riels", "KHR"),
]
SYMBOLS = [("$", "USD"), ("US$", "USD"), ("¥", "JPY"), ("€", "EUR"), ("£", "GBP"), ("₫", "VND"), ("₩", "KRW")]
SCALES = [("thousand", 10**3), ("k", 10**3), ("million", 10**6), ("mn", 10**6), ("m", 10**6), ("billion", 10**9), ("bn", 10**9),
          ("b", 10**9), ("trillion", 10**12), ("tn", 10**12)]


@pytest.mark.parametrize("word, code", WORDS)
def test_currency_words(word, code):
    text = f"7.5 million {word}"
    found = parse_money(text)
    assert (found.amount, found.currency, found.text, found.start, found.end) == (Decimal(7_500_000), code, text, 0, len(text))


@pytest.mark.parametrize("symbol, code", SYMBOLS)
def test_currency_symbols(symbol, code):
    found = parse_money(f"paid {symbol}12 million in cash")
    assert (found.amount_number, found.currency, found.text) == (12_000_000, code, f"{symbol}12 million")


@pytest.mark.parametrize("scale, factor", SCALES)
def test_scales(scale, factor):
    joined = " " if len(scale) > 2 else ""  # "3 million", "3bn"
    found = parse_money(f"USD 3{joined}{scale}")
    assert found.amount == Decimal(3 * factor) and found.currency == "USD"
    assert parse_money(f"{3 * factor:,} US dollars").amount == found.amount  # the same amount written out


def test_plain_and_fractional_amounts():
    assert parse_money("USD 1,234,567").amount_number == 1_234_567
    whole, fraction = parse_money("EUR 12.5"), parse_money("USD 0.25")
    assert (whole.amount_number, type(whole.amount_number)) == (12.5, float)
    assert (fraction.amount_number, fraction.currency) == (0.25, "USD")
    assert type(parse_money("USD 3 million").amount_number) is int


def test_a_code_before_and_after():
    assert parse_money("KRW 1.2 trillion").currency == "KRW"
    assert parse_money("1.2 trillion KRW").currency == "KRW"
    assert find_money("about 40 ZZZ or 40 ABC") == []  # three capitals that are no ISO 4217 code
    assert is_iso_currency("jpy") and not is_iso_currency("JP") and not is_iso_currency("ABC")


def test_mention_offsets_skip_a_leading_space():
    text = "They pledged  $3 million."
    (found,) = find_money(text)
    assert (found.start, found.end, text[found.start : found.end]) == (14, 24, "$3 million")


def test_long_text_is_scanned_around_its_anchors():
    """Above 4,000 characters only windows around currency words, symbols and codes are read; nothing is lost."""
    filler = "The delegations discussed cooperation in many fields for hours. " * 40
    parts = [filler, "Japan pledged 42.3 billion yen for the line.", filler, "A further $3 million came later.", filler,
             "Trade reached USD 1.524 billion, and 500 million yuan were lent.", filler, "Count: 1,200 people and 7 agreements."]
    text = " ".join(parts)
    assert len(text) > 4000
    found = find_money(text)
    assert [(m.text, m.currency) for m in found] == [
        ("42.3 billion yen", "JPY"), ("$3 million", "USD"), ("USD 1.524 billion", "USD"), ("500 million yuan", "CNY")]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert [m.amount_number for m in found] == [42_300_000_000, 3_000_000, 1_524_000_000, 500_000_000]


def test_parse_money_names_what_is_wrong():
    with pytest.raises(MoneyError) as none:
        parse_money("grant aid")
    assert str(none.value) == "'grant aid' holds no amount with a known currency; expected exactly one, e.g. '42.3 billion yen' or 'USD 3 million'"
    with pytest.raises(MoneyError) as two:
        parse_money("$3 million and 5 billion yen")
    assert str(two.value).startswith("'$3 million and 5 billion yen' holds 2 amounts; expected exactly one")


def test_money_is_a_value():
    assert parse_money("$3 million") == Money("$3 million", 0, 10, Decimal(3_000_000), "USD")


def test_numbers_without_a_currency_do_not_stop_the_scan():
    found = find_money("In the first 7 months, 40 ABC of goods and 24 agreements, then $3 million and 42.3 billion yen.")
    assert [(m.text, m.currency) for m in found] == [("$3 million", "USD"), ("42.3 billion yen", "JPY")]


# Beyond the words above: the English names of the Unicode CLDR (through Babel) and their unit nouns, as the press writes them.
MORE_WORDS = [
    ("pounds", "GBP"), ("British pounds", "GBP"), ("sterling", "GBP"), ("pounds sterling", "GBP"), ("rupees", "INR"), ("Indian rupees", "INR"),
    ("Singapore dollars", "SGD"), ("Hong Kong dollars", "HKD"), ("ringgit", "MYR"), ("rupiah", "IDR"), ("pesos", "PHP"), ("roubles", "RUB"),
    ("rubles", "RUB"), ("Swiss francs", "CHF"), ("South Korean won", "KRW"), ("Thai baht", "THB"), ("Chinese yuan", "CNY"),
]


@pytest.mark.parametrize("word, code", MORE_WORDS)
def test_currency_names_after_the_amount(word, code):
    text = f"The two sides put the savings at 114 million {word} a year."
    (found,) = find_money(text)
    assert (found.text, found.amount_number, found.currency) == (f"114 million {word}", 114_000_000, code)


@pytest.mark.parametrize(
    "text, amount, written, code",
    [
        ("a 1.4-billion-dollar coal plant", 1_400_000_000, "1.4-billion-dollar", "USD"),
        ("the 500-million-euro loan", 500_000_000, "500-million-euro", "EUR"),
        ("a 2-trillion-won chip line", 2_000_000_000_000, "2-trillion-won", "KRW"),
        ("a 20-million-pound grant", 20_000_000, "20-million-pound", "GBP"),
    ],
)
def test_amounts_written_as_adjectives(text, amount, written, code):
    (found,) = find_money(text)
    assert (found.text, found.amount_number, found.currency) == (written, amount, code)


def test_a_rate_is_no_amount_and_long_texts_find_the_new_forms():
    assert find_money("a 10-dollar-a-day wage") == []  # a rate, not a sum
    filler = "The delegations discussed cooperation in many fields for hours. " * 70
    text = f"{filler} Exporters will save 114 million pounds. {filler} It is a 1.4-billion-dollar plant."
    assert [(m.text, m.currency) for m in find_money(text)] == [("114 million pounds", "GBP"), ("1.4-billion-dollar", "USD")]


@pytest.mark.parametrize(
    "text, written, amount, code",
    [
        ("India lent Rs 500 crore for the boats.", "Rs 500 crore", 5_000_000_000, "INR"),  # the Indian numbering
        ("a plan worth 2 lakh rupees", "2 lakh rupees", 200_000, "INR"),
        ("a Rs 1.5 lakh crore programme", "Rs 1.5 lakh crore", 1_500_000_000_000, "INR"),
        ("Tokyo lent one billion dollars.", "one billion dollars", 1_000_000_000, "USD"),  # numbers in words
        ("It costs two billion yen.", "two billion yen", 2_000_000_000, "JPY"),
        ("nearly half a billion dollars", "half a billion dollars", 500_000_000, "USD"),
    ],
)
def test_indian_scales_and_numbers_in_words(text, written, amount, code):
    (found,) = find_money(text)
    assert (found.text, found.amount_number, found.currency) == (written, amount, code)


def test_the_first_number_of_a_range_takes_the_scale_of_the_second():
    """"between $1 and $2 billion" is not one dollar (and is one range, as "worth $15 billion to $17 billion" is; "from $1
    billion to $2 billion" is a change, two amounts); a lone "$1" stays one dollar."""
    (between,) = find_money("It will cost between $1 and $2 billion.")
    assert (between.text, between.amount_number, between.amount_high) == ("$1 and $2 billion", 1_000_000_000, 2_000_000_000)
    text = "Firms signed deals worth $15 billion to $17 billion."
    (worth,) = find_money(text)
    assert (worth.text, worth.amount_number, worth.amount_high) == ("$15 billion to $17 billion", 15_000_000_000, 17_000_000_000)
    assert text[worth.start : worth.end] == worth.text
    # a range's top is above its bottom: "between $2 million and $2 million" is two amounts
    assert [m.text for m in find_money("It will cost between $2 million and $2 million.")] == ["$2 million", "$2 million"]
    assert [m.amount_number for m in find_money("Its cost climbed from $553 million to $868 million.")] == [553_000_000, 868_000_000]
    assert [m.amount_number for m in find_money("Its cost climbed from about $553 million to $868 million.")] == [553_000_000, 868_000_000]
    (hedged,) = find_money("It will cost between roughly $1 billion and $2 billion.")
    assert (hedged.amount_number, hedged.amount_high) == (1_000_000_000, 2_000_000_000)
    assert [m.amount_number for m in find_money("a $1 stake and 2 cents")] == [1]


def test_the_cldr_names_in_both_numbers_and_the_unit_nouns_of_one_currency():
    """Babel's English names, singular and plural, lower-cased; a unit noun ("pounds") only where one currency has it."""
    words = _cldr_words()
    assert words["singapore dollar"] == words["singapore dollars"] == "SGD"
    assert words["pound"] == words["pounds"] == words["british pounds"] == "GBP"
    assert (words["ringgit"], words["rupiah"], words["franc"]) == ("MYR", "IDR", "CHF")
    assert "dollars" not in words and "dollar" not in words  # seven of the currencies are dollars: none takes the bare noun
    assert all(word == word.lower() for word in words)


@pytest.mark.parametrize(
    "text, written, start, qualifier",
    [
        ("About $3 million was lent.", "$3 million", 6, "about"),  # a hedge opening the text
        ("Japan lent nearly half a billion dollars.", "half a billion dollars", 18, "nearly"),
        ("About one billion dollars was lent.", "one billion dollars", 6, "about"),
        ("It costs two billion yen.", "two billion yen", 9, None),
    ],
)
def test_a_hedge_before_an_amount_in_digits_or_in_words(text, written, start, qualifier):
    (found,) = find_money(text)
    assert (found.text, found.start, found.end, found.amount_high, found.qualifier) == (written, start, start + len(written), None, qualifier)


def test_a_range_with_thousands_separators_and_spans_that_are_no_range():
    (found,) = find_money("It will cost 1,500 to 2,300 billion dong.")
    assert (found.amount, found.amount_high, found.currency) == (1_500_000_000_000, 2_300_000_000_000, "VND")
    assert find_money("counted in 2015-2015 dollars") == []  # the top of a range must be above its bottom
    assert [m.text for m in find_money("In 2019-20 dollars, Japan lent $3 million.")] == ["$3 million"]  # a year span, then an amount
