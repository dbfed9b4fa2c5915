import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.core.models import AuditAction
from sudsud.core.selectors import audit_entries_for
from sudsud.organisations import services
from sudsud.organisations.models import Contact, Organisation, OrganisationKind

from .factories import ContactFactory, OrganisationFactory


def _create(actor, countries, **fields):
    return services.organisation_create(
        actor=actor,
        name=fields.pop("name", "Association des Sénégalais de Tanger"),
        kind=fields.pop("kind", OrganisationKind.DIASPORA_ASSOCIATION),
        country=fields.pop("country", countries["MAR"]),
        **fields,
    )


def test_organisation_create_fills_search_text_and_audits(admin_user, countries):
    organisation = _create(
        admin_user, countries, name_ar="جمعية السِّنِغاليين", acronym="AST", city="Tanger"
    )
    assert "senegalais" in organisation.search_text
    assert "جمعيه السنغاليين" in organisation.search_text
    entry = audit_entries_for(organisation).get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == admin_user
    assert entry.changes["name"] == [None, "Association des Sénégalais de Tanger"]


def test_organisation_create_by_system_is_allowed(countries):
    organisation = _create(None, countries, scope_country=countries["SEN"])
    assert audit_entries_for(organisation).get().actor_name == "system"


def test_organisation_create_outside_scope_is_refused(mali_staff, countries):
    with pytest.raises(PermissionDenied):
        _create(mali_staff, countries, scope_country=countries["SEN"])
    assert not Organisation.objects.exists()


def test_organisation_create_programme_wide_needs_programme_wide_user(
    mali_staff, countries
):
    with pytest.raises(PermissionDenied):
        _create(mali_staff, countries, scope_country=None)


def test_organisation_create_in_scope_is_allowed(mali_staff, countries):
    organisation = _create(mali_staff, countries, scope_country=countries["MLI"])
    assert organisation.pk


def test_organisation_create_rejects_duplicate_iati_identifier(admin_user, countries):
    _create(admin_user, countries, name="A", iati_identifier="XM-DAC-1")
    with pytest.raises(ValidationError) as error:
        _create(admin_user, countries, name="B", iati_identifier="XM-DAC-1")
    assert "iati_identifier" in error.value.message_dict
    assert "XM-DAC-1" in error.value.message_dict["iati_identifier"][0]


def test_organisation_create_rejects_bad_email(admin_user, countries):
    with pytest.raises(ValidationError) as error:
        _create(admin_user, countries, email="not-an-email")
    assert "email" in error.value.message_dict


def test_organisation_create_rejects_unknown_field(admin_user, countries):
    with pytest.raises(TypeError):
        _create(admin_user, countries, colour="blue")


def test_organisation_update_records_changed_fields(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"])
    updated = services.organisation_update(
        actor=admin_user, organisation=organisation, name="Nouvelle association"
    )
    assert updated.name == "Nouvelle association"
    assert "nouvelle" in updated.search_text
    entry = audit_entries_for(organisation).get()
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["name"][1] == "Nouvelle association"


def test_organisation_update_without_change_records_nothing(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"], name="Même nom")
    services.organisation_update(
        actor=admin_user, organisation=organisation, name="Même nom"
    )
    assert not audit_entries_for(organisation).exists()


def test_organisation_update_rejects_itself_as_parent(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"])
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            actor=admin_user, organisation=organisation, parent=organisation
        )
    assert "parent" in error.value.message_dict


def test_organisation_update_rejects_a_descendant_as_parent(admin_user, countries):
    grandparent = OrganisationFactory(country=countries["MAR"])
    parent = OrganisationFactory(country=countries["MAR"], parent=grandparent)
    child = OrganisationFactory(country=countries["MAR"], parent=parent)
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            actor=admin_user, organisation=grandparent, parent=child
        )
    assert "parent" in error.value.message_dict
    grandparent.refresh_from_db()
    assert grandparent.parent is None


def test_organisation_update_cannot_move_record_out_of_scope(mali_staff, countries):
    organisation = OrganisationFactory(
        country=countries["MLI"], scope_country=countries["MLI"]
    )
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=mali_staff, organisation=organisation, scope_country=countries["SEN"]
        )


def test_organisation_update_checks_the_stored_record(mali_staff, countries):
    """Changing the in-memory copy does not fool the permission check."""
    organisation = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    organisation.scope_country = countries["MLI"]
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=mali_staff, organisation=organisation, city="X"
        )


def test_organisation_archive_and_restore_are_audited(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"])
    archived = services.organisation_archive(
        actor=admin_user, organisation=organisation
    )
    assert archived.is_archived
    restored = services.organisation_restore(actor=admin_user, organisation=archived)
    assert not restored.is_archived
    actions = list(audit_entries_for(organisation).values_list("action", flat=True))
    assert actions == [AuditAction.RESTORE, AuditAction.ARCHIVE]


def test_organisation_archive_refused_outside_scope(mali_staff, senegal_restricted):
    with pytest.raises(PermissionDenied):
        services.organisation_archive(actor=mali_staff, organisation=senegal_restricted)
    senegal_restricted.refresh_from_db()
    assert not senegal_restricted.is_archived


def test_contact_create_update_delete_are_audited(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"])
    contact = services.contact_create(
        actor=admin_user,
        organisation=organisation,
        full_name="Awa Diop",
        role="Chargée",
    )
    assert contact.created_by == admin_user
    assert "awa diop" in contact.search_text
    services.contact_update(actor=admin_user, contact=contact, role="Présidente")
    services.contact_delete(actor=admin_user, contact=contact)
    assert not Contact.objects.exists()
    actions = set(audit_entries_for(contact).values_list("action", flat=True))
    assert actions == {AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE}


def test_contact_create_rejects_mandate_ending_before_start(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MAR"])
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            actor=admin_user,
            organisation=organisation,
            full_name="Awa Diop",
            mandate_start=dt.date(2025, 5, 1),
            mandate_end=dt.date(2025, 4, 1),
        )
    assert "mandate_end" in error.value.message_dict
    assert not Contact.objects.exists()


def test_contact_update_refused_outside_scope(mali_staff, senegal_restricted):
    contact = ContactFactory(organisation=senegal_restricted)
    with pytest.raises(PermissionDenied):
        services.contact_update(actor=mali_staff, contact=contact, role="Hacked")
    with pytest.raises(PermissionDenied):
        services.contact_delete(actor=mali_staff, contact=contact)
    assert Contact.objects.filter(pk=contact.pk, role="Présidente").exists()


@pytest.fixture
def locked_models(monkeypatch):
    """Models whose rows a service locked with ``select_for_update``."""
    from django.db.models.query import QuerySet

    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    return locked


def test_contact_update_locks_the_row(admin_user, countries, locked_models):
    contact = services.contact_create(
        actor=admin_user,
        organisation=OrganisationFactory(country=countries["MLI"]),
        full_name="Awa Diop",
    )
    locked_models.clear()
    services.contact_update(actor=admin_user, contact=contact, role="Trésorière")
    assert Contact in locked_models


def test_contact_delete_locks_the_row(admin_user, countries, locked_models):
    contact = services.contact_create(
        actor=admin_user,
        organisation=OrganisationFactory(country=countries["MLI"]),
        full_name="Awa Diop",
    )
    locked_models.clear()
    services.contact_delete(actor=admin_user, contact=contact)
    assert Contact in locked_models


def test_organisation_update_duplicate_iati_never_names_the_other_record(
    mali_officer, countries, hidden_ministry, english
):
    office = OrganisationFactory(
        country=countries["MLI"], scope_country=countries["MLI"]
    )
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            actor=mali_officer, organisation=office, iati_identifier="SN-SECRET-1"
        )
    message = error.value.message_dict["iati_identifier"][0]
    assert message == services.iati_taken_message("SN-SECRET-1")
    assert hidden_ministry.name not in message
    assert "Senegal" not in message


def test_contact_created_by_the_system_can_be_updated(admin_user, countries):
    organisation = OrganisationFactory(country=countries["MLI"])
    contact = services.contact_create(
        actor=None, organisation=organisation, full_name="A"
    )
    assert contact.created_by is None
    services.contact_update(actor=admin_user, contact=contact, role="Présidente")
    assert Contact.objects.get().role == "Présidente"
