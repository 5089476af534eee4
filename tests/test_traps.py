"""Capitals standing for their governments ("Beijing said", "Tokyo has provided") are metonyms, not places.

Every capital of the dashboard's partner set, followed by a government verb in the past tense or
a perfect tense, must be flagged as a metonym by `ingest.traps.trap` and so not become a map
feature through `ingest()`. Controls: the same capitals as venues ("talks in Beijing") stay places.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from ingest.geoparse import ingest
from ingest.traps import trap
from seeds import countries

# The story's partner set (the dashboard's partner layers) and Vietnam itself.
PARTNERS = ("CHN", "JPN", "USA", "LAO", "KHM", "VNM")
CAPITALS = [default_gazetteer().capital(countries.country(code).alpha_2) for code in PARTNERS]

PAST = ["said", "pledged", "provided", "announced", "signed", "agreed", "offered", "promised", "approved", "warned",
        "urged", "insisted", "rejected", "protested", "denied", "welcomed", "criticized", "responded", "demanded", "accused"]
PERFECT = ["has provided", "has pledged", "has said", "has announced", "has signed", "has agreed", "has offered",
           "has promised", "has warned", "have said", "had pledged", "had warned"]
VERBS = PAST + PERFECT


def test_the_partner_capitals_are_the_expected_cities():
    assert [c.name for c in CAPITALS] == ["Beijing", "Tokyo", "Washington", "Vientiane", "Phnom Penh", "Hanoi"]
    assert all(c.feature_class == "P.PPLC" for c in CAPITALS)


def sentence(capital: str, verb: str) -> str:
    return f"Officials met on Monday. {capital} {verb} support for the new railway line to the port, according to the statement."


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_with_a_government_verb_is_a_metonym(capital, verb):
    text = sentence(capital.name, verb)
    start = text.index(capital.name)
    reason = trap(capital, text, start, start + len(capital.name), None)
    assert reason is not None and reason.startswith("metonym"), f"{capital.name} {verb}: {reason}"


@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_as_a_venue_stays_a_place(capital):
    for text in (f"Leaders held talks in {capital.name} on Monday.", f"The delegation flew to {capital.name} and signed two deals."):
        start = text.index(capital.name)
        assert trap(capital, text, start, start + len(capital.name), None) is None, text


def test_ingest_keeps_metonyms_off_the_map():
    """End to end: the geoparser reports each capital-as-government as a metonym, never a feature."""
    lead = "Vietnam hosted envoys from China, Japan, the United States, Laos and Cambodia.\n"
    text = lead + "\n".join(f"{c.name} {verb} new support for the railway to Haiphong." for c in CAPITALS for verb in ("said", "has provided", "pledged"))
    result = ingest(text, title="Metonyms", published=None)
    by_text = [(p.text, p.is_feature, (p.reason or "").split(":")[0]) for p in result.places if p.text in {c.name for c in CAPITALS}]
    assert len(by_text) == 3 * len(CAPITALS)
    wrong = [t for t in by_text if t[1] or t[2] != "metonym"]
    assert not wrong, wrong
    assert any(p.text == "Haiphong" and p.is_feature for p in result.places)
