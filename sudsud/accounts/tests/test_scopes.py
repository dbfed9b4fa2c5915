"""The scope rule, exhaustively: every role, every kind of scope, every record."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from sudsud.accounts.models import Role
from sudsud.accounts.scopes import (
    NO_SCOPE,
    scope_allows_approve,
    scope_allows_edit,
    scope_allows_export,
    scope_allows_view,
    scope_editable_country_ids,
    scope_filter,
    scope_for,
)
from sudsud.accounts.tests.factories import UserFactory
from sudsud.organisations.models import Organisation

# The rule written as a table, independently of the implementation.
EDITORS = {
    "programme_admin",
    "country_coordinator",
    "implementing_staff",
    "ministry_officer",
}
APPROVERS = {"programme_admin", "country_coordinator"}
EXPORTERS = EDITORS | {"data_analyst"}
SCOPES = ["unscoped", "scoped", "programme_wide"]
PLACES = ["in", "out", "none"]  # record in the user's country, another, or none


def _person(role, scope, countries):
    user = UserFactory(role=role, programme_wide=scope == "programme_wide")
    if scope == "scoped":
        user.countries.set([countries["MAR"]])
    return user


def _country_id(place, countries):
    return {"in": countries["MAR"].pk, "out": countries["SEN"].pk, "none": None}[place]


def _everywhere(role, scope):
    return role == "programme_admin" or scope == "programme_wide"


def _covers(role, scope, place):
    return _everywhere(role, scope) or (scope == "scoped" and place == "in")


CASES = list(itertools.product(Role.values, SCOPES, [True, False], PLACES))


@pytest.mark.parametrize(("role", "scope", "restricted", "place"), CASES)
def test_scope_allows_view_follows_the_rule(countries, role, scope, restricted, place):
    user = _person(role, scope, countries)
    country_id = _country_id(place, countries)
    expected = not restricted or _covers(role, scope, place)
    assert (
        scope_allows_view(user, country_id=country_id, is_restricted=restricted)
        is expected
    )


@pytest.mark.parametrize(("role", "scope", "restricted", "place"), CASES)
def test_scope_allows_edit_and_approve_follow_the_rule(
    countries, role, scope, restricted, place
):
    user = _person(role, scope, countries)
    country_id = _country_id(place, countries)
    covered = _covers(role, scope, place)
    assert scope_allows_edit(user, country_id=country_id) is (
        role in EDITORS and covered
    )
    assert scope_allows_approve(user, country_id=country_id) is (
        role in APPROVERS and covered
    )


@pytest.mark.parametrize(
    ("role", "scope"), list(itertools.product(Role.values, SCOPES))
)
def test_scope_allows_export_depends_on_role_only(countries, role, scope):
    assert scope_allows_export(_person(role, scope, countries)) is (role in EXPORTERS)


@pytest.mark.parametrize(
    ("role", "scope"), list(itertools.product(Role.values, SCOPES))
)
def test_scope_editable_country_ids_lists_where_one_may_create(countries, role, scope):
    result = scope_editable_country_ids(_person(role, scope, countries))
    if role not in EDITORS:
        assert result == frozenset()
    elif _everywhere(role, scope):
        assert result is None
    elif scope == "scoped":
        assert result == frozenset({countries["MAR"].pk})
    else:
        assert result == frozenset()


@pytest.fixture
def organisations(countries):
    def make(name, scope_country, restricted):
        return Organisation.objects.create(
            name=name,
            kind="ngo",
            country=countries["FRA"],
            scope_country=scope_country,
            is_restricted=restricted,
        )

    return {
        "mar_restricted": make("A", countries["MAR"], True),
        "mar_public": make("B", countries["MAR"], False),
        "sen_restricted": make("C", countries["SEN"], True),
        "sen_public": make("D", countries["SEN"], False),
        "none_restricted": make("E", None, True),
        "none_public": make("F", None, False),
    }


def _visible(user):
    queryset = scope_filter(
        Organisation.objects.all(), user=user, country_field="scope_country"
    )
    return set(queryset.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("role", "scope"), list(itertools.product(Role.values, SCOPES))
)
def test_scope_filter_matches_scope_allows_view_on_a_real_queryset(
    countries, organisations, role, scope
):
    user = _person(role, scope, countries)
    expected = {
        org.name
        for org in organisations.values()
        if scope_allows_view(
            user, country_id=org.scope_country_id, is_restricted=org.is_restricted
        )
    }
    assert _visible(user) == expected


def test_scope_filter_scoped_officer_sees_own_restricted_and_all_public(
    countries, organisations
):
    user = _person(Role.MINISTRY_OFFICER, "scoped", countries)
    assert _visible(user) == {"A", "B", "D", "F"}


def test_scope_filter_unscoped_viewer_sees_public_records_only(
    countries, organisations
):
    user = _person(Role.VIEWER, "unscoped", countries)
    assert _visible(user) == {"B", "D", "F"}


def test_scope_filter_programme_wide_user_sees_everything(countries, organisations):
    user = _person(Role.VIEWER, "programme_wide", countries)
    assert _visible(user) == set("ABCDEF")


def test_scope_filter_without_restricted_field_keeps_in_scope_rows_only(
    countries, organisations
):
    user = _person(Role.MINISTRY_OFFICER, "scoped", countries)
    queryset = scope_filter(
        Organisation.objects.all(),
        user=user,
        country_field="scope_country",
        restricted_field=None,
    )
    assert set(queryset.values_list("name", flat=True)) == {"A", "B"}


def test_scope_filter_anonymous_user_sees_nothing(organisations):
    assert _visible(AnonymousUser()) == set()
    assert _visible(None) == set()


def test_scope_inactive_user_sees_and_does_nothing(countries, organisations):
    user = UserFactory(role=Role.PROGRAMME_ADMIN, is_active=False)
    assert scope_for(user) is NO_SCOPE
    assert _visible(user) == set()
    assert not scope_allows_view(user, country_id=None, is_restricted=False)
    assert not scope_allows_edit(user, country_id=countries["MAR"].pk)
    assert not scope_allows_export(user)


def test_scope_for_superuser_acts_as_programme_admin(db):
    user = UserFactory(role=Role.VIEWER, is_superuser=True)
    scope = scope_for(user)
    assert scope.is_programme_admin
    assert scope.everywhere


def test_scope_for_is_cached_on_the_user_object(countries):
    user = _person(Role.MINISTRY_OFFICER, "scoped", countries)
    assert scope_for(user) is scope_for(user)
