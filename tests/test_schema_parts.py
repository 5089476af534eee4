"""Parts of the catalog schema (seeds/schema.py) on their own: where a near-verbatim quote differs, dates and funding read from text."""

from __future__ import annotations

import datetime as dt

import pytest

from seeds import load_articles
from seeds.schema import Funding, When, _closest_sentence, _where_it_differs

TEXT = "Intro line.\nThe ministers agreed on a new railway between Lao Cai and Hai Phong, funded by grant aid. Later text follows here."
QUOTE = "The ministers agreed on a new railway between Lao Cai and Hai Phong, funded by grant aid."


@pytest.mark.parametrize("cut", range(20, len(QUOTE)))
def test_where_a_quote_stops_matching(cut):
    start = TEXT.index(QUOTE)
    altered = QUOTE[:cut] + "#" + QUOTE[cut:]
    assert _where_it_differs(TEXT, altered) == (
        f"; its first {cut} characters match the article's characters {start}–{start + cut}, then it differs: {altered[cut : cut + 20]!r}"
    )


def test_a_short_matching_start_says_nothing():
    assert _where_it_differs(TEXT, "The ministers agree#d on it") == ""  # 19 characters match: too few to place it
    assert _where_it_differs(TEXT, "Nothing like the article at all") == ""


def test_case_only_differences_name_the_first_place():
    assert _where_it_differs("abc def. ABC DEF.", "ABC def") == "; it differs only in case from the article's characters 0–7"
    assert _where_it_differs("x abc def. ABC DEF.", "ABC def") == "; it differs only in case from the article's characters 2–9"


def test_the_first_place_a_start_matches_is_named():
    text = "Officials agreed to build the line soon. Officials agreed to build the line later."
    assert _where_it_differs(text, "Officials agreed to build the line never.") == (
        "; its first 35 characters match the article's characters 0–35, then it differs: 'never.'"
    )


def test_closest_sentence():
    long = "Word " * 50 + "end."
    assert _closest_sentence(f"Other. {long}", long.replace("end", "fin")) == f"; the closest sentence is: {long[:160]!r}"
    assert _closest_sentence("Completely different words here.", "zzzz qqqq") == ""


@pytest.fixture(scope="module")
def article():
    return load_articles()["003_ad75296004ceceb1"]  # inferred date 2023-12-11


def test_when_resolves_and_says_how(article):
    when = When(text="December 12th and 13th")
    when.resolve(article)
    assert (when.start, when.end, when.precision) == ("2023-12-12", "2023-12-13", "day")
    assert when.basis == f"resolved against the article date 2023-12-11 ({article.date_basis_kind})"
    stated = When(text="in October 2022")
    stated.resolve(article)
    assert (stated.start, stated.basis) == ("2022-10", "stated")


def test_when_errors_name_the_field(article):
    with pytest.raises(ValueError) as none:
        When(text="soon").resolve(article)
    assert str(none.value) == "date text 'soon' holds 0 date expressions; expected exactly one"
    with pytest.raises(ValueError) as start:
        When(text="December 12th and 13th", start="2023-12-11").resolve(article)
    assert str(start.value).startswith("start 2023-12-11 is not what 'December 12th and 13th' states (2023-12-12, read against 003_")
    with pytest.raises(ValueError, match="^end 2023-12-14 is not what"):
        When(text="December 12th and 13th", end="2023-12-14").resolve(article)


def test_funding_fills_amount_and_currency_from_its_text():
    funding = Funding(text="42.3 billion yen", instrument="ODA loan")
    funding.parse(dt.date(2023, 12, 16))
    assert (funding.amount, funding.currency, funding.fx_date) == (42_300_000_000, "JPY", dt.date(2023, 12, 15))


def test_funding_errors():
    with pytest.raises(ValueError) as two:
        Funding(text="$3 million and 5 billion yen", instrument="loan").parse(dt.date(2023, 12, 16))
    assert str(two.value) == "funding text '$3 million and 5 billion yen' holds 2 amounts; quote one"
    with pytest.raises(ValueError) as unstated:
        Funding(text="grant aid", instrument="grant", amount=5).parse(dt.date(2023, 12, 16))
    assert str(unstated.value) == "amount 5.0 None is not stated in 'grant aid'"
    with pytest.raises(ValueError, match="amount None JPY is not stated"):
        Funding(text="grant aid", instrument="grant", currency="JPY").parse(dt.date(2023, 12, 16))
    aid = Funding(text="grant aid", instrument="grant")
    aid.parse(dt.date(2023, 12, 16))
    assert (aid.amount, aid.currency, aid.amount_usd) == (None, None, None)


def test_figures_read_their_number():
    from seeds.schema import Figure

    figure = Figure(text="1,200 workers", label="workers")
    figure.parse()
    assert figure.value == 1200
    with pytest.raises(ValueError) as wrong:
        Figure(text="24 agreements", label="agreements", value=25).parse()
    assert str(wrong.value) == "value 25 is not in the quote: '24 agreements' states 24"
    with pytest.raises(ValueError) as two:
        Figure(text="24 agreements in 2 days", label="agreements").parse()
    assert str(two.value) == "figure text '24 agreements in 2 days' must hold exactly one number"


def test_funding_currency_must_be_the_texts():
    with pytest.raises(ValueError) as err:
        Funding(text="42.3 billion yen", instrument="loan", currency="USD").parse(dt.date(2023, 12, 16))
    assert str(err.value) == "currency USD is not in the quote: '42.3 billion yen' states JPY"


def test_funding_converts_at_the_end_of_its_own_period():
    """The rate of the funding's date (the last day of its period), not the article's, when the text gives one."""
    dated = Funding(text="42.3 billion yen", instrument="loan", when=When(text="December 12th and 13th", start="2023-12-12", end="2023-12-13"))
    dated.parse(dt.date(2023, 12, 16))
    assert dated.fx_date == dt.date(2023, 12, 13)
    undated = Funding(text="42.3 billion yen", instrument="loan")
    undated.parse(dt.date(2023, 12, 16))
    assert undated.fx_date == dt.date(2023, 12, 15)  # Saturday the 16th: Friday's rate


def test_validation_needs_the_articles():
    from pydantic import ValidationError

    from seeds.schema import Evidence

    with pytest.raises(ValidationError, match="validation needs the articles: use seeds.load_catalog\\(\\)"):
        Evidence.model_validate({"article": "x", "quote": "a quote of eight"})


def catalog_error(tmp_path, change) -> str:
    import copy

    import yaml

    from seeds import CatalogError, load_catalog
    from tests.test_seeds_catalog import raw_catalog

    data = copy.deepcopy(raw_catalog())
    change({e["id"]: e for e in data["entries"]})
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    return str(err.value)


def test_sourced_text_outside_the_evidence_is_named(tmp_path):
    def status(e):
        e["hcmc-metro-line-1"]["status"]["text"] = "has refused"

    assert catalog_error(tmp_path, status).endswith("field 'status': text 'has refused' is not in any evidence quote")

    def funding(e):
        metro = e["hcmc-metro-line-1"]
        metro["funding"][0].update(text="43.2 billion yen", article=metro["evidence"][0]["article"])

    article = "000_7af896c34d36777b"
    assert catalog_error(tmp_path, funding).endswith(f"field 'funding[0]': text '43.2 billion yen' is not in any evidence quote of article {article}")
