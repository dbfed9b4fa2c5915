"""Reads of the results framework and of reported actuals, scoped to the reader.

A result attached to an activity is seen by those who see the activity
(``activity_list_for_user``); results of the programme or of a plan are seen by
every signed-in person. Indicators, periods and updates follow their result.
"""

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from sudsud.accounts.scopes import scope_for
from sudsud.core.models import AuditEntry
from sudsud.core.text import normalise_for_search
from sudsud.places.models import Place
from sudsud.programmes.models import (
    Dimension,
    DimensionValue,
    Evidence,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    ResultLevel,
    breakdown_key,
)
from sudsud.programmes.permissions_results import (
    result_country_ids,
)

from .activities import activity_list_for_user

COUNTRY = "country"
SEX = "sex"
INBOX_LIMIT = 50
LEVEL_RANK: dict[str, int] = {
    ResultLevel.IMPACT: 0,
    ResultLevel.OUTCOME: 1,
    ResultLevel.OUTPUT: 2,
}


def result_list_for_user(
    *,
    user: Any,
    plan_id: int | None = None,
    activity_id: int | None = None,
    level: str = "",
    q: str = "",
) -> QuerySet[Result]:
    if not scope_for(user).authenticated:
        return Result.objects.none()
    visible = Q(activity__isnull=True) | Q(
        activity__in=activity_list_for_user(user=user).values("pk")
    )
    results = (
        Result.objects.filter(visible)
        .select_related("programme", "plan", "activity", "parent")
        .prefetch_related("activity__country_shares", "plan__countries")
    )
    if plan_id is not None:
        results = results.filter(Q(plan_id=plan_id) | Q(activity__plan_id=plan_id))
    if activity_id is not None:
        results = results.filter(activity_id=activity_id)
    if level:
        results = results.filter(level=level)
    if q.strip():
        results = results.filter(_search(q)).distinct()
    return results


def _search(q: str) -> Q:
    """Accent-, case- and Arabic-vowel-insensitive search of the results' and
    their indicators' codes and titles (``search_text``, kept by the services);
    ``icontains`` on the columns still finds rows written around the services."""
    words, folded = q.strip(), normalise_for_search(q)
    return (
        Q(search_text__contains=folded)
        | Q(indicators__search_text__contains=folded)
        | Q(code__icontains=words)
        | Q(title_fr__icontains=words)
        | Q(title_en__icontains=words)
        | Q(indicators__code__icontains=words)
        | Q(indicators__title_fr__icontains=words)
    )


def result_get_for_user(*, user: Any, pk: int) -> Result | None:
    return result_list_for_user(user=user).filter(pk=pk).first()


def result_tree(results: list[Result]) -> list[tuple[Result, int]]:
    """``results`` in tree order (impact, its outcomes, their outputs), with depth.
    A result whose parent is not in the list starts a tree of its own."""
    ids = {result.pk for result in results}
    children: dict[int | None, list[Result]] = {}
    for result in results:
        parent = result.parent_id if result.parent_id in ids else None
        children.setdefault(parent, []).append(result)
    ordered: list[tuple[Result, int]] = []
    stack = [(result, 0) for result in reversed(children.get(None, []))]
    while stack:
        result, depth = stack.pop()
        ordered.append((result, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(result.pk, []))]
    return ordered


def indicator_list_for_user(*, user: Any) -> QuerySet[Indicator]:
    visible = result_list_for_user(user=user).values("pk")
    return (
        Indicator.objects.filter(result__in=visible)
        .select_related("result", "result__activity", "result__plan", "parent")
        .prefetch_related(
            "dimensions",
            "result__activity__country_shares__country",
            "result__plan__countries",
        )
    )


def indicator_get_for_user(*, user: Any, pk: int) -> Indicator | None:
    return indicator_list_for_user(user=user).filter(pk=pk).first()


def editable_results_q(user: Any, prefix: str = "") -> Q | None:
    """The results ``user`` may change, as a filter (``None``: all of them), the
    SQL form of ``permissions_results.can_edit_result``."""
    scope = scope_for(user)
    if not scope.can_edit:
        return Q(pk__in=[])
    if scope.everywhere:
        return None
    ids = scope.country_ids
    return Q(**{f"{prefix}activity__country_shares__country__in": ids}) | Q(
        **{f"{prefix}activity__isnull": True, f"{prefix}plan__countries__in": ids}
    )


def indicator_parent_choices(
    *, user: Any, result: Result | None = None, exclude: Indicator | None = None
) -> QuerySet[Indicator]:
    """Indicators ``user`` may feed: of results they may change, of the same
    programme and of a higher level than ``result`` (all levels without one)."""
    editable = editable_results_q(user, "result__")
    parents = indicator_list_for_user(user=user)
    if editable is not None:
        parents = parents.filter(pk__in=Indicator.objects.filter(editable).values("pk"))
    if result is not None:
        higher = [
            level
            for level, rank in LEVEL_RANK.items()
            if rank < LEVEL_RANK[result.level]
        ]
        parents = parents.filter(
            result__programme_id=result.programme_id, result__level__in=higher
        )
    if exclude is not None:
        parents = parents.exclude(pk=exclude.pk)
    return parents


def period_list_for_user(*, user: Any) -> QuerySet[IndicatorPeriod]:
    visible = indicator_list_for_user(user=user).values("pk")
    return (
        IndicatorPeriod.objects.filter(indicator__in=visible)
        .select_related("indicator", "indicator__result")
        .prefetch_related("target_breakdowns", "indicator__dimensions")
    )


def period_get_for_user(*, user: Any, pk: int) -> IndicatorPeriod | None:
    return period_list_for_user(user=user).filter(pk=pk).first()


def update_list_for_user(
    *,
    user: Any,
    status: str = "",
    indicator_id: int | None = None,
    country_id: int | None = None,
) -> QuerySet[IndicatorUpdate]:
    visible = indicator_list_for_user(user=user).values("pk")
    updates = (
        IndicatorUpdate.objects.filter(period__indicator__in=visible)
        .select_related(
            "period",
            "period__indicator",
            "period__indicator__result",
            "period__indicator__result__activity",
            "period__indicator__result__plan",
            "country",
            "created_by",
            "submitted_by",
            "reviewed_by",
        )
        .prefetch_related(
            "breakdowns",
            "evidence",
            "period__indicator__result__activity__country_shares",
            "period__indicator__result__plan__countries",
        )
        .order_by("period__end", "period__indicator__code", "country__name_fr")
    )
    if status:
        updates = updates.filter(status=status)
    if indicator_id is not None:
        updates = updates.filter(period__indicator_id=indicator_id)
    if country_id is not None:
        updates = updates.filter(country_id=country_id)
    return updates


def update_get_for_user(*, user: Any, pk: int) -> IndicatorUpdate | None:
    return update_list_for_user(user=user).filter(pk=pk).first()


def evidence_get_for_user(*, user: Any, pk: int) -> Evidence | None:
    """A piece of evidence, for those who see its update's indicator."""
    visible = indicator_list_for_user(user=user).values("pk")
    return (
        Evidence.objects.filter(pk=pk, update__period__indicator__in=visible)
        .select_related(
            "update__period__indicator__result__activity",
            "update__period__indicator__result__plan",
            "update__country",
        )
        .first()
    )


def indicator_countries(indicator: Indicator) -> list[Place]:
    """The countries an indicator is reported for, one update each (empty: a
    programme-level indicator, reported once overall)."""
    ids = result_country_ids(indicator.result)
    return list(Place.objects.filter(pk__in=ids).order_by("name_fr"))


@dataclass
class Cell:
    key: str
    labels: list[str]


@dataclass
class BreakdownGrid:
    """Rows of all dimensions but the last, columns of the last one."""

    columns: list[str]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)

    @property
    def cells(self) -> list[Cell]:
        return [cell for _, row in self.rows for cell in row]


def _dimension_values(
    dimension: Dimension, country_ids: list[int] | None
) -> list[DimensionValue]:
    values = list(dimension.values.all())
    if dimension.code == COUNTRY and country_ids:
        values = [value for value in values if value.place_id in country_ids]
    return values


def breakdown_grid(
    indicator: Indicator, *, country_ids: list[int] | None = None
) -> BreakdownGrid | None:
    """Every combination of the indicator's dimension values (``None`` when it has
    no dimension). The country dimension is narrowed to ``country_ids``, by default
    the countries of the indicator's result."""
    if country_ids is None:
        country_ids = result_country_ids(indicator.result)
    dimensions = list(indicator.dimensions.prefetch_related("values"))
    if not dimensions:
        return None
    axes = [_dimension_values(d, country_ids) for d in dimensions]
    grid = BreakdownGrid(columns=[value.name for value in axes[-1]])
    for head in itertools.product(*axes[:-1]):
        row = []
        for last in axes[-1]:
            combo = (*head, last)
            cells = {d.code: v.code for d, v in zip(dimensions, combo, strict=True)}
            row.append(Cell(key=breakdown_key(cells), labels=[v.name for v in combo]))
        grid.rows.append((" · ".join(v.name for v in head), row))
    return grid


def indicator_history(indicator: Indicator) -> QuerySet[AuditEntry]:
    """Audit entries of the indicator, its periods and their updates, newest first."""
    types = ContentType.objects.get_for_models(
        Indicator, IndicatorPeriod, IndicatorUpdate
    )
    period_ids = [str(pk) for pk in indicator.periods.values_list("pk", flat=True)]
    update_ids = IndicatorUpdate.objects.filter(period__indicator=indicator)
    return (
        AuditEntry.objects.filter(
            Q(content_type=types[Indicator], object_id=str(indicator.pk))
            | Q(content_type=types[IndicatorPeriod], object_id__in=period_ids)
            | Q(
                content_type=types[IndicatorUpdate],
                object_id__in=[
                    str(pk) for pk in update_ids.values_list("pk", flat=True)
                ],
            )
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
