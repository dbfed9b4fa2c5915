"""Reads of the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def audit_entries_for(instance: models.Model) -> QuerySet[AuditEntry]:
    """The history of one record, newest first."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(
        content_type=content_type, object_id=str(instance.pk)
    ).select_related("actor")
