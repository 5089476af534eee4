"""Shared fixtures: the seed features (built once per session) and a private copy of the seeds to write into."""

import shutil
from pathlib import Path

import pytest

import seeds


@pytest.fixture(scope="session")
def features():
    from layers.features import load_features

    return load_features()


@pytest.fixture()
def seed_copy(tmp_path) -> Path:
    """A private copy of the seeds folder (articles, catalog) that a test may write."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in list(seeds.SEEDS_DIR.glob("*.txt")) + [seeds.ARTICLES_FILE, seeds.CATALOG_FILE]:
        shutil.copy2(path, folder / path.name)
    return folder
