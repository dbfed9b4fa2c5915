"""Writes of action plans and activities (partners, budget lines and deliverables
are in ``activities_parts``).

Who may do what is written once, in ``programmes.permissions_activities``.
``actor=None`` is the system (commands, imports run by the system). Every service
locks the stored row, validates everything it is given before writing (errors
are collected per field, so a form shows them all at once), records an audit
entry and returns the object. Countries come with their share of the activity in
percent; the shares of one activity add up to exactly 100.

Lead ministries sign an activity off for what it is; when its substance changes
afterwards (``SIGN_OFF_FIELDS``: French and English titles and descriptions,
type, planned start and end, countries and their shares; and any budget line
added, changed or deleted), every sign-off is cleared, each with an audit entry,
and the ministries sign again. Status, actual dates, domains, implementers, the
triple-win texts and the restricted flag do not clear them.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.core.audit import (
    audit_created,
    audit_record,
    audit_updated,
    model_snapshot,
    snapshot_diff,
)
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields, require
from sudsud.core.text import normalise_for_search
from sudsud.organisations.models import Organisation
from sudsud.places.models import Place
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    ActivityPartner,
    ActivityType,
    Domain,
    Programme,
)
from sudsud.programmes.permissions_activities import (
    activity_country_ids,
    can_edit_activity,
    can_edit_activity_in,
    can_edit_plan,
    can_edit_plan_in,
    can_remove_countries,
)
from sudsud.programmes.selectors.reference import organisation_visible_ids

CountryShares = Sequence[tuple[Place, Any]]
ErrorDict = dict[str, list[str]]

PLAN_FIELDS = frozenset(
    {
        "code", "title_fr", "title_en", "description_fr", "description_en",
        "memorandum", "start_date", "end_date", "is_demo",
    }
)  # fmt: skip
ACTIVITY_FIELDS = frozenset(
    {
        "plan", "code", "title_fr", "title_en", "description_fr", "description_en",
        "activity_type", "status", "planned_start", "planned_end", "actual_start",
        "actual_end", "benefit_origin", "benefit_host", "benefit_migrants",
        "is_restricted", "is_demo",
    }
)  # fmt: skip
HUNDRED = Decimal(100)
SIGN_OFF_FIELDS = frozenset(
    {
        "title_fr", "title_en", "description_fr", "description_en",
        "activity_type", "planned_start", "planned_end", "countries",
    }
)  # fmt: skip
SIGN_OFF_CLEARED_NOTE = "sign-off cleared: the activity changed after it was signed"


def validation_errors(instance: Any, exclude: Iterable[str] = ()) -> ErrorDict:
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        return dict(error.message_dict)
    return {}


def raise_if(errors: ErrorDict) -> None:
    if errors:
        raise ValidationError(errors)


def check_visible(
    actor: Any, field: str, organisations: Iterable[Organisation]
) -> None:
    """Organisations the actor may not see are refused as if they did not exist."""
    wanted = [org for org in organisations if org is not None]
    visible = organisation_visible_ids(user=actor, ids=[org.pk for org in wanted])
    for org in wanted:
        if org.pk not in visible:
            raise ValidationError(
                {
                    field: _(
                        "Select a valid choice. %(value)s is not one of the "
                        "available choices."
                    )
                    % {"value": org.pk}
                },
                code="invalid_choice",
            )


# --- Country shares -------------------------------------------------------------


def _share(value: Any) -> Decimal | None:
    try:
        share = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        return None
    return share if share.is_finite() else None


def _share_errors(countries: CountryShares) -> list[str]:
    errors: list[str] = []
    seen: set[int] = set()
    total = Decimal(0)
    for country, raw in countries:
        share = _share(raw)
        if country.pk in seen:
            errors.append(_("%(country)s is given twice.") % {"country": country})
        seen.add(country.pk)
        if share is None or not Decimal(0) < share <= HUNDRED:
            errors.append(
                _("The share of %(country)s must be more than 0 and at most 100.")
                % {"country": country}
            )
            continue
        total += share
    if not countries:
        errors.append(_("Give at least one country with its share."))
    elif not errors and total != HUNDRED:
        errors.append(
            _("The shares add up to %(total)s %%; they must add up to 100 %%.")
            % {"total": f"{total.normalize():f}"}
        )
    return errors


def _type_errors(activity_type: str, count: int) -> list[str]:
    if activity_type == ActivityType.NATIONAL and count != 1:
        return [_("A national activity covers exactly one country.")]
    if activity_type == ActivityType.BILATERAL and count != 2:
        return [_("A bilateral activity covers exactly two countries.")]
    if activity_type == ActivityType.MULTILATERAL and count < 2:
        return [_("A multilateral activity covers at least two countries.")]
    return []


def countries_errors(activity_type: str, countries: CountryShares) -> list[str]:
    errors = _share_errors(countries)
    return errors or _type_errors(activity_type, len(countries))


def _shares_now(activity: Activity) -> list[list[Any]]:
    rows = activity.country_shares.select_related("country").order_by("country__iso3")
    return [[row.country.iso3, f"{row.share.normalize():f}"] for row in rows]


def _write_shares(activity: Activity, countries: CountryShares) -> dict[str, list[Any]]:
    before = _shares_now(activity)
    activity.country_shares.all().delete()
    ActivityCountry.objects.bulk_create(
        ActivityCountry(activity=activity, country=country, share=_share(raw) or 0)
        for country, raw in countries
    )
    after = _shares_now(activity)
    return {} if before == after else {"countries": [before, after]}


# --- Many-to-many helpers -------------------------------------------------------


def _domain_errors(programme_id: int, domains: Iterable[Domain]) -> list[str]:
    if any(domain.programme_id != programme_id for domain in domains):
        return [_("This domain belongs to another programme.")]
    return []


def _set_m2m(
    activity: Any, name: str, values: Iterable[Any] | None
) -> dict[str, list[Any]]:
    if values is None:
        return {}
    manager = getattr(activity, name)
    before = sorted(manager.values_list("pk", flat=True))
    after = sorted({value.pk for value in values})
    if before == after:
        return {}
    manager.set(after)
    return {name: [before, after]}


def activity_search_text(activity: Activity) -> str:
    return normalise_for_search(
        activity.code,
        activity.title_fr,
        activity.title_en,
        activity.description_fr,
        activity.description_en,
    )


def _activity_errors(
    activity: Activity,
    countries: CountryShares | None,
    domains: Sequence[Domain] | None,
) -> ErrorDict:
    errors = validation_errors(activity, exclude=["countries"])
    if activity.plan is not None and activity.plan.programme_id != (
        activity.programme_id
    ):
        errors.setdefault("plan", []).append(
            _("This action plan belongs to another programme.")
        )
    if countries is not None:
        share_errors = countries_errors(activity.activity_type, countries)
        if share_errors:
            errors.setdefault("countries", []).extend(share_errors)
    if domains is not None:
        domain_errors = _domain_errors(activity.programme_id, domains)
        if domain_errors:
            errors.setdefault("domains", []).extend(domain_errors)
    return errors


def _record(actor: Any, action: str, activity: Any, changes: dict[str, Any]) -> None:
    if changes or action != AuditAction.UPDATE:
        audit_record(actor=actor, action=action, instance=activity, changes=changes)


def clear_sign_offs(*, actor: Any, activity: Activity) -> int:
    """Withdraw every lead ministry's sign-off of ``activity`` (its substance
    changed); one audit entry per sign-off cleared. Returns how many."""
    signed = ActivityPartner.objects.select_for_update().filter(
        activity=activity, signed_off_at__isnull=False
    )
    count = 0
    for partner in signed:
        before = model_snapshot(partner)
        partner.signed_off_at = None
        partner.signed_off_by = None
        partner.save(update_fields=["signed_off_at", "signed_off_by"])
        audit_updated(
            actor=actor, instance=partner, before=before, note=SIGN_OFF_CLEARED_NOTE
        )
        count += 1
    return count


# --- Activities -------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    actor: Any,
    programme: Programme,
    countries: CountryShares | None,
    domains: Sequence[Domain] = (),
    implementers: Sequence[Organisation] = (),
    **fields: Any,
) -> Activity:
    """Create an activity covering ``countries`` ([(place, share), …]).
    ``countries=None``: none yet (an IATI file naming no country the platform
    knows); like any activity without a country, only programme-wide editors
    create it."""
    check_fields(fields, ACTIVITY_FIELDS)
    require(
        can_edit_activity_in(actor, [country.pk for country, _s in countries or ()]),
        actor,
        _("You may only create activities in countries of your scope."),
    )
    check_visible(actor, "implementers", implementers)
    activity = Activity(programme=programme, **fields)
    activity.search_text = activity_search_text(activity)
    raise_if(_activity_errors(activity, countries, domains))
    activity.save()
    extra = _write_shares(activity, countries) if countries is not None else {}
    extra.update(_set_m2m(activity, "domains", domains))
    extra.update(_set_m2m(activity, "implementers", implementers))
    created = {k: [None, v] for k, v in model_snapshot(activity).items() if v}
    _record(actor, AuditAction.CREATE, activity, {**created, **extra})
    return activity


def _check_update(
    actor: Any,
    activity: Activity,
    countries: CountryShares | None,
    implementers: Sequence[Organisation] | None,
) -> None:
    require(
        can_edit_activity(actor, activity), actor, _("You may not edit this activity.")
    )
    if countries is not None:
        require(
            can_edit_activity_in(actor, [country.pk for country, _s in countries]),
            actor,
            _(
                "Keep at least one country of your scope among the activity's countries."
            ),
        )
        kept = {country.pk for country, _s in countries}
        removed = [pk for pk in activity_country_ids(activity) if pk not in kept]
        require(
            can_remove_countries(actor, removed),
            actor,
            _("Only the people of a country's scope may take it off an activity."),
        )
    check_visible(actor, "implementers", implementers or ())


def _with_hidden_implementers(
    actor: Any, activity: Activity, implementers: Sequence[Organisation] | None
) -> list[Organisation] | None:
    """``implementers`` plus the current ones ``actor`` may not see: a form or a
    file that cannot name them does not remove them."""
    if implementers is None:
        return None
    current = list(activity.implementers.all())
    visible = organisation_visible_ids(user=actor, ids=[org.pk for org in current])
    return [*implementers, *(org for org in current if org.pk not in visible)]


@transaction.atomic
def activity_update(
    *,
    actor: Any,
    activity: Activity,
    countries: CountryShares | None = None,
    domains: Sequence[Domain] | None = None,
    implementers: Sequence[Organisation] | None = None,
    **fields: Any,
) -> Activity:
    """Change the named fields; ``countries``, ``domains`` and ``implementers``
    replace the current ones when given."""
    check_fields(fields, ACTIVITY_FIELDS)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    _check_update(actor, current, countries, implementers)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.search_text = activity_search_text(current)
    if countries is None and "activity_type" in fields:
        countries = [(s.country, s.share) for s in current.country_shares.all()]
    raise_if(_activity_errors(current, countries, domains))
    changes = snapshot_diff(before, model_snapshot(current))
    if countries is not None:
        changes.update(_write_shares(current, countries))
    changes.update(_set_m2m(current, "domains", domains))
    kept = _with_hidden_implementers(actor, current, implementers)
    changes.update(_set_m2m(current, "implementers", kept))
    # A save that changes nothing writes nothing: no new "updated" time (the IATI
    # export's last-updated-datetime), no audit entry (a form saved as it was, a
    # file imported twice). A change of countries, domains or implementers alone
    # is a change of the activity: it is saved, so stamped.
    if changes:
        current.save()
    _record(actor, AuditAction.UPDATE, current, changes)
    if SIGN_OFF_FIELDS & changes.keys():
        clear_sign_offs(actor=actor, activity=current)
    return current


def activity_set_countries(
    *, actor: Any, activity: Activity, countries: CountryShares
) -> Activity:
    """Replace the countries an activity covers (shares must add up to 100)."""
    return activity_update(actor=actor, activity=activity, countries=countries)


# --- Plans ------------------------------------------------------------------------


def _plan_errors(plan: ActionPlan, country_ids: set[int]) -> ErrorDict:
    errors = validation_errors(plan, exclude=["countries"])
    memorandum = plan.memorandum
    if memorandum is not None:
        if memorandum.programme_id != plan.programme_id:
            errors.setdefault("memorandum", []).append(
                _("This memorandum belongs to another programme.")
            )
        pair = {memorandum.first_country_id, memorandum.second_country_id}
        if not pair <= country_ids:
            errors.setdefault("countries", []).append(
                _("The plan's countries must include both countries of its memorandum.")
            )
    if plan.start_date and plan.end_date and plan.end_date < plan.start_date:
        errors.setdefault("end_date", []).append(_("The plan ends before it starts."))
    return errors


def _plan_countries(plan: ActionPlan, countries: Iterable[Place] | None) -> list[Place]:
    if countries is not None and list(countries):
        return list(countries)
    memorandum = plan.memorandum
    if memorandum is not None:
        return [memorandum.first_country, memorandum.second_country]
    return list(countries or [])


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    programme: Programme,
    countries: Iterable[Place] | None = None,
    **fields: Any,
) -> ActionPlan:
    """Create an action plan; without ``countries``, its memorandum's two."""
    check_fields(fields, PLAN_FIELDS)
    plan = ActionPlan(programme=programme, **fields)
    places = _plan_countries(plan, countries)
    require(
        can_edit_plan_in(actor, [place.pk for place in places]),
        actor,
        _(
            "Only programme administrators and the coordinators of its countries "
            "create an action plan."
        ),
    )
    raise_if(_plan_errors(plan, {place.pk for place in places}))
    plan.save()
    plan.countries.set(places)
    audit_created(actor=actor, instance=plan)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Any,
    plan: ActionPlan,
    countries: Iterable[Place] | None = None,
    **fields: Any,
) -> ActionPlan:
    check_fields(fields, PLAN_FIELDS)
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    message = _("Only programme administrators and the coordinators of its "
                "countries change an action plan.")  # fmt: skip
    require(can_edit_plan(actor, current), actor, message)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    places = list(countries) if countries is not None else list(current.countries.all())
    require(can_edit_plan_in(actor, [p.pk for p in places]), actor, message)
    raise_if(_plan_errors(current, {place.pk for place in places}))
    current.save()
    extra: dict[str, Any] = {}
    if countries is not None:
        extra = _set_m2m(current, "countries", places)
    _record(
        actor,
        AuditAction.UPDATE,
        current,
        {**snapshot_diff(before, model_snapshot(current)), **extra},
    )
    return current
