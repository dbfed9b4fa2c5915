"""The reporting workflow's state machine: each step by each role, in and out of
scope, the locks, returns and reopening, and the audit trail they leave."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import IndicatorKind, UpdateStatus
from sudsud.programmes.permissions_results import (
    can_report_update,
    can_review_update,
)
from sudsud.programmes.selectors.results import indicator_history
from sudsud.programmes.selectors.rollup import indicator_period_values
from sudsud.programmes.services import reporting

from .factories import IndicatorPeriodFactory, IndicatorUpdateFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db

# role, country of scope → may report for Senegal, may review for Senegal
PEOPLE = {
    "admin": (Role.PROGRAMME_ADMIN, None),
    "coordinator_sen": (Role.COUNTRY_COORDINATOR, "SEN"),
    "coordinator_mli": (Role.COUNTRY_COORDINATOR, "MLI"),
    "staff_sen": (Role.IMPLEMENTING_STAFF, "SEN"),
    "staff_mli": (Role.IMPLEMENTING_STAFF, "MLI"),
    "officer_sen": (Role.MINISTRY_OFFICER, "SEN"),
    "analyst_sen": (Role.DATA_ANALYST, "SEN"),
    "viewer_sen": (Role.VIEWER, "SEN"),
}
REPORTERS = {"admin", "coordinator_sen", "staff_sen", "officer_sen"}
REVIEWERS = {"admin", "coordinator_sen"}


@pytest.fixture
def person(make_user, countries):
    def make(name):
        role, iso3 = PEOPLE[name]
        return make_user(role, countries=[countries[iso3]] if iso3 else [])

    return make


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


def _update(period, countries, status=UpdateStatus.DRAFT, iso3="SEN"):
    return IndicatorUpdateFactory(
        period=period, country=countries[iso3], status=status, value=Decimal(12)
    )


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_indicator_update_save_only_by_reporters_in_scope(
    name, person, period, countries
):
    actor = person(name)
    if name in REPORTERS:
        update = reporting.indicator_update_save(
            actor=actor, period=period, country=countries["SEN"], value=Decimal(7)
        )
        assert update.status == UpdateStatus.DRAFT
        assert update.created_by == actor
    else:
        with pytest.raises(PermissionDenied):
            reporting.indicator_update_save(
                actor=actor, period=period, country=countries["SEN"], value=Decimal(7)
            )


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_indicator_update_submit_only_by_reporters_in_scope(
    name, person, period, countries
):
    update = _update(period, countries)
    if name in REPORTERS:
        done = reporting.indicator_update_submit(actor=person(name), update=update)
        assert done.status == UpdateStatus.SUBMITTED
        assert done.submitted_at is not None
    else:
        with pytest.raises(PermissionDenied):
            reporting.indicator_update_submit(actor=person(name), update=update)


@pytest.mark.parametrize("step", ["approve", "return"])
@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_indicator_update_review_only_by_coordinator_of_the_country_or_admin(
    name, step, person, period, countries
):
    update = _update(period, countries, UpdateStatus.SUBMITTED)
    service = getattr(reporting, f"indicator_update_{step}")
    extra = {"reason": "Chiffres à vérifier"} if step == "return" else {}
    actor = person(name)
    if name in REVIEWERS:
        done = service(actor=actor, update=update, **extra)
        expected = UpdateStatus.APPROVED if step == "approve" else UpdateStatus.RETURNED
        assert done.status == expected
        assert done.reviewed_by == actor
    else:
        with pytest.raises(PermissionDenied):
            service(actor=actor, update=update, **extra)
        update.refresh_from_db()
        assert update.status == UpdateStatus.SUBMITTED


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_indicator_update_reopen_only_by_programme_admin(
    name, person, period, countries
):
    update = _update(period, countries, UpdateStatus.APPROVED)
    if name == "admin":
        done = reporting.indicator_update_reopen(
            actor=person(name), update=update, reason="Erreur de saisie"
        )
        assert done.status == UpdateStatus.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            reporting.indicator_update_reopen(
                actor=person(name), update=update, reason="Erreur de saisie"
            )


LEGAL = {
    ("submit", UpdateStatus.DRAFT),
    ("submit", UpdateStatus.RETURNED),
    ("approve", UpdateStatus.SUBMITTED),
    ("return", UpdateStatus.SUBMITTED),
    ("reopen", UpdateStatus.APPROVED),
}


@pytest.mark.parametrize("status", list(UpdateStatus))
@pytest.mark.parametrize("step", ["submit", "approve", "return", "reopen"])
def test_indicator_update_transitions_follow_the_state_machine(
    step, status, admin_user, period, countries, english
):
    update = _update(period, countries, status)
    service = getattr(reporting, f"indicator_update_{step}")
    extra = {"reason": "Motif"} if step in {"return", "reopen"} else {}
    if (step, status) in LEGAL:
        service(actor=admin_user, update=update, **extra)
    else:
        with pytest.raises(ValidationError, match="cannot be"):
            service(actor=admin_user, update=update, **extra)
        update.refresh_from_db()
        assert update.status == status


@pytest.mark.parametrize("status", [UpdateStatus.SUBMITTED, UpdateStatus.APPROVED])
def test_indicator_update_save_refuses_locked_updates(
    status, admin_user, period, countries, english
):
    _update(period, countries, status)

    with pytest.raises(ValidationError, match=r"submitted|locked"):
        reporting.indicator_update_save(
            actor=admin_user, period=period, country=countries["SEN"], value=Decimal(1)
        )


def test_indicator_update_save_edits_a_returned_update(make_user, period, countries):
    update = _update(period, countries, UpdateStatus.RETURNED)
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    saved = reporting.indicator_update_save(
        actor=staff, period=period, country=countries["SEN"], value=Decimal(15)
    )

    assert saved.pk == update.pk
    assert saved.value == Decimal(15)


@pytest.mark.parametrize("step", ["return", "reopen"])
def test_indicator_update_return_and_reopen_need_a_reason(
    step, admin_user, period, countries, english
):
    status = UpdateStatus.SUBMITTED if step == "return" else UpdateStatus.APPROVED
    update = _update(period, countries, status)
    service = getattr(reporting, f"indicator_update_{step}")

    with pytest.raises(ValidationError, match="reason"):
        service(actor=admin_user, update=update, reason="  ")


def test_indicator_update_submit_needs_a_value(admin_user, period, countries, english):
    update = IndicatorUpdateFactory(period=period, country=countries["SEN"], value=None)

    with pytest.raises(ValidationError, match="actual value"):
        reporting.indicator_update_submit(actor=admin_user, update=update)


def test_indicator_update_submit_qualitative_needs_narrative_and_rating(
    admin_user, countries, english
):
    period = bilateral_period(countries, kind=IndicatorKind.QUALITATIVE)
    update = reporting.indicator_update_save(
        actor=admin_user, period=period, country=countries["SEN"], narrative="Bien"
    )
    with pytest.raises(ValidationError, match="rating"):
        reporting.indicator_update_submit(actor=admin_user, update=update)

    reporting.indicator_update_save(
        actor=admin_user, period=period, country=countries["SEN"], rating=4
    )
    submitted = reporting.indicator_update_submit(actor=admin_user, update=update)
    assert submitted.status == UpdateStatus.SUBMITTED


def test_indicator_update_save_refuses_a_country_the_indicator_does_not_cover(
    admin_user, period, countries, english
):
    with pytest.raises(ValidationError, match="not reported for"):
        reporting.indicator_update_save(
            actor=admin_user, period=period, country=countries["MLI"], value=Decimal(1)
        )


def test_indicator_update_save_requires_a_country_when_the_result_has_countries(
    make_user, period, countries, english
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MAR"]])

    with pytest.raises(ValidationError, match="Choose the country"):
        reporting.indicator_update_save(
            actor=staff,
            period=period,
            value=Decimal(3),
            breakdowns={"country=MAR;sex=female": "3"},
        )

    assert not period.updates.exists()


def test_indicator_update_save_refuses_a_country_for_a_programme_level_result(
    admin_user, countries, english
):
    period = IndicatorPeriodFactory()  # its result belongs to the programme

    with pytest.raises(ValidationError, match="without a country"):
        reporting.indicator_update_save(
            actor=admin_user, period=period, country=countries["SEN"], value=1
        )
    overall = reporting.indicator_update_save(
        actor=admin_user, period=period, value=Decimal(1)
    )

    assert overall.country is None


def test_indicator_update_breakdowns_must_be_of_the_update_country(
    make_user, period, countries, english
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    with pytest.raises(ValidationError, match="another country"):
        reporting.indicator_update_save(
            actor=staff,
            period=period,
            country=countries["SEN"],
            breakdowns={"country=MAR;sex=female": "3"},
        )


def test_update_without_country_is_only_for_programme_wide_people(
    make_user, period, countries
):
    # A country-less update left from before the rule (or written around the
    # services) is no longer reported or approved by one country's people.
    legacy = IndicatorUpdateFactory(
        period=period, country=None, status=UpdateStatus.SUBMITTED, value=3
    )
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MAR"]])

    with pytest.raises(PermissionDenied):
        reporting.indicator_update_approve(actor=coordinator, update=legacy)
    assert not can_report_update(staff, legacy)
    assert not can_review_update(coordinator, legacy)


def test_workflow_is_audited_and_rolls_up_only_once_approved(
    make_user, admin_user, period, countries
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    cells = {"country=SEN;sex=female": "20", "country=SEN;sex=male": "22"}
    update = reporting.indicator_update_save(
        actor=staff,
        period=period,
        country=countries["SEN"],
        value=Decimal(42),
        breakdowns=cells,
    )
    reporting.indicator_update_submit(actor=staff, update=update)
    reporting.indicator_update_return(
        actor=coordinator, update=update, reason="Justificatif manquant"
    )
    reporting.indicator_update_submit(actor=staff, update=update)
    assert indicator_period_values(period.indicator)[0].actual is None

    reporting.indicator_update_approve(actor=coordinator, update=update)

    [row] = indicator_period_values(period.indicator)
    assert row.actual == Decimal(42)
    assert row.actual_breakdowns == {
        "country=SEN;sex=female": Decimal(20),
        "country=SEN;sex=male": Decimal(22),
    }
    history = list(indicator_history(period.indicator))
    statuses = [e.changes["status"] for e in history if e.action == "update"]
    assert statuses == [
        ["submitted", "approved"],
        ["returned", "submitted"],
        ["submitted", "returned"],
        ["draft", "submitted"],
    ]
    returned = next(e for e in history if e.note == "Justificatif manquant")
    assert returned.actor == coordinator
    assert history[-1].action == "create"


def test_reopen_unlocks_and_is_recorded_with_its_reason(admin_user, period, countries):
    update = _update(period, countries, UpdateStatus.APPROVED)

    reporting.indicator_update_reopen(
        actor=admin_user, update=update, reason="Double comptage"
    )
    saved = reporting.indicator_update_save(
        actor=admin_user, period=period, country=countries["SEN"], value=Decimal(9)
    )

    assert saved.value == Decimal(9)
    entry = AuditEntry.objects.filter(note="Double comptage").get()
    assert entry.changes["status"] == ["approved", "draft"]
