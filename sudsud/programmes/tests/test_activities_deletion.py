"""Deleting activities and action plans: what goes with them, what stops it,
who may, the audit trail and the stored files."""

import pytest
from django.core.exceptions import PermissionDenied

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityPartner,
    BudgetLine,
    Deliverable,
    Evidence,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
)
from sudsud.programmes.selectors.activities_deletion import (
    activity_deletion_summary,
    plan_deletion_summary,
)
from sudsud.programmes.services.activities_deletion import (
    DeletionRefusedError,
    activity_delete,
    activity_delete_refusals,
    plan_delete,
)

from .factories import IndicatorFactory, ResultFactory
from .factories_activities import make_world, scoped_user
from .factories_deletion import add_parts, approve


@pytest.fixture
def world(countries):
    return make_world(countries)


@pytest.fixture
def parts(world):
    return add_parts(world)


def test_summary_counts_what_goes_with_the_activity(world, parts):
    summary = activity_deletion_summary(world.bilateral)
    assert (summary.partners, summary.budget_lines, summary.deliverables) == (1, 1, 1)
    assert (summary.documents, summary.results, summary.indicators) == (1, 2, 1)
    assert (summary.periods, summary.values, summary.evidence) == (1, 1, 1)
    assert summary.evidence_files == 1
    assert activity_delete_refusals(summary) == []
    assert summary.note() == (
        "with partners=1, budget_lines=1, deliverables=1, documents=1, results=2, "
        "indicators=1, periods=1, values=1, evidence=1, evidence_files=1"
    )


def test_activity_delete_removes_everything_that_makes_it_up(
    world, parts, django_capture_on_commit_callbacks
):
    pk = world.bilateral.pk
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        activity_delete(actor=world.users["admin"], activity=world.bilateral)
    assert not Activity.objects.filter(pk=pk).exists()
    for model in (ActivityPartner, BudgetLine, Deliverable, Result, Indicator,
                  IndicatorPeriod, IndicatorUpdate, Evidence):  # fmt: skip
        assert not model.objects.exists(), model.__name__
    assert Activity.objects.filter(pk=world.restricted.pk).exists()
    assert len(callbacks) == 1


def test_activity_delete_removes_the_stored_files_after_commit(
    world, parts, django_capture_on_commit_callbacks
):
    storage = parts.deliverable.document.storage
    names = [parts.deliverable.document.name, parts.evidence.document.name]
    with django_capture_on_commit_callbacks() as callbacks:
        activity_delete(actor=world.users["admin"], activity=world.bilateral)
    assert all(storage.exists(name) for name in names)  # not before the commit
    for callback in callbacks:
        callback()
    assert not any(storage.exists(name) for name in names)


def test_activity_delete_audits_a_snapshot_of_it_and_of_its_parts(world, parts):
    activity = world.bilateral
    activity_delete(actor=world.users["admin"], activity=activity)
    entry = AuditEntry.objects.get(
        action="delete", object_id=str(activity.pk), content_type__model="activity"
    )
    assert entry.changes["code"] == ["A-BIL", None]
    assert entry.changes["countries"] == [[["MAR", "50"], ["SEN", "50"]], None]
    assert entry.changes["implementers"] == [[world.giz.pk], None]
    assert "budget_lines=1" in entry.note
    assert entry.actor == world.users["admin"]
    for part in (parts.partner, parts.line, parts.deliverable, parts.output,
                 parts.indicator, parts.period, parts.value):  # fmt: skip
        assert AuditEntry.objects.filter(
            action="delete",
            object_id=str(part.pk),
            content_type__model=part._meta.model_name,
            note="deleted with activity A-BIL",
        ).exists(), part


def test_activity_delete_is_refused_while_it_has_approved_values(world, parts, english):
    approve(parts)
    with pytest.raises(DeletionRefusedError) as error:
        activity_delete(actor=world.users["admin"], activity=world.bilateral)
    (message,) = error.value.messages
    assert "1 approved indicator value" in message
    assert "“Cancelled”" in message
    assert Activity.objects.filter(pk=world.bilateral.pk).exists()
    assert BudgetLine.objects.filter(pk=parts.line.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


def test_activity_delete_is_refused_while_another_result_sits_under_its_results(
    world, parts, english
):
    other = ResultFactory(
        programme=world.programme, activity=world.restricted, parent=parts.outcome
    )
    with pytest.raises(DeletionRefusedError) as error:
        activity_delete(actor=world.users["admin"], activity=world.bilateral)
    assert "attach it to another result first" in error.value.messages[0]
    assert Result.objects.filter(pk=other.pk, parent=parts.outcome).exists()


def test_activity_delete_detaches_indicators_that_contributed_to_it(world, parts):
    elsewhere = ResultFactory(programme=world.programme, activity=world.restricted)
    contributor = IndicatorFactory(result=elsewhere, parent=parts.indicator)
    assert activity_deletion_summary(world.bilateral).contributors == 1
    activity_delete(actor=world.users["admin"], activity=world.bilateral)
    contributor.refresh_from_db()
    assert contributor.parent is None
    entry = AuditEntry.objects.get(object_id=str(contributor.pk), action="update")
    assert entry.changes["parent"] == [parts.indicator.pk, None]
    assert "activity A-BIL" in entry.note


@pytest.mark.parametrize(
    ("role", "isos", "fields", "allowed"),
    [
        (Role.PROGRAMME_ADMIN, (), {}, True),
        (Role.IMPLEMENTING_STAFF, (), {"programme_wide": True}, True),
        (Role.MINISTRY_OFFICER, ("MAR", "SEN"), {}, True),
        (Role.MINISTRY_OFFICER, ("SEN",), {}, False),  # edits it, may not delete it
        (Role.COUNTRY_COORDINATOR, ("MAR",), {}, False),
        (Role.VIEWER, ("MAR", "SEN"), {}, False),
        (Role.DATA_ANALYST, (), {"programme_wide": True}, False),
    ],
)
def test_activity_delete_needs_every_country_of_the_activity_in_scope(
    world, role, isos, fields, allowed
):
    actor = scoped_user(world, role, *isos, **fields)
    if allowed:
        activity_delete(actor=actor, activity=world.bilateral)
        assert not Activity.objects.filter(pk=world.bilateral.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            activity_delete(actor=actor, activity=world.bilateral)
        assert Activity.objects.filter(pk=world.bilateral.pk).exists()


def test_a_senegal_officer_deletes_a_senegal_only_activity(world):
    activity_delete(actor=world.users["senegal"], activity=world.restricted)
    assert not Activity.objects.filter(code="A-SEN").exists()


def test_activity_delete_without_parts_by_the_system(world):
    activity_delete(actor=None, activity=world.restricted)
    entry = AuditEntry.objects.get(action="delete", content_type__model="activity")
    assert entry.actor_name == "system"
    assert entry.note == ""


# --- Plans --------------------------------------------------------------------------


def test_plan_delete_is_refused_while_it_has_activities(world, english):
    summary = plan_deletion_summary(world.plan)
    assert summary.activities == 2
    with pytest.raises(DeletionRefusedError) as error:
        plan_delete(actor=world.users["admin"], plan=world.plan)
    assert error.value.messages == [
        "This action plan still has 2 activities: delete them or move them to "
        "another plan first."
    ]
    assert ActionPlan.objects.filter(pk=world.plan.pk).exists()


def test_plan_delete_removes_its_own_results_and_audits(
    world, countries, django_capture_on_commit_callbacks
):
    parts = add_parts(world, world.restricted, plan=world.other_plan)
    pk = world.other_plan.pk
    summary = plan_deletion_summary(world.other_plan)
    assert (summary.activities, summary.results, summary.values) == (0, 2, 1)
    storage = parts.evidence.document.storage
    with django_capture_on_commit_callbacks(execute=True):
        plan_delete(actor=world.users["admin"], plan=world.other_plan)
    assert not ActionPlan.objects.filter(pk=pk).exists()
    assert not Result.objects.filter(pk__in=[parts.outcome.pk, parts.output.pk])
    assert not storage.exists(parts.evidence.document.name)
    # The activity's own parts are not the plan's.
    assert Deliverable.objects.filter(pk=parts.deliverable.pk).exists()
    entry = AuditEntry.objects.get(
        action="delete", object_id=str(pk), content_type__model="actionplan"
    )
    assert entry.changes["countries"] == [["MAR", "MLI"], None]
    assert "results=2" in entry.note


def test_plan_delete_is_refused_while_its_results_have_approved_values(world, english):
    parts = add_parts(world, world.restricted, plan=world.other_plan)
    approve(parts)
    with pytest.raises(DeletionRefusedError) as error:
        plan_delete(actor=world.users["admin"], plan=world.other_plan)
    assert "1 approved indicator value" in error.value.messages[0]
    assert ActionPlan.objects.filter(pk=world.other_plan.pk).exists()


@pytest.mark.parametrize(
    ("role", "isos", "allowed"),
    [
        (Role.COUNTRY_COORDINATOR, ("MAR", "MLI"), True),
        (Role.COUNTRY_COORDINATOR, ("MLI",), False),  # edits it, may not delete it
        (Role.MINISTRY_OFFICER, ("MAR", "MLI"), False),
        (Role.IMPLEMENTING_STAFF, ("MAR", "MLI"), False),
    ],
)
def test_plan_delete_needs_a_coordinator_of_every_country(world, role, isos, allowed):
    actor = scoped_user(world, role, *isos)
    if allowed:
        plan_delete(actor=actor, plan=world.other_plan)
        assert not ActionPlan.objects.filter(pk=world.other_plan.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            plan_delete(actor=actor, plan=world.other_plan)
        assert ActionPlan.objects.filter(pk=world.other_plan.pk).exists()


def test_a_plan_without_countries_is_deleted_by_administrators_only(world):
    plan = ActionPlan.objects.create(
        programme=world.programme, code="PA-VIDE", title_fr="Vide"
    )
    everywhere = scoped_user(world, Role.COUNTRY_COORDINATOR, programme_wide=True)
    for actor in (world.users["coordinator_sen"], everywhere):
        with pytest.raises(PermissionDenied):
            plan_delete(actor=actor, plan=plan)
    plan_delete(actor=world.users["admin"], plan=plan)
    assert not ActionPlan.objects.filter(pk=plan.pk).exists()
