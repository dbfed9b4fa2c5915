from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from sudsud.accounts.models import Role, User
from sudsud.core.models import AuditEntry
from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.organisations.tests.factories import OrganisationFactory
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityPartner,
    ActivityType,
    BudgetLine,
    FrameworkCatalogue,
    Indicator,
    IndicatorUpdate,
    PartnerRole,
    Result,
    TargetBreakdown,
    UpdateStatus,
)
from sudsud.programmes.services.demo import (
    DemoDataRefusedError,
    demo_data_load,
    demo_data_remove,
)
from sudsud.programmes.services.demo_content import MINISTRIES
from sudsud.programmes.services.frameworks import framework_catalogue_import
from sudsud.programmes.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    ResultFactory,
)

PRODUCTION = "config.settings.production"


@pytest.fixture
def loaded(programme):
    demo_data_load(actor=None)
    return programme


def test_demo_data_load_fills_three_plans_with_about_120_activities(loaded):
    plans = ActionPlan.objects.filter(is_demo=True)

    assert plans.count() == 3
    assert {p.memorandum.second_country.iso3 for p in plans} == {"SEN", "CIV", "MLI"}
    assert 110 <= Activity.objects.count() <= 130
    for plan in plans:
        assert plan.activities.count() >= 30


def test_demo_data_load_covers_every_type_and_domain(loaded):
    activities = Activity.objects.all()

    assert set(activities.values_list("activity_type", flat=True)) == set(
        ActivityType.values
    )
    assert set(activities.values_list("domains__code", flat=True)) == set(
        loaded.domains.values_list("code", flat=True)
    )
    assert set(activities.values_list("implementers__acronym", flat=True)) == {
        "GIZ",
        "EF",
    }


def test_demo_data_load_shares_sum_to_100(loaded):
    for activity in Activity.objects.prefetch_related("country_shares"):
        assert sum(c.share for c in activity.country_shares.all()) == 100


def test_demo_data_load_has_budget_dates_and_triple_win(loaded):
    activity = Activity.objects.exclude(actual_start=None).first()

    assert BudgetLine.objects.filter(activity__is_demo=True).count() > 120
    assert activity.benefit_origin
    assert activity.benefit_host
    assert activity.benefit_migrants
    years = set(Activity.objects.values_list("planned_start__year", flat=True))
    assert years <= {2019, 2020, 2021, 2022}
    assert Activity.objects.exclude(search_text="").count() == Activity.objects.count()


def test_demo_data_load_marks_everything_as_demo(loaded):
    for model in (ActionPlan, Activity, Result, IndicatorUpdate):
        assert model.objects.exists()
        assert not model.objects.filter(is_demo=False).exists()


def test_demo_data_load_creates_values_with_breakdowns_and_statuses(loaded):
    statuses = set(IndicatorUpdate.objects.values_list("status", flat=True))

    assert {
        UpdateStatus.APPROVED,
        UpdateStatus.SUBMITTED,
        UpdateStatus.DRAFT,
    } <= statuses
    assert Indicator.objects.filter(periods__start__year=2021).exists()
    assert Indicator.objects.filter(periods__start__year=2022).exists()
    assert TargetBreakdown.objects.filter(key__contains="sex=female").exists()
    assert TargetBreakdown.objects.filter(key__startswith="country=").exists()


def test_demo_data_load_maps_eutf_indicators_when_loaded(programme):
    framework_catalogue_import(
        actor=None,
        data=b"number,label_en\n3.7,Trained\n3.10,Mobility\n3.1,Diaspora\n",
        extension="csv",
        code="eutf-cop",
        version="2021-12",
        name_fr="FFU",
        name_en="EUTF",
    )

    demo_data_load(actor=None)

    assert Indicator.objects.filter(framework_indicators__code="3.7").exists()


def test_demo_data_load_records_one_audit_entry_not_one_per_row(programme):
    demo_data_load(actor=None)

    entry = AuditEntry.objects.get(note="demonstration data loaded")
    assert entry.object_id == str(programme.pk)
    assert entry.changes["demo_activities"] == [0, 120]
    activity_type = ContentType.objects.get_for_model(Activity)
    assert not AuditEntry.objects.filter(content_type=activity_type).exists()


def test_demo_data_load_again_replaces(loaded):
    demo_data_load(actor=None)

    assert ActionPlan.objects.count() == 3
    assert Activity.objects.count() == 120


def test_demo_data_load_needs_reference_data(db):
    with pytest.raises(DemoDataRefusedError):
        demo_data_load(actor=None)


def test_demo_data_load_refuses_production_settings(programme, settings):
    settings.SETTINGS_MODULE = PRODUCTION

    with pytest.raises(DemoDataRefusedError):
        demo_data_load(actor=None)
    assert not Activity.objects.exists()


def test_demo_data_load_allows_production_when_asked(programme, settings):
    settings.SETTINGS_MODULE = PRODUCTION

    demo_data_load(actor=None, allow_production=True)

    assert Activity.objects.exists()


def test_demo_data_load_refuses_non_administrators(programme, make_user):
    with pytest.raises(PermissionDenied):
        demo_data_load(actor=make_user(Role.COUNTRY_COORDINATOR))


def test_demo_data_remove_leaves_real_data(loaded):
    plan = ActionPlanFactory(programme=loaded, code="PA-REAL")
    real = ActivityFactory(plan=plan, code="REAL-1")
    real_indicator = IndicatorFactory(
        result=ResultFactory(programme=loaded, activity=real)
    )

    counts = demo_data_remove(actor=None)

    assert counts["activities"] == 120
    assert list(Activity.objects.all()) == [real]
    assert list(ActionPlan.objects.all()) == [plan]
    assert list(Indicator.objects.all()) == [real_indicator]
    assert not IndicatorUpdate.objects.exists()


def test_demo_data_remove_refuses_when_real_records_depend_on_it(loaded):
    demo_plan = ActionPlan.objects.filter(is_demo=True).first()
    ActivityFactory(plan=demo_plan, code="REAL-IN-DEMO")

    with pytest.raises(ValidationError):
        demo_data_remove(actor=None)
    assert Activity.objects.filter(is_demo=True).count() == 120


def test_load_demo_data_command_loads_and_removes(programme, capsys):
    call_command("load_demo_data", seed=7)
    assert Activity.objects.filter(is_demo=True).count() == 120

    call_command("load_demo_data", remove=True)

    assert not Activity.objects.exists()
    assert "Removed" in capsys.readouterr().out


def test_load_demo_data_command_refuses_production(programme, settings):
    settings.SETTINGS_MODULE = PRODUCTION

    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_data")
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_data", remove=True)
    assert not Activity.objects.exists()


def test_load_demo_data_command_allow_production(programme, settings):
    settings.SETTINGS_MODULE = PRODUCTION

    call_command("load_demo_data", allow_production=True)

    assert Activity.objects.filter(is_demo=True).count() == 120


# --- Partners and sign-offs ---------------------------------------------------------

EUTF_CSV = "data/eutf/eutf_common_output_indicators_akvo_2021-12.csv"


def _demo_ministries():
    return Organisation.objects.filter(
        kind=OrganisationKind.MINISTRY, acronym__startswith="DEMO-"
    )


def _partner_rows():
    """What the partners of the demonstration say, comparable between loads."""
    return sorted(
        (p.activity.code, p.organisation.acronym, p.role, p.signed_off_at)
        for p in ActivityPartner.objects.select_related("activity", "organisation")
    )


def test_demo_data_load_creates_the_four_partner_ministries(loaded):
    ministries = _demo_ministries().select_related("country", "scope_country")

    assert {m.country.iso3 for m in ministries} == {"MAR", "SEN", "CIV", "MLI"}
    assert ministries.count() == 4
    for ministry in ministries:
        assert ministry.scope_country == ministry.country
        assert "démonstration" in ministry.description
        assert ministry.name.startswith("Ministère")
    morocco = ministries.get(country__iso3="MAR")
    assert "Marocains résidant à l'étranger" in morocco.name


def test_demo_data_load_names_one_lead_ministry_per_covered_country(loaded):
    activities = Activity.objects.prefetch_related(
        "country_shares__country", "partners__organisation__country"
    )

    for activity in activities:
        covered = sorted(s.country.iso3 for s in activity.country_shares.all())
        leads = [p for p in activity.partners.all() if p.role == "lead_ministry"]
        assert sorted(p.country.iso3 for p in leads) == covered, activity.code
        for lead in leads:
            assert lead.organisation.country_id == lead.country_id
            assert lead.organisation.acronym == MINISTRIES[lead.country.iso3].acronym
    bilateral = activities.filter(activity_type=ActivityType.BILATERAL).first()
    assert bilateral.partners.filter(role=PartnerRole.LEAD_MINISTRY).count() == 2


def test_demo_data_load_signs_most_bilateral_activities_off_and_leaves_some_pending(
    loaded,
):
    signed = Counter()
    bilateral = Activity.objects.filter(activity_type=ActivityType.BILATERAL)
    for activity in bilateral.prefetch_related("partners"):
        leads = [p for p in activity.partners.all() if p.role == "lead_ministry"]
        signed[sum(p.signed_off_at is not None for p in leads)] += 1

    assert signed[1] + signed[2] > bilateral.count() / 2
    assert signed[0] > 0  # pending ones, so the badges mean something
    assert signed[1] > 0
    assert signed[2] > 0
    assert (
        not ActivityPartner.objects.exclude(role="lead_ministry")
        .exclude(signed_off_at=None)
        .exists()
    )


def test_demo_data_load_sign_offs_are_given_by_an_officer_of_that_country(loaded):
    sign_offs = ActivityPartner.objects.exclude(signed_off_at=None).select_related(
        "activity", "country", "signed_off_by"
    )

    assert sign_offs.exists()
    for partner in sign_offs:
        officer = partner.signed_off_by
        assert officer.role == Role.MINISTRY_OFFICER
        assert list(officer.countries.all()) == [partner.country]
        assert partner.signed_off_at.date() < partner.activity.planned_start
    entry = AuditEntry.objects.filter(
        object_id=str(sign_offs[0].pk), changes__has_key="signed_off_at"
    ).first()
    assert entry is not None
    assert entry.actor_id == sign_offs[0].signed_off_by_id


def test_demo_data_load_adds_local_authorities_and_diaspora_associations(loaded):
    others = ActivityPartner.objects.exclude(role="lead_ministry").select_related(
        "organisation"
    )

    assert {p.role for p in others} == {PartnerRole.PARTNER, PartnerRole.BENEFICIARY}
    assert {p.organisation.kind for p in others} == {
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.DIASPORA_ASSOCIATION,
    }
    for partner in others.select_related("activity"):
        countries = partner.activity.country_shares.values_list("country", flat=True)
        assert partner.country_id in countries


def test_demo_data_load_twice_does_not_duplicate(loaded):
    first = _partner_rows()
    organisations, users = Organisation.objects.count(), User.objects.count()

    demo_data_load(actor=None)

    assert _partner_rows() == first  # same seed, same partners and sign-off dates
    assert Organisation.objects.count() == organisations
    assert User.objects.count() == users
    assert _demo_ministries().count() == 4
    assert Activity.objects.count() == 120


def test_demo_data_load_uses_the_lead_ministry_recorded_for_a_country(programme):
    senegal = programme.partner_countries.get(country__iso3="SEN")
    ministry = OrganisationFactory(
        name="Ministère réel", kind=OrganisationKind.MINISTRY, country=senegal.country
    )
    senegal.lead_ministry = ministry
    senegal.save()

    demo_data_load(actor=None)

    leads = ActivityPartner.objects.filter(role="lead_ministry", country__iso3="SEN")
    assert leads.exists()
    assert set(leads.values_list("organisation", flat=True)) == {ministry.pk}


def test_demo_data_remove_archives_the_demo_organisations_and_load_restores_them(
    loaded,
):
    demo_data_remove(actor=None)

    assert not ActivityPartner.objects.exists()
    assert _demo_ministries().filter(archived_at=None).count() == 0
    assert _demo_ministries().count() == 4

    demo_data_load(actor=None)

    assert _demo_ministries().filter(archived_at=None).count() == 4
    assert ActivityPartner.objects.filter(signed_off_at__isnull=False).exists()


def test_demo_data_load_by_an_administrator_signs_off_through_the_officers(
    programme, admin_user
):
    counts = demo_data_load(actor=admin_user)

    assert counts["sign_offs"] > 0
    assert counts["partners"] >= 120
    assert not ActivityPartner.objects.filter(
        signed_off_at__isnull=False, signed_off_by=admin_user
    ).exists()


# --- EUTF catalogue -----------------------------------------------------------------


def test_load_demo_data_eutf_catalogue_imports_the_real_file_once(
    shared_dir, programme, capsys
):
    path = shared_dir / EUTF_CSV

    call_command("load_demo_data", eutf_catalogue=path)
    first = capsys.readouterr().out
    call_command("load_demo_data", eutf_catalogue=path)
    second = capsys.readouterr().out

    catalogue = FrameworkCatalogue.objects.get()
    assert (catalogue.code, catalogue.version) == ("eutf-cop", "2021-12")
    assert catalogue.funder is not None
    assert catalogue.indicators.count() == 38
    assert "Imported the EUTF catalogue eutf-cop 2021-12 (38 indicators)" in first
    assert "already loaded (38 indicators)" in second
    mapped = Indicator.objects.filter(framework_indicators__catalogue=catalogue)
    assert mapped.count() == Result.objects.filter(level="output").count()
    assert "framework links" in second


def test_eutf_catalogue_has_a_french_label_for_every_indicator_of_the_real_file(
    shared_dir, programme
):
    path = shared_dir / EUTF_CSV
    codes = [line.split(",", 1)[0] for line in path.read_text().splitlines()[1:]]

    call_command("load_demo_data", eutf_catalogue=path)

    indicators = {i.code: i for i in FrameworkCatalogue.objects.get().indicators.all()}
    assert len(codes) == 38
    assert set(indicators) == set(codes)
    for code in codes:
        label = indicators[code].label_fr
        assert label.strip(), code
        assert label != indicators[code].label_en, code
        assert not label.startswith("Number"), code


def test_load_demo_data_without_eutf_catalogue_says_indicators_are_unmapped(
    programme, capsys
):
    call_command("load_demo_data")

    out = capsys.readouterr().out
    assert "No --eutf-catalogue given" in out
    assert "No demonstration indicator is mapped to an EUTF indicator" in out
    assert not FrameworkCatalogue.objects.exists()


def test_load_demo_data_eutf_catalogue_missing_file_is_an_error(programme, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_demo_data", eutf_catalogue=tmp_path / "absent.csv")
    assert not Activity.objects.exists()


def test_load_demo_data_eutf_catalogue_refused_with_production_settings(
    programme, settings, tmp_path
):
    settings.SETTINGS_MODULE = PRODUCTION
    path = tmp_path / "eutf.csv"
    path.write_text("number,label_en\n3.7,Trained\n", encoding="utf-8")

    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_data", eutf_catalogue=path)
    assert not FrameworkCatalogue.objects.exists()
