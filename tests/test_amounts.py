"""Amounts, periods and kinds of money as people read them (layers/amounts.py, seeds/flows.py)."""

import pytest
import yaml

from layers import amounts
from seeds import flows, load_articles, load_catalog
from tests.test_seeds_catalog import load_modified, raw_catalog

ODA = {"flow": "finance", "amount": 42_300_000_000, "currency": "JPY", "amount_usd": 298_431_066.71, "fx_date": "2023-12-15",
       "instrument": "development assistance (ODA)", "date_start": "2023-12-16", "date_end": None}
TRADE = {"flow": "indicator", "amount": 112_200_000_000, "currency": "USD", "amount_usd": 112_200_000_000, "fx_date": "2024-07-31",
         "instrument": "trade turnover", "date_start": "2024-01", "date_end": "2024-07"}
FDI = {"flow": "investment", "amount": 1_524_000_000, "currency": "USD", "amount_usd": 1_524_000_000, "fx_date": "2024-07-31",
       "instrument": "foreign direct investment (FDI)", "date_start": "2024-01", "date_end": "2024-07"}


@pytest.mark.parametrize(
    "amount, currency, significant, shown",
    [
        (42_300_000_000, "JPY", None, "¥42.3 bn"),
        (298_431_066.71, "USD", 3, "US$298 M"),
        (1_524_000_000, "USD", None, "US$1.524 bn"),  # a stated amount keeps every digit the article gave
        (2_500_000_000_000, "VND", None, "₫2.5 tn"),
        (150_000_000_000, "CNY", None, "CN¥150 bn"),
        (5_000_000, "USD", None, "US$5 M"),
        (3_000, "EUR", None, "€3,000"),
        (1_000, "XYZ", None, "XYZ 1,000"),
        (None, None, None, "amount not stated"),
        (float("nan"), "USD", None, "amount not stated"),
    ],
)
def test_money(amount, currency, significant, shown):
    assert amounts.money(amount, currency, significant=significant) == shown


@pytest.mark.parametrize(
    "start, end, shown",
    [
        ("2024-01", "2024-07", "Jan–Jul 2024"),
        ("2023-12-12", "2023-12-13", "12–13 Dec 2023"),
        ("2023-12-16", None, "16 Dec 2023"),
        ("2023-12-16", "2023-12-16", "16 Dec 2023"),
        ("2023-11-30", "2023-12-02", "30 Nov – 2 Dec 2023"),
        ("2023-12", "2024-01", "Dec 2023 – Jan 2024"),
        ("2022-10", None, "Oct 2022"),
        ("2008", None, "2008"),
        ("2008", "2024", "2008–2024"),
        ("2024", "2024-07", "2024 – Jul 2024"),
        (None, None, ""),
    ],
)
def test_period(start, end, shown):
    assert amounts.period(start, end) == shown


def test_amount_text_converts_with_the_rate_date():
    assert amounts.amount_text(ODA) == "¥42.3 bn ≈ US$298 M at the ECB rate of 15 Dec 2023"
    assert amounts.amount_text(TRADE) == "US$112.2 bn"  # no conversion, no rate
    no_rate = {"amount": 2.5e12, "currency": "VND", "amount_usd": None, "fx_note": "the ECB publishes no VND reference rate"}
    assert amounts.amount_text(no_rate) == "₫2.5 tn (the ECB publishes no VND reference rate)"


def test_lines_carry_their_kind_and_period():
    lines = amounts.labelled_lines([TRADE, FDI, ODA])
    assert [h for h, _ in lines] == ["Development finance", "Investment", "Economic indicator"]
    assert lines[2][1] == "US$112.2 bn — trade turnover, Jan–Jul 2024"


def test_terms_are_shown_when_stated():
    shown = amounts.line(dict(ODA, terms="0.1% interest over 40 years"))
    assert shown.endswith("— development assistance (ODA), terms: 0.1% interest over 40 years, 16 Dec 2023")


def test_totals_add_one_kind_only():
    items = [ODA, TRADE, FDI, dict(ODA, amount_usd=100.0)]
    assert amounts.usd_total(items, "finance") == pytest.approx(298_431_166.71)
    assert amounts.usd_total(items, "indicator") == 112_200_000_000
    assert amounts.usd_total(items, "investment") == 1_524_000_000
    assert amounts.usd_total([TRADE], "finance") is None


@pytest.mark.parametrize(
    "instrument, flow",
    [
        ("development assistance (ODA)", "finance"),
        ("loan", "finance"),
        ("grant (amount not stated)", "finance"),
        ("aid", "finance"),
        ("investment loan", "finance"),
        ("foreign direct investment (FDI)", "investment"),
        ("capital pledge", "investment"),
        ("trade turnover (imports and exports)", "indicator"),
        ("share of Vietnam's exports", "indicator"),
        ("unspecified", None),
    ],
)
def test_flow_from_instrument(instrument, flow):
    assert flows.classify(instrument) == flow


# --- the catalog keeps the kinds apart (seeds/schema.py) ---------------------------------------


@pytest.fixture(scope="module")
def articles():
    return load_articles()


def test_catalog_states_a_kind_for_every_amount(articles):
    kinds = {e.id: [f.flow for f in e.funding] for e in load_catalog(articles=articles) if e.funding}
    assert kinds["hcmc-metro-line-1"] == ["finance"] and kinds["cn-vn-trade-2024"] == ["indicator"] and kinds["cn-fdi-vietnam-2024"] == ["investment"]
    assert all(flow in flows.FLOWS for items in kinds.values() for flow in items)
    assert all("flow" in item for e in raw_catalog()["entries"] for item in e.get("funding", []))  # written, not only inferred


def test_a_kind_that_contradicts_the_instrument_is_refused(tmp_path, articles):
    def change(e):
        e["cn-vn-trade-2024"]["funding"][0]["flow"] = "finance"

    message = load_modified(tmp_path, articles, change)
    assert "entry 'cn-vn-trade-2024'" in message and "flow 'finance' contradicts instrument" in message


def test_an_amount_of_no_kind_is_refused(tmp_path, articles):
    def change(e):
        item = e["hcmc-metro-line-1"]["funding"][0]
        item.pop("flow")
        item["instrument"] = "unspecified"

    assert "flow not stated and instrument 'unspecified' does not name one" in load_modified(tmp_path, articles, change)


def test_an_unknown_kind_is_refused(tmp_path, articles):
    def change(e):
        e["hcmc-metro-line-1"]["funding"][0]["flow"] = "trade"

    message = load_modified(tmp_path, articles, change)
    assert "funding" in message and "'finance', 'investment' or 'indicator'" in message


def test_terms_must_stand_in_the_quote(tmp_path, articles):
    def change(e):
        e["hcmc-metro-line-1"]["funding"][0]["terms"] = "0.1% interest over 40 years"

    assert "terms '0.1% interest over 40 years' are not in the quote" in load_modified(tmp_path, articles, change)
    raw = raw_catalog()
    next(e for e in raw["entries"] if e["id"] == "hcmc-metro-line-1")["funding"][0]["terms"] = "for development"
    path = tmp_path / "ok.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert load_catalog(path, articles=articles).get("hcmc-metro-line-1").funding[0].terms == "for development"
