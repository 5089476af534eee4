"""Geoparser quality against the hand-checked gold file: precision and recall of place and money mentions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import seeds
from ingest import ingest

DATA = Path(__file__).resolve().parent / "data"
GOLD = yaml.safe_load((DATA / "gold_mentions.yaml").read_text(encoding="utf-8"))["articles"]
TARGET = 0.95


def article_text(name: str) -> tuple[str, object]:
    path = seeds.SEEDS_DIR / f"{name}.txt"
    if path.exists():
        article = seeds.load_articles()[name]
        return article.text, article.published
    return (DATA / "articles" / f"{name}.txt").read_text(encoding="utf-8"), None


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]


def gold_places(name: str, text: str) -> dict[tuple[int, int], str | None]:
    """(start, end) -> trap (None for a feature place) for every gold place mention."""
    spec = GOLD[name]
    entries = [e if isinstance(e, dict) else {"text": e} for e in spec["places"]]
    spans: dict[tuple[int, int], str | None] = {}
    claimed: set[tuple[int, int]] = set()
    for entry in sorted(entries, key=lambda e: "at" not in e):  # positioned entries first
        found = occurrences(text, entry["text"])
        if "at" in entry:
            quote_at = text.index(entry["at"])
            found = [s for s in found if quote_at <= s[0] < quote_at + len(entry["at"])]
            assert len(found) == 1, f"{name}: {entry} must pick exactly one occurrence"
        for span in found:
            if span not in claimed:
                spans[span] = entry.get("trap")
                claimed.add(span)
    # Drop occurrences inside a longer gold mention ("China" in "South China Sea").
    spans = {s: t for s, t in spans.items() if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
    if spec.get("biography_from"):
        bio = text.index(spec["biography_from"])
        spans = {s: ("biography" if s[0] >= bio else t) for s, t in spans.items()}
    return spans


def gold_money(name: str, text: str) -> set[tuple[int, int]]:
    out = set()
    for surface in GOLD[name]["money"]:
        found = [(m.start(), m.start() + len(surface)) for m in re.finditer(re.escape(surface), text)]
        assert found, f"{name}: gold money {surface!r} is not in the text"
        out.update(found)
    return out


def scores(found: set, gold: set) -> tuple[float, float]:
    hits = len(found & gold)
    return (hits / len(found) if found else 1.0), (hits / len(gold) if gold else 1.0)


@pytest.fixture(scope="module")
def results():
    out = {}
    for name in GOLD:
        text, published = article_text(name)
        out[name] = (text, ingest(text, published=published, article_id=name))
    return out


def totals(results, names):
    found_p, gold_p, found_m, gold_m = set(), set(), set(), set()
    for name in names:
        text, result = results[name]
        found_p |= {(name, p.start, p.end) for p in result.places}
        gold_p |= {(name, *s) for s in gold_places(name, text)}
        found_m |= {(name, m.start, m.end) for m in result.money}
        gold_m |= {(name, *s) for s in gold_money(name, text)}
    return scores(found_p, gold_p), scores(found_m, gold_m), len(gold_p), len(gold_m)


SEED_NAMES = [n for n in GOLD if (seeds.SEEDS_DIR / f"{n}.txt").exists()]
NEW_NAMES = [n for n in GOLD if n not in SEED_NAMES]


def test_gold_covers_five_seeds_and_two_new_articles():
    assert len(SEED_NAMES) == 5 and len(NEW_NAMES) >= 2


@pytest.mark.parametrize("names", [SEED_NAMES, NEW_NAMES], ids=["seeds", "new-articles"])
def test_precision_and_recall(results, names):
    (place_p, place_r), (money_p, money_r), n_places, n_money = totals(results, names)
    print(f"\n{names}: places P={place_p:.3f} R={place_r:.3f} (n={n_places}); money P={money_p:.3f} R={money_r:.3f} (n={n_money})")
    assert place_p >= TARGET and place_r >= TARGET
    assert money_p >= TARGET and money_r >= TARGET


@pytest.mark.parametrize("name", list(GOLD))
def test_traps_are_flagged(results, name):
    """Metonyms, biography places and vague regions are not features; other named cities and sites are."""
    text, result = results[name]
    by_span = {(p.start, p.end): p for p in result.places}
    gold = gold_places(name, text)
    wrong = []
    for span, trap in gold.items():
        place = by_span.get(span)
        if place is None:
            continue  # a recall miss, counted above
        if trap and not (place.reason or "").startswith(trap):
            wrong.append((text[span[0] : span[1]], span[0], f"expected {trap}, got {place.reason}"))
        if trap is None and place.reason and not place.reason.startswith("actor"):
            wrong.append((text[span[0] : span[1]], span[0], f"expected a feature, got {place.reason}"))
    assert not wrong, wrong
