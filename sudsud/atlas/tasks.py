"""Background work of the atlas: UN DESA workbook imports."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from sudsud.core.jobs import (
    ProgressCallback,
    job_run,
    job_start,
)
from sudsud.core.models import Job
from sudsud.core.uploads import validate_upload

from .services.undesa import can_import_undesa, undesa_import

UNDESA_JOB_KIND = "atlas.undesa_import"


def undesa_summary(*, unchanged: bool, values_stored: int, edition: str) -> str:
    if unchanged:
        return _(
            "This file was already imported for %(edition)s: nothing was changed."
        ) % {"edition": edition}
    return _("%(count)d values of %(edition)s were imported.") % {
        "count": values_stored,
        "edition": edition,
    }


def _import_work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    with translation.override(job.params.get("language") or "fr"):
        with job.input_file.open("rb") as handle:
            data = handle.read()
        result = undesa_import(
            actor=job.created_by,
            data=data,
            file_name=job.params.get("file_name", ""),
            edition=job.params.get("edition") or None,
            progress=progress,
        )
        report = result.report
        summary = undesa_summary(
            unchanged=result.unchanged,
            values_stored=report.values_stored,
            edition=report.edition.code if report.edition else "",
        )
    return {
        "summary": summary,
        "report_id": report.pk,
        "unchanged": result.unchanged,
        "next_url": reverse("atlas:import_detail", args=[report.pk]),
    }


@task()
def undesa_import_task(job_id: int) -> None:
    job_run(job_id=job_id, work=_import_work)


@transaction.atomic
def undesa_import_start(
    *, actor: Any, upload: UploadedFile, language: str, edition: str = ""
) -> Job:
    """Check the upload and queue its import (pages and API).

    Raises ``PermissionDenied``, or ``ValidationError`` for a file of the wrong type;
    the workbook itself is checked by the job, whose result gives the reason."""
    if not can_import_undesa(actor):
        raise PermissionDenied
    validate_upload(upload, extensions=("xlsx",))
    return job_start(
        task=undesa_import_task,
        kind=UNDESA_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of a UN DESA workbook"),
        params={
            "language": language,
            "edition": edition,
            "file_name": (upload.name or "")[:255],
        },
        input_name="undesa.xlsx",
        input_bytes=upload.read(),
    )
