"""Fixtures shared by the atlas tests."""

import pytest
from django.core.cache import cache

from sudsud.atlas import boundaries

from .map_data import write_boundaries


@pytest.fixture
def small_map(tmp_path, monkeypatch):
    """The small boundaries file in place of ``assets/vendor/world-50m.json``."""
    path = write_boundaries(tmp_path)
    monkeypatch.setattr(boundaries, "boundaries_path", lambda: path)
    return path


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test draws its own maps: a PNG cached by another test (same document,
    other monkeypatches) would hide what this one changes."""
    cache.clear()
    yield
    cache.clear()
