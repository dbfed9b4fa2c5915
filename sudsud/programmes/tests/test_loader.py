import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.organisations.models import Organisation
from sudsud.programmes.models import (
    Domain,
    FundingKind,
    Memorandum,
    PartnerCountry,
    Programme,
)
from sudsud.programmes.services import (
    MissingPlacesError,
    memorandum_update,
    programme_load_reference,
)

CODE = "T05-EUTF-NOA-MA-06"


def test_programme_load_reference_creates_the_programme(seats):
    counts = programme_load_reference(actor=None)

    programme = Programme.objects.get(code=CODE)
    assert programme.name_fr == "Coopération Sud-Sud en matière de migration"
    assert programme.name_en == "South–South Migration Cooperation"
    assert programme.start_date == dt.date(2017, 5, 23)
    assert programme.end_date == dt.date(2021, 12, 6)
    assert programme.currency == "EUR"
    assert "EUTF" in programme.source
    assert counts == {
        "programmes": 1,
        "organisations": 4,
        "fundings": 2,
        "implementers": 2,
        "partner_countries": 4,
        "memoranda": 3,
        "domains": 3,
    }


def test_programme_load_reference_records_the_funding_figures(programme):
    fundings = {f.kind: f for f in programme.fundings.select_related("funder")}

    eutf = fundings[FundingKind.EUTF_CONTRIBUTION]
    bmz = fundings[FundingKind.CO_FINANCING]
    assert eutf.amount == Decimal("8613500")
    assert eutf.funder.acronym == "FFU / EUTF"
    assert eutf.funder.country.iso3 == "BEL"
    assert bmz.amount == Decimal("1722700")
    assert bmz.funder.acronym == "BMZ"
    assert bmz.funder.country.iso3 == "DEU"
    assert {f.currency for f in fundings.values()} == {"EUR"}


def test_programme_load_reference_creates_implementers_without_iati_ids(programme):
    implementers = {
        i.organisation.acronym: i.organisation
        for i in programme.implementers.select_related("organisation__country")
    }

    assert set(implementers) == {"GIZ", "EF"}
    assert implementers["GIZ"].country.iso3 == "DEU"
    assert implementers["GIZ"].kind == "implementing_agency"
    assert implementers["EF"].country.iso3 == "FRA"
    assert not Organisation.objects.exclude(iati_identifier="").exists()


def test_programme_load_reference_adds_four_partner_countries(programme):
    partners = PartnerCountry.objects.filter(programme=programme)

    assert {p.country.iso3 for p in partners} == {"MAR", "SEN", "CIV", "MLI"}
    assert [p.country.iso3 for p in partners.filter(is_coordinating=True)] == ["MAR"]
    assert not partners.exclude(lead_ministry=None).exists()


def test_programme_load_reference_leaves_memoranda_to_complete(programme):
    memoranda = Memorandum.objects.filter(programme=programme)

    pairs = {(m.first_country.iso3, m.second_country.iso3) for m in memoranda}
    assert pairs == {("MAR", "SEN"), ("MAR", "CIV"), ("MAR", "MLI")}
    assert all(m.signed_on is None for m in memoranda)
    assert all(not m.signatory_ministries.exists() for m in memoranda)


def test_programme_load_reference_creates_three_trilingual_domains(programme):
    domains = list(Domain.objects.filter(programme=programme))

    assert [d.code for d in domains] == [
        "diaspora-mobilisation",
        "access-to-rights",
        "south-south-mobility",
    ]
    assert all(d.name_fr and d.name_en and d.name_ar for d in domains)


def test_programme_load_reference_second_run_creates_nothing(programme):
    entries = AuditEntry.objects.count()

    counts = programme_load_reference(actor=None)

    assert set(counts.values()) == {0}
    assert Organisation.objects.count() == 4
    assert Memorandum.objects.count() == 3
    assert AuditEntry.objects.count() == entries


def test_programme_load_reference_keeps_administrator_edits(programme, admin_user):
    memorandum = programme.memoranda.get(second_country__iso3="SEN")
    memorandum_update(
        actor=admin_user, memorandum=memorandum, signed_on=dt.date(2018, 3, 1)
    )
    programme.fundings.filter(kind=FundingKind.CO_FINANCING).update(
        amount=Decimal("1700000")
    )

    programme_load_reference(actor=None)

    memorandum.refresh_from_db()
    assert memorandum.signed_on == dt.date(2018, 3, 1)
    co_financing = programme.fundings.get(kind=FundingKind.CO_FINANCING)
    assert co_financing.amount == Decimal("1700000")


def test_programme_load_reference_reuses_existing_organisations(seats):
    existing = Organisation.objects.create(
        name="GIZ GmbH", acronym="GIZ", kind="implementing_agency", country=seats["DEU"]
    )

    counts = programme_load_reference(actor=None)

    assert counts["organisations"] == 3
    programme = Programme.objects.get(code=CODE)
    assert programme.implementers.filter(organisation=existing).exists()


def test_programme_load_reference_without_places_explains_what_to_run(db):
    with pytest.raises(MissingPlacesError, match="load_places"):
        programme_load_reference(actor=None)

    assert not Programme.objects.exists()
    assert not Organisation.objects.exists()


def test_programme_load_reference_refuses_people_who_are_not_admins(seats, make_user):
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[seats["MAR"]])

    with pytest.raises(PermissionDenied):
        programme_load_reference(actor=coordinator)

    assert not Programme.objects.exists()


def test_programme_load_reference_audits_as_the_given_admin(seats, admin_user):
    programme_load_reference(actor=admin_user)

    assert AuditEntry.objects.filter(actor=admin_user, action="create").count() == 19
