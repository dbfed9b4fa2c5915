"""Background work of the IATI part: importing an uploaded file and building the
programme's file for download. Pages and API start the jobs; the job page
(``/jobs/<id>/``) shows the progress, then the summary, the errors or the file.
"""

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from sudsud.core.jobs import (
    ProgressCallback,
    job_attach_output,
    job_run,
    job_start,
)
from sudsud.core.models import Job, JobStatus
from sudsud.core.uploads import validate_upload

from .iati.importer import IatiFileError, check_iati_upload
from .iati.publish import Publication, iati_publication_for_user, problem_rows
from .permissions_iati import can_export_iati, can_import_iati
from .services.iati import iati_import

IMPORT_JOB_KIND = "programmes.iati_import"
EXPORT_JOB_KIND = "programmes.iati_export"
JOB_KINDS = (IMPORT_JOB_KIND, EXPORT_JOB_KIND)


def _add_to_result(job: Job, extra: dict[str, Any]) -> None:
    job.result = {**job.result, **extra}
    Job.objects.filter(pk=job.pk).update(result=job.result)


# --- Import ---------------------------------------------------------------------


def _import_work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    # Messages are written in the language of the person who uploaded the file.
    with translation.override(job.params.get("language") or "fr"):
        with job.input_file.open("rb") as handle:
            content = handle.read()
        report = iati_import(actor=job.created_by, content=content, progress=progress)
        return {
            "summary": report.summary(),
            "counts": report.counts(),
            "warnings": report.warnings,
            "next_url": reverse("programmes:iati_export"),
        }


@task()
def iati_import_task(job_id: int) -> None:
    job = job_run(job_id=job_id, work=_import_work)
    if job.status == JobStatus.FAILED:  # back to the form, to send a fixed file
        _add_to_result(job, {"next_url": reverse("programmes:iati_import")})


@transaction.atomic
def iati_import_start(*, actor: Any, upload: UploadedFile, language: str) -> Job:
    """Check the upload quickly and queue its all-or-nothing import as a job.

    Raises ``PermissionDenied`` (programme administrators only), or
    ``ValidationError`` for a file that is too large, not XML, not well-formed or
    not an ``iati-activities`` file; the job checks the rest."""
    if not can_import_iati(actor):
        raise PermissionDenied(_("Only programme administrators import IATI files."))
    validate_upload(upload, extensions=("xml",))
    content = upload.read()
    try:
        check_iati_upload(content)
    except IatiFileError as error:
        raise ValidationError(error.messages) from error
    return job_start(
        task=iati_import_task,
        kind=IMPORT_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of an IATI file"),
        params={"language": language},
        input_name="iati-activities.xml",
        input_bytes=content,
    )


# --- Export ---------------------------------------------------------------------


def export_filename(publication: Publication) -> str:
    today = timezone.localdate()
    return f"iati-activities-{publication.programme.code}-{today:%Y-%m-%d}.xml"


def _export_summary(publication: Publication) -> str:
    report = publication.report
    text = _(
        "The IATI file of %(programme)s is ready: %(activities)d activities, "
        "%(warnings)d warnings."
    ) % {
        "programme": publication.programme.code,
        "activities": publication.activity_count,
        "warnings": len(report.warnings),
    }
    return f"{text} {report.xsd_note}".strip()


def _blocking_errors(rows: list[dict[str, str]]) -> list[str]:
    return [
        _("%(where)s: %(message)s (rule %(rule)s)")
        % {
            "where": row["identifier"] or _("Whole file"),
            "message": row["message"],
            "rule": row["rule"],
        }
        for row in rows
        if row["severity"] == "error"
    ]


def _export_work(
    job: Job, progress: ProgressCallback, *, found: dict[str, Any]
) -> dict[str, Any]:
    with translation.override(job.params.get("language") or "fr"):
        publication = iati_publication_for_user(
            user=job.created_by, code=job.params.get("programme"), progress=progress
        )
        if publication is None:
            raise ValidationError(_("There is no programme to publish."))
        found["problems"] = problem_rows(publication)
        errors = _blocking_errors(found["problems"])
        if errors:  # the job fails; ``found`` adds the problems and their links
            raise ValidationError(errors)
        # ``job_attach_output`` saves the whole row: keep the progress just written.
        job.refresh_from_db(fields=["progress", "total"])
        job_attach_output(
            job=job, name=export_filename(publication), content=publication.content()
        )
        return {
            "summary": _export_summary(publication),
            "activities": publication.activity_count,
            "xsd_checked": publication.report.xsd_checked,
            "problems": found["problems"],
            "next_url": reverse("programmes:iati_export"),
        }


@task()
def iati_export_task(job_id: int) -> None:
    found: dict[str, Any] = {}
    job = job_run(job_id=job_id, work=partial(_export_work, found=found))
    if job.status == JobStatus.FAILED:
        _add_to_result(job, {**found, "next_url": reverse("programmes:iati_export")})


@transaction.atomic
def iati_export_start(*, actor: Any, language: str, code: str | None = None) -> Job:
    """Queue the building and validation of the programme's IATI file (by code,
    or THE programme). Raises ``PermissionDenied`` for roles that do not edit."""
    if not can_export_iati(actor):
        raise PermissionDenied
    return job_start(
        task=iati_export_task,
        kind=EXPORT_JOB_KIND,
        actor=actor,
        title=gettext_noop("IATI file of the programme"),
        params={"language": language, "programme": code},
    )
