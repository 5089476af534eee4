"""The seed articles are the evidence: same bytes as delivered, metadata verified against them."""

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

import seeds
from seeds import CatalogError, load_articles

SEEDS = Path(seeds.__file__).parent
SHARED = SEEDS.parent.parent / "shared" / "seeds"


def recorded_sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines)}


def test_five_articles_with_recorded_hashes():
    sums = recorded_sums()
    assert len(sums) == 5
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, f"{name} was edited"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the delivered seeds (../shared/seeds) are not beside this checkout")
def test_same_bytes_as_delivered():
    delivered = sorted(p.name for p in SHARED.glob("*.txt"))
    assert delivered == sorted(recorded_sums())
    for name in delivered:
        assert (SEEDS / name).read_bytes() == (SHARED / name).read_bytes()


def test_articles_metadata():
    articles = load_articles()
    assert sorted(articles) == sorted(n.removesuffix(".txt") for n in recorded_sums())
    jb = articles["002_084cfc1e3c3b1cc2"]
    assert (jb.published, jb.date_basis, jb.outlet, jb.author) == (dt.date(2023, 12, 16), "stated", "JBpress", "Kaori Fukushima")
    for article in articles.values():
        if article.date_basis != "stated":
            assert article.date_basis.startswith("inferred: ") and article.date_evidence
    # Xi's visit was 12-13 December 2023; the piece saying it is "this week" must date from that week.
    assert dt.date(2023, 12, 11) <= articles["003_ad75296004ceceb1"].published <= dt.date(2023, 12, 13)


def write_articles(tmp_path, yaml_text: str) -> Path:
    for name in recorded_sums():
        (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    path = tmp_path / "articles.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


def test_headline_not_in_text_is_an_error(tmp_path):
    path = write_articles(
        tmp_path,
        "articles:\n  - id: 002_084cfc1e3c3b1cc2\n    headline: Xi visits Mars\n    published: 2023-12-16\n    date_basis: stated\n",
    )
    with pytest.raises(CatalogError) as err:
        load_articles(path)
    assert "articles.yaml" in str(err.value) and "002_084cfc1e3c3b1cc2" in str(err.value) and "headline" in str(err.value)


def test_stated_date_must_stand_in_text(tmp_path):
    path = write_articles(tmp_path, "articles:\n  - id: 003_ad75296004ceceb1\n    published: 2023-12-11\n    date_basis: stated\n")
    with pytest.raises(CatalogError, match="2023-12-11 is not in the article text"):
        load_articles(path)


def test_missing_article_file(tmp_path):
    path = tmp_path / "articles.yaml"
    path.write_text("articles:\n  - id: nope\n    published: 2023-12-11\n    date_basis: stated\n")
    with pytest.raises(CatalogError, match="cannot read nope.txt"):
        load_articles(path)


# --- Strict loading: each malformed seed file is a named error, in the loader, the CLI and on the dashboard ---
BOMB = "bomb0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"bomb{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)  # 9**9 leaves if expanded


def _sub_first(pattern: str, repl, text: str) -> str:
    return re.sub(pattern, repl, text, count=1, flags=re.M)


def _first_entry(t: str) -> str:
    starts = [m.start() for m in re.finditer(r"^  - id: ", t, re.M)]
    return t[starts[0] : starts[1]]


EXTRA_ARTICLE = "\n  - id: {id}\n    published: 2023-12-16\n    date_basis: 'given: a copy'\n"
STRICT_CASES = {
    "impossible publication date": (
        "articles.yaml",
        lambda t: _sub_first(r"^(    published: )\d{4}-\d\d-\d\d", r"\g<1>2023-02-30", t),
        ["articles.yaml", "000_7af896c34d36777b", "published"],
    ),
    "impossible entry date": ("catalog.yaml", lambda t: _sub_first(r"(start: )\d{4}-\d\d-\d\d", r"\g<1>2023-13-45", t), ["catalog.yaml", "(#", "when"]),
    "list as id": ("catalog.yaml", lambda t: _sub_first(r"^  - id: \S+", "  - id: [a, b]", t), ["catalog.yaml", "entry #1", "'id'"]),
    "alias bomb": ("catalog.yaml", lambda t: BOMB + t, ["catalog.yaml", "line 3", "aliases"]),
    "duplicate key": ("catalog.yaml", lambda t: _sub_first(r"^(    name: .*)$", r"\1\n    name: Other", t), ["catalog.yaml", "'name' given twice", "line"]),
    "duplicate entry id": ("catalog.yaml", lambda t: t.rstrip("\n") + "\n" + _first_entry(t), ["catalog.yaml", "duplicate id"]),
    "duplicate article id": (
        "articles.yaml",
        lambda t: t.rstrip("\n") + EXTRA_ARTICLE.format(id="000_7af896c34d36777b"),
        ["articles.yaml", "000_7af896c34d36777b", "duplicate id"],
    ),
    "article id outside seeds": (
        "articles.yaml",
        lambda t: t.rstrip("\n") + EXTRA_ARTICLE.format(id="../../../elsewhere/html"),
        ["articles.yaml", "'id'", "not an article id"],
    ),
}


def _load(folder: Path):
    return seeds.load_catalog(folder / "catalog.yaml", articles=seeds.load_articles(folder / "articles.yaml"))


@pytest.mark.parametrize("case", list(STRICT_CASES))
def test_strict_seeds_name_file_entry_and_field(seed_copy, monkeypatch, capsys, case):
    from streamlit.testing.v1 import AppTest

    from layers.cli import main as cli

    name, change, fragments = STRICT_CASES[case]
    (seed_copy / "elsewhere").mkdir()
    (seed_copy / "elsewhere" / "html.txt").write_text("not an article")
    path = seed_copy / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CatalogError) as err:
        _load(seed_copy)
    message = str(err.value)
    assert all(f in message for f in fragments), message
    # The CLI: one clear message, exit 2; the dashboard: its error page, no traceback.
    assert cli(["export", "--out", "-", "--catalog", str(seed_copy / "catalog.yaml")]) == 2 or name == "articles.yaml"
    monkeypatch.setattr(seeds, "ARTICLES_FILE", seed_copy / "articles.yaml")
    monkeypatch.setattr(seeds, "CATALOG_FILE", seed_copy / "catalog.yaml")
    assert cli(["export", "--out", "-"]) == 2
    err_out = capsys.readouterr().err
    assert "Traceback" not in err_out and name in err_out
    import streamlit as st

    st.cache_resource.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "streamlit_app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = re.sub(r"\\(.)", r"\1", at.error[0].value)  # what the reader sees of the escaped Markdown
    assert at.title[0].value == "The data could not be loaded" and all(f in shown for f in fragments), shown


def test_seed_yaml_round_trips_line_separators(seed_copy):
    """A title or quote holding U+0085, U+2028 or U+2029 is written and read back unchanged."""
    import ingest as ing
    from ingest import review

    text = "Japan agreed on May 5, 2024 to fund a port\u2028in Haiphong,\u2029officials\x85said. The talks in Hanoi ended."
    title = "A title\u2028with a separator\x85and more"
    result = ing.ingest(text, title=title, article_id="new_article", known_articles=seeds.load_articles(seed_copy / "articles.yaml"))
    chosen = [c for c in result.candidates if c["valid"]]
    assert chosen, [c["problems"] for c in result.candidates]
    for c in chosen:
        quote = c["entry"]["evidence"][0]["quote"]
        assert text[text.index(quote) : text.index(quote) + len(quote)] == quote
    article_id, added = review.accept(text, result, [c["entry"] for c in chosen], folder=seed_copy)
    articles = seeds.load_articles(seed_copy / "articles.yaml")
    assert articles[article_id].text == text and articles[article_id].given_title == "A title\u2028with a separator\x85and more"
    catalog = _load(seed_copy)
    for entry_id in added:
        ev = catalog.get(entry_id).evidence[0]
        assert text[ev.start : ev.end] == ev.quote  # stored text and offsets agree
