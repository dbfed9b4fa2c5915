import pytest


@pytest.fixture
def loaded(db):
    """The full reference data (countries, regions, groupings), loaded once per test."""
    from sudsud.places.services import places_load_reference

    return places_load_reference(actor=None)
