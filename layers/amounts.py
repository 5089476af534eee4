"""Amounts and periods written for people: "¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023".

A stated amount keeps every digit the article gave ("US$1.524 bn"); a
converted one is rounded to three significant digits ("US$298 M"), since the
rate, not the article, made its last digits. Currency symbols come from the
Unicode CLDR through Babel (English); "$" alone is written "US$". Each line
carries its kind of money (`seeds.flows`): kinds are listed apart, never added.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_currency_symbol

from seeds import flows

_SCALES = [(Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "M")]
HEADINGS = {"finance": "Development finance", "investment": "Investment", "indicator": "Economic indicator"}


@lru_cache(maxsize=512)  # CLDR lookups cost ~20 µs; a map of 100,000 features asks for a handful of currencies
def symbol(currency: str) -> str:
    """The currency's English symbol ("¥", "CN¥", "₩"), "US$" for the dollar, else the ISO code.

    Examples
    --------
    >>> symbol("JPY"), symbol("CNY"), symbol("USD"), symbol("XYZ")
    ('¥', 'CN¥', 'US$', 'XYZ ')
    """
    found = get_currency_symbol(currency, locale="en")
    if found == "$":
        return "US$"
    return f"{currency} " if found == currency else found


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def money(amount, currency: str | None, significant: int | None = None) -> str:
    """A compact amount: "¥42.3 bn", "US$1.524 bn"; `significant` rounds a computed value ("US$298 M").

    Examples
    --------
    >>> money(42_300_000_000, "JPY"), money(298_431_066.71, "USD", significant=3), money(3_000, "USD")
    ('¥42.3 bn', 'US$298 M', 'US$3,000')
    >>> money(None, None)
    'amount not stated'
    """
    if _missing(amount):
        return "amount not stated"
    value = Decimal(str(amount))
    if significant and value:
        value = round(value, significant - 1 - value.adjusted())
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{symbol(currency)}{(value / size).normalize():f} {word}"
    return f"{symbol(currency)}{value.quantize(Decimal('1')):,}"


@lru_cache(maxsize=4096)
def day(iso: str | dt.date | None) -> str:
    """ "15 Dec 2023" for 2023-12-15."""
    if _missing(iso) or iso == "":
        return ""
    on = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(str(iso))
    return f"{on.day} {on:%b %Y}"


def _part(iso: str) -> tuple[int, int | None, int | None]:
    bits = [int(b) for b in iso.split("-")]
    return bits[0], bits[1] if len(bits) > 1 else None, bits[2] if len(bits) > 2 else None


def _month(number: int) -> str:
    return dt.date(2000, number, 1).strftime("%b")


def period(start: str | None, end: str | None = None) -> str:
    """An ISO date or range at its own precision, as a range people read.

    Examples
    --------
    >>> period("2024-01", "2024-07"), period("2023-12-12", "2023-12-13"), period("2023-12-16")
    ('Jan–Jul 2024', '12–13 Dec 2023', '16 Dec 2023')
    >>> period("2023-11-30", "2023-12-02"), period("2023-12", "2024-01"), period("2008", "2024"), period(None)
    ('30 Nov – 2 Dec 2023', 'Dec 2023 – Jan 2024', '2008–2024', '')
    """
    if _missing(start) or not start:
        return ""
    y1, m1, d1 = _part(str(start))
    one = (f"{d1} " if d1 else "") + (f"{_month(m1)} " if m1 else "") + str(y1)
    if _missing(end) or not end or end == start:
        return one
    y2, m2, d2 = _part(str(end))
    two = (f"{d2} " if d2 else "") + (f"{_month(m2)} " if m2 else "") + str(y2)
    if (m1 is None) != (m2 is None) or (d1 is None) != (d2 is None):
        return f"{one} – {two}"
    if y1 != y2:
        return f"{y1}–{y2}" if m1 is None else f"{one} – {two}"
    if m1 is None:
        return one
    if m1 != m2:
        return f"{_month(m1)}–{_month(m2)} {y1}" if d1 is None else f"{d1} {_month(m1)} – {two}"
    return f"{d1}–{d2} {_month(m1)} {y1}" if d1 is not None and d1 != d2 else two


def flow_of(item: dict) -> str | None:
    """The item's kind of money (its `flow`, or what its instrument names when an older file lacks it)."""
    return item.get("flow") or flows.classify(item.get("instrument"))


def amount_text(item: dict) -> str:
    """The amount, and its USD value with the rate's date when converted.

    Examples
    --------
    >>> amount_text({"amount": 42.3e9, "currency": "JPY", "amount_usd": 298431066.71, "fx_date": "2023-12-15"})
    '¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023'
    """
    text = money(item.get("amount"), item.get("currency"))
    if _missing(item.get("amount")):
        return text
    if not _missing(item.get("amount_usd")) and item.get("currency") != "USD":
        text += f" ≈ {money(item['amount_usd'], 'USD', significant=3)} at the ECB rate of {day(item.get('fx_date'))}"
    elif item.get("fx_note"):
        text += f" ({item['fx_note']})"
    return text


def line(item: dict) -> str:
    """One funding item for people: amount, instrument, period ("US$112.2 bn — trade turnover, Jan–Jul 2024").

    Examples
    --------
    >>> line({"amount": 112.2e9, "currency": "USD", "amount_usd": 112.2e9, "instrument": "trade turnover",
    ...       "date_start": "2024-01", "date_end": "2024-07"})
    'US$112.2 bn — trade turnover, Jan–Jul 2024'
    >>> line({"amount": None, "instrument": "grant (amount not stated)"})
    'grant (amount not stated)'
    """
    when = period(item.get("date_start"), item.get("date_end"))
    if _missing(item.get("amount")):
        parts = [item.get("instrument") or "amount not stated"]
    else:
        parts = [f"{amount_text(item)} — {item.get('instrument')}"]
    if item.get("terms"):
        parts.append(f"terms: {item['terms']}")
    return ", ".join(parts + ([when] if when else []))


def labelled_order(funding: list[dict]) -> list[dict]:
    """The items grouped by kind, in the order finance, investment, indicator (stable within a kind)."""
    order = {flow: i for i, flow in enumerate(flows.FLOWS)}
    return sorted(funding, key=lambda f: order.get(flow_of(f), len(order)))


def heading(item: dict) -> str:
    """The item's kind as a heading: "Development finance", "Investment", "Economic indicator"."""
    return HEADINGS.get(flow_of(item), "Money (kind not stated)")


def labelled_lines(funding: list[dict]) -> list[tuple[str, str]]:
    """(heading, line) per item, grouped by kind: each line says which kind of money it is."""
    return [(heading(f), line(f)) for f in labelled_order(funding)]


def usd_total(funding: list[dict], flow: str) -> float | None:
    """The USD sum of one kind's converted amounts, or None when it has none (never across kinds)."""
    values = [f["amount_usd"] for f in funding if flow_of(f) == flow and not _missing(f.get("amount_usd"))]
    return round(sum(values), 2) if values else None
