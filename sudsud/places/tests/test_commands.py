from io import StringIO

from django.core.management import call_command

from sudsud.places.models import Grouping, Place


def test_load_places_prints_counts_and_is_idempotent(db):
    out = StringIO()
    call_command("load_places", stdout=out)
    assert "places: created 249, unchanged 0" in out.getvalue()
    assert Grouping.objects.filter(slug="ecowas").exists()
    again = StringIO()
    call_command("load_places", stdout=again)
    assert "places: created 0, unchanged 249" in again.getvalue()
    assert Place.objects.count() == 249
