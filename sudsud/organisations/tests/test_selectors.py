import pytest
from django.http import Http404

from sudsud.accounts.models import Role
from sudsud.organisations import selectors
from sudsud.organisations.models import OrganisationKind

from .factories import ContactFactory, OrganisationFactory


@pytest.fixture
def registry(countries):
    return {
        "senegalais": OrganisationFactory(
            name="Association des Sénégalais de Tanger",
            kind=OrganisationKind.DIASPORA_ASSOCIATION,
            country=countries["MAR"],
            scope_country=countries["SEN"],
        ),
        "senegal": OrganisationFactory(
            name="Ministère des Sénégalais de l'extérieur",
            name_ar="وِزارة السِّنِغاليين",
            kind=OrganisationKind.MINISTRY,
            country=countries["SEN"],
            scope_country=countries["SEN"],
        ),
        "mali": OrganisationFactory(
            name="Haut Conseil des Maliens",
            country=countries["MLI"],
            scope_country=countries["MLI"],
        ),
    }


def test_organisation_list_for_user_search_ignores_accents_and_case(
    admin_user, registry
):
    found = selectors.organisation_list_for_user(user=admin_user, q="SENEGALAIS")
    assert set(found) == {registry["senegalais"], registry["senegal"]}


def test_organisation_list_for_user_search_ignores_arabic_vowel_marks(
    admin_user, registry
):
    found = selectors.organisation_list_for_user(user=admin_user, q="وزارة")
    assert list(found) == [registry["senegal"]]


def test_organisation_list_for_user_filters(admin_user, countries, registry):
    def names(**filters):
        return {
            o.pk
            for o in selectors.organisation_list_for_user(user=admin_user, **filters)
        }

    assert names(kind=OrganisationKind.MINISTRY) == {registry["senegal"].pk}
    assert names(country=countries["MAR"]) == {registry["senegalais"].pk}
    assert names(scope_country=countries["MLI"]) == {registry["mali"].pk}


def test_organisation_list_for_user_hides_archived_unless_asked(admin_user, registry):
    from django.utils import timezone

    registry["mali"].archived_at = timezone.now()
    registry["mali"].save()
    active = selectors.organisation_list_for_user(user=admin_user)
    archived = selectors.organisation_list_for_user(user=admin_user, archived=True)
    both = selectors.organisation_list_for_user(user=admin_user, archived=None)
    assert registry["mali"] not in active
    assert list(archived) == [registry["mali"]]
    assert both.count() == 3


def test_organisation_list_for_user_hides_restricted_of_other_country(
    mali_staff, senegal_restricted, registry
):
    visible = selectors.organisation_list_for_user(user=mali_staff, archived=None)
    assert senegal_restricted not in visible
    assert registry["senegal"] in visible  # not restricted


def test_organisation_get_for_user_is_404_outside_scope(mali_staff, senegal_restricted):
    with pytest.raises(Http404):
        selectors.organisation_get_for_user(user=mali_staff, pk=senegal_restricted.pk)


def test_organisation_get_for_user_finds_in_scope(senegal_staff, senegal_restricted):
    found = selectors.organisation_get_for_user(
        user=senegal_staff, pk=senegal_restricted.pk
    )
    assert found == senegal_restricted


def test_organisation_list_for_user_anonymous_sees_nothing(registry):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.organisation_list_for_user(user=AnonymousUser()).exists()


def test_organisation_list_for_user_avoids_n_plus_one(
    admin_user, registry, django_assert_num_queries
):
    from sudsud.accounts.scopes import scope_for

    scope_for(admin_user)  # computed once per request, then cached
    with django_assert_num_queries(1):
        rows = [
            (o.country.name_fr, o.scope_country and o.scope_country.name_fr)
            for o in selectors.organisation_list_for_user(user=admin_user)
        ]
    assert len(rows) == 3


def test_contact_list_for_user_hides_other_countries_contacts(
    make_user, countries, registry
):
    user = make_user(Role.VIEWER, countries=[countries["MLI"]])
    mali_contact = ContactFactory(organisation=registry["mali"])
    ContactFactory(organisation=registry["senegal"])  # visible record, other country
    wide = ContactFactory(organisation=OrganisationFactory(country=countries["FRA"]))
    assert set(selectors.contact_list_for_user(user=user)) == {mali_contact, wide}


def test_organisation_visible_parent_follows_the_scope(
    mali_officer, admin_user, hidden_ministry, mali_child
):
    child = selectors.organisation_get_for_user(user=mali_officer, pk=mali_child.pk)
    assert (
        selectors.organisation_visible_parent(user=mali_officer, organisation=child)
        is None
    )
    assert (
        selectors.organisation_visible_parent(user=admin_user, organisation=child)
        == hidden_ministry
    )


def test_organisation_parent_choices_offer_only_visible_records(
    mali_officer, hidden_ministry, mali_child
):
    choices = selectors.organisation_parent_choices(user=mali_officer)
    assert hidden_ministry not in choices
    assert mali_child in choices
    assert mali_child not in selectors.organisation_parent_choices(
        user=mali_officer, organisation=mali_child
    )


def test_organisation_list_for_user_visible_parents_without_n_plus_one(
    mali_officer, countries, hidden_ministry, django_assert_num_queries
):
    from sudsud.accounts.scopes import scope_for

    open_parent = OrganisationFactory(country=countries["MLI"])
    for index in range(3):
        OrganisationFactory(
            country=countries["MLI"], parent=hidden_ministry, name=f"H{index}"
        )
        OrganisationFactory(
            country=countries["MLI"], parent=open_parent, name=f"O{index}"
        )
    scope_for(mali_officer)
    with django_assert_num_queries(1):
        parents = {
            o.name: selectors.organisation_visible_parent(
                user=mali_officer, organisation=o
            )
            for o in selectors.organisation_list_for_user(user=mali_officer)
        }
    assert parents["H0"] is None
    assert parents["O2"] == open_parent
