"""Importing an action plan from the platform's XLSX template.

Sheet "activities" (first) creates or updates the plan's activities, matched by
code; sheet "budget" creates or updates their budget lines, matched by activity,
funder, implementer and year. Every row of both sheets is checked first (see
``import_rows_activities``); errors are listed by line and nothing is written
unless there is none, in one transaction. Rows identical to what is stored
change nothing, so importing the same file twice says so. Budget lines and
activities absent from the file are left as they are.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.core.tabular import Row, read_table, xlsx_sheet_names

from .exports_activities import BUDGET_COLUMNS
from .import_rows_activities import (
    CellError,
    ImportContext,
    ParsedActivity,
    ParsedBudget,
    budget_line_error,
    line_error,
    parse_activity,
    parse_budget,
)
from .models import ActionPlan, Activity, BudgetLine
from .services.activities import activity_create, activity_update
from .services.activities_parts import budget_line_save

Progress = Callable[[int, int], None]
REQUIRED_COLUMNS = ("code", "title_fr", "type", "countries")


def _budget_rows(data: bytes) -> list[Row]:
    """The sheet "budget" (optional), read with the same protections as the first
    (archive checks, row ceiling, cell cleaning) by ``core.tabular``."""
    names = xlsx_sheet_names(data)
    if names[:1] != ["activities"]:
        raise ValidationError(_("The first sheet must be “activities”."))
    if "budget" not in names:
        return []
    table = read_table(data, extension="xlsx", sheet="budget")
    if table.rows and any(column not in table.header for column in BUDGET_COLUMNS):
        raise ValidationError(
            _("Sheet “budget”: the columns must be %(columns)s.")
            % {"columns": ", ".join(BUDGET_COLUMNS)}
        )
    return table.rows


def _check(row: Row, parse: Callable[[], Any], errors: list[str], where: Any) -> Any:
    try:
        return parse()
    except CellError as error:
        errors.append(where(row.line, str(error)))
    except ValidationError as error:
        errors.extend(where(row.line, message) for message in error.messages)
    return None


def _validate_activities(rows: list[Row], context: ImportContext, errors: list[str]):
    parsed: list[ParsedActivity] = []
    seen: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code", "")
        if code in seen:
            message = _("the code “%(code)s” is already on line %(line)d.") % {
                "code": code,
                "line": seen[code],
            }
            errors.append(line_error(row.line, message))
            continue
        seen[code] = row.line
        result = _check(row, partial(parse_activity, row, context), errors, line_error)
        if result is not None:
            parsed.append(result)
    return parsed


def _validate_budget(
    rows: list[Row], context: ImportContext, codes: set[str], errors: list[str]
) -> list[ParsedBudget]:
    parsed: list[ParsedBudget] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        line = _check(
            row,
            partial(parse_budget, row, context, codes),
            errors,
            budget_line_error,
        )
        if line is None:
            continue
        key = (line.code, line.funder.pk, line.implementer.pk, line.year)
        if key in seen:
            message = _(
                "the line for this activity, funder, implementer and year is "
                "already on line %(line)d."
            ) % {"line": seen[key]}
            errors.append(budget_line_error(row.line, message))
            continue
        seen[key] = row.line
        parsed.append(line)
    return parsed


def _activity_differs(activity: Activity, parsed: ParsedActivity) -> bool:
    if any(getattr(activity, k) != v for k, v in parsed.fields.items()):
        return True
    shares = {(s.country_id, s.share) for s in activity.country_shares.all()}
    if shares != {(place.pk, share) for place, share in parsed.countries}:
        return True
    if {d.pk for d in activity.domains.all()} != {d.pk for d in parsed.domains}:
        return True
    current = {org.pk for org in activity.implementers.all()}
    return current != {org.pk for org in parsed.implementers}


def _write_activity(parsed: ParsedActivity, context: ImportContext, counts: dict):
    relations: dict[str, Any] = {
        "countries": parsed.countries,
        "domains": parsed.domains,
        "implementers": parsed.implementers,
    }
    if parsed.existing is None:
        counts["created"] += 1
        return activity_create(
            actor=context.actor,
            programme=context.plan.programme,
            plan=context.plan,
            **relations,
            **parsed.fields,
        )
    if not _activity_differs(parsed.existing, parsed):
        counts["unchanged"] += 1
        return parsed.existing
    counts["updated"] += 1
    return activity_update(
        actor=context.actor, activity=parsed.existing, **relations, **parsed.fields
    )


def _write_budget(line: ParsedBudget, activity: Activity, actor: Any, counts: dict):
    stored = BudgetLine.objects.filter(
        activity=activity,
        funder=line.funder,
        implementer=line.implementer,
        year=line.year,
    ).first()
    if stored is not None and all(
        getattr(stored, name) == value for name, value in line.amounts.items()
    ):
        counts["lines_unchanged"] += 1
        return
    counts["lines_updated" if stored else "lines_created"] += 1
    budget_line_save(
        actor=actor,
        activity=activity,
        line=stored,
        funder=line.funder,
        implementer=line.implementer,
        year=line.year,
        **line.amounts,
    )


@transaction.atomic
def _write(
    activities: list[ParsedActivity],
    budget: list[ParsedBudget],
    context: ImportContext,
    progress: Progress | None,
) -> dict[str, int]:
    counts = dict.fromkeys(
        ("created", "updated", "unchanged", "lines_created", "lines_updated",
         "lines_unchanged"), 0
    )  # fmt: skip
    by_code = dict(context.existing)
    errors: list[str] = []
    total = len(activities) + len(budget)
    for index, parsed in enumerate(activities):
        try:
            by_code[parsed.code] = _write_activity(parsed, context, counts)
        except ValidationError as error:
            errors.extend(line_error(parsed.line, m) for m in error.messages)
        if progress and index % 25 == 0:
            progress(index + 1, total)
    for line in budget:
        try:
            _write_budget(line, by_code[line.code], context.actor, counts)
        except ValidationError as error:
            errors.extend(budget_line_error(line.line, m) for m in error.messages)
        except PermissionDenied as error:
            errors.append(budget_line_error(line.line, str(error)))
    if errors:
        raise ValidationError(errors)  # leaves the atomic block: nothing is saved
    return counts


def import_summary(counts: dict[str, int]) -> str:
    changed = sum(v for k, v in counts.items() if "unchanged" not in k)
    if not changed:
        return _(
            "Nothing changed: the %(activities)d activities and %(lines)d budget "
            "lines of the file are already up to date."
        ) % {"activities": counts["unchanged"], "lines": counts["lines_unchanged"]}
    return (
        _(
            "%(created)d activities created, %(updated)d updated, %(unchanged)d "
            "unchanged; %(lines_created)d budget lines created, %(lines_updated)d "
            "updated, %(lines_unchanged)d unchanged."
        )
        % counts
    )


def plan_import(
    *, actor: Any, plan: ActionPlan, data: bytes, progress: Progress | None = None
) -> dict[str, Any]:
    """Import ``data`` (XLSX) into ``plan``; return ``{"summary", "counts"}`` or
    raise ``ValidationError`` listing every error by line, having saved nothing."""
    table = read_table(data, extension="xlsx")
    budget_rows = _budget_rows(data)
    missing = [column for column in REQUIRED_COLUMNS if column not in table.header]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if not table.rows:
        raise ValidationError(_("The file has no rows to import."))
    codes = [row.values.get("code", "") for row in table.rows]
    budget_codes = [row.values.get("activity_code", "") for row in budget_rows]
    context = ImportContext.load(actor, plan, [*codes, *budget_codes])
    errors: list[str] = []
    activities = _validate_activities(table.rows, context, errors)
    known = set(codes) | set(plan.activities.values_list("code", flat=True))
    budget = _validate_budget(budget_rows, context, known, errors)
    if errors:
        raise ValidationError(errors)
    counts = _write(activities, budget, context, progress)
    return {"summary": import_summary(counts), "counts": counts}
