from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sudsud.places.models import Place
from sudsud.programmes.models import Memorandum, Programme


def _run() -> str:
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_reference_data_loads_places_then_the_programme():
    output = _run()

    assert Place.objects.filter(iso3__in=["MAR", "SEN", "CIV", "MLI"]).count() == 4
    programme = Programme.objects.get(code="T05-EUTF-NOA-MA-06")
    assert programme.partner_countries.count() == 4
    assert Memorandum.objects.filter(signed_on=None).count() == 3
    assert ": 3" in output  # memoranda and domains created


@pytest.mark.django_db
def test_load_reference_data_second_run_creates_nothing():
    _run()
    programmes, memoranda = Programme.objects.count(), Memorandum.objects.count()

    output = _run()

    assert (Programme.objects.count(), Memorandum.objects.count()) == (
        programmes,
        memoranda,
    )
    assert ": 1" not in output
    assert ": 3" not in output


@pytest.mark.django_db
def test_load_reference_data_reports_missing_places(monkeypatch):
    # Places that could not be loaded: the programme loader explains what to run.
    monkeypatch.setattr(
        "sudsud.web.management.commands.load_reference_data.places_load_reference",
        lambda actor=None: {"places": {"created": 0, "unchanged": 0}},
    )

    with pytest.raises(CommandError, match="load_places"):
        _run()

    assert not Programme.objects.exists()
