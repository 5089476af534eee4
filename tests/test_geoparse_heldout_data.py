"""The held-out gold (tests/data/geoparse_heldout.yaml) agrees with its texts, and shares no article with the development set.

Only the data is checked here, never the geoparser: a listed surface that does not occur, an `at` quote that
does not pick out exactly one occurrence, or an amount not written verbatim would make the set score nonsense.
"""

import re
from pathlib import Path

import pycountry
import pytest
import yaml

DATA = Path(__file__).parent / "data"
# set name -> (gold file, folder of texts, fewest and most words an article may have); the development set's gold
# (geoparse_dev.yaml, texts in articles/dev/) is read for its article ids only.
SETS = {"heldout": ("geoparse_heldout.yaml", "heldout", (250, 700))}
TRAPS = ("metonym", "biography", "vague region")  # the kinds of trap the format names
DEV = yaml.safe_load((DATA / "geoparse_dev.yaml").read_text(encoding="utf-8"))["articles"]
# A set whose gold file is absent (the held-out set is replaced by a new blind one, added apart) is skipped, said so.
GOLD = {name: yaml.safe_load((DATA / gold).read_text(encoding="utf-8"))["articles"] for name, (gold, _, _) in SETS.items() if (DATA / gold).exists()}
ABSENT = {
    name: f"{gold} is absent: a held-out set is replaced by a new blind set, added apart" for name, (gold, _, _) in SETS.items() if name not in GOLD
}
ARTICLES = [pytest.param(name, aid, id=f"{name}-{aid}") for name in GOLD for aid in sorted(GOLD[name])] + [
    pytest.param(name, None, id=f"{name}-absent", marks=pytest.mark.skip(reason=why)) for name, why in ABSENT.items()
]


def occurrences(text: str, surface: str) -> list[int]:
    """Start offsets of whole-word, case-sensitive occurrences (word edges only where the surface has them)."""
    left = r"(?<!\w)" if re.match(r"\w", surface[0]) else ""
    right = r"(?!\w)" if re.match(r"\w", surface[-1]) else ""
    return [m.start() for m in re.finditer(left + re.escape(surface) + right, text)]


def whole_amount(text: str, start: int, amount: str) -> bool:
    """The amount at `start` is not a piece of a longer figure ("16" of "16,000", "000 crore" of "16,000 crore")."""
    return not re.match(r"[,.]\d", text[start + len(amount) :]) and not re.search(r"\d[,.]$", text[:start])


def free_occurrences(text: str, gold: dict) -> dict[str, list[int]]:
    """Occurrences of each listed surface that are not inside a longer listed surface (place or not_place)."""
    entries = [e if isinstance(e, dict) else {"text": e} for e in gold["places"]]
    surfaces = sorted({e["text"] for e in entries} | set(gold.get("not_places", [])), key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    found: dict[str, list[int]] = {}
    for surface in surfaces:
        for start in occurrences(text, surface):
            if not any(a <= start and start + len(surface) <= b for a, b in taken):
                taken.append((start, start + len(surface)))
                found.setdefault(surface, []).append(start)
    return found


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_text_has_gold_and_every_gold_has_a_text(name):
    if name in ABSENT:
        pytest.skip(ABSENT[name])
    texts = DATA / "articles" / SETS[name][1]
    assert sorted(p.stem for p in texts.glob("*.txt")) == sorted(GOLD[name])
    assert len(GOLD[name]) >= 12


def test_the_sets_share_no_article():
    assert sorted(p.stem for p in (DATA / "articles" / "dev").glob("*.txt")) == sorted(DEV)
    for name in GOLD:
        assert not set(GOLD[name]) & set(DEV), name
        for other in GOLD:
            assert other == name or not set(GOLD[name]) & set(GOLD[other]), (name, other)


@pytest.mark.parametrize(("name", "aid"), ARTICLES)
def test_gold_agrees_with_text(name, aid):
    _, folder, (fewest, most) = SETS[name]
    gold, text = GOLD[name][aid], (DATA / "articles" / folder / f"{aid}.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"Published {gold['published']}"
    assert fewest <= len(text.split()) <= most
    found = free_occurrences(text, gold)
    entries = [e if isinstance(e, dict) else {"text": e} for e in gold["places"]]
    # the scorer compares a trap's kind as written: any other spelling ("vague") would count every find of it wrong
    unknown_traps = [e for e in entries if e.get("trap", "metonym") not in TRAPS]
    assert not unknown_traps, unknown_traps
    for surface in {e["text"] for e in entries}:
        assert found.get(surface), f"{surface!r} has no occurrence outside a longer listed name"
        anchored = [e for e in entries if e["text"] == surface and "at" in e]
        for entry in anchored:
            assert text.count(entry["at"]) == 1 and surface in entry["at"], entry
        if anchored:
            spans = [(text.find(e["at"]), text.find(e["at"]) + len(e["at"])) for e in anchored]
            for start in found[surface]:
                assert sum(a <= start < b for a, b in spans) == 1, f"{surface!r} at {start} needs exactly one `at`"
    for name in gold.get("not_places", []):
        assert occurrences(text, name), name
    for amount in gold["money"]:
        # whole: YAML's flow list splits an unquoted "Rs 16,000 crore" into "Rs 16" and "000 crore", each of them in the text
        assert isinstance(amount, str) and any(whole_amount(text, start, amount) for start in occurrences(text, amount)), amount
    if "biography_from" in gold:
        assert gold["biography_from"] in text
    for code in gold["partners"]:
        assert pycountry.countries.get(alpha_3=code) is not None, code
