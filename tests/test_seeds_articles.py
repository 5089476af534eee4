"""The seed articles are the evidence: same bytes as delivered, metadata verified against them."""

import datetime as dt
import hashlib
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
