"""Background work of the organisations registry."""

from typing import Any

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from sudsud.core.jobs import ProgressCallback, job_run
from sudsud.core.models import Job

from .imports import organisations_import

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
