"""The writes of an IATI import, activity by activity, through the services the
pages and the API use: ``activity_create`` / ``activity_update`` (fields,
countries and shares), ``budget_line_save``, and for results, indicators and
periods those of ``iati_writes_results``. So an import is permission-checked for
the importing person, validated, given its ``search_text`` and audited exactly as
the same change made on a page would be (sign-offs cleared included).

Each record is first compared with what is stored, and a service is called only
with what differs: re-importing the same file calls none, so writes no row and
no audit entry (and spares every service's locks and checks). Called by
``services.iati.iati_import`` inside its transaction; a service's
``ValidationError`` or ``PermissionDenied`` rolls the whole file back.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sudsud.organisations.models import Organisation
from sudsud.places.models import Place
from sudsud.programmes.iati.parsing import ParsedActivity
from sudsud.programmes.models import (
    Activity,
    ActivityType,
    BudgetLine,
    Dimension,
    Programme,
)

from .activities import activity_create, activity_update, countries_errors
from .activities_parts import budget_line_save
from .iati_writes_results import write_results
from .results_values import amount_parse

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# IATI activity-date types → fields.
DATE_FIELDS = {1: "planned_start", 2: "actual_start", 3: "planned_end", 4: "actual_end"}

Shares = list[tuple[Place, Decimal]]


@dataclass
class ImportContext:
    actor: Any
    programme: Programme
    places: dict[str, Place]  # by ISO alpha-2, as IATI names them
    organisations: dict[str, Organisation]  # those the actor sees, by IATI id
    dimensions: dict[str, Dimension]  # by code
    warnings: list[str]
    identifier: str = ""  # of the activity being written, for the warnings

    def warn(self, message: str) -> None:
        self.warnings.append(
            _("%(identifier)s: %(message)s")
            % {"identifier": self.identifier, "message": message}
        )


# --- The activity ----------------------------------------------------------------


def _activity_type(country_count: int) -> str:
    if country_count > 2:
        return ActivityType.MULTILATERAL
    return ActivityType.BILATERAL if country_count == 2 else ActivityType.NATIONAL


def _activity_fields(parsed: ParsedActivity) -> dict[str, Any]:
    """What the file says of the activity; what it leaves out stays as stored."""
    fields: dict[str, Any] = {"title_fr": (parsed.title_fr or parsed.identifier)[:255]}
    optional = {
        "title_en": parsed.title_en[:255],
        "description_fr": parsed.description_fr,
        "description_en": parsed.description_en,
        "status": parsed.status,
    }
    fields.update({name: value for name, value in optional.items() if value})
    for kind, name in DATE_FIELDS.items():
        if kind in parsed.dates:
            fields[name] = parsed.dates[kind]
    return fields


def _equal_shares(places: list[Place]) -> Shares:
    equal = (HUNDRED / len(places)).quantize(CENT)
    shares = dict.fromkeys(places, equal)
    shares[places[0]] += HUNDRED - sum(shares.values())
    return list(shares.items())


def _shares(context: ImportContext, parsed: ParsedActivity) -> Shares | None:
    """The countries and shares to write, or ``None`` to leave them as they are
    (none named, one unknown, or percentages that do not add up to 100)."""
    unknown = [code for code, _share in parsed.countries if code not in context.places]
    if unknown:
        context.warn(
            _("unknown recipient countries skipped: %(codes)s")
            % {"codes": ", ".join(unknown)}
        )
    if not parsed.countries or unknown:
        return None
    known = [(context.places[code], share) for code, share in parsed.countries]
    if all(share is None for _place, share in known):
        return _equal_shares([place for place, _share in known])
    # Out of range: refused here, before rounding or adding huge numbers.
    if any(share is not None and not 0 <= share <= HUNDRED for _p, share in known):
        shares: dict[Place, Decimal] = {}
    else:
        shares = {place: (share or Decimal(0)).quantize(CENT) for place, share in known}
    if sum(shares.values()) != HUNDRED:
        context.warn(
            _("country percentages do not add up to 100; countries not changed")
        )
        return None
    return list(shares.items())


def _same_shares(activity: Activity, shares: Shares) -> bool:
    stored = {row.country_id: row.share for row in activity.country_shares.all()}
    return stored == {place.pk: share for place, share in shares}


def _update_activity(
    context: ImportContext,
    activity: Activity,
    fields: dict[str, Any],
    shares: Shares | None,
) -> tuple[Activity, bool]:
    """``activity_update`` with only what differs, when something does."""
    changes = {k: v for k, v in fields.items() if getattr(activity, k) != v}
    countries = None if shares is None or _same_shares(activity, shares) else shares
    if countries is not None and countries_errors(activity.activity_type, countries):
        # A national activity that now covers two countries becomes bilateral…
        changes["activity_type"] = _activity_type(len(countries))
    if not changes and countries is None:
        return activity, False
    updated = activity_update(
        actor=context.actor, activity=activity, countries=countries, **changes
    )
    return updated, True


def write_activity(context: ImportContext, parsed: ParsedActivity, code: str) -> str:
    """Create or update one activity; ``"created"``, ``"updated"`` or ``"unchanged"``."""
    context.identifier = parsed.identifier
    shares = _shares(context, parsed)
    fields = _activity_fields(parsed)
    activity = Activity.objects.filter(programme=context.programme, code=code).first()
    created = activity is None
    if activity is None:
        activity = activity_create(
            actor=context.actor,
            programme=context.programme,
            countries=shares,
            code=code,
            activity_type=_activity_type(len(parsed.countries)),
            **fields,
        )
        changed = True
    else:
        activity, changed = _update_activity(context, activity, fields, shares)
    changed |= _budgets(context, activity, parsed)
    changed |= write_results(context, activity, parsed.results)
    if created:
        return "created"
    return "updated" if changed else "unchanged"


# --- Budget lines -----------------------------------------------------------------


def _organisation(context: ImportContext, refs: list[str]) -> Organisation | None:
    return next(
        (context.organisations[r] for r in refs if r in context.organisations), None
    )


def _euro_budgets(context: ImportContext, parsed: ParsedActivity) -> dict[int, Decimal]:
    """The file's euro budgets added up by year of their start."""
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for start, currency, value in parsed.budgets:
        if currency != "EUR":
            context.warn(
                _("budget in %(currency)s skipped (only euros are kept)")
                % {"currency": currency or "?"}
            )
            continue
        _amount, problem = amount_parse(value)  # the services' rule for amounts
        if problem:
            raise ValidationError({"planned": [problem]})
        by_year[start.year] += value
    return by_year


def _budgets(
    context: ImportContext, activity: Activity, parsed: ParsedActivity
) -> bool:
    by_year = _euro_budgets(context, parsed)
    funder = _organisation(context, parsed.funder_refs)
    implementer = _organisation(context, parsed.implementer_refs)
    if not by_year:
        return False
    if funder is None or implementer is None:
        context.warn(
            _(
                "budgets skipped: no funding and implementing organisation with a known IATI identifier"
            )
        )
        return False
    changed = False
    for year, amount in sorted(by_year.items()):
        line = BudgetLine.objects.filter(
            activity=activity, funder=funder, implementer=implementer, year=year
        ).first()
        planned = amount.quantize(CENT)
        if line is not None and line.planned == planned:
            continue
        budget_line_save(
            actor=context.actor,
            activity=activity,
            line=line,
            funder=funder,
            implementer=implementer,
            year=year,
            planned=planned,
            # IATI budgets are planned amounts: what was committed and spent stays.
            committed=line.committed if line else Decimal(0),
            spent=line.spent if line else Decimal(0),
        )
        changed = True
    return changed
