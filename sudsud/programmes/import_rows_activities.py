"""Checking the rows of an action-plan spreadsheet (sheets "activities" and
"budget") before anything is written: each row becomes a parsed record or a list
of errors that name its line, in the user's language."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from sudsud.core.tabular import Row
from sudsud.core.text import normalise_for_search
from sudsud.organisations.models import Organisation
from sudsud.organisations.selectors import organisation_list_for_user
from sudsud.places.models import Place
from sudsud.places.selectors import country_list

from .models import ActionPlan, Activity, ActivityStatus, ActivityType, Domain
from .permissions_activities import can_edit_activity, can_edit_activity_in
from .services.activities import countries_errors

STATUS_NAMES = {status.name.lower(): status.value for status in ActivityStatus}
TEXT_COLUMNS = (
    "title_fr", "title_en", "description_fr", "benefit_origin", "benefit_host",
    "benefit_migrants",
)  # fmt: skip
DATE_COLUMNS = ("planned_start", "planned_end")


class CellError(Exception):
    """One problem in one cell, worded for the user."""


def line_error(line: int, message: str) -> str:
    return _("Line %(line)d: %(error)s") % {"line": line, "error": message}


def budget_line_error(line: int, message: str) -> str:
    return _("Sheet “budget”, line %(line)d: %(error)s") % {
        "line": line,
        "error": message,
    }


@dataclass
class ImportContext:
    actor: Any
    plan: ActionPlan
    countries: dict[str, Place]
    domains: dict[str, Domain]
    organisations: dict[str, set[Organisation]]
    existing: dict[str, Activity] = field(default_factory=dict)

    @classmethod
    def load(cls, actor: Any, plan: ActionPlan, codes: list[str]) -> "ImportContext":
        visible = (
            Organisation.objects.all()
            if actor is None
            else organisation_list_for_user(user=actor, archived=None)
        )
        index: dict[str, set[Organisation]] = defaultdict(set)
        for org in visible:
            keys = {org.name, org.acronym, *org.acronym.split("/")}
            for key in filter(None, (normalise_for_search(k) for k in keys)):
                index[key].add(org)
        existing = Activity.objects.filter(
            programme=plan.programme_id, code__in=codes
        ).prefetch_related("country_shares__country", "domains", "implementers")
        return cls(
            actor=actor,
            plan=plan,
            countries={place.iso3: place for place in country_list() if place.iso3},
            domains={
                d.code: d for d in Domain.objects.filter(programme=plan.programme)
            },
            organisations=index,
            existing={activity.code: activity for activity in existing},
        )

    def organisation(self, value: str, unknown: str) -> Organisation:
        found = self.organisations.get(normalise_for_search(value), set())
        if not found:
            raise CellError(unknown % {"value": value})
        if len(found) > 1:
            raise CellError(
                _("“%(value)s” names several organisations; write its full name.")
                % {"value": value}
            )
        return next(iter(found))


@dataclass
class ParsedActivity:
    line: int
    code: str
    fields: dict[str, Any]
    countries: list[tuple[Place, Decimal]]
    domains: list[Domain]
    implementers: list[Organisation]
    existing: Activity | None


@dataclass
class ParsedBudget:
    line: int
    code: str
    funder: Organisation
    implementer: Organisation
    year: int
    amounts: dict[str, Decimal]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def parse_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as error:
        raise CellError(
            _("date “%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        ) from error


def parse_amount(value: str, *, default: Decimal | None = None) -> Decimal:
    if not value and default is not None:
        return default
    try:
        amount = Decimal(value.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        raise CellError(
            _("amount “%(value)s” is not a positive number.") % {"value": value}
        )
    return amount


def parse_countries(value: str, context: ImportContext) -> list[tuple[Place, Decimal]]:
    result = []
    for part in _split(value):
        iso3, sep, share = part.partition(":")
        place = context.countries.get(iso3.strip().upper())
        if place is None:
            raise CellError(_("country “%(value)s” unknown.") % {"value": iso3})
        if not sep:
            raise CellError(_("write the countries as “SEN:50;MAR:50”."))
        result.append((place, share.strip().replace(",", ".")))
    return result  # type: ignore[return-value]


def _type_and_status(values: dict[str, str]) -> dict[str, Any]:
    kind = values.get("type", "").strip().lower()
    if kind not in ActivityType.values:
        raise CellError(
            _("type “%(value)s” unknown (national, bilateral or multilateral).")
            % {"value": kind}
        )
    fields: dict[str, Any] = {"activity_type": kind}
    status = values.get("status", "").strip().lower()
    if "status" in values:
        number = STATUS_NAMES.get(status) or (int(status) if status.isdigit() else 0)
        if number not in ActivityStatus.values:
            raise CellError(
                _("status “%(value)s” unknown (IATI code 1 to 6).") % {"value": status}
            )
        fields["status"] = number
    return fields


def _fields(values: dict[str, str]) -> dict[str, Any]:
    fields = _type_and_status(values)
    fields["code"] = values["code"]
    for name in TEXT_COLUMNS:
        if name in values:
            fields[name] = values[name]
    for name in DATE_COLUMNS:
        if name in values:
            fields[name] = parse_date(values[name])
    return fields


def _model_errors(fields: dict[str, Any], context: ImportContext, existing: Any):
    activity = Activity(
        pk=getattr(existing, "pk", None),
        programme=context.plan.programme,
        plan=context.plan,
        **fields,
    )
    activity._state.adding = existing is None  # uniqueness: the row is itself
    try:
        activity.full_clean(exclude=["countries", "domains", "implementers"])
    except ValidationError as error:
        return [
            message
            if name == NON_FIELD_ERRORS
            else _("column “%(column)s”: %(error)s")
            % {"column": name, "error": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _permission_error(parsed: ParsedActivity, actor: Any) -> str | None:
    if actor is None:
        return None
    existing = parsed.existing
    if existing is not None and not can_edit_activity(actor, existing):
        return _("you may not edit the activity “%(code)s”.") % {"code": parsed.code}
    if not can_edit_activity_in(actor, [c.pk for c, _s in parsed.countries]):
        return _("you may only import activities in countries of your scope.")
    return None


def _relations(
    values: dict[str, str], context: ImportContext
) -> tuple[list[Domain], list[Organisation]]:
    domains = []
    for code in _split(values.get("domains", "")):
        if code not in context.domains:
            raise CellError(_("domain “%(value)s” unknown.") % {"value": code})
        domains.append(context.domains[code])
    unknown = _("implementer “%(value)s” unknown.")
    implementers = [
        context.organisation(value, unknown)
        for value in _split(values.get("implementers", ""))
    ]
    return domains, implementers


def parse_activity(row: Row, context: ImportContext) -> ParsedActivity:
    """One row of "activities", or ``CellError`` for its first problem (then
    ``ValidationError`` listing every problem of the finished record)."""
    values = row.values
    code = values.get("code", "")
    if not code:
        raise CellError(_("the code is missing."))
    existing = context.existing.get(code)
    if existing is not None and existing.plan_id != context.plan.pk:
        raise CellError(
            _("the activity “%(code)s” belongs to another action plan.")
            % {"code": code}
        )
    fields = _fields(values)
    countries = parse_countries(values.get("countries", ""), context)
    domains, implementers = _relations(values, context)
    parsed = ParsedActivity(
        row.line, code, fields, countries, domains, implementers, existing
    )
    problems = countries_errors(fields["activity_type"], countries)
    problems += _model_errors(fields, context, existing)
    permission = _permission_error(parsed, context.actor)
    problems += [permission] if permission else []
    if problems:
        raise ValidationError(problems)
    parsed.countries = [(place, Decimal(str(share))) for place, share in countries]
    return parsed


def _year(value: str) -> int:
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise CellError(
            _("year “%(value)s” is not a year between 2000 and 2100.")
            % {"value": value}
        )
    return int(value)


def parse_budget(row: Row, context: ImportContext, codes: set[str]) -> ParsedBudget:
    values = row.values
    code = values.get("activity_code", "")
    if code not in codes:
        raise CellError(
            _(
                "activity “%(code)s” is neither in the sheet “activities” nor in this plan."
            )
            % {"code": code}
        )
    return ParsedBudget(
        line=row.line,
        code=code,
        funder=context.organisation(
            values.get("funder", ""), _("funder “%(value)s” unknown.")
        ),
        implementer=context.organisation(
            values.get("implementer", ""), _("implementer “%(value)s” unknown.")
        ),
        year=_year(values.get("year", "")),
        amounts={
            "planned": parse_amount(values.get("planned", "")),
            "committed": parse_amount(values.get("committed", ""), default=Decimal(0)),
            "spent": parse_amount(values.get("spent", ""), default=Decimal(0)),
        },
    )
