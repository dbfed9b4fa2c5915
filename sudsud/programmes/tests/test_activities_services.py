import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityPartner,
    ActivityType,
    BudgetLine,
    PartnerRole,
)
from sudsud.programmes.services import activities as services
from sudsud.programmes.services import activities_parts as parts

from .factories import MemorandumFactory
from .factories_activities import (
    HIDDEN_NAME,
    add_hidden_senegal_ministry,
    make_world,
    scoped_user,
)


@pytest.fixture
def world(countries):
    return make_world(countries)


def _create(world, actor, shares, **fields):
    values = {
        "plan": world.plan,
        "code": "NEW-1",
        "title_fr": "Formation des conseillers à l'emploi",
        "activity_type": ActivityType.BILATERAL,
    }
    return services.activity_create(
        actor=actor,
        programme=world.programme,
        countries=shares,
        **{**values, **fields},
    )


def test_activity_create_saves_shares_search_text_and_audit(world, countries):
    activity = _create(
        world,
        world.users["senegal"],
        [(countries["MAR"], 40), (countries["SEN"], Decimal("60"))],
        domains=[world.domain],
        implementers=[world.giz],
    )
    shares = {s.country.iso3: s.share for s in activity.country_shares.all()}
    assert shares == {"MAR": Decimal(40), "SEN": Decimal(60)}
    assert "formation des conseillers a l'emploi" in activity.search_text
    entry = AuditEntry.objects.get(object_id=str(activity.pk), action="create")
    assert entry.changes["countries"] == [[], [["MAR", "40"], ["SEN", "60"]]]


def test_activity_create_refuses_shares_not_adding_to_100(world, countries, english):
    with pytest.raises(ValidationError) as error:
        _create(
            world,
            world.users["admin"],
            [(countries["MAR"], 50), (countries["SEN"], 40)],
        )
    assert "add up to 90" in str(error.value.message_dict["countries"])
    assert not Activity.objects.filter(code="NEW-1").exists()


def test_activity_create_refuses_a_bilateral_activity_with_one_country(
    world, countries
):
    with pytest.raises(ValidationError) as error:
        _create(world, world.users["admin"], [(countries["SEN"], 100)])
    assert "countries" in error.value.message_dict


def test_activity_create_refuses_a_duplicate_country_and_bad_share(world, countries):
    with pytest.raises(ValidationError) as error:
        _create(world, None, [(countries["SEN"], 0), (countries["SEN"], 100)])
    assert len(error.value.message_dict["countries"]) == 2


def test_activity_create_refuses_a_mali_officer_in_morocco_senegal(world, countries):
    with pytest.raises(PermissionDenied):
        _create(
            world, world.users["mali"], [(countries["MAR"], 50), (countries["SEN"], 50)]
        )


def test_activity_create_refuses_a_viewer(world, countries):
    with pytest.raises(PermissionDenied):
        _create(
            world,
            world.users["viewer"],
            [(countries["MAR"], 50), (countries["SEN"], 50)],
        )


def test_activity_create_refuses_a_domain_of_another_programme(world, countries):
    from .factories import DomainFactory

    with pytest.raises(ValidationError) as error:
        _create(world, None, [(countries["MAR"], 50), (countries["SEN"], 50)],
                domains=[DomainFactory()])  # fmt: skip
    assert "domains" in error.value.message_dict


def test_activity_update_by_mali_officer_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=world.users["mali"], activity=world.bilateral, title_fr="Changé"
        )
    world.bilateral.refresh_from_db()
    assert world.bilateral.title_fr != "Changé"


def test_activity_update_by_morocco_officer_changes_fields_and_audits(world):
    services.activity_update(
        actor=world.users["morocco"], activity=world.bilateral, title_fr="Nouveau titre"
    )
    world.bilateral.refresh_from_db()
    assert world.bilateral.title_fr == "Nouveau titre"
    assert "nouveau titre" in world.bilateral.search_text
    entry = AuditEntry.objects.filter(object_id=str(world.bilateral.pk)).first()
    assert entry.changes["title_fr"][1] == "Nouveau titre"


def test_activity_update_that_changes_nothing_writes_nothing(world):
    activity = world.bilateral
    shares = [(s.country, s.share) for s in activity.country_shares.all()]
    stamped = Activity.objects.get(pk=activity.pk).updated_at
    entries = AuditEntry.objects.count()

    services.activity_update(
        actor=world.users["morocco"],
        activity=activity,
        title_fr=activity.title_fr,
        countries=shares,
        domains=list(activity.domains.all()),
    )

    assert AuditEntry.objects.count() == entries
    assert Activity.objects.get(pk=activity.pk).updated_at == stamped


@pytest.mark.parametrize("change", ["domains", "countries", "implementers"])
def test_activity_update_of_related_rows_only_still_stamps_updated_at(world, change):
    # The IATI export's last-updated-datetime is the activity's updated_at: a
    # change of countries (recipient-country), domains or implementers counts.
    activity = world.bilateral
    Activity.objects.filter(pk=activity.pk).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    values = {
        "domains": [world.other_domain],
        "countries": [
            (world.countries["MAR"], Decimal(40)),
            (world.countries["SEN"], Decimal(60)),
        ],
        "implementers": [world.giz, world.ef],
    }

    services.activity_update(
        actor=world.users["admin"], activity=activity, **{change: values[change]}
    )

    assert Activity.objects.get(pk=activity.pk).updated_at.year > 2020
    entry = AuditEntry.objects.filter(action="update").latest("pk")
    assert set(entry.changes) == {change}


def test_activity_update_refuses_a_planned_end_before_start(world):
    with pytest.raises(ValidationError):
        services.activity_update(
            actor=None,
            activity=world.bilateral,
            planned_start=dt.date(2025, 5, 1),
            planned_end=dt.date(2025, 1, 1),
        )


def test_activity_set_countries_replaces_shares(world, countries):
    services.activity_set_countries(
        actor=world.users["senegal"],
        activity=world.bilateral,
        countries=[(countries["MAR"], 70), (countries["SEN"], 30)],
    )
    shares = {s.country.iso3: s.share for s in world.bilateral.country_shares.all()}
    assert shares == {"MAR": 70, "SEN": 30}


def test_activity_set_countries_refuses_to_drop_the_actors_own_country(
    world, countries
):
    with pytest.raises(PermissionDenied):
        services.activity_set_countries(
            actor=world.users["senegal"],
            activity=world.bilateral,
            countries=[(countries["MAR"], 50), (countries["MLI"], 50)],
        )


def test_plan_create_takes_the_memorandum_countries(world, countries):
    memorandum = MemorandumFactory(
        programme=world.programme,
        first_country=countries["MAR"],
        second_country=countries["CIV"],
    )
    plan = services.plan_create(
        actor=world.users["admin"], programme=world.programme, code="PA-CIV",
        title_fr="Plan Maroc–Côte d’Ivoire", memorandum=memorandum,
    )  # fmt: skip
    assert {c.iso3 for c in plan.countries.all()} == {"MAR", "CIV"}


def test_plan_create_by_a_coordinator_of_one_country_is_allowed(world, countries):
    plan = services.plan_create(
        actor=world.users["coordinator_sen"], programme=world.programme,
        code="PA-X", title_fr="Plan", countries=[countries["SEN"], countries["MAR"]],
    )  # fmt: skip
    assert plan.pk is not None


def test_plan_create_by_an_officer_is_refused(world, countries):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=world.users["senegal"], programme=world.programme,
            code="PA-X", title_fr="Plan", countries=[countries["SEN"]],
        )  # fmt: skip
    assert not ActionPlan.objects.filter(code="PA-X").exists()


def test_plan_update_refuses_end_before_start(world):
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            actor=None, plan=world.plan,
            start_date=dt.date(2025, 1, 1), end_date=dt.date(2024, 1, 1),
        )  # fmt: skip
    assert "end_date" in error.value.message_dict


def test_partner_add_lead_ministry_must_be_of_its_country(world, countries):
    with pytest.raises(ValidationError) as error:
        parts.activity_partner_add(
            actor=None, activity=world.bilateral, organisation=world.ministries["MLI"],
            role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
        )  # fmt: skip
    assert "organisation" in error.value.message_dict


def test_partner_add_refuses_a_second_lead_ministry_for_a_country(world, countries):
    parts.activity_partner_add(
        actor=None, activity=world.bilateral, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    from .factories import OrganisationFactory

    other = OrganisationFactory(country=countries["SEN"])
    with pytest.raises(ValidationError):
        parts.activity_partner_add(
            actor=None, activity=world.bilateral, organisation=other,
            role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
        )  # fmt: skip


def _leads(world, countries):
    return {
        iso: parts.activity_partner_add(
            actor=None, activity=world.bilateral, organisation=world.ministries[iso],
            role=PartnerRole.LEAD_MINISTRY, country=countries[iso],
        )
        for iso in ("MAR", "SEN")
    }  # fmt: skip


def test_sign_off_by_each_country_of_a_bilateral_activity(world, countries):
    leads = _leads(world, countries)
    signed = parts.activity_sign_off(actor=world.users["senegal"], partner=leads["SEN"])
    assert signed.signed_off_by == world.users["senegal"]
    with pytest.raises(PermissionDenied):
        parts.activity_sign_off(actor=world.users["senegal"], partner=leads["MAR"])
    parts.activity_sign_off(actor=world.users["morocco"], partner=leads["MAR"])
    with pytest.raises(ValidationError):
        parts.activity_sign_off(actor=world.users["morocco"], partner=leads["MAR"])


def test_sign_off_refused_to_a_viewer_and_a_mali_officer(world, countries):
    leads = _leads(world, countries)
    for user in (world.users["viewer"], world.users["mali"]):
        with pytest.raises(PermissionDenied):
            parts.activity_sign_off(actor=user, partner=leads["SEN"])


def test_budget_line_save_refuses_a_duplicate_line(world):
    values = {"funder": world.bmz, "implementer": world.giz, "year": 2025,
              "planned": Decimal(100)}  # fmt: skip
    parts.budget_line_save(actor=None, activity=world.bilateral, **values)
    with pytest.raises(ValidationError):
        parts.budget_line_save(actor=None, activity=world.bilateral, **values)
    assert BudgetLine.objects.count() == 1


def test_budget_line_save_updates_and_mali_officer_is_refused(world):
    line = parts.budget_line_save(
        actor=world.users["senegal"], activity=world.bilateral, funder=world.eu,
        implementer=world.ef, year=2026, planned=Decimal(10),
    )  # fmt: skip
    parts.budget_line_save(
        actor=world.users["senegal"], activity=world.bilateral, line=line,
        funder=world.eu, implementer=world.ef, year=2026, planned=Decimal(20),
        spent=Decimal(5),
    )  # fmt: skip
    line.refresh_from_db()
    assert (line.planned, line.spent) == (Decimal(20), Decimal(5))
    with pytest.raises(PermissionDenied):
        parts.budget_line_delete(actor=world.users["mali"], line=line)


def test_deliverable_save_stores_a_document_and_refuses_a_bad_type(world):
    document = SimpleUploadedFile("rapport final.pdf", b"%PDF-1.4 test")
    deliverable = parts.deliverable_save(
        actor=world.users["senegal"], activity=world.bilateral,
        title="Rapport", document=document,
    )  # fmt: skip
    assert deliverable.document.name.endswith(".pdf")
    with pytest.raises(ValidationError) as error:
        parts.deliverable_save(
            actor=None, activity=world.bilateral, title="Script",
            document=SimpleUploadedFile("x.exe", b"MZ"),
        )  # fmt: skip
    assert "document" in error.value.message_dict
    assert world.bilateral.deliverables.count() == 1


def test_deliverable_delete_records_an_audit_entry(world):
    deliverable = parts.deliverable_save(
        actor=None, activity=world.bilateral, title="X"
    )
    pk = deliverable.pk
    parts.deliverable_delete(actor=world.users["admin"], deliverable=deliverable)
    assert AuditEntry.objects.filter(action="delete", object_id=str(pk)).exists()
    assert not world.bilateral.deliverables.exists()


@pytest.mark.parametrize(
    ("role", "isos", "fields"),
    [
        (Role.IMPLEMENTING_STAFF, ("SEN",), {}),
        (Role.IMPLEMENTING_STAFF, (), {"programme_wide": True}),
        (Role.MINISTRY_OFFICER, (), {"programme_wide": True}),
        (Role.COUNTRY_COORDINATOR, ("MAR",), {}),
        (Role.DATA_ANALYST, ("SEN",), {}),
    ],
)
def test_sign_off_refused_to_people_who_do_not_speak_for_the_ministry(
    world, countries, role, isos, fields
):
    leads = _leads(world, countries)
    user = scoped_user(world, role, *isos, **fields)
    with pytest.raises(PermissionDenied):
        parts.activity_sign_off(actor=user, partner=leads["SEN"])
    assert ActivityPartner.objects.get(pk=leads["SEN"].pk).signed_off_at is None


def test_sign_off_by_a_coordinator_of_the_country(world, countries):
    leads = _leads(world, countries)
    signed = parts.activity_sign_off(
        actor=world.users["coordinator_sen"], partner=leads["SEN"]
    )
    assert signed.signed_off_by == world.users["coordinator_sen"]


def test_sign_off_by_a_programme_admin_is_audited_as_on_behalf(world, countries):
    leads = _leads(world, countries)
    parts.activity_sign_off(actor=world.users["admin"], partner=leads["MAR"])
    entry = AuditEntry.objects.filter(object_id=str(leads["MAR"].pk)).latest("pk")
    assert entry.note == parts.ADMIN_SIGN_OFF_NOTE
    assert entry.actor == world.users["admin"]


def test_sign_off_twice_does_not_name_a_hidden_ministry(world):
    hidden = add_hidden_senegal_ministry(world)
    partner = world.bilateral.partners.get(organisation=hidden)
    parts.activity_sign_off(actor=world.users["admin"], partner=partner)
    with pytest.raises(ValidationError) as error:
        parts.activity_sign_off(actor=world.users["admin"], partner=partner)
    assert HIDDEN_NAME not in " ".join(error.value.messages)


def _signed(world, countries):
    leads = _leads(world, countries)
    for iso, user in (("SEN", "senegal"), ("MAR", "morocco")):
        parts.activity_sign_off(actor=world.users[user], partner=leads[iso])
    return leads


def _still_signed(leads):
    return {
        iso: ActivityPartner.objects.get(pk=lead.pk).signed_off_at is not None
        for iso, lead in leads.items()
    }


@pytest.mark.parametrize(
    "change",
    [
        {"title_fr": "Nouveau titre"},
        {"description_en": "New description"},
        {"planned_start": dt.date(2025, 2, 1)},
        {"activity_type": ActivityType.MULTILATERAL},
    ],
)
def test_changing_the_substance_clears_the_sign_offs(world, countries, change):
    leads = _signed(world, countries)
    services.activity_update(
        actor=world.users["senegal"], activity=world.bilateral, **change
    )
    assert _still_signed(leads) == {"SEN": False, "MAR": False}
    cleared = AuditEntry.objects.filter(note=services.SIGN_OFF_CLEARED_NOTE)
    assert cleared.count() == 2
    assert {entry.actor for entry in cleared} == {world.users["senegal"]}


def test_changing_the_country_shares_clears_the_sign_offs(world, countries):
    leads = _signed(world, countries)
    services.activity_set_countries(
        actor=world.users["senegal"], activity=world.bilateral,
        countries=[(countries["MAR"], 40), (countries["SEN"], 60)],
    )  # fmt: skip
    assert _still_signed(leads) == {"SEN": False, "MAR": False}


def test_status_and_unchanged_values_keep_the_sign_offs(world, countries):
    from sudsud.programmes.models import ActivityStatus

    leads = _signed(world, countries)
    services.activity_update(
        actor=world.users["senegal"], activity=world.bilateral,
        status=ActivityStatus.FINALISATION, benefit_host="Emplois",
        title_fr=world.bilateral.title_fr,
    )  # fmt: skip
    assert _still_signed(leads) == {"SEN": True, "MAR": True}


def test_budget_line_changes_clear_the_sign_offs(world, countries):
    leads = _signed(world, countries)
    values = {"funder": world.bmz, "implementer": world.giz, "year": 2025}
    line = parts.budget_line_save(
        actor=world.users["senegal"], activity=world.bilateral,
        planned=Decimal(10), **values,
    )  # fmt: skip
    assert _still_signed(leads) == {"SEN": False, "MAR": False}
    leads = _signed_again(world, leads)
    parts.budget_line_save(actor=world.users["senegal"], activity=world.bilateral,
                           line=line, planned=Decimal(10), **values)  # fmt: skip
    assert _still_signed(leads) == {"SEN": True, "MAR": True}  # nothing changed
    parts.budget_line_save(actor=world.users["senegal"], activity=world.bilateral,
                           line=line, planned=Decimal(20), **values)  # fmt: skip
    assert _still_signed(leads) == {"SEN": False, "MAR": False}
    leads = _signed_again(world, leads)
    parts.budget_line_delete(actor=world.users["senegal"], line=line)
    assert _still_signed(leads) == {"SEN": False, "MAR": False}


def _signed_again(world, leads):
    for iso, user in (("SEN", "senegal"), ("MAR", "morocco")):
        partner = ActivityPartner.objects.get(pk=leads[iso].pk)
        parts.activity_sign_off(actor=world.users[user], partner=partner)
    return leads


def test_updating_implementers_keeps_those_the_actor_may_not_see(world):
    hidden = add_hidden_senegal_ministry(world)
    services.activity_update(
        actor=world.users["morocco"], activity=world.bilateral,
        implementers=[world.ef],
    )  # fmt: skip
    assert set(world.bilateral.implementers.all()) == {world.ef, hidden}
    services.activity_update(
        actor=world.users["senegal"], activity=world.bilateral,
        implementers=[world.ef],
    )  # fmt: skip
    assert set(world.bilateral.implementers.all()) == {world.ef}
