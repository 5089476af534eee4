"""The curated catalog: every quote found, every amount parsed and converted, bad entries named."""

import copy
import datetime as dt

import pytest
import yaml

import seeds
from seeds import CatalogError, load_articles, load_catalog, load_exclusions


@pytest.fixture(scope="module")
def articles():
    return load_articles()


@pytest.fixture(scope="module")
def catalog(articles):
    return load_catalog(articles=articles)


def test_every_quote_sits_at_its_offsets(catalog, articles):
    for entry in catalog:
        for ev in entry.evidence:
            assert articles[ev.article].text[ev.start : ev.end] == ev.quote
        for _, item in entry.sourced_fields():
            assert item.text in item.source.quote


def test_metro_line_funding(catalog):
    metro = catalog.get("hcmc-metro-line-1")
    (funding,) = metro.funding
    assert (funding.amount, funding.currency) == (42_300_000_000, "JPY")
    assert "42.3 billion yen" in funding.source.quote and "Metro Line 1" in funding.source.quote
    assert funding.fx_date == dt.date(2023, 12, 15)  # the talks were on Saturday the 16th
    assert funding.amount_usd == pytest.approx(funding.amount * funding.fx_rate, rel=1e-9)
    assert metro.partners == ["JPN"] and metro.geometry_hint == "line"


def test_every_amount_is_in_its_quote(catalog):
    amounts = [f for e in catalog for f in e.funding if f.amount is not None]
    assert {(f.amount, f.currency) for f in amounts} == {
        (42_300_000_000, "JPY"),
        (112_200_000_000, "USD"),
        (1_524_000_000, "USD"),
    }
    for f in amounts:
        assert f.text in f.source.quote
        assert f.amount_usd is not None and f.fx_date is not None


def test_support_without_amount_shows_none(catalog):
    grant = catalog.get("kunming-haiphong-railway").funding[0]
    assert grant.amount is None and grant.currency is None and grant.amount_usd is None
    assert "grant aid" in grant.source.quote


def test_dates_resolve(catalog):
    xi = catalog.get("xi-state-visit-vietnam-2023").when
    assert (xi.start, xi.end, xi.precision) == ("2023-12-12", "2023-12-13", "day")
    assert catalog.get("to-lam-state-visit-china-2024").when.end == "2024-08-20"
    assert catalog.get("xi-biden-summit-san-francisco-2023").when.start == "2023-11"


# The places and stories the brief names; each must be on the map.
COVERAGE = {
    "Hanoi": "xi-state-visit-vietnam-2023",
    "Tokyo": "chinh-kishida-talks-2023-12-16",
    "Haneda Airport": "chinh-visit-japan-2023",
    "Haiphong": "kunming-haiphong-railway",
    "Port of Haiphong": "haiphong-port",
    "Kunming": "kunming-haiphong-railway",
    "Ben Thanh Station": "hcmc-metro-line-1",
    "Block B": "block-b-o-mon-gas",
    "Southern Vietnam": "southern-vietnam-power-plant",
    "Ho Chi Minh City": "north-south-high-speed-railway",
    "South China Sea": "south-china-sea",
    "Taiwan Strait": "taiwan-strait",
    "San Francisco": "xi-biden-summit-san-francisco-2023",
}


@pytest.mark.parametrize("place, entry_id", COVERAGE.items())
def test_coverage(catalog, place, entry_id):
    assert place in catalog.get(entry_id).places


def test_each_article_is_cited(catalog, articles):
    cited = {ev.article for e in catalog for ev in e.evidence}
    assert cited == set(articles)


def test_multi_article_entries_cite_each(catalog):
    xi = catalog.get("xi-state-visit-vietnam-2023")
    assert {ev.article[:3] for ev in xi.evidence} == {"000", "002", "003", "004"}


def test_partners_are_iso_and_layers_exist(catalog):
    partners = {p for e in catalog for p in e.partners}
    assert partners == {"CHN", "JPN", "USA", "LAO", "KHM"}
    assert catalog.get("south-china-sea").partners == ["CHN", "USA"]


def test_u_mun_b_is_identified(catalog):
    note = catalog.get("block-b-o-mon-gas").note
    assert "Block B" in note and "Gulf of Thailand" in note


def test_exclusions_are_verified(articles):
    exclusions = load_exclusions(articles=articles)
    reasons = {(x.name, x.reason) for x in exclusions}
    assert ("Beijing", "metonym") in reasons and ("Beijing", "biography") in reasons and ("Hong Kong", "biography") in reasons


# --- bad catalogs ------------------------------------------------------------------------


def raw_catalog() -> dict:
    return yaml.safe_load(seeds.CATALOG_FILE.read_text(encoding="utf-8"))


def load_modified(tmp_path, articles, change):
    data = copy.deepcopy(raw_catalog())
    change({e["id"]: e for e in data["entries"]})
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(path, articles=articles)
    message = str(err.value)
    assert err.value.path == str(path) and message.startswith(f"{path}: ")  # the file is named first
    return message


def test_unmodified_copy_loads(tmp_path, articles):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(raw_catalog(), allow_unicode=True), encoding="utf-8")
    assert len(load_catalog(path, articles=articles)) == len(load_catalog(articles=articles))


def test_missing_field(tmp_path, articles):
    message = load_modified(tmp_path, articles, lambda e: e["taiwan-strait"].pop("reach"))
    assert "entry 'taiwan-strait'" in message and "field 'reach'" in message and "Field required" in message


def test_unknown_currency(tmp_path, articles):
    def change(e):
        e["hcmc-metro-line-1"]["funding"][0]["currency"] = "XYZ"

    message = load_modified(tmp_path, articles, change)
    assert "entry 'hcmc-metro-line-1'" in message and "funding[0].currency" in message and "unknown currency 'XYZ'" in message


def test_quote_not_in_article(tmp_path, articles):
    def change(e):
        e["taiwan-strait"]["evidence"][0]["quote"] = "This may even affect the situation in the Taiwan Strait, analysts say."

    message = load_modified(tmp_path, articles, change)
    assert "entry 'taiwan-strait'" in message and "evidence[0]" in message and "quote not found in article 002_084cfc1e3c3b1cc2" in message
    assert "closest sentence" in message


TAIWAN_QUOTE = (
    "This is attracting attention as it could change the future of the US-China military balance in the South China Sea "
    "and may even affect the situation in the Taiwan Strait."
)


def quote_changed(tmp_path, articles, quote):
    def change(e):
        assert e["taiwan-strait"]["evidence"][0]["quote"] == TAIWAN_QUOTE
        e["taiwan-strait"]["evidence"][0]["quote"] = quote

    return load_modified(tmp_path, articles, change)


@pytest.mark.parametrize("cut", [41, 60, len(TAIWAN_QUOTE) - 1])
def test_quote_altered_after_its_start_is_refused(tmp_path, articles, cut):
    """A word inserted past the 40th character: the start still matches, the quote is not the article's."""
    start = articles["002_084cfc1e3c3b1cc2"].text.index(TAIWAN_QUOTE)
    message = quote_changed(tmp_path, articles, TAIWAN_QUOTE[:cut] + " NEVER " + TAIWAN_QUOTE[cut:])
    assert "entry 'taiwan-strait'" in message and "field 'evidence[0]'" in message
    assert "quote not found in article 002_084cfc1e3c3b1cc2" in message
    # Where it was taken from and where it stops matching, in the article's character offsets.
    assert f"its first {cut} characters match the article's characters {start}–{start + cut}, then it differs: ' NEVER " in message


def test_quote_changed_only_in_case_is_refused(tmp_path, articles):
    start = articles["002_084cfc1e3c3b1cc2"].text.index(TAIWAN_QUOTE)
    altered = TAIWAN_QUOTE.replace("Taiwan Strait", "Taiwan strait")
    message = quote_changed(tmp_path, articles, altered)
    assert "entry 'taiwan-strait'" in message and "quote not found in article 002_084cfc1e3c3b1cc2" in message
    assert f"it differs only in case from the article's characters {start}–{start + len(TAIWAN_QUOTE)}" in message


def test_amount_not_in_quote(tmp_path, articles):
    def change(e):
        e["hcmc-metro-line-1"]["funding"][0]["amount"] = 43_200_000_000

    message = load_modified(tmp_path, articles, change)
    assert "entry 'hcmc-metro-line-1'" in message and "funding[0]" in message and "amount 43200000000" in message


def test_funding_text_not_in_evidence(tmp_path, articles):
    def change(e):
        e["hcmc-metro-line-1"]["funding"][0]["text"] = "52.3 billion yen"

    message = load_modified(tmp_path, articles, change)
    assert "funding[0]" in message and "'52.3 billion yen' is not in any evidence quote" in message


def test_written_date_must_match_text(tmp_path, articles):
    def change(e):
        e["xi-state-visit-vietnam-2023"]["when"]["end"] = "2023-12-14"

    message = load_modified(tmp_path, articles, change)
    assert "field 'when'" in message and "end 2023-12-14" in message


def test_partner_must_be_named_in_evidence(tmp_path, articles):
    def change(e):
        e["taiwan-strait"]["partners"] = ["CHN", "JPN"]

    message = load_modified(tmp_path, articles, change)
    assert "partner JPN is not named" in message


def test_bad_partner_code(tmp_path, articles):
    def change(e):
        e["taiwan-strait"]["partners"] = ["China"]

    assert "partners" in load_modified(tmp_path, articles, change)


def test_duplicate_id_and_all_problems_listed(tmp_path, articles):
    def change(e):
        e["taiwan-strait"]["id"] = "south-china-sea"
        e["hcmc-metro-line-1"]["funding"][0]["currency"] = "XYZ"

    message = load_modified(tmp_path, articles, change)
    assert "duplicate id" in message and "unknown currency" in message and "2 problems" in message


def test_invalid_yaml_names_the_line(tmp_path, articles):
    path = tmp_path / "catalog.yaml"
    path.write_text("entries:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"catalog.yaml: line \d+, column \d+: not valid YAML"):
        load_catalog(path, articles=articles)
