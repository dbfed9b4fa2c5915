"""What waits for a person in the reporting workflow: submitted actuals to approve
or return (not the ones they submitted themselves: someone else approves those),
drafts and returned actuals to complete, and the (period × country)
actuals that are due — the period has ended — and not reported yet.

Everything is filtered by the reader's scope in SQL, sliced to ``INBOX_LIMIT``
rows in SQL and counted with ``COUNT`` queries, so the page and the badge cost a
fixed number of queries however much is waiting.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from sudsud.accounts.scopes import Scope, scope_for
from sudsud.places.models import Place
from sudsud.programmes.models import IndicatorPeriod, IndicatorUpdate, UpdateStatus

from .results import indicator_list_for_user

INBOX_LIMIT = 50
EDITABLE = (UpdateStatus.DRAFT, UpdateStatus.RETURNED)


@dataclass
class Missing:
    """A period that ended without an actual for ``country`` (``None``: the
    programme-level actual)."""

    period: IndicatorPeriod
    country: Place | None


@dataclass
class Inbox:
    to_review: list[IndicatorUpdate]
    to_edit: list[IndicatorUpdate]
    missing: list[Missing]
    review_count: int
    edit_count: int
    missing_count: int

    @property
    def count(self) -> int:
        return self.review_count + self.edit_count + self.missing_count


def _in_scope(scope: Scope, field: str) -> Q:
    """Rows whose ``field`` country is in scope; country-less rows are for
    programme-wide people only (see ``permissions_results``)."""
    if scope.everywhere:
        return Q()
    return Q(**{f"{field}__in": scope.country_ids})


def _updates(user: Any, scope: Scope) -> tuple[QuerySet, QuerySet]:
    visible = indicator_list_for_user(user=user).values("pk")
    base = (
        IndicatorUpdate.objects.filter(period__indicator__in=visible)
        .filter(_in_scope(scope, "country"))
        .select_related("period__indicator", "country")
        .order_by("period__end", "period__indicator__code", "country__name_fr")
    )
    # Four eyes: one's own submissions wait for somebody else.
    review = base.filter(status=UpdateStatus.SUBMITTED).exclude(
        Q(submitted_by_id=user.pk) | Q(edited_by_id=user.pk)
    )
    if not scope.can_approve:
        review = review.none()
    return review, base.filter(status__in=EDITABLE)


def missing_queryset(user: Any, today: dt.date) -> QuerySet[IndicatorPeriod]:
    """One row per ended period and expected country (``country_pk``): the
    countries of the result's activity, else of its plan, else none (``NULL``,
    one overall actual), minus the actuals that exist, within ``user``'s scope."""
    scope = scope_for(user)
    visible = indicator_list_for_user(user=user).values("pk")
    for_country = IndicatorUpdate.objects.filter(
        period=OuterRef("pk"), country=OuterRef("country_pk")
    )
    overall = IndicatorUpdate.objects.filter(period=OuterRef("pk"), country=None)
    return (
        IndicatorPeriod.objects.filter(indicator__in=visible, end__lt=today)
        .annotate(
            country_pk=Coalesce(
                F("indicator__result__activity__country_shares__country"),
                F("indicator__result__plan__countries"),
            )
        )
        .filter(_in_scope(scope, "country_pk"))
        .exclude(Exists(for_country))
        .exclude(Q(country_pk__isnull=True) & Exists(overall))
        .select_related("indicator")
        .order_by("end", "indicator__code", "country_pk")
    )


def _missing(rows: list[IndicatorPeriod]) -> list[Missing]:
    ids = {row.country_pk for row in rows if row.country_pk}  # type: ignore[attr-defined]
    places = Place.objects.in_bulk(ids) if ids else {}
    return [Missing(row, places.get(row.country_pk)) for row in rows]  # type: ignore[attr-defined]


def inbox_counts(*, user: Any) -> int:
    """The badge: how many items wait, in three ``COUNT`` queries."""
    scope = scope_for(user)
    if not scope.can_edit:
        return 0
    review, edit = _updates(user, scope)
    missing = missing_queryset(user, timezone.localdate())
    return review.count() + edit.count() + missing.count()


def inbox_for_user(*, user: Any) -> Inbox:
    """The first ``INBOX_LIMIT`` items of each list, with the full counts."""
    scope = scope_for(user)
    if not scope.can_edit:
        return Inbox([], [], [], 0, 0, 0)
    review, edit = _updates(user, scope)
    missing = missing_queryset(user, timezone.localdate())
    return Inbox(
        to_review=list(review[:INBOX_LIMIT]),
        to_edit=list(edit[:INBOX_LIMIT]),
        missing=_missing(list(missing[:INBOX_LIMIT])),
        review_count=review.count(),
        edit_count=edit.count(),
        missing_count=missing.count(),
    )
