import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from sudsud.accounts.models import Role, User
from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
)
from sudsud.core.models import AuditAction, AuditEntry
from sudsud.core.selectors import (
    audit_actor_choices,
    audit_content_type_choices,
    audit_entries_for,
    audit_get,
    audit_list,
    audit_record_history,
)
from sudsud.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(admin_user, make_user):
    """Three entries by two people about a user and a place."""
    editor = make_user(Role.COUNTRY_COORDINATOR, username="editor")
    person = make_user(Role.VIEWER, first_name="Moussa", last_name="Keïta")
    place = PlaceFactory(name_fr="Sénégal", name_en="Senegal")
    created = audit_created(actor=admin_user, instance=person)
    before = model_snapshot(place)
    place.name_fr = "Sénégal (République du)"
    place.save()
    updated = audit_updated(actor=editor, instance=place, before=before)
    deleted = audit_deleted(actor=editor, instance=place)
    return {
        "admin": admin_user,
        "editor": editor,
        "person": person,
        "place": place,
        "created": created,
        "updated": updated,
        "deleted": deleted,
    }


def _backdate(entry: AuditEntry, days: int) -> None:
    AuditEntry.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


def test_audit_list_returns_everything_newest_first(trail):
    entries = list(audit_list())
    assert entries == [trail["deleted"], trail["updated"], trail["created"]]


def test_audit_list_filters_by_actor(trail):
    entries = audit_list(actor_id=trail["editor"].pk)
    assert set(entries) == {trail["updated"], trail["deleted"]}


def test_audit_list_filters_by_record_type(trail):
    user_type = ContentType.objects.get_for_model(User)
    assert list(audit_list(content_type_id=user_type.pk)) == [trail["created"]]


def test_audit_list_filters_by_action(trail):
    assert list(audit_list(action=AuditAction.DELETE)) == [trail["deleted"]]


def test_audit_list_filters_by_dates_both_ends_included(trail):
    _backdate(trail["created"], 10)
    _backdate(trail["updated"], 3)
    today = timezone.localdate()
    assert list(audit_list(date_to=today - dt.timedelta(days=5))) == [trail["created"]]
    recent = audit_list(date_from=today - dt.timedelta(days=3))
    assert set(recent) == {trail["updated"], trail["deleted"]}
    window = audit_list(
        date_from=today - dt.timedelta(days=3), date_to=today - dt.timedelta(days=3)
    )
    assert list(window) == [trail["updated"]]


def test_audit_list_searches_the_record_name_case_insensitively(trail):
    assert list(audit_list(q="  moussa ")) == [trail["created"]]
    # Case folds for the Latin letters the names start with, on SQLite and PostgreSQL.
    assert set(audit_list(q="sénégal")) == {trail["updated"], trail["deleted"]}
    assert not audit_list(q="Bamako").exists()


def test_audit_list_combines_filters(trail):
    entries = audit_list(
        actor_id=trail["editor"].pk, action=AuditAction.UPDATE, q="sén"
    )
    assert list(entries) == [trail["updated"]]


def test_audit_list_needs_no_extra_query_per_row(trail, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [(e.actor.username, e.content_type.model) for e in audit_list()]
    assert len(names) == 3


def test_audit_get_and_record_history(trail):
    entry = audit_get(pk=trail["updated"].pk)
    assert entry == trail["updated"]
    history = audit_record_history(
        content_type_id=entry.content_type_id, object_id=entry.object_id
    )
    assert list(history) == [trail["deleted"], trail["updated"]]
    with pytest.raises(AuditEntry.DoesNotExist):
        audit_get(pk=999_999)


def test_audit_entries_for_still_gives_one_record_history(trail):
    assert list(audit_entries_for(trail["person"])) == [trail["created"]]


def test_audit_actor_choices_lists_each_person_once_by_name(trail):
    assert audit_actor_choices() == [
        (trail["admin"].pk, "admin"),
        (trail["editor"].pk, "editor"),
    ]


def test_audit_content_type_choices_lists_only_types_in_the_trail(trail):
    ids = {pk for pk, _label in audit_content_type_choices()}
    assert ids == {
        ContentType.objects.get_for_model(User).pk,
        ContentType.objects.get_for_model(trail["place"]).pk,
    }
