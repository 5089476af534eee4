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


# ---- Issue 11: 132 development articles (tests/data/geoparse_dev.yaml) and an unseen set (geoparse_heldout.yaml,
# added apart), scored by bench/geoparse.py.
from bench import geoparse as bench_geoparse  # noqa: E402

# Development floors guard against regressions just below the figures measured on the 132 articles after the rules7
# and rules8 rounds (place P 0.971, R 0.941, money 1.00/1.00, trap accuracy 0.979, partner P 0.894 and R 0.894; on
# the 108 after rules6 0.975, 0.943, 1.00, 1.00, 0.979, 0.923 and 0.881; on the eighty-four
# after rules5 0.977, 0.957, 1.00, 1.00, 0.980, 0.938 and 0.874; on the sixty after rules4 0.973, 0.962, 1.00, 1.00,
# 0.994, 0.967 and 0.894; on the forty-eight before the rules3 round 0.949, 0.945, 1.00, 1.00, 0.988, 0.731 and 0.875).
# The unseen set's floors are only an alarm well below the 0.95 target: a new blind set is added apart, and its scoring
# is reported in README, not hidden by a test.
FLOORS = {
    "dev": {"place P": 0.965, "place R": 0.935, "money P": 0.98, "money R": 0.98, "trap acc": 0.975, "partner P": 0.85, "partner R": 0.85},
    "heldout": {"place P": 0.80, "place R": 0.70, "money P": 0.75, "money R": 0.65, "trap acc": 0.85, "partner P": 0.45},
}


def test_every_partner_a_candidate_proposes_is_named_in_its_quotes():
    """Every figure is sourced: on the 132 development articles no candidate proposes a partner that none of its quotes
    names (the catalog would refuse it; rules8's article-subject partners once did, 72 times, before they quoted the
    sentence naming the country)."""
    from ingest import ingest

    unnamed = [
        (a.name, c["entry"]["name"], problem)
        for a in bench_geoparse.load_set("dev")
        for c in ingest(a.text, published=a.published, article_id=a.name).candidates
        for problem in c["problems"]
        if "not named in any evidence quote" in problem
    ]
    assert not unnamed, unnamed[:5]


def test_development_set_is_all_132_articles():
    articles = bench_geoparse.load_set("dev")
    assert len(articles) == 132 and len({a.name for a in articles}) == 132
    assert sorted(a.name for a in articles) == sorted(f.stem for f in (bench_geoparse.DATA / "articles" / "dev").glob("*.txt"))


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_new_articles(name):
    if name not in bench_geoparse.available_sets():
        pytest.skip(f"{bench_geoparse.SETS[name].name} is absent: the unseen set is added apart")
    articles = bench_geoparse.load_set(name)
    assert articles
    row = bench_geoparse.score(articles, bench_geoparse.project)
    print({k: round(v, 3) for k, v in row.items() if k in FLOORS[name]})
    assert all(row[k] >= floor for k, floor in FLOORS[name].items()), ({k: row[k] for k in FLOORS[name]}, row["errors"])


def test_an_absent_set_is_reported_not_scored(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(bench_geoparse.SETS, "heldout", tmp_path / "geoparse_heldout.yaml")
    assert bench_geoparse.available_sets() == ["dev"]
    with pytest.raises(bench_geoparse.MissingSet, match="absent"):
        bench_geoparse.load_set("heldout")
    assert bench_geoparse.main(["--set", "heldout", "--no-baseline"]) == 2
    assert "geoparse_heldout.yaml is absent" in capsys.readouterr().err


def _places(text, **kw):
    return {(p.text, p.start): p for p in ingest(text, **kw).places}


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("Tokyo pledged the ODA loan for the line to Hanoi.", "ODA"),  # an acronym, not the town Ōda
        ("Work on the North–South Expressway near Hanoi resumed.", "North"),
        ("Work on the North-South high-speed railway near Hanoi resumed.", "North"),
        ("Japan lent US$1.95 billion for the Hanoi line.", "US"),
        ("The Vietnam Coast Guard patrols off Hai Phong.", "Vietnam"),
        ("Loans from the Export-Import Bank of China paid for the line in Hanoi.", "China"),
        ("Much of the trade with Hanoi crosses at Lang Son.", "Much"),
        ("China lent 1.87 billion U.S. dollars for the plant in Hai Duong.", "U.S."),  # inside an amount: a currency
        ("The loan for the plant in Hai Duong is paid in U.S. dollars.", "U.S."),  # a currency's name
        ("Singapore dollars fund the park in Binh Duong.", "Singapore"),
    ],
)
def test_precision_rules(text, not_a_place):
    found = {p.text for p in ingest(text).places}
    assert not_a_place not in found and found  # the real places are still found


def test_capitals_in_datelines_and_written_abbreviations_are_places():
    places = _places("HANOI, Dec 13 – The line in HCMC opens. U.S. firms and the US embassy welcomed it.")
    assert {"HANOI", "HCMC", "U.S.", "US"} <= {t for t, _ in places}
    assert "ODA" not in {t for t, _ in _places("Hanoi said the ODA loan, Dec 13, was signed.")}


@pytest.mark.parametrize(
    "text, capital",
    [
        ("Tokyo pledged a loan for the Hai Phong port.", "Tokyo"),
        ("Tokyo has provided aid for the Hai Phong port since 1992.", "Tokyo"),
        ("Beijing's growing assertiveness worries Hanoi.", "Beijing"),
        ("Washington seeks new partners for chips in Da Nang.", "Washington"),
        ("Vietnam's ties with Tokyo now cover defence and the Hai Phong port.", "Tokyo"),
        ("It is a symbol of the partnership between Paris and Hanoi, officials in Da Nang said.", "Paris"),
        ("It is a symbol of the partnership between Paris and Hanoi, officials in Da Nang said.", "Hanoi"),
        ("Canberra's package includes aid for the Mekong Delta.", "Canberra"),
        ("Beijing sees Hanoi as a key neighbour in the Gulf of Tonkin.", "Hanoi"),
    ],
)
def test_metonyms(text, capital):
    place = next(p for p in ingest(text).places if p.text == capital)
    assert not place.is_feature and place.reason.startswith("metonym"), place.reason


@pytest.mark.parametrize(
    "text, capital",
    [
        ("Hanoi's metro opened on Sunday.", "Hanoi"),
        ("Hanoi's Metro Line 3 opened on Sunday.", "Hanoi"),
        ("Analysts in Hanoi said the line would open.", "Hanoi"),
        ("Modi arrived in Hanoi on Monday for talks.", "Hanoi"),
    ],
)
def test_capitals_as_places(text, capital):
    place = next(p for p in ingest(text).places if p.text == capital)
    assert place.is_feature, place.reason


@pytest.mark.parametrize(
    "text, place_name",
    [
        ("By Tran Minh in Singapore\n\nJapan will lend Vietnam ¥36.6 billion for ships built in Hai Phong.", "Singapore"),
        ("Japan will lend Vietnam ¥36.6 billion for ships built in Hai Phong. Beijing has financed coal plants. "
         "The author covers Southeast Asia from Bangkok.", "Bangkok"),
        ("Japan will lend Vietnam ¥36.6 billion for ships built in Hai Phong.\n\n"
         "— The writer is a fellow at a research institute in Singapore.", "Singapore"),
    ],
)
def test_author_lines(text, place_name):
    place = next(p for p in ingest(text).places if p.text == place_name)
    assert place.reason and place.reason.startswith("biography"), place.reason
    assert next(p for p in ingest(text).places if p.text == "Hai Phong").is_feature


def test_sentences_know_vietnamese_names_with_initials():
    from ingest.sentences import sentences

    text = "Deputy Minister Nguyen T. Hung said the line would open. Gen. Phan Van Giang met Lt. Gen. Hoang Xuan Chien. Prof. Tran Van A. agreed."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Deputy Minister Nguyen T. Hung said the line would open.",
        "Gen. Phan Van Giang met Lt. Gen. Hoang Xuan Chien.",
        "Prof. Tran Van A. agreed.",
    ]


def test_sentences_know_abbreviations():
    from ingest.sentences import sentences

    text = "U.S. Secretary of State Antony Blinken visited Hanoi on Jan. 14. He met Dr. Nguyen Van Cong at No. 1 Le Duan St. in Hanoi.\nBy Tran Minh"
    assert [text[a:b] for a, b in sentences(text)] == [
        "U.S. Secretary of State Antony Blinken visited Hanoi on Jan. 14.",
        "He met Dr. Nguyen Van Cong at No. 1 Le Duan St. in Hanoi.",
        "By Tran Minh",
    ]


def test_one_resolution_of_a_name_everywhere():
    """The places list and the candidate's marker use the same Washington (the capital), not two different towns."""
    import datetime as dt

    text = "U.S. Secretary of State Antony Blinken visited Hanoi and Washington on April 15, 2023, and the U.S. pledged $5 million in aid for Quang Tri."
    result = ingest(text, published=dt.date(2023, 4, 16))
    washington = next(p for p in result.places if p.text == "Washington")
    assert abs(washington.lat - 38.895) < 0.2 and abs(washington.lon + 77.036) < 0.2
    (candidate,) = [c for c in result.candidates if "Washington" in c["entry"]["places"]]
    lon, lat = next(pt for pt in candidate["geometry"]["coordinates"] if abs(pt[1] - washington.lat) < 1)
    assert (round(lat, 4), round(lon, 4)) == (round(washington.lat, 4), round(washington.lon, 4))
    assert "USA" in candidate["entry"]["partners"] and candidate["entry"]["evidence"][0]["quote"].startswith("U.S. Secretary")


def test_funding_is_the_stated_currency_with_the_usd_aside_as_a_check():
    import datetime as dt

    text = "Japan lent JPY200 billion (about $1.3 billion) for the Lach Huyen port in Hai Phong."
    result = ingest(text, published=dt.date(2024, 5, 1))
    (candidate,) = result.candidates
    assert [f["text"] for f in candidate["entry"]["funding"]] == ["JPY200 billion"]
    assert "USA" not in candidate["entry"]["partners"]
    (check,) = candidate["cross_checks"]
    assert "the article gives $1.3 billion" in check


def test_geonames_alternate_names_only_when_written_as_names():
    from ingest.mentions import _usable_geonames_name

    assert _usable_geonames_name("Haiphong", "haiphong")
    assert not _usable_geonames_name("SEA", "sea")  # an airport code
    assert not _usable_geonames_name("V. Alsina", "v alsina")  # an abbreviation
    assert not _usable_geonames_name("From", "from")  # an English word
    assert _usable_geonames_name("St. John's", "st john s", alternate=False)  # a place's own name may have a full stop


def test_the_issue_examples_are_found_in_running_text():
    """Issue 11's misses: "Lam Dong province", "Quang Ninh" (not the village Quán Hàu), "Noi Bai International Airport"."""
    text = "Lam Dong province asked for a plant. Quang Ninh officials met at Noi Bai International Airport near the Paracels (Hoang Sa)."
    found = {p.text: p.gazetteer_id for p in ingest(text).places}
    assert found == {
        "Lam Dong": "regional:vn-province-68",
        "Quang Ninh": "regional:vn-province-22",
        "Noi Bai International Airport": "regional:airport-han",
        "Paracels": "regional:paracel-islands",
        "Hoang Sa": "regional:paracel-islands",
    }


def test_a_province_is_context_when_a_site_in_it_is_named():
    text = "Work on the terminal of Long Thanh International Airport in Dong Nai province is on schedule, funded by a Japanese loan."
    (candidate,) = ingest(text).candidates
    assert candidate["entry"]["places"] == ["Long Thanh International Airport"] and candidate["precision"] == 1


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("The metro reaches Thu Duc City and Quang Ngai City, officials in Ho Chi Minh City said.", ["Thu Duc City", "Quang Ngai City", "Ho Chi Minh City"]),
        ("THU DUC CITY, May 2 – The second metro line opened.", ["THU DUC CITY"]),
        ("A fund in Thu Duc is not a city.", ["Thu Duc"]),
    ],
)
def test_city_written_after_a_town_is_part_of_its_name(text, spans):
    """"X City" is the town or unit X as written ("Thu Duc City"), found whole, in running text and in a dateline."""
    assert [p.text for p in ingest(text).places] == spans


def test_us_states_are_places_and_a_town_named_like_a_far_unit_is_not_it():
    """US states are first-order divisions (precision 4); "Delaware" is the state, not the town Delaware, Ohio, far from
    it; "Washington" alone stays the capital; Khánh Hòa is the province, not a town of that name 460 km away."""
    from geo.gazetteer import default_gazetteer

    text = "Boeing builds jets in Washington State, LNG comes from Alaska, and a plant in Delaware supplies a port in Khánh Hòa, officials in Washington said."
    places = {p.text: p for p in ingest(text).places}
    assert set(places) == {"Washington State", "Alaska", "Delaware", "Khánh Hòa", "Washington"}
    gazetteer = default_gazetteer()
    alaska, delaware = (gazetteer.places[places[n].gazetteer_id] for n in ("Alaska", "Delaware"))
    assert (alaska.feature_class, alaska.country, alaska.precision) == ("A.ADM1", "US", 4) and "GeoNames" in alaska.licence
    assert places["Delaware"].gazetteer_id == "regional:us-state-de" and abs(delaware.point.y - 39.7) < 0.5
    assert places["Washington"].gazetteer_id == gazetteer.capital("US").key
    assert gazetteer.places[places["Khánh Hòa"].gazetteer_id].feature_class == "A.ADM1"



def test_one_mention_per_stretch_of_text():
    """A name found inside a longer one ("Red River" of "Red River Delta", by the named-infrastructure rule) is not a second mention."""
    text = "New parks were approved for Thai Binh in the Red River Delta and for Ha Tinh."
    assert [(p.text, p.start) for p in ingest(text).places] == [("Thai Binh", 28), ("Red River Delta", 45), ("Ha Tinh", 69)]


def test_rules3_gazetteer_rows_are_found_and_a_peninsula_names_no_country():
    """Places no source held before the rules3 round (curated rows at precision 5, points from memory)."""
    text = "Trucks climb the Hai Van Pass to Lang Co; survey ships passed Fiery Cross Reef, then Vanguard Bank, far from Yongbyon and Dong Dang."
    found = {p.text: p.gazetteer_id for p in ingest(text).places}
    assert found == {
        "Hai Van Pass": "regional:hai-van-pass",
        "Lang Co": "regional:lang-co",
        "Fiery Cross Reef": "regional:fiery-cross-reef",
        "Vanguard Bank": "regional:vanguard-bank",
        "Yongbyon": "regional:yongbyon",
        "Dong Dang": "regional:dong-dang",
    }
    result = ingest("Japan will lend ¥40 billion for the port in Hai Phong, far from the Korean Peninsula.")
    assert "Korean Peninsula" in {p.text for p in result.places}
    assert {code for c in result.candidates for code in c["entry"]["partners"]} == {"JPN"}


def test_rules3_historical_countries_a_summit_region_and_a_vague_rim():
    """Countries that no longer exist are places with no ISO code (no partner); the Pacific Rim is too vague to map."""
    text = "Aid from the Soviet Union and East Germany, and later West Germany, reached Hanoi; G7 leaders met at Ise-Shima, watched across the Pacific Rim."
    places = {p.text: p for p in ingest(text).places}
    assert {"Soviet Union", "East Germany", "West Germany", "Hanoi", "Ise-Shima", "Pacific Rim"} <= set(places), set(places)
    assert "Ise" not in places and "Shima" not in places
    assert places["Pacific Rim"].reason.startswith("vague region")
    result = ingest("The Soviet Union built the Thac Ba dam and lent money for the port in Hai Phong.")
    assert {code for c in result.candidates for code in c["entry"]["partners"]} == set()
