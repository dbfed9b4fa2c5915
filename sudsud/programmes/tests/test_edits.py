import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.services import (
    domain_update,
    memorandum_update,
    partner_country_update,
    programme_update,
)
from sudsud.programmes.tests.factories import OrganisationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def senegal_coordinator(make_user, seats):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[seats["SEN"]])


def _memorandum(programme, iso3):
    return programme.memoranda.get(second_country__iso3=iso3)


def test_programme_update_by_admin_changes_and_audits(programme, admin_user):
    programme_update(actor=admin_user, programme=programme, name_ar="التعاون جنوب-جنوب")

    programme.refresh_from_db()
    assert programme.name_ar == "التعاون جنوب-جنوب"
    entry = AuditEntry.objects.get(action="update", object_id=str(programme.pk))
    assert entry.actor == admin_user
    assert entry.changes["name_ar"] == ["", "التعاون جنوب-جنوب"]


@pytest.mark.parametrize(
    "role", [Role.COUNTRY_COORDINATOR, Role.MINISTRY_OFFICER, Role.VIEWER]
)
def test_programme_update_by_others_is_refused(programme, make_user, seats, role):
    user = make_user(role, countries=[seats["MAR"]])

    with pytest.raises(PermissionDenied):
        programme_update(actor=user, programme=programme, name_fr="Autre")

    programme.refresh_from_db()
    assert programme.name_fr == "Coopération Sud-Sud en matière de migration"


def test_programme_update_rejects_reversed_dates(programme, admin_user):
    with pytest.raises(ValidationError):
        programme_update(
            actor=admin_user, programme=programme, end_date=dt.date(2016, 1, 1)
        )


def test_programme_update_rejects_unknown_fields(programme, admin_user):
    with pytest.raises(TypeError):
        programme_update(actor=admin_user, programme=programme, code="OTHER")


def test_programme_update_without_change_records_nothing(programme, admin_user):
    before = AuditEntry.objects.count()

    programme_update(actor=admin_user, programme=programme, name_fr=programme.name_fr)

    assert AuditEntry.objects.count() == before


def test_domain_update_by_admin_only(programme, admin_user, senegal_coordinator):
    domain = programme.domains.get(code="south-south-mobility")

    domain_update(actor=admin_user, domain=domain, description_ar="وصف")
    with pytest.raises(PermissionDenied):
        domain_update(actor=senegal_coordinator, domain=domain, order=9)

    domain.refresh_from_db()
    assert (domain.description_ar, domain.order) == ("وصف", 3)


def test_partner_country_update_by_own_coordinator(
    programme, senegal_coordinator, seats
):
    ministry = OrganisationFactory(
        country=seats["SEN"], name="Ministère des Sénégalais de l'extérieur"
    )
    senegal = programme.partner_countries.get(country=seats["SEN"])

    partner_country_update(
        actor=senegal_coordinator, partner_country=senegal, lead_ministry=ministry
    )

    senegal.refresh_from_db()
    assert senegal.lead_ministry == ministry


def test_partner_country_update_of_another_country_is_refused(
    programme, senegal_coordinator, seats
):
    mali = programme.partner_countries.get(country=seats["MLI"])

    with pytest.raises(PermissionDenied):
        partner_country_update(
            actor=senegal_coordinator, partner_country=mali, notes="x"
        )


def test_partner_country_update_rejects_a_foreign_ministry(
    programme, admin_user, seats
):
    french_ministry = OrganisationFactory(country=seats["FRA"])
    senegal = programme.partner_countries.get(country=seats["SEN"])

    with pytest.raises(ValidationError) as raised:
        partner_country_update(
            actor=admin_user, partner_country=senegal, lead_ministry=french_ministry
        )

    assert "lead_ministry" in raised.value.message_dict
    senegal.refresh_from_db()
    assert senegal.lead_ministry is None


def test_memorandum_update_by_coordinator_of_either_country(
    programme, senegal_coordinator, seats
):
    memorandum = _memorandum(programme, "SEN")
    moroccan = OrganisationFactory(country=seats["MAR"])
    senegalese = OrganisationFactory(country=seats["SEN"])

    memorandum_update(
        actor=senegal_coordinator,
        memorandum=memorandum,
        signed_on=dt.date(2018, 3, 1),
        signatory_ministries=[moroccan, senegalese],
        notes="Signé à Dakar.",
    )

    memorandum.refresh_from_db()
    assert memorandum.signed_on == dt.date(2018, 3, 1)
    assert set(memorandum.signatory_ministries.all()) == {moroccan, senegalese}
    entry = AuditEntry.objects.get(action="update", object_id=str(memorandum.pk))
    assert entry.changes["signatory_ministries"] == [
        [],
        sorted([moroccan.pk, senegalese.pk]),
    ]
    assert entry.changes["signed_on"] == [None, "2018-03-01"]


def test_memorandum_update_of_a_pair_without_my_country_is_refused(
    programme, senegal_coordinator
):
    memorandum = _memorandum(programme, "MLI")

    with pytest.raises(PermissionDenied):
        memorandum_update(
            actor=senegal_coordinator,
            memorandum=memorandum,
            signed_on=dt.date(2018, 1, 1),
        )

    memorandum.refresh_from_db()
    assert memorandum.signed_on is None


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.MINISTRY_OFFICER, Role.DATA_ANALYST]
)
def test_memorandum_update_by_non_approvers_is_refused(
    programme, make_user, seats, role
):
    user = make_user(role, countries=[seats["SEN"]])

    with pytest.raises(PermissionDenied):
        memorandum_update(
            actor=user, memorandum=_memorandum(programme, "SEN"), notes="x"
        )


def test_memorandum_update_rejects_signatories_of_other_countries(
    programme, admin_user, seats
):
    malian = OrganisationFactory(country=seats["MLI"])

    with pytest.raises(ValidationError) as raised:
        memorandum_update(
            actor=admin_user,
            memorandum=_memorandum(programme, "SEN"),
            signatory_ministries=[malian],
        )

    assert "signatory_ministries" in raised.value.message_dict


def test_memorandum_update_stores_a_pdf(programme, admin_user):
    memorandum = _memorandum(programme, "CIV")

    memorandum_update(
        actor=admin_user,
        memorandum=memorandum,
        document=SimpleUploadedFile("mou.pdf", PDF, content_type="application/pdf"),
    )

    memorandum.refresh_from_db()
    assert memorandum.document.name.endswith(".pdf")
    assert memorandum.document.read() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [("mou.docx", PDF), ("mou.pdf", b"<html>not a pdf</html>"), ("mou.pdf", b"")],
)
def test_memorandum_update_rejects_bad_documents(programme, admin_user, name, content):
    memorandum = _memorandum(programme, "CIV")

    with pytest.raises(ValidationError) as raised:
        memorandum_update(
            actor=admin_user,
            memorandum=memorandum,
            document=SimpleUploadedFile(name, content),
        )

    assert "document" in raised.value.message_dict
    memorandum.refresh_from_db()
    assert not memorandum.document


def test_memorandum_update_removes_the_document(programme, admin_user):
    memorandum = _memorandum(programme, "CIV")
    memorandum_update(
        actor=admin_user,
        memorandum=memorandum,
        document=SimpleUploadedFile("mou.pdf", PDF),
    )

    memorandum_update(actor=admin_user, memorandum=memorandum, remove_document=True)

    memorandum.refresh_from_db()
    assert not memorandum.document
