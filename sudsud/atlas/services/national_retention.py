"""Keep national files no longer than needed.

A national file may list people one by one. It is deleted when its import succeeds
(:func:`sudsud.atlas.services.national.national_import`), when a manager abandons
it (:func:`national_upload_discard`), or, never imported, once it is older than
``SUDSUD_NATIONAL_UPLOAD_DAYS`` (:func:`national_uploads_purge`, run daily by the
deployment). The purge also removes files that no upload names any more: an upload
whose transaction rolled back after its file was written leaves one behind.
Records go in the transaction; files only after it commits.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.atlas.models import NationalUpload
from sudsud.atlas.national.tasks import import_pending, pending_imports
from sudsud.atlas.services.national import require_national_manager
from sudsud.core.audit import audit_deleted

UPLOAD_FOLDER = str(NationalUpload._meta.get_field("file").upload_to).rstrip("/")
# A file younger than this may belong to an upload whose transaction is still open.
ORPHAN_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class PurgeResult:
    uploads: int  # stale uploads deleted with their file
    orphans: int  # files that no upload named


def _storage() -> Storage:
    return NationalUpload._meta.get_field("file").storage


def _delete(upload: NationalUpload, *, actor: Any, note: str) -> bool:
    """Delete ``upload`` if it still holds its file; audit only what was deleted
    (another request may have imported or abandoned it meanwhile)."""
    name = upload.file.name if upload.file else ""
    deleted, _counts = (
        NationalUpload.objects.filter(pk=upload.pk).exclude(file="").delete()
    )
    if not deleted:
        return False
    audit_deleted(actor=actor, instance=upload, note=note)
    storage = _storage()
    transaction.on_commit(lambda: storage.delete(name), robust=True)
    return True


@transaction.atomic
def national_upload_discard(*, actor: Any, upload: NationalUpload) -> None:
    """Abandon an upload before its import: the record and its file are deleted.
    Refused while its import is queued or running."""
    require_national_manager(actor)
    if import_pending(upload):
        raise ValidationError(
            _("This file is being imported: wait for the end of its import."),
            code="import_pending",
        )
    if not upload.file:
        raise ValidationError(
            _("This file was already imported: only its report remains."),
            code="imported",
        )
    _delete(upload, actor=actor, note=_("Abandoned before its import."))


def stale_uploads(
    *, now: datetime | None = None, days: int | None = None
) -> QuerySet[NationalUpload]:
    """Uploads still holding their file ``days`` after they were made."""
    days = settings.SUDSUD_NATIONAL_UPLOAD_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    pending = pending_imports().values_list("params__upload_id", flat=True)
    return (
        NationalUpload.objects.filter(created_at__lt=cutoff)
        .exclude(file="")
        .exclude(pk__in=[pk for pk in pending if pk is not None])
    )


def _orphans(now: datetime, *, leaving: set[str]) -> list[str]:
    """Files of the upload folder that no upload names, older than the grace
    period; ``leaving`` are files already deleted (or to be, after commit)."""
    storage = _storage()
    folder = UPLOAD_FOLDER
    if not storage.exists(folder):
        return []
    named = set(NationalUpload.objects.exclude(file="").values_list("file", flat=True))
    found = []
    for file_name in sorted(storage.listdir(folder)[1]):
        name = f"{folder}/{file_name}"
        if name in named or name in leaving:
            continue
        if storage.get_modified_time(name) < now - ORPHAN_GRACE:
            found.append(name)
    return found


def national_uploads_purge(
    *, actor: Any = None, days: int | None = None, now: datetime | None = None
) -> PurgeResult:
    """Delete stale uploads (audited) and orphan files; how many of each."""
    require_national_manager(actor)
    now = now or timezone.now()
    days = settings.SUDSUD_NATIONAL_UPLOAD_DAYS if days is None else days
    if days < 1:
        raise ValueError("days must be 1 or more")
    note = ngettext(
        "Not imported within %(days)d day of its upload.",
        "Not imported within %(days)d days of its upload.",
        days,
    ) % {"days": days}
    with transaction.atomic():
        stale = list(stale_uploads(now=now, days=days))
        leaving = {upload.file.name for upload in stale}
        deleted = sum(_delete(upload, actor=actor, note=note) for upload in stale)
    orphans = _orphans(now, leaving=leaving)
    storage = _storage()
    for name in orphans:
        storage.delete(name)
    return PurgeResult(uploads=deleted, orphans=len(orphans))
