import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.accounts.models import Role
from sudsud.core.models import AuditAction, AuditEntry
from sudsud.places.models import Grouping, GroupingKind, GroupingMembership
from sudsud.places.services import (
    GroupingInput,
    grouping_create,
    grouping_membership_add,
    grouping_membership_remove,
    grouping_membership_update,
    grouping_update,
    place_update,
)

from .factories import GroupingFactory, GroupingMembershipFactory, PlaceFactory

NON_ADMIN_ROLES = [
    Role.COUNTRY_COORDINATOR,
    Role.IMPLEMENTING_STAFF,
    Role.MINISTRY_OFFICER,
    Role.DATA_ANALYST,
    Role.VIEWER,
]
D = dt.date


def last_audit(instance) -> AuditEntry:
    return AuditEntry.objects.filter(object_id=str(instance.pk)).first()


def test_place_update_renames_and_refreshes_search_text(admin_user, countries):
    senegal = place_update(
        actor=admin_user,
        place=countries["SEN"],
        name_fr="Sénégal (République du)",
        name_en="Senegal",
        name_ar="السنغال",
        is_active=False,
    )
    senegal.refresh_from_db()
    assert senegal.name_fr == "Sénégal (République du)"
    assert not senegal.is_active
    assert "senegal (republique du)" in senegal.search_text
    audit = last_audit(senegal)
    assert audit.action == AuditAction.UPDATE
    assert audit.changes["is_active"] == [True, False]


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_place_update_refuses_non_admins(make_user, countries, role):
    user = make_user(role, countries=[countries["SEN"]], programme_wide=True)
    with pytest.raises(PermissionDenied):
        place_update(actor=user, place=countries["SEN"], name_fr="X", name_en="X")
    countries["SEN"].refresh_from_db()
    assert countries["SEN"].name_fr == "Sénégal"


def test_place_update_refuses_the_anonymous_system(countries):
    with pytest.raises(PermissionDenied):
        place_update(actor=None, place=countries["SEN"], name_fr="X", name_en="X")


def test_place_update_rejects_an_empty_name(admin_user, countries):
    with pytest.raises(ValidationError) as error:
        place_update(
            actor=admin_user, place=countries["MLI"], name_fr="", name_en="Mali"
        )
    assert "name_fr" in error.value.message_dict


def test_grouping_create_saves_and_audits(admin_user):
    grouping = grouping_create(
        actor=admin_user,
        data=GroupingInput(
            slug="ces",
            name_fr="Coopération Sud-Sud",
            name_en="South-South Cooperation",
            kind=GroupingKind.OTHER,
            source="Programme document",
        ),
    )
    assert grouping.search_text == "cooperation sud-sud south-south cooperation ces"
    assert last_audit(grouping).action == AuditAction.CREATE


def test_grouping_create_rejects_a_duplicate_slug(admin_user):
    GroupingFactory(slug="ecowas")
    with pytest.raises(ValidationError) as error:
        grouping_create(
            actor=admin_user,
            data=GroupingInput(slug="ecowas", name_fr="A", name_en="A"),
        )
    assert "slug" in error.value.message_dict
    assert Grouping.objects.count() == 1


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_grouping_create_refuses_non_admins(make_user, role):
    with pytest.raises(PermissionDenied):
        grouping_create(
            actor=make_user(role),
            data=GroupingInput(slug="x", name_fr="X", name_en="X"),
        )
    assert not Grouping.objects.exists()


def test_grouping_update_changes_names_and_audits(admin_user):
    grouping = GroupingFactory(slug="uma", name_fr="UMA")
    data = GroupingInput(slug="amu", name_fr="Union du Maghreb arabe", name_en="AMU")
    grouping_update(actor=admin_user, grouping=grouping, data=data)
    grouping.refresh_from_db()
    assert (grouping.slug, grouping.name_fr) == ("amu", "Union du Maghreb arabe")
    assert "maghreb" in grouping.search_text
    assert last_audit(grouping).changes["slug"] == ["uma", "amu"]


def test_grouping_membership_add_saves_and_audits(admin_user, countries):
    grouping = GroupingFactory()
    membership = grouping_membership_add(
        actor=admin_user,
        grouping=grouping,
        place=countries["SEN"],
        start_date=D(1975, 5, 28),
        note="founder",
    )
    assert membership.pk
    assert last_audit(membership).action == AuditAction.CREATE


def test_grouping_membership_add_rejects_unordered_dates(admin_user, countries):
    with pytest.raises(ValidationError) as error:
        grouping_membership_add(
            actor=admin_user,
            grouping=GroupingFactory(),
            place=countries["SEN"],
            start_date=D(2000, 1, 2),
            end_date=D(2000, 1, 1),
        )
    assert "end_date" in error.value.message_dict
    assert not GroupingMembership.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (None, None),
        (D(1999, 1, 1), None),
        (D(2010, 12, 31), D(2011, 1, 1)),
        (None, D(2005, 1, 1)),
    ],
)
def test_grouping_membership_add_rejects_overlapping_periods(
    admin_user, countries, start, end
):
    existing = GroupingMembershipFactory(
        place=countries["MLI"], start_date=D(2000, 1, 1), end_date=D(2010, 12, 31)
    )
    with pytest.raises(ValidationError):
        grouping_membership_add(
            actor=admin_user,
            grouping=existing.grouping,
            place=countries["MLI"],
            start_date=start,
            end_date=end,
        )
    assert GroupingMembership.objects.count() == 1


def test_grouping_membership_add_accepts_a_later_period(admin_user, countries):
    existing = GroupingMembershipFactory(
        place=countries["MLI"], start_date=D(1975, 5, 28), end_date=D(2025, 1, 29)
    )
    grouping_membership_add(
        actor=admin_user,
        grouping=existing.grouping,
        place=countries["MLI"],
        start_date=D(2030, 1, 1),
    )
    assert GroupingMembership.objects.filter(place=countries["MLI"]).count() == 2


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_grouping_membership_add_refuses_non_admins(make_user, countries, role):
    with pytest.raises(PermissionDenied):
        grouping_membership_add(
            actor=make_user(role), grouping=GroupingFactory(), place=countries["SEN"]
        )


def test_grouping_membership_update_sets_an_end_date(admin_user, countries):
    membership = GroupingMembershipFactory(
        place=countries["MLI"], start_date=D(1975, 5, 28)
    )
    grouping_membership_update(
        actor=admin_user,
        membership=membership,
        start_date=D(1975, 5, 28),
        end_date=D(2025, 1, 29),
        note="withdrawal",
    )
    membership.refresh_from_db()
    assert membership.end_date == D(2025, 1, 29)
    assert last_audit(membership).changes["end_date"] == [None, "2025-01-29"]


def test_grouping_membership_update_rejects_overlap_with_another_period(
    admin_user, countries
):
    first = GroupingMembershipFactory(
        place=countries["MLI"], start_date=D(1975, 1, 1), end_date=D(1980, 1, 1)
    )
    second = GroupingMembershipFactory(
        grouping=first.grouping, place=countries["MLI"], start_date=D(1990, 1, 1)
    )
    with pytest.raises(ValidationError):
        grouping_membership_update(
            actor=admin_user, membership=second, start_date=D(1979, 1, 1), end_date=None
        )
    second.refresh_from_db()
    assert second.start_date == D(1990, 1, 1)


def test_grouping_membership_remove_deletes_and_audits(admin_user, countries):
    membership = GroupingMembershipFactory(place=countries["SEN"])
    pk = membership.pk
    grouping_membership_remove(actor=admin_user, membership=membership)
    assert not GroupingMembership.objects.filter(pk=pk).exists()
    audit = AuditEntry.objects.get(object_id=str(pk), action=AuditAction.DELETE)
    assert audit.actor == admin_user


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_grouping_membership_remove_refuses_non_admins(make_user, countries, role):
    membership = GroupingMembershipFactory(place=countries["SEN"])
    with pytest.raises(PermissionDenied):
        grouping_membership_remove(actor=make_user(role), membership=membership)
    assert GroupingMembership.objects.filter(pk=membership.pk).exists()


def test_place_factory_is_usable_without_codes(db):
    assert PlaceFactory().iso2 == ""
