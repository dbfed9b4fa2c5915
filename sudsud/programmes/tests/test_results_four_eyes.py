"""The four-eyes rule of the reporting workflow: whoever submitted an update, or
last changed its figures, never approves it — coordinators and programme administrators alike — in the service,
on the indicator page, through the API and in the inbox. Returning one's own
submission (withdrawing it) stays allowed."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import UpdateStatus
from sudsud.programmes.permissions_results import (
    can_approve_update,
    can_review_update,
)
from sudsud.programmes.selectors.results_inbox import inbox_counts, inbox_for_user
from sudsud.programmes.services import reporting

from .factories import IndicatorUpdateFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db
OWN = "You entered or submitted these figures: another coordinator or a programme"


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.fixture
def coordinator(make_user, countries):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])


@pytest.fixture
def other_coordinator(make_user, countries):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])


def _submitted_by(actor, period, countries):
    update = reporting.indicator_update_save(
        actor=actor, period=period, country=countries["SEN"], value=Decimal(12)
    )
    return reporting.indicator_update_submit(actor=actor, update=update)


def _approvals(update):
    return AuditEntry.objects.filter(
        object_id=str(update.pk), changes__status=["submitted", "approved"]
    )


# --- Service ----------------------------------------------------------------------


def test_approve_refuses_the_coordinator_who_submitted(
    coordinator, period, countries, english
):
    update = _submitted_by(coordinator, period, countries)

    with pytest.raises(PermissionDenied, match=OWN):
        reporting.indicator_update_approve(actor=coordinator, update=update)

    update.refresh_from_db()
    assert update.status == UpdateStatus.SUBMITTED
    assert update.reviewed_by is None
    assert not _approvals(update).exists()


def test_approve_by_another_coordinator_of_the_country(
    coordinator, other_coordinator, period, countries
):
    update = _submitted_by(coordinator, period, countries)

    done = reporting.indicator_update_approve(actor=other_coordinator, update=update)

    assert done.status == UpdateStatus.APPROVED
    assert done.submitted_by == coordinator
    assert done.reviewed_by == other_coordinator
    assert _approvals(update).get().actor == other_coordinator


def test_approve_refuses_a_programme_administrator_who_submitted(
    make_user, period, countries, english
):
    admin = make_user(Role.PROGRAMME_ADMIN)
    other_admin = make_user(Role.PROGRAMME_ADMIN)
    update = _submitted_by(admin, period, countries)

    with pytest.raises(PermissionDenied, match=OWN):
        reporting.indicator_update_approve(actor=admin, update=update)
    done = reporting.indicator_update_approve(actor=other_admin, update=update)

    assert done.status == UpdateStatus.APPROVED
    assert done.reviewed_by == other_admin


def test_return_of_ones_own_submission_is_a_withdrawal(coordinator, period, countries):
    update = _submitted_by(coordinator, period, countries)

    done = reporting.indicator_update_return(
        actor=coordinator, update=update, reason="Valeur à corriger"
    )

    assert done.status == UpdateStatus.RETURNED
    assert done.reviewed_by == coordinator
    assert done.return_reason == "Valeur à corriger"


def test_approve_after_withdrawal_and_resubmission_still_needs_someone_else(
    coordinator, other_coordinator, period, countries, english
):
    update = _submitted_by(coordinator, period, countries)
    reporting.indicator_update_return(actor=coordinator, update=update, reason="Oups")
    reporting.indicator_update_submit(actor=coordinator, update=update)

    with pytest.raises(PermissionDenied, match=OWN):
        reporting.indicator_update_approve(actor=coordinator, update=update)
    done = reporting.indicator_update_approve(actor=other_coordinator, update=update)

    assert done.status == UpdateStatus.APPROVED


def test_approve_says_the_status_first_when_the_update_is_not_submitted(
    coordinator, period, countries, english
):
    # A returned update keeps who submitted it; the wrong status is the reason.
    update = _submitted_by(coordinator, period, countries)
    reporting.indicator_update_return(actor=coordinator, update=update, reason="x")

    with pytest.raises(ValidationError, match="cannot be approved"):
        reporting.indicator_update_approve(actor=coordinator, update=update)


def test_approve_of_an_update_without_a_known_submitter(coordinator, period, countries):
    # Demonstration data and IATI imports set the status without a submitter.
    update = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.SUBMITTED
    )

    done = reporting.indicator_update_approve(actor=coordinator, update=update)

    assert done.status == UpdateStatus.APPROVED


@pytest.fixture
def officer(make_user, countries):
    return make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]])


def _entered_by_then_submitted_by(editor, submitter, period, countries):
    update = reporting.indicator_update_save(
        actor=editor, period=period, country=countries["SEN"], value=Decimal(12)
    )
    return reporting.indicator_update_submit(actor=submitter, update=update)


def test_approve_refuses_the_coordinator_who_entered_the_figures(
    coordinator, other_coordinator, officer, period, countries, english
):
    # The coordinator types the figures, an officer submits them: the coordinator
    # would otherwise approve their own numbers.
    update = _entered_by_then_submitted_by(coordinator, officer, period, countries)

    with pytest.raises(PermissionDenied, match=OWN):
        reporting.indicator_update_approve(actor=coordinator, update=update)
    assert not can_approve_update(coordinator, update)
    assert update not in inbox_for_user(user=coordinator).to_review

    done = reporting.indicator_update_approve(actor=other_coordinator, update=update)
    assert done.status == UpdateStatus.APPROVED


def test_last_editor_is_whoever_last_changed_the_figures(
    coordinator, officer, period, countries
):
    update = reporting.indicator_update_save(
        actor=coordinator, period=period, country=countries["SEN"], value=Decimal(12)
    )
    reporting.indicator_update_save(
        actor=officer, period=period, country=countries["SEN"], value=Decimal(15)
    )
    update.refresh_from_db()
    assert update.edited_by == officer

    # Saving the same figures again changes nothing, so the editor stays.
    reporting.indicator_update_save(
        actor=coordinator, period=period, country=countries["SEN"], value=Decimal(15)
    )
    update.refresh_from_db()
    assert update.edited_by == officer
    submitted = reporting.indicator_update_submit(actor=officer, update=update)
    done = reporting.indicator_update_approve(actor=coordinator, update=submitted)
    assert done.status == UpdateStatus.APPROVED


def test_predicates_separate_returning_from_approving(
    coordinator, other_coordinator, period, countries
):
    update = _submitted_by(coordinator, period, countries)

    assert can_review_update(coordinator, update)
    assert not can_approve_update(coordinator, update)
    assert can_approve_update(other_coordinator, update)


# --- Indicator page ---------------------------------------------------------------


def _approve_url(update):
    return reverse("programmes:update_action", args=[update.pk, "approve"])


def _return_url(update):
    return reverse("programmes:update_action", args=[update.pk, "return"])


def test_indicator_page_offers_no_approve_button_to_the_submitter(
    client, coordinator, other_coordinator, period, countries
):
    update = _submitted_by(coordinator, period, countries)
    page = period.indicator.get_absolute_url()

    client.force_login(coordinator)
    own = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.force_login(other_coordinator)
    other = client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert _approve_url(update) not in own
    assert "another person must approve it" in own
    assert _return_url(update) in own
    assert _approve_url(update) in other
    assert "another person must approve it" not in other


def test_update_action_approve_by_the_submitter_shows_why_it_is_refused(
    client, coordinator, period, countries
):
    update = _submitted_by(coordinator, period, countries)
    client.force_login(coordinator)

    response = client.post(_approve_url(update), HTTP_ACCEPT_LANGUAGE="en")

    update.refresh_from_db()
    assert response.status_code == 403
    assert OWN in response.content.decode()
    assert update.status == UpdateStatus.SUBMITTED


# --- API --------------------------------------------------------------------------


def test_api_approve_by_the_submitter_is_403_with_the_reason(
    coordinator, other_coordinator, period, countries
):
    update = _submitted_by(coordinator, period, countries)
    api = APIClient()
    api.force_authenticate(coordinator)
    url = f"/api/v1/indicator-updates/{update.pk}/"

    refused = api.post(f"{url}approve/", HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(other_coordinator)
    approved = api.post(f"{url}approve/")

    assert refused.status_code == 403
    assert refused.json()["detail"].startswith(OWN)
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"


def test_api_return_by_the_submitter_is_allowed(coordinator, period, countries):
    update = _submitted_by(coordinator, period, countries)
    api = APIClient()
    api.force_authenticate(coordinator)

    response = api.post(
        f"/api/v1/indicator-updates/{update.pk}/return/", {"reason": "Retrait"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "returned"


# --- Inbox ------------------------------------------------------------------------


def test_inbox_does_not_ask_the_submitter_to_approve_their_own_update(
    coordinator, other_coordinator, period, countries
):
    own = _submitted_by(coordinator, period, countries)
    legacy = IndicatorUpdateFactory(
        period=period, country=countries["MAR"], status=UpdateStatus.SUBMITTED
    )
    coordinator.countries.add(countries["MAR"])
    coordinator.__dict__.pop("_sudsud_scope", None)  # scope_for caches it

    mine = inbox_for_user(user=coordinator)
    theirs = inbox_for_user(user=other_coordinator)

    assert mine.to_review == [legacy]
    assert mine.review_count == 1
    assert own not in mine.to_review
    assert theirs.to_review == [own]
    assert inbox_counts(user=coordinator) == mine.count
