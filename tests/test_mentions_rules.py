"""The rules that tell a place name in running text from a person's, a firm's or a currency (ingest/mentions.py), sentence by sentence."""

from __future__ import annotations

import pytest

from ingest.mentions import _in_organisation, _org_head, default_matcher, fold_text, in_dateline, in_headline, name_key


@pytest.mark.parametrize(
    "text, found",
    [
        ("Work in Thu Duc City began.", [("Thu Duc City", 8, 20)]),  # "City" written after a town is part of its name
        ("THU DUC CITY, May 2 – Work began.", [("THU DUC CITY", 0, 12)]),  # a dateline in capitals
        ("The U.S. and Hanoi.", [("U.S.", 4, 8), ("Hanoi", 13, 18)]),
        ("Japan's Hanoi office", [("Japan", 0, 5), ("Hanoi", 8, 13)]),  # a possessive is no person's first name
        ("Japan’s Hanoi office", [("Japan", 0, 5), ("Hanoi", 8, 13)]),  # with a typographic apostrophe too
        ("Reported by Staff\nHanoi grew.", [("Hanoi", 18, 23)]),  # a line break parts a name from the word before it
        ("Hanoi\nStaff wrote this.", [("Hanoi", 0, 5)]),  # ... and from the word after it
        ("Hanoi-based firms", [("Hanoi", 0, 5)]),
        ("Officials of Hanoi Metro Line said", [("Hanoi", 13, 18)]),  # a place word after the name
        ("President of China Xi Jinping came.", [("China", 13, 18)]),  # a country may be followed by a person's name
        ("the Mekong River delta and Mekong River Delta", [("Mekong River", 4, 16), ("Mekong River Delta", 27, 45)]),
        ("Japan lent US$1 to Hanoi", [("Japan", 0, 5), ("Hanoi", 19, 24)]),  # "US$" is a currency
        ("We saw ODA in Hanoi", [("Hanoi", 14, 19)]),  # capitals no spelling of the name has
        ("Secretary Chung visited Hanoi.", [("Hanoi", 24, 29)]),
        ("Mr Le Thanh Hoa said so.", []),  # a person named like a province
        ("Takao Yamada met Vin Group in Hanoi.", [("Hanoi", 30, 35)]),
        ("Xinhua News said Hanoi agreed.", [("Hanoi", 17, 22)]),
        ("Tokyo Shimbun reported", []),
        ("Japan Times said", []),
        ("The Hanoi People's Committee met.", []),  # an organisation's name
        ("The Japan International Cooperation Agency", []),
        ("the North–South Expressway", []),
        ("hanoi is small", []),
    ],
)
def test_place_mentions(text, found):
    matcher = default_matcher()
    assert [(m.text, m.start, m.end) for m in matcher.find(text)] == found
    assert [(m.text, m.start, m.end) for m in matcher.find(text, fold_text(text))] == found  # the folded text given once


@pytest.mark.parametrize(
    "text, start, end, dateline",
    [
        ("HANOI, Dec 13 – text", 0, 5, True),
        ("THU DUC CITY, May 2 – x", 0, 7, True),
        ("A title line\nHANOI (Reuters) - x", 13, 18, True),  # the name opens its own line
        ("TOKYO/HANOI – x", 6, 11, True),
        ("Reporters in HANOI, Dec 13\nThe next line", 13, 18, False),  # lower case before the name on its line
        ("HANOI is where", 0, 5, False),
    ],
)
def test_datelines(text, start, end, dateline):
    assert in_dateline(text, start, end) is dateline


@pytest.mark.parametrize(
    "line, headline",
    [
        ("Japan Lends Vietnam Billions For Metro Line In Hanoi", True),
        ("Tokyo Lends Hanoi Cash Soon", True),  # words of four letters count
        ("Tokyo Lends Hanoi Cash", True),  # four such words are enough, all capitalised
        ("Tokyo Lends Hanoi cash Soon", True),  # four in five capitalised is enough
        ("Tokyo Lends Hanoi cash soon", False),
        ("Japan Lends Vietnam Billions For Metro Line In Hanoi.", False),  # a sentence
        ("Japan Lends Vietnam Aid", False),  # three words of four letters or more: too short to tell
        ("Japan lends Vietnam billions for the metro line in Hanoi", False),
        ("Tokyo Lends Vietnam " + "Billions " * 20, False),  # too long for a headline
    ],
)
def test_headlines(line, headline):
    text = f"First paragraph.\n{line}\nLast paragraph.\nAnother paragraph."  # the headline's line ends at its own line break
    start = text.index(line)
    assert in_headline(text, start, start + 5) is headline


def test_a_sentence_closing_the_text_is_no_headline():
    text = "First paragraph.\nJapan Lends Vietnam Billions For Metro Line In Hanoi."  # no line break after it
    start = text.index("Japan")
    assert in_headline(text, start, start + 5) is False


@pytest.mark.parametrize(
    "text, name, inside",
    [
        ("The Vietnam Coast Guard patrols", "Vietnam", True),
        ("Loans from the Bank of China", "China", True),
        ("Bank of China lent more", "China", True),  # at the start of the text
        ("Loans from the Export-Import Bank of China", "China", True),
        ("The Hanoi Branch of Vietcombank", "Hanoi", True),
        # rules6: more heads of organisations' names, and a name joined by a hyphen ("Vietnam-Japan University")
        ("the Vietnam Football Federation turned to Park", "Vietnam", True),
        ("engineers of the Vietnam National Space Center", "Vietnam", True),
        ("the temple built by the Maha Bodhi Society of India", "India", True),
        ("monks of the Vietnam Buddhist Sangha", "Vietnam", True),
        ("students of the Vietnam-Japan University", "Vietnam", True),
        ("the Vietnam-Japan friendship", "Vietnam", False),
        ("Hanoi and Tokyo met", "Hanoi", False),
        ("The Bank lent to Hanoi", "Hanoi", False),
    ],
)
def test_organisations(text, name, inside):
    start = text.index(name)
    assert _in_organisation(text, start, start + len(name)) is inside


def test_organisation_heads():
    assert _org_head("Vietcombank") and _org_head("Bank's") and _org_head("Ministry") and _org_head("Eximbank")
    assert _org_head("bank") and not _org_head("Hanoi") and not _org_head("Banks")


def test_name_keys():
    assert name_key("  Hai   Phong! ") == "hai phong" and name_key("Hà Nội") == "ha noi" and name_key("U.S.") == "u s"
