"""Background import of a national file (follows ``sudsud/atlas/tasks.py``)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from sudsud.atlas.models import NationalUpload
from sudsud.atlas.services.national import (
    NationalImportResult,
    can_manage_national,
    national_import,
)
from sudsud.core.jobs import (
    ProgressCallback,
    job_run,
    job_start,
)
from sudsud.core.models import Job

NATIONAL_JOB_KIND = "atlas.national_import"


def national_summary(result: NationalImportResult, edition: str) -> str:
    if result.unmatched:
        return _(
            "%(count)d country values were not recognised: choose their places, "
            "then import again. Nothing was changed."
        ) % {"count": len(result.unmatched)}
    if result.unchanged:
        return _(
            "This file was already imported for %(edition)s: nothing was changed."
        ) % {"edition": edition}
    stored = result.report.values_stored if result.report else 0
    return _("%(count)d values of %(edition)s were imported.") % {
        "count": stored,
        "edition": edition,
    }


def _work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    with translation.override(job.params.get("language") or "fr"):
        upload = (
            NationalUpload.objects.select_related("edition__source")
            .filter(pk=job.params["upload_id"])
            .first()
        )
        if upload is None or not upload.file:
            raise ValidationError(
                _("This file was deleted before its import: upload it again.")
            )
        result = national_import(
            actor=job.created_by,
            upload=upload,
            progress=lambda done: progress(done, 0),
        )
        summary = national_summary(result, str(upload.edition))
    if result.report is None:
        next_url = reverse("atlas:national_unmatched", args=[upload.pk])
    else:
        next_url = reverse("atlas:import_detail", args=[result.report.pk])
    return {
        "summary": summary,
        "report_id": result.report.pk if result.report else None,
        "unchanged": result.unchanged,
        "unmatched": len(result.unmatched),
        "next_url": next_url,
    }


@task()
def national_import_task(job_id: int) -> None:
    job_run(job_id=job_id, work=_work)


@transaction.atomic
def national_import_start(*, actor: Any, upload: NationalUpload, language: str) -> Job:
    """Queue the import of a mapped upload (pages and API)."""
    if not can_manage_national(actor):
        raise PermissionDenied
    return job_start(
        task=national_import_task,
        kind=NATIONAL_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of a national file"),
        params={"language": language, "upload_id": upload.pk},
    )
