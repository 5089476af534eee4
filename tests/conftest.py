"""Shared fixtures: the seed features (built once per session), a private copy of the seeds to write into,
and the bytes every download button of an AppTest run offers."""

import shutil
from pathlib import Path

import pytest
from streamlit.delta_generator import DeltaGenerator

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


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """Every download button's label -> the bytes it offers on the latest run (deferred downloads are made here)."""
    offered: dict[str, bytes] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, *args, **kwargs):
        offered[label] = data() if callable(data) else data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return offered
