"""Background import of a national file (follows ``sudsud/atlas/tasks.py``)."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django_tasks import task

from sudsud.atlas.models import NationalUpload
from sudsud.atlas.national.mapping import Mapping
from sudsud.atlas.services import national as services
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
from sudsud.core.models import Job, JobStatus
from sudsud.places.models import Place

NATIONAL_JOB_KIND = "atlas.national_import"


def national_summary(result: NationalImportResult, edition: str) -> str:
    if result.unmatched:
        return ngettext(
            "%(count)d country value was not recognised: choose its place, "
            "then import again. Nothing was changed.",
            "%(count)d country values were not recognised: choose their places, "
            "then import again. Nothing was changed.",
            len(result.unmatched),
        ) % {"count": len(result.unmatched)}
    if result.unchanged:
        return _(
            "This file was already imported for %(edition)s: nothing was changed."
        ) % {"edition": edition}
    stored = result.report.values_stored if result.report else 0
    return ngettext(
        "%(count)d value imported into “%(edition)s”.",
        "%(count)d values imported into “%(edition)s”.",
        stored,
    ) % {"count": stored, "edition": edition}


def _work(job: Job, progress: ProgressCallback) -> dict[str, Any]:
    with translation.override(job.params.get("language") or "fr"):
        upload = (
            NationalUpload.objects.select_related("edition__source")
            .filter(pk=job.params["upload_id"])
            .first()
        )
        if upload is None:
            raise ValidationError(
                _("This file was deleted before its import: upload it again.")
            )
        if not upload.file:  # imported meanwhile (the form posted twice, say)
            raise ValidationError(_("This file was already imported."))
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


# A job queued or running for longer than this is taken as stuck (a worker that
# died), so that it does not keep its file for ever.
PENDING_FOR_AT_MOST = timedelta(days=1)


def pending_imports() -> QuerySet[Job]:
    """National imports queued or running (and not stuck)."""
    return Job.objects.filter(
        kind=NATIONAL_JOB_KIND,
        status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
        created_at__gte=timezone.now() - PENDING_FOR_AT_MOST,
    )


def import_pending(upload: NationalUpload) -> bool:
    """Whether an import of ``upload`` is queued or running."""
    return pending_imports().filter(params__upload_id=upload.pk).exists()


@transaction.atomic
def national_import_start(*, actor: Any, upload: NationalUpload, language: str) -> Job:
    """Queue the import of a mapped upload (pages and API)."""
    if not can_manage_national(actor):
        raise PermissionDenied
    # Two posts at once (a double click): the second waits for the first's job,
    # then sees it (PostgreSQL; SQLite's writes are one at a time already).
    upload = NationalUpload.objects.select_for_update().get(pk=upload.pk)
    if not upload.file:
        raise ValidationError(
            _("This file was already imported: only its report remains."),
            code="imported",
        )
    if import_pending(upload):  # a form posted twice, say
        raise ValidationError(
            _("This file is being imported: wait for the end of its import."),
            code="import_pending",
        )
    return job_start(
        task=national_import_task,
        kind=NATIONAL_JOB_KIND,
        actor=actor,
        title=gettext_noop("Import of a national file"),
        params={"language": language, "upload_id": upload.pk},
    )


@transaction.atomic
def national_import_mapped(
    *,
    actor: Any,
    upload: NationalUpload,
    mapping: Mapping,
    save_as: str = "",
    language: str,
) -> Job:
    """Keep ``mapping`` on the upload (and save it under ``save_as``), then queue
    the import: all of it, or nothing when one step is refused (pages and API)."""
    services.national_upload_map(actor=actor, upload=upload, mapping=mapping)
    if save_as:
        services.column_mapping_save(
            actor=actor, source=upload.edition.source, name=save_as, mapping=mapping
        )
    return national_import_start(actor=actor, upload=upload, language=language)


@transaction.atomic
def national_import_with_places(
    *,
    actor: Any,
    upload: NationalUpload,
    choices: list[tuple[str, Place]],
    language: str,
) -> Job:
    """Remember the place chosen for each unmatched value, then queue the import
    again: both, or neither (pages and API)."""
    services.national_unmatched_resolve(actor=actor, upload=upload, choices=choices)
    return national_import_start(actor=actor, upload=upload, language=language)
