"""Money mentions in article text: "42.3 billion yen" -> 42300000000 JPY.

One parser serves the curated catalog (each funding amount is parsed from
its quote) and the geoparser of new articles.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pycountry
from babel.numbers import get_currency_name

from seeds import scan

SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    # The Indian numbering of Indian news: "Rs 500 crore" (10^7), "2 lakh" (10^5), "1.5 lakh crore" (10^12).
    "lakh": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
    "lakh crore": Decimal(10) ** 12,
    # Vietnamese: "tỷ đồng" (10^9), "nghìn tỷ đồng" (10^12, also "ngàn tỷ"), "triệu đồng" (10^6).
    "triệu": Decimal(10) ** 6,
    "tỷ": Decimal(10) ** 9,
    "tỉ": Decimal(10) ** 9,
    "nghìn tỷ": Decimal(10) ** 12,
    "ngàn tỷ": Decimal(10) ** 12,
    "nghìn tỉ": Decimal(10) ** 12,
    "ngàn tỉ": Decimal(10) ** 12,
}

# Currencies whose English names (the Unicode CLDR's, through Babel: "British pounds", "Indian rupees", "Singapore
# dollars") are read after an amount, and their unit nouns where only one of them has it ("pounds", "rupees", "ringgit").
NAMED_CURRENCIES = ("USD", "JPY", "CNY", "VND", "EUR", "KRW", "THB", "LAK", "KHR", "INR", "GBP", "AUD", "SGD", "HKD", "TWD", "MYR", "IDR", "PHP",
                    "RUB", "CHF", "CAD", "NZD")


def _cldr_words() -> dict[str, str]:
    names: dict[str, str] = {}
    units: dict[str, set[str]] = {}
    for code in NAMED_CURRENCIES:
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").lower()
            names[name] = code
            units.setdefault(name.split()[-1], set()).add(code)
    return names | {unit: codes.pop() for unit, codes in units.items() if len(codes) == 1}


# Currency words as English-language news writes them, mapped to ISO 4217: the CLDR names above, and the press's own
# ("dollars" alone is the US dollar; "sterling", "roubles"). Three-letter codes ("USD", "JPY") are recognised through pycountry.
CURRENCY_WORDS = _cldr_words() | {
    "sterling": "GBP",
    "pounds sterling": "GBP",
    "roubles": "RUB",
    "rouble": "RUB",
    "yen": "JPY",
    "japanese yen": "JPY",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "dong": "VND",
    "đồng": "VND",
    "vietnamese dong": "VND",
    "euros": "EUR",
    "euro": "EUR",
    "won": "KRW",
    "baht": "THB",
    "kip": "LAK",
    "riel": "KHR",
    "riels": "KHR",
    "rupees": "INR",
    "australian dollars": "AUD",
}
CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "¥": "JPY",
    "€": "EUR",
    "£": "GBP",
    "₫": "VND",
    "₩": "KRW",
    "₹": "INR",
    "A$": "AUD",
    "AU$": "AUD",
    "S$": "SGD",
    "HK$": "HKD",
    "NT$": "TWD",
    "C$": "CAD",
    "NZ$": "NZD",
}
# Written before the number like a code, but not ISO 4217 codes themselves.
PREFIX_WORDS = {"RMB": "CNY", "Rs": "INR", "Rs.": "INR"}
HEDGES = ("about", "around", "nearly", "almost", "over", "some", "roughly", "approximately", "more than", "less than",
          "up to", "at least", "under", "an estimated", "just over", "just under")

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?i:thousand|million|billion|trillion|mn|bn|tn|lakh\s+crore|lakh|crore)|[kmbKMB](?![a-zA-Z])|(?:nghìn\s|ngàn\s)?t[ỷỉ]|triệu"
# Numbers in words before a scale: "one billion dollars", "half a billion yen".
WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "half a": Decimal("0.5")}
_WORD = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True))
_SYMBOL = "|".join(sorted((re.escape(s) for s in CURRENCY_SYMBOLS), key=len, reverse=True))
_PREFIX = "|".join(sorted((re.escape(s) for s in PREFIX_WORDS), key=len, reverse=True))
_CODE = r"[A-Z]{3}"

# Forms: "$3 million", "USD 1.524 billion", "JPY200 billion", "RMB 1.2 billion", "1.524 billion USD", "42.3 billion yen",
# "$7.8-billion", "$1–1.5 billion", "2,300 billion dong", "85.000 tỷ đồng", "A$160 million", "a 1.4-billion-dollar plant".
_PATTERN = re.compile(
    rf"""
    (?:(?<![A-Za-z])(?P<pre_sym>{_SYMBOL})\s?|(?P<pre_word>\b(?:{_PREFIX}))\s?|(?P<pre_code>\b{_CODE})\s?)?
    (?P<number>(?<![\d.,]){_NUMBER})
    (?:\s?(?:[–—-]|to)\s?(?P<high>{_NUMBER}))?
    (?:[\s-]?(?P<scale>{_SCALE})(?!\w))?
    (?:[\s-](?P<post_word>(?i:{_WORD}))(?![\w-])|\s(?P<post_code>{_CODE})\b)?
    """,
    re.VERBOSE,
)
_SPELLED = re.compile(
    rf"\b(?P<number>(?i:{'|'.join(sorted(WORD_NUMBERS, key=len, reverse=True))}))\s+(?P<scale>(?i:thousand|million|billion|trillion))"
    rf"\s+(?P<post_word>(?i:{_WORD}))(?!\w)"
)
# A bare first number of a range takes the scale of the second: "between $1 and $2 billion" is $1 billion to $2 billion.
_SHARED_SCALE = re.compile(rf"\s*(?:and|to|[–—-])\s*(?:{_SYMBOL})?\s?(?:{_NUMBER})[\s-]?(?P<scale>{_SCALE})(?!\w)")
_HEDGE = re.compile(rf"\b(?P<hedge>(?i:{'|'.join(sorted(HEDGES, key=len, reverse=True))}))\s+$")


# Every amount holds a currency word, symbol or code: long texts are searched only around these.
_ANCHOR_WORDS = scan.keyword_automaton(sorted({w.split()[-1] for w in CURRENCY_WORDS}))
_ANCHOR_OTHER = re.compile(rf"{_SYMBOL}|\b[A-Z]{{3}}|\bRMB|\bRs\b")


class MoneyError(ValueError):
    """A text does not hold exactly one amount with a known currency."""


@dataclass(frozen=True)
class Money:
    """One amount of money found in a text, with its character offsets."""

    text: str
    start: int
    end: int
    amount: Decimal
    currency: str
    amount_high: Decimal | None = None  # the top of a range ("$1–1.5 billion"); `amount` is its bottom
    qualifier: str | None = None  # "about", "nearly", "over"…: written before the amount, not part of it

    @property
    def amount_number(self) -> int | float:
        """The amount as a JSON-friendly number (int when whole)."""
        return int(self.amount) if self.amount == self.amount.to_integral_value() else float(self.amount)


def is_iso_currency(code: str) -> bool:
    """True when `code` is an ISO 4217 alphabetic code (pycountry's list)."""
    return pycountry.currencies.get(alpha_3=code.upper()) is not None if len(code) == 3 else False


def _currency(match: re.Match) -> str | None:
    if match["pre_sym"]:
        return CURRENCY_SYMBOLS[match["pre_sym"]]
    if match["pre_word"]:
        return PREFIX_WORDS[match["pre_word"]]
    if match["post_word"]:
        return CURRENCY_WORDS[match["post_word"].lower()]
    for code in (match["pre_code"], match["post_code"]):
        if code and is_iso_currency(code):
            return code
    return None


def find_money(text: str, folded: str | None = None) -> list[Money]:
    """Every amount with a recognisable currency in `text`, in order.

    Examples
    --------
    >>> [(m.amount_number, m.currency) for m in find_money("USD 1.524 billion and 42.3 billion yen")]
    [(1524000000, 'USD'), (42300000000, 'JPY')]
    """
    found, seen = [], set()
    long = len(text) > 4000
    spans = scan.windows(text, scan.anchors(text, _ANCHOR_WORDS, _ANCHOR_OTHER, folded), 40, 40) if long else [(0, len(text))]
    for match in (m for start, end in spans for m in _PATTERN.finditer(text, start, end)):
        if match.start() in seen:
            continue
        seen.add(match.start())
        currency = _currency(match)
        if currency is None:
            continue
        try:
            number = Decimal(match["number"].replace(",", ""))
            high = Decimal(match["high"].replace(",", "")) if match["high"] else None
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
        written_scale = match["scale"] or ((shared := _SHARED_SCALE.match(text, match.end())) and shared["scale"])
        scale = SCALES[" ".join(written_scale.lower().split())] if written_scale else Decimal(1)
        start, end = match.span()
        # The optional prefix group may swallow a leading space; report the mention itself.
        while text[start].isspace():
            start += 1
        if high is not None and high <= number:
            continue  # "2019-2020 dollars" or a negative span: not a range of money
        hedge = _HEDGE.search(text, max(0, start - 20), start)
        amount_high = (high * scale).normalize() if high is not None else None
        found.append(Money(text[start:end], start, end, (number * scale).normalize(), currency, amount_high, hedge["hedge"].lower() if hedge else None))
    for match in _SPELLED.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        number = Decimal(WORD_NUMBERS[match["number"].lower()])
        amount = (number * SCALES[match["scale"].lower()]).normalize()
        hedge = _HEDGE.search(text, max(0, match.start() - 20), match.start())
        currency = CURRENCY_WORDS[match["post_word"].lower()]
        found.append(Money(match.group(), match.start(), match.end(), amount, currency, None, hedge["hedge"].lower() if hedge else None))
    return _ranges(text, sorted(found, key=lambda m: m.start))


# Between two whole amounts of one range: "worth $15 billion to $17 billion", "between ¥5 billion and ¥8 billion".
_RANGE_JOIN = re.compile(r"\s*(?:to|[–—-])\s*$|\s+and\s+$")
_CHANGE = re.compile(r"\b(?:from|between)\s+(?:(?:about|around|nearly|almost|some|roughly|over|under|more than|less than)\s+)?$", re.IGNORECASE)


def _ranges(text: str, found: list[Money]) -> list[Money]:
    """Two amounts written as one range ("$15 billion to $17 billion") joined into one, its top in `amount_high`; a change
    ("climbed from $553 million to $868 million") stays two amounts, and "and" joins only after "between".

    >>> [(m.text, m.amount_high) for m in find_money("deals worth $15 billion to $17 billion, up from $1 billion to $2 billion")]
    [('$15 billion to $17 billion', Decimal('1.7E+10')), ('$1 billion', None), ('$2 billion', None)]
    >>> [m.text for m in find_money("between ¥5 billion and ¥8 billion, and $3 million and $4 million")]
    ['¥5 billion and ¥8 billion', '$3 million', '$4 million']
    """
    out: list[Money] = []
    for m in found:
        prev = out[-1] if out else None
        join = _RANGE_JOIN.match(text, prev.end, m.start) if prev else None
        if prev and join and prev.amount_high is None and m.amount_high is None and m.currency == prev.currency and m.amount > prev.amount:
            lead_in = _CHANGE.search(text, max(0, prev.start - 24), prev.start)
            after = lead_in.group().lower() if lead_in else ""
            if ("and" in join.group()) == after.startswith("between") and not after.startswith("from"):
                out[-1] = dataclasses.replace(prev, text=text[prev.start : m.end], end=m.end, amount_high=m.amount)
                continue
        out.append(m)
    return out


def parse_money(text: str) -> Money:
    """The single amount stated in `text`; MoneyError when there is none or several.

    Examples
    --------
    >>> m = parse_money("42.3 billion yen")
    >>> m.amount_number, m.currency
    (42300000000, 'JPY')
    """
    found = find_money(text)
    if len(found) != 1:
        what = "no amount with a known currency" if not found else f"{len(found)} amounts"
        raise MoneyError(f"{text!r} holds {what}; expected exactly one, e.g. '42.3 billion yen' or 'USD 3 million'")
    return found[0]
