"""Background work of action plans: importing a plan's spreadsheet."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop
from django_tasks import task

from sudsud.core.jobs import ProgressCallback, job_run, job_start
from sudsud.core.models import Job
from sudsud.core.uploads import validate_upload

from .imports_activities import plan_import
from .models import ActionPlan
from .permissions_activities import can_edit_plan

IMPORT_JOB_KIND = "programmes.plan_import"


def _import_work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    # Messages are written in the language of the person who uploaded the file.
    with translation.override(job.params.get("language") or "fr"):
        plan = ActionPlan.objects.select_related("programme").get(
            pk=job.params["plan_id"]
        )
        with job.input_file.open("rb") as handle:
            data = handle.read()
        result = plan_import(
            actor=job.created_by, plan=plan, data=data, progress=progress
        )
    result["next_url"] = plan.get_absolute_url()
    return result


@task()
def plan_import_task(job_id: int) -> None:
    job_run(job_id=job_id, work=_import_work)


@transaction.atomic
def plan_import_start(
    *, actor: Any, plan: ActionPlan, upload: UploadedFile, language: str
) -> Job:
    """Check the upload and queue its import into ``plan`` as a background job.

    Raises ``PermissionDenied``, or ``ValidationError`` for a bad file; the rows
    are checked by the job, whose result lists every error by line."""
    if not can_edit_plan(actor, plan):
        raise PermissionDenied
    validate_upload(upload, extensions=("xlsx",))
    return job_start(
        task=plan_import_task,
        kind=IMPORT_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of an action plan"),
        params={"plan_id": plan.pk, "language": language},
        input_name="action-plan.xlsx",
        input_bytes=upload.read(),
    )
