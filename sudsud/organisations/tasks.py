"""Background work of the organisations registry."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from sudsud.core.jobs import (
    ProgressCallback,
    job_run,
    job_start,
)
from sudsud.core.models import Job
from sudsud.core.uploads import validate_upload

from .imports import organisations_import
from .permissions import can_import_organisations

IMPORT_JOB_KIND = "organisations.import"


def _import_work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    # Messages are written in the language of the person who uploaded the file.
    with translation.override(job.params.get("language") or "fr"):
        with job.input_file.open("rb") as handle:
            data = handle.read()
        result = organisations_import(
            actor=job.created_by,
            data=data,
            extension=job.params.get("extension", ""),
            progress=progress,
        )
    result["next_url"] = reverse("organisations:organisation_list")
    return result


@task()
def organisations_import_task(job_id: int) -> None:
    job_run(job_id=job_id, work=_import_work)


@transaction.atomic
def organisations_import_start(
    *, actor: Any, upload: UploadedFile, language: str
) -> Job:
    """Check the upload and queue its import as a background job (pages and API).

    Raises ``PermissionDenied``, or ``ValidationError`` for a bad file; the rows are
    checked by the job, whose result lists every error by line."""
    if not can_import_organisations(actor):
        raise PermissionDenied
    extension = validate_upload(upload, extensions=("csv", "xlsx"))
    return job_start(
        task=organisations_import_task,
        kind=IMPORT_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of organisations"),
        params={"extension": extension, "language": language},
        input_name=f"organisations.{extension}",
        input_bytes=upload.read(),
    )
