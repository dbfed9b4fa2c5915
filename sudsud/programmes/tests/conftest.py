import pytest

from sudsud.places.tests.factories import PlaceFactory
from sudsud.programmes.services import programme_load_reference


@pytest.fixture
def seats(countries):
    """The partner countries plus the funders' and implementers' seats."""
    return {
        **countries,
        "DEU": PlaceFactory(
            code=276, iso2="DE", iso3="DEU", name_fr="Allemagne", name_en="Germany"
        ),
        "BEL": PlaceFactory(
            code=56, iso2="BE", iso3="BEL", name_fr="Belgique", name_en="Belgium"
        ),
    }


@pytest.fixture
def programme(seats):
    """The programme as ``load_reference_data`` creates it."""
    from sudsud.programmes.models import Programme

    programme_load_reference(actor=None)
    return Programme.objects.get(code="T05-EUTF-NOA-MA-06")
