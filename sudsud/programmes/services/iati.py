"""Importing an IATI ``iati-activities`` file: activities (matched by identifier →
code), their countries and shares, dates, status, budgets, results, indicators,
periods, targets and actuals (written as approved updates noted "imported").

Everything but the approved actuals is written through the services the pages
and the API use (``iati_writes``, ``iati_writes_results``): the importing person's
rights are checked record by record, with the same validation, search text and
audit entries. All or nothing: the file is read and checked first, then written
in one transaction; any error, or any record the person may not write, rolls
everything back and is reported with its activity and line. Re-importing the same
file changes nothing (each record is compared before a service is called), writes
no audit entry and says so in the counts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.organisations.models import Organisation
from sudsud.organisations.selectors import organisation_list_for_user
from sudsud.places.models import Place
from sudsud.programmes.iati import conf
from sudsud.programmes.iati.importer import IatiFileError, parse_iati_file
from sudsud.programmes.iati.parsing import ParsedActivity
from sudsud.programmes.models import Activity, Dimension, Programme
from sudsud.programmes.permissions_iati import can_import_iati

from .iati_writes import ImportContext, write_activity
from .results_dimensions import dimensions_ensure

CODE_MAX = Activity._meta.get_field("code").max_length or 40

Progress = Callable[[int, int], None]  # (activities done, total)


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }

    def summary(self) -> str:
        """One sentence for the job page: the counts, then the warnings."""
        text = (
            _(
                "%(created)d activities created, %(updated)d updated, %(unchanged)d "
                "unchanged, %(skipped)d skipped (the programme itself)."
            )
            % self.counts()
        )
        if self.warnings:
            text += " " + _("Warnings: %(warnings)s") % {
                "warnings": " ".join(self.warnings)
            }
        return text


def activity_code(parsed: ParsedActivity) -> str:
    """``<reporting-org ref>-<code>`` → ``<code>``; other identifiers as they are."""
    for prefix in (parsed.reporting_ref, conf.reporting_org_ref()):
        if prefix and parsed.identifier.startswith(f"{prefix}-"):
            return parsed.identifier[len(prefix) + 1 :]
    if not parsed.reporting_ref:  # exported before a ref was set: "-<code>"
        return parsed.identifier.removeprefix("-")
    return parsed.identifier


def _is_programme(parsed: ParsedActivity, code: str, programme: Programme) -> bool:
    return code == programme.code or parsed.identifier == programme.iati_identifier


def _check_codes(parsed: list[ParsedActivity]) -> list[str]:
    errors = []
    for activity in parsed:
        code = activity_code(activity)
        if not code:
            errors.append(
                _("The activity at line %(line)s has no iati-identifier.")
                % {"line": activity.line}
            )
        elif len(code) > CODE_MAX:
            errors.append(
                _(
                    "The identifier “%(identifier)s” (line %(line)s) gives a code "
                    "longer than %(max)s characters."
                )
                % {
                    "identifier": activity.identifier,
                    "line": activity.line,
                    "max": CODE_MAX,
                }
            )
    return errors


def _context(actor: Any, programme: Programme, report: ImportReport) -> ImportContext:
    # Organisations the importing person may not see are unknown to the file, as
    # the services would refuse them; the built-in breakdown dimensions (country,
    # sex) are made sure of, as ``load_reference_data`` does.
    visible = (
        Organisation.objects.all()
        if actor is None
        else organisation_list_for_user(user=actor, archived=None)
    )
    dimensions_ensure(actor=actor)
    return ImportContext(
        actor=actor,
        programme=programme,
        places={
            p.iso2: p for p in Place.objects.filter(kind="country").exclude(iso2="")
        },
        organisations={
            o.iati_identifier: o for o in visible.exclude(iati_identifier="")
        },
        dimensions={d.code: d for d in Dimension.objects.all()},
        warnings=report.warnings,
    )


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{name}: {message}" if name != "__all__" else message
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _in_activity(parsed: ParsedActivity, error: ValidationError) -> ValidationError:
    return ValidationError(
        [
            _("Activity %(identifier)s (line %(line)s): %(detail)s")
            % {"identifier": parsed.identifier, "line": parsed.line, "detail": message}
            for message in _messages(error)
        ]
    )


@transaction.atomic
def iati_import(
    *,
    actor: Any,
    content: bytes,
    programme: Programme | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import an IATI file into ``programme`` (default: THE programme).
    ``actor=None`` is the system (the ``iati_import`` command); ``progress`` is
    told ``(activities done, total)`` after each activity (the background job)."""
    if actor is not None and not can_import_iati(actor):
        raise PermissionDenied(_("Only programme administrators import IATI files."))
    try:
        parsed = parse_iati_file(content)
    except IatiFileError as error:
        raise ValidationError(error.messages) from error
    programme = programme or Programme.objects.order_by("code").first()
    if programme is None:
        raise ValidationError(_("There is no programme to import the activities into."))
    errors = _check_codes(parsed.activities)
    if errors:
        raise ValidationError(errors)
    report = ImportReport(warnings=list(parsed.warnings))
    context = _context(actor, programme, report)
    total = len(parsed.activities)
    for done, activity in enumerate(parsed.activities, start=1):
        _import_one(context, report, activity, programme)
        if progress is not None:
            progress(done, total)
    return report


def _import_one(
    context: ImportContext,
    report: ImportReport,
    activity: ParsedActivity,
    programme: Programme,
) -> None:
    code = activity_code(activity)
    if _is_programme(activity, code, programme):
        report.skipped.append(activity.identifier)
        return
    try:
        outcome = write_activity(context, activity, code)
    except ValidationError as error:
        raise _in_activity(activity, error) from error
    except PermissionDenied as error:  # a service refused the importing person
        raise _in_activity(activity, ValidationError(str(error))) from error
    getattr(report, outcome).append(activity.identifier)
