import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityType,
    BudgetLine,
    Indicator,
    IndicatorUpdate,
    Result,
    TargetBreakdown,
    UpdateStatus,
)
from sudsud.programmes.services.demo import (
    DemoDataRefusedError,
    demo_data_load,
    demo_data_remove,
)
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


def test_demo_data_load_again_replaces_and_is_fast(loaded):
    started = time.monotonic()

    demo_data_load(actor=None)

    assert time.monotonic() - started < 20
    assert ActionPlan.objects.count() == 3


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
