"""Who may do what with action plans and activities, built on the scope rule
(``sudsud.accounts.scopes``).

* Viewing: ``selectors.activities.activity_list_for_user`` (restricted activities
  only for people whose scope covers one of their countries).
* Editing an activity (its fields, countries, partners, budget, deliverables):
  an editing role whose scope covers at least one of its countries; programme
  administrators everywhere. An activity without any country is edited only by
  programme-wide people.
* Plans are co-owned by the ministries of their countries: creating or changing
  one needs an approving role (country coordinator) for one of its countries, or
  a programme administrator. Importing activities into a plan needs the same.
* Taking a country off an activity needs an editing role covering that country,
  as deleting does: otherwise a one-country editor could drop the other country
  and then delete the activity as its only country's editor.
* Deleting goes further than editing, because it removes what the other
  countries recorded too: an activity is deleted by an editing role whose scope
  covers *every* one of its countries (a programme-wide editor, a programme
  administrator; an activity without any country, programme-wide editors only);
  a plan by an approving role covering every one of its countries, or a
  programme administrator. The Senegal officer may edit the Morocco–Senegal
  activity but not delete it. What may never be deleted whoever asks (approved
  values, a plan that still has activities) is decided by the services.
* Signing off for a lead ministry is the ministry's own word, so it is given by
  a partner-ministry officer (role ``ministry_officer``) or a country
  coordinator (the ministry's counterpart) whose countries *explicitly* include
  that lead ministry's country: the Senegal officer signs for Senegal, not for
  Morocco, and a programme-wide flag does not make anyone a member of every
  ministry. Implementing-agency staff (GIZ, Expertise France), data analysts and
  viewers never sign. Programme administrators may sign on a ministry's behalf
  (the audit entry says so). A sign-off is cleared, with an audit entry, when
  the activity's substance changes afterwards (see
  ``services.activities.SIGN_OFF_FIELDS`` and the budget-line services).
"""

from collections.abc import Iterable
from typing import Any

from sudsud.accounts.models import Role
from sudsud.accounts.scopes import (
    scope_allows_approve,
    scope_allows_edit,
    scope_allows_export,
    scope_for,
)

from .models import ActionPlan, Activity, ActivityPartner, PartnerRole

SIGNING_ROLES = frozenset({Role.MINISTRY_OFFICER, Role.COUNTRY_COORDINATOR})


def _any_edit(user: Any, country_ids: Iterable[int]) -> bool:
    ids = list(country_ids)
    if not ids:
        return scope_allows_edit(user, country_id=None)
    return any(scope_allows_edit(user, country_id=pk) for pk in ids)


def activity_country_ids(activity: Activity) -> list[int]:
    """The activity's countries, from the prefetch when there is one."""
    if activity.pk is None:
        return []
    return [share.country_id for share in activity.country_shares.all()]


def can_create_activity(user: Any) -> bool:
    return scope_for(user).can_edit


def can_edit_activity(user: Any, activity: Activity) -> bool:
    return _any_edit(user, activity_country_ids(activity))


def can_edit_activity_in(user: Any, country_ids: Iterable[int]) -> bool:
    """May ``user`` hold an activity covering ``country_ids``?"""
    return _any_edit(user, country_ids)


def can_remove_countries(user: Any, country_ids: Iterable[int]) -> bool:
    """May ``user`` take these countries off an activity? Only with an editing role
    covering each: the Senegal officer cannot turn the Morocco–Senegal activity
    into a Senegal one (and then delete it, as its only country's editor)."""
    return all(scope_allows_edit(user, country_id=pk) for pk in country_ids)


def can_delete_activity(user: Any, activity: Activity) -> bool:
    """An editing role covering every country of the activity."""
    ids = activity_country_ids(activity)
    if not ids:
        return scope_allows_edit(user, country_id=None)
    return all(scope_allows_edit(user, country_id=pk) for pk in ids)


def can_view_activity_history(user: Any, activity: Activity) -> bool:
    return can_edit_activity(user, activity)


def can_create_plan(user: Any) -> bool:
    scope = scope_for(user)
    return scope.is_programme_admin or scope.can_approve


def can_edit_plan_in(user: Any, country_ids: Iterable[int]) -> bool:
    if scope_for(user).is_programme_admin:
        return True
    return any(scope_allows_approve(user, country_id=pk) for pk in country_ids)


def can_edit_plan(user: Any, plan: ActionPlan) -> bool:
    ids = [country.pk for country in plan.countries.all()] if plan.pk else []
    return can_edit_plan_in(user, ids)


def can_delete_plan(user: Any, plan: ActionPlan) -> bool:
    """A programme administrator, or an approving role covering every country of
    the plan."""
    if scope_for(user).is_programme_admin:
        return True
    ids = [country.pk for country in plan.countries.all()] if plan.pk else []
    return bool(ids) and all(scope_allows_approve(user, country_id=pk) for pk in ids)


def can_sign_off(user: Any, partner: ActivityPartner) -> bool:
    """A ministry officer or coordinator of the lead ministry's country, or a
    programme administrator (see the module's docstring)."""
    if partner.role != PartnerRole.LEAD_MINISTRY or partner.country_id is None:
        return False
    scope = scope_for(user)
    if scope.is_programme_admin:
        return True
    return scope.role in SIGNING_ROLES and partner.country_id in scope.country_ids


def can_export_activities(user: Any) -> bool:
    return scope_allows_export(user)
