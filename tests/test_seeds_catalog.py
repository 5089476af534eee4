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


# --- the fact-check of issue 12: one test per rule it revealed -----------------------------


def _load_changed(tmp_path, articles, change) -> str:
    """The loader's error for a copy of the catalog changed by `change` (entries by id)."""
    data = copy.deepcopy(raw_catalog())
    change({e["id"]: e for e in data["entries"]})
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(path, articles=articles)
    return str(err.value)


def test_article_000_is_dated_by_the_32nd_diplomatic_conference(articles):
    article = articles["000_7af896c34d36777b"]
    assert article.published == dt.date(2023, 12, 19)  # the conference opened in Hanoi on 19 December 2023
    assert any(q.startswith("When attending the 32nd Diplomatic Conference") for q in article.date_evidence)
    assert "19 December 2023" in article.date_basis and "SGGP/VNA" in article.date_basis


def test_a_date_stated_in_the_passage_carries_to_its_features(catalog):
    for entry_id in ("japanese-scholarship-vietnam", "block-b-o-mon-gas", "southern-vietnam-power-plant"):
        when = catalog.get(entry_id).when
        assert (when.start, when.precision, when.source.article) == ("2023-12-16", "day", "000_7af896c34d36777b"), entry_id
    agreements = catalog.get("cn-vn-cooperation-agreements-2023").when
    assert (agreements.start, agreements.end, agreements.source.article) == ("2023-12-12", "2023-12-13", "002_084cfc1e3c3b1cc2")


def test_a_date_and_an_undated_reason_exclude_each_other(tmp_path, articles):
    def change(e):
        e["japanese-scholarship-vietnam"]["undated"] = "The passage's date is of another event."

    assert "field 'undated': the entry has a date" in _load_changed(tmp_path, articles, change)


def test_a_status_text_describes_the_entrys_own_event(tmp_path, articles, catalog):
    assert "summit" in catalog.get("xi-biden-summit-san-francisco-2023").status.text

    def change(e):
        e["xi-biden-summit-san-francisco-2023"]["status"] = {"value": "took place", "text": "taking place shortly after"}

    message = _load_changed(tmp_path, articles, change)
    assert "xi-biden-summit-san-francisco-2023" in message and "describes another one" in message


def test_the_2008_framework_is_cited_by_the_sentence_that_states_it(catalog):
    entry = catalog.get("cn-vn-comprehensive-strategic-partnership-2008")
    assert entry.when.source.quote.startswith("Since the establishment of the Comprehensive Strategic Partnership framework in 2008")
    assert not any(ev.quote.startswith("In the coming years") for ev in entry.evidence)


def test_the_port_has_no_partner_of_the_railways_aid(catalog):
    assert catalog.get("haiphong-port").partners == []
    assert catalog.get("kunming-haiphong-railway").partners == ["CHN"]


def test_a_region_is_not_a_site(catalog):
    plant = catalog.get("southern-vietnam-power-plant")
    assert plant.reach == "region" and plant.site_source is None
    for entry in catalog:
        if entry.reach == "site" and entry.site_source:
            assert len(entry.site_source) > 30, entry.id  # a documented source, not a token


def test_a_precision_set_by_hand_needs_a_note(tmp_path, articles, catalog):
    assert catalog.get("xi-biden-summit-san-francisco-2023").precision == 5

    def change(e):
        e["xi-biden-summit-san-francisco-2023"].pop("note")

    assert "a precision set by hand needs a note" in _load_changed(tmp_path, articles, change)


def test_status_history_is_dated_per_article_and_ends_with_the_status(catalog, articles):
    rail = catalog.get("kunming-haiphong-railway")
    assert [(s.article[:3], s.reported.isoformat()) for s in rail.status_history] == [
        ("003", "2023-12-11"),
        ("002", "2023-12-16"),
        ("000", "2023-12-19"),
        ("004", "2024-08-20"),
    ]
    assert rail.status.text == "the two sides have agreed upon" and rail.status.text in rail.status_history[-1].source.quote
    for entry in catalog:
        for step in entry.status_history:
            assert step.reported == articles[step.article].published and step.text in step.source.quote
            assert step.source.article == step.article


def test_status_history_must_end_with_the_current_status(tmp_path, articles):
    def change(e):
        e["kunming-haiphong-railway"]["status"] = {"value": "grant aid in preparation", "text": "preparing to provide grant aid"}

    assert "must be the newest report of status_history" in _load_changed(tmp_path, articles, change)


def test_status_history_runs_oldest_first(tmp_path, articles):
    def change(e):
        steps = e["kunming-haiphong-railway"]["status_history"]
        steps[0], steps[1] = steps[1], steps[0]

    assert "from the oldest article to the newest" in _load_changed(tmp_path, articles, change)


# Claims the fact-check found with no feature: each is now a feature, with its reach and precision code.
NEW_CLAIMS = {
    "vn-jp-labour-industrial-chain-talks": ("JPN", "venue", "labor cooperation, industrial chain investment"),
    "us-jp-investment-in-vietnam": ("USA", "country", "continue to increase their investment in Vietnam"),
    "cn-belt-and-road-aid-vietnam": ("CHN", "country", "“One Belt, One Road”"),
    "cn-vn-largest-trading-partner": ("CHN", "country", "largest trading partner in Southeast Asia"),
    "vo-van-thuong-visit-tokyo-2023": ("JPN", "venue", "Vo Van Thuong’s visit to Tokyo"),
}


@pytest.mark.parametrize("entry_id, expected", NEW_CLAIMS.items())
def test_claims_without_a_feature_became_features(catalog, features, entry_id, expected):
    partner, reach, words = expected
    entry = catalog.get(entry_id)
    assert partner in entry.partners and entry.reach == reach
    assert any(words in ev.quote for ev in entry.evidence)
    row = features.set_index("id").loc[entry_id]
    assert row["precision"] == {"venue": 2, "country": 6}[reach]
    assert all(f.amount is None for f in entry.funding)  # none of these claims states an amount


def test_status_history_is_shown_and_exported(features):
    import json
    from pathlib import Path

    import jsonschema

    from layers import detail, export

    row = features.set_index("id").loc["kunming-haiphong-railway"].copy()
    row["id"] = "kunming-haiphong-railway"
    popup = detail.popup_html(row)
    assert "Status as reported" in popup and "2023-12-16: grant aid in preparation" in popup and "2024-08-20: agreed by both sides" in popup
    table = detail.properties_table(row).set_index("property")["value"]
    assert table["status_history"].startswith("2023-12-11: to be discussed during Xi's visit")
    data = json.loads(export.geojson_bytes(features))
    jsonschema.validate(data, json.loads((Path(__file__).resolve().parent.parent / "layers" / "export.schema.json").read_text()))
    (rail,) = [f for f in data["features"] if f["id"] == "kunming-haiphong-railway"]
    assert [s["reported"] for s in rail["properties"]["status_history"]] == ["2023-12-11", "2023-12-16", "2023-12-19", "2024-08-20"]
    assert all(s["text"] in s["quote"] for s in rail["properties"]["status_history"])
    plain = features.set_index("id").loc["haiphong-port"].copy()
    plain["id"] = "haiphong-port"
    assert "Status as reported" not in detail.popup_html(plain)
