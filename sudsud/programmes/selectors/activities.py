"""Reads of action plans and activities, scoped to the reader.

Visibility follows ``sudsud.accounts.scopes``: an activity restricted by its
``is_restricted`` flag is seen only by people whose scope covers one of the
countries it covers; unrestricted activities are seen by every signed-in person.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from sudsud.accounts.scopes import scope_for
from sudsud.programmes.models import ActionPlan, Activity, ActivityCountry


def activity_list_for_user(*, user: Any) -> QuerySet[Activity]:
    """Activities ``user`` may see, with what list pages need loaded."""
    scope = scope_for(user)
    activities = Activity.objects.select_related("plan", "programme")
    if not scope.authenticated:
        return activities.none()
    if scope.everywhere:
        return activities
    # Exists() rather than a join: no duplicate rows for multi-country activities.
    in_scope = Exists(
        ActivityCountry.objects.filter(
            activity=OuterRef("pk"), country_id__in=scope.country_ids
        )
    )
    return activities.filter(Q(is_restricted=False) | in_scope)


def activity_get_for_user(*, user: Any, pk: int) -> Activity | None:
    return activity_list_for_user(user=user).filter(pk=pk).first()


def plan_list_for_user(*, user: Any) -> QuerySet[ActionPlan]:
    """Plans are not restricted: every signed-in person sees them (their restricted
    activities stay hidden through ``activity_list_for_user``)."""
    if not scope_for(user).authenticated:
        return ActionPlan.objects.none()
    return ActionPlan.objects.select_related("programme", "memorandum")
