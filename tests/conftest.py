"""Shared fixtures: the seed features are built once per test session."""

import pytest


@pytest.fixture(scope="session")
def features():
    from layers.features import load_features

    return load_features()
