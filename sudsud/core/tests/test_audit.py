import pytest

from sudsud.core.audit import (
    _plain,
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
)
from sudsud.core.models import AuditAction, AuditEntry
from sudsud.core.selectors import audit_entries_for
from sudsud.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_audit_created_records_actor_and_initial_values(admin_user):
    place = PlaceFactory(name_fr="Sénégal", code=686)
    entry = audit_created(actor=admin_user, instance=place)
    assert entry.actor == admin_user
    assert entry.actor_name == "admin"
    assert entry.action == AuditAction.CREATE
    assert entry.changes["name_fr"] == [None, "Sénégal"]
    assert "search_text" not in entry.changes


def test_audit_updated_records_only_changed_fields(admin_user):
    place = PlaceFactory(name_fr="Senegal")
    before = model_snapshot(place)
    place.name_fr = "Sénégal"
    place.save()
    entry = audit_updated(actor=admin_user, instance=place, before=before)
    assert entry is not None
    assert entry.changes == {"name_fr": ["Senegal", "Sénégal"]}


def test_audit_updated_writes_nothing_when_nothing_changed(admin_user):
    place = PlaceFactory()
    assert (
        audit_updated(actor=admin_user, instance=place, before=model_snapshot(place))
        is None
    )
    assert not AuditEntry.objects.exists()


def test_audit_deleted_keeps_the_values_and_a_system_actor_is_named():
    place = PlaceFactory(name_fr="Mali")
    entry = audit_deleted(actor=None, instance=place)
    assert entry.actor is None
    assert entry.actor_name == "system"
    assert entry.changes["name_fr"] == ["Mali", None]


def test_audit_entries_for_lists_one_records_history_newest_first(admin_user):
    place, other = PlaceFactory(), PlaceFactory()
    first = audit_created(actor=admin_user, instance=place)
    audit_created(actor=admin_user, instance=other)
    before = model_snapshot(place)
    place.name_fr = "Nouveau"
    place.save()
    second = audit_updated(actor=admin_user, instance=place, before=before)
    assert list(audit_entries_for(place)) == [second, first]


def test_model_snapshot_never_contains_credentials(make_user):
    user = make_user("viewer")
    snapshot = model_snapshot(user)
    assert "password" not in snapshot
    assert snapshot["username"] == user.username


def test_plain_keeps_json_lists_in_order_and_sorts_sets():
    rows = [{"value": "Franse", "count": 2}, {"value": "Abidjan", "count": 1}]
    assert _plain(rows) == rows  # dicts cannot be sorted; order is meaning
    assert _plain(("pays", "annee")) == ["pays", "annee"]
    assert _plain({10, 9, 1}) == [1, 9, 10]  # as numbers, not as text
    assert _plain({1, "a"}) == ["a", 1]  # mixed types: by repr, "'a'" < "1"
