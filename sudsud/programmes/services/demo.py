"""Demonstration data: three bilateral plans, about 120 activities, results,
indicators, two years of targets and reported values, so every page means something.

Everything created here carries ``is_demo=True`` (rows without the flag — countries
covered, budget lines, indicators, periods, breakdowns — belong to a flagged row and
go with it) and pages show it as "Demonstration data". ``demo_data_remove`` deletes
only flagged rows, and refuses while real records hang from them.

Speed matters (a demonstration installation loads it at start), so rows are
created in bulk in one transaction with one audit entry summarising the load,
rather than through the per-record services and their per-record audit entries.
The exception is the activities' partners and their sign-offs, written through the
activity services with their own audit entries, by the demonstration ministries
and officers (``demo_partners``; organisations have no demonstration flag, their
``DEMO-`` acronym says it). Loading again replaces the previous demonstration
data and reuses those organisations and officers; the same ``seed`` gives the
same data.

Demonstration output indicators count for EUTF common output indicators when an
EUTF catalogue is loaded (the newest version of a catalogue whose code starts with
``eutf``); without one they are left unmapped. ``demo_eutf_catalogue_import``
imports the ``eutf-cop`` ``2021-12`` catalogue from a file first, when missing.
"""

import random
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import audit_record
from sudsud.core.models import AuditAction
from sudsud.programmes import reference as ref
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityPartner,
    FrameworkCatalogue,
    FrameworkIndicator,
    FundingKind,
    Indicator,
    IndicatorUpdate,
    Programme,
    ProgrammeFunding,
    Result,
)

from .demo_activities import DemoContext, build_activities, build_plans
from .demo_partners import build_partners, demo_partners_archive
from .demo_results import build_results
from .frameworks import framework_catalogue_import

DEFAULT_SEED = 2019
EUTF_CODE, EUTF_VERSION = "eutf-cop", "2021-12"
EUTF_NAME_FR = "Indicateurs communs de produit du FFU"
EUTF_NAME_EN = "EUTF common output indicators"


class DemoDataRefusedError(Exception):
    """The demonstration data may not be loaded or removed here."""


def is_production_settings() -> bool:
    return "production" in (getattr(settings, "SETTINGS_MODULE", "") or "")


def _check(actor: Any, allow_production: bool) -> None:
    if actor is not None and not scope_for(actor).is_programme_admin:
        raise PermissionDenied(
            _("Only programme administrators load demonstration data.")
        )
    if is_production_settings() and not allow_production:
        raise DemoDataRefusedError(
            _(
                "These are production settings: demonstration data is not loaded "
                "here unless you really mean it (--allow-production)."
            )
        )


def _programme() -> Programme:
    programme = (
        Programme.objects.filter(code=ref.PROGRAMME.code)
        .prefetch_related(
            "partner_countries__country",
            "partner_countries__lead_ministry",
            "memoranda__second_country",
            "domains",
            "implementers__organisation",
            "fundings__funder",
        )
        .first()
    )
    if programme is None or programme.memoranda.count() < len(ref.MEMORANDA):
        raise DemoDataRefusedError(
            _(
                "The programme's reference data is missing: run “python manage.py "
                "load_reference_data” first."
            )
        )
    return programme


def _eutf_indicators() -> dict[str, FrameworkIndicator]:
    """The EUTF common output indicators of the newest loaded version, by code."""
    catalogue = (
        FrameworkIndicator.objects.filter(catalogue__code__startswith="eutf")
        .order_by("-catalogue__version")
        .values_list("catalogue_id", flat=True)
        .first()
    )
    if catalogue is None:
        return {}
    return {
        item.code: item
        for item in FrameworkIndicator.objects.filter(catalogue_id=catalogue)
    }


def eutf_catalogue_loaded() -> FrameworkCatalogue | None:
    """The ``eutf-cop`` ``2021-12`` catalogue, when it is loaded."""
    return FrameworkCatalogue.objects.filter(
        code=EUTF_CODE, version=EUTF_VERSION
    ).first()


@transaction.atomic
def demo_eutf_catalogue_import(
    *, actor: Any, data: bytes, extension: str, allow_production: bool = False
) -> tuple[FrameworkCatalogue, bool]:
    """Import the EUTF common output indicators (``eutf-cop`` ``2021-12``) from a
    file through ``framework_catalogue_import``, unless that catalogue is already
    loaded; for the demonstration, so refused like it with production settings.
    Returns the catalogue and whether it was imported now."""
    _check(actor, allow_production)
    catalogue = eutf_catalogue_loaded()
    if catalogue is not None:
        return catalogue, False
    funding = (
        ProgrammeFunding.objects.filter(
            programme__code=ref.PROGRAMME.code, kind=FundingKind.EUTF_CONTRIBUTION
        )
        .select_related("funder")
        .first()
    )
    catalogue = framework_catalogue_import(
        actor=actor,
        data=data,
        extension=extension,
        code=EUTF_CODE,
        version=EUTF_VERSION,
        name_fr=EUTF_NAME_FR,
        name_en=EUTF_NAME_EN,
        funder=funding.funder if funding else None,
    )
    return catalogue, True


def demo_counts() -> dict[str, int]:
    partners = ActivityPartner.objects.filter(activity__is_demo=True)
    return {
        "plans": ActionPlan.objects.filter(is_demo=True).count(),
        "activities": Activity.objects.filter(is_demo=True).count(),
        "partners": partners.count(),
        "sign_offs": partners.filter(signed_off_at__isnull=False).count(),
        "results": Result.objects.filter(is_demo=True).count(),
        "indicators": Indicator.objects.filter(result__is_demo=True).count(),
        "updates": IndicatorUpdate.objects.filter(is_demo=True).count(),
        "framework_links": Indicator.framework_indicators.through.objects.filter(
            indicator__result__is_demo=True
        ).count(),
    }


def _real_records_attached() -> list[str]:
    """What deleting the demonstration data would take with it that is not demo."""
    checks = {
        _("activities in demonstration plans"): Activity.objects.filter(
            is_demo=False, plan__is_demo=True
        ),
        _("results of demonstration plans or activities"): Result.objects.filter(
            is_demo=False
        ).filter(plan__is_demo=True)
        | Result.objects.filter(is_demo=False, activity__is_demo=True),
        _("reported values of demonstration indicators"): (
            IndicatorUpdate.objects.filter(
                is_demo=False, period__indicator__result__is_demo=True
            )
        ),
        _("indicators contributing to demonstration indicators"): (
            Indicator.objects.filter(
                result__is_demo=False, parent__result__is_demo=True
            )
        ),
        _("results under demonstration results"): Result.objects.filter(
            is_demo=False, parent__is_demo=True
        ),
    }
    return [
        f"{label}: {queryset.count()}"
        for label, queryset in checks.items()
        if queryset.exists()
    ]


def _delete_demo() -> dict[str, int]:
    attached = _real_records_attached()
    if attached:
        raise ValidationError(
            _(
                "Real records depend on the demonstration data (%(records)s); move "
                "or delete them first. Nothing was removed."
            )
            % {"records": "; ".join(attached)}
        )
    counts = demo_counts()
    IndicatorUpdate.objects.filter(is_demo=True).delete()
    Result.objects.filter(is_demo=True, parent__isnull=False).delete()
    Result.objects.filter(is_demo=True).delete()
    Activity.objects.filter(is_demo=True).delete()
    ActionPlan.objects.filter(is_demo=True).delete()
    return counts


@transaction.atomic
def demo_data_remove(*, actor: Any = None) -> dict[str, int]:
    """Delete the demonstration data, and nothing else; archive the demonstration
    organisations (organisations are archived, not deleted). Returns what was
    removed."""
    _check(actor, allow_production=True)
    counts = _delete_demo()
    demo_partners_archive(actor)
    programme = Programme.objects.filter(code=ref.PROGRAMME.code).first()
    if programme is not None and any(counts.values()):
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=programme,
            changes={f"demo_{key}": [value, 0] for key, value in counts.items()},
            note="demonstration data removed",
        )
    return counts


@transaction.atomic
def demo_data_load(
    *, actor: Any = None, seed: int = DEFAULT_SEED, allow_production: bool = False
) -> dict[str, int]:
    """Replace the demonstration data with a fresh set; returns what was created."""
    _check(actor, allow_production)
    programme = _programme()
    _delete_demo()
    rng = random.Random(seed)  # noqa: S311 - reproducible, not for secrets
    context = DemoContext.for_programme(programme, rng=rng, actor=actor)
    plans = build_plans(context)
    activities = build_activities(context, plans)
    build_partners(context, activities, seed=seed)
    build_results(context, plans, activities, _eutf_indicators())
    counts = demo_counts()
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        instance=programme,
        changes={f"demo_{key}": [0, value] for key, value in counts.items()},
        note="demonstration data loaded",
    )
    return counts
