"""Services and selectors for background jobs.

A domain app starts work with :func:`job_create` and a task that calls
:func:`job_run`; the job page polls the job's progress. The runner turns a
``ValidationError`` into a failed job that lists the messages, so a user sees the
errors of an import instead of a stack trace.
"""

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
JobWork = Callable[[Job, ProgressCallback], dict[str, Any]]


def job_create(
    *,
    kind: str,
    actor: Any,
    title: str = "",
    params: dict[str, Any] | None = None,
    input_name: str = "",
    input_bytes: bytes | None = None,
) -> Job:
    job = Job(kind=kind, title=title, created_by=actor, params=params or {})
    if input_bytes is not None:
        job.input_file.save(input_name or "input", ContentFile(input_bytes), save=False)
    job.save()
    return job


def job_report_progress(*, job_id: int, progress: int, total: int) -> None:
    # A plain UPDATE outside the work's transaction would block on SQLite; progress is
    # advisory, so it is written in the same connection and becomes visible on commit
    # for long imports run in one transaction, and immediately for chunked work.
    Job.objects.filter(pk=job_id).update(progress=progress, total=total)


def job_run(*, job_id: int, work: JobWork) -> Job:
    """Run ``work`` for the job, recording its status, result or errors."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING)
    job.status = JobStatus.RUNNING

    def progress(done: int, total: int) -> None:
        job_report_progress(job_id=job_id, progress=done, total=total)

    try:
        result = work(job, progress)
    except ValidationError as exc:
        return _job_finish(job, JobStatus.FAILED, {"errors": exc.messages})
    except Exception:
        logger.exception("Background job %s failed", job_id)
        return _job_finish(
            job,
            JobStatus.FAILED,
            {"errors": [_("An unexpected error stopped the job.")]},
        )
    return _job_finish(job, JobStatus.SUCCEEDED, result)


def job_attach_output(*, job: Job, name: str, content: bytes) -> None:
    # Only the file column: the in-memory job may hold stale progress.
    job.output_file.save(name, ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(output_file=job.output_file.name)


def _job_finish(job: Job, status: str, result: dict[str, Any]) -> Job:
    job.refresh_from_db()
    # The uploaded file may hold personal data; once read, it is not kept.
    if job.input_file:
        job.input_file.delete(save=False)
    job.status = status
    job.result = result
    job.finished_at = timezone.now()
    if status == JobStatus.SUCCEEDED and job.total:
        job.progress = job.total
    job.save(
        update_fields=["status", "result", "finished_at", "progress", "input_file"]
    )
    return job


def job_enqueue_after_commit(enqueue: Callable[[], Any]) -> None:
    """Queue the task once the job row is committed, so the worker can see it."""
    transaction.on_commit(enqueue)


def job_start(
    *,
    task: Any,
    kind: str,
    actor: Any,
    title: str = "",
    params: dict[str, Any] | None = None,
    input_name: str = "",
    input_bytes: bytes | None = None,
) -> Job:
    """Create the job and queue ``task`` for it once the row is committed."""
    job = job_create(
        kind=kind,
        actor=actor,
        title=title,
        params=params,
        input_name=input_name,
        input_bytes=input_bytes,
    )
    job_enqueue_after_commit(partial(task.enqueue, job_id=job.pk))
    return job


def job_list_for_user(*, user: Any) -> QuerySet[Job]:
    jobs = Job.objects.select_related("created_by")
    if getattr(user, "is_superuser", False):
        return jobs
    return jobs.filter(created_by=user)
