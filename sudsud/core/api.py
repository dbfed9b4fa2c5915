"""What API endpoints share: a service's refusal as DRF's, and the answer of every
endpoint that starts background work."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers
from rest_framework.settings import api_settings

from .models import Job


def as_drf_error(
    error: DjangoValidationError, *, field: str = api_settings.NON_FIELD_ERRORS_KEY
) -> serializers.ValidationError:
    """A service's ``ValidationError`` as DRF's (a 400): a model's errors by field,
    its whole-object errors under DRF's key; any other under ``field``."""
    if not hasattr(error, "error_dict"):
        return serializers.ValidationError({field: error.messages})
    errors = dict(error.message_dict)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(errors)


JOB_FIELDS = [
    "id", "kind", "status", "progress", "total", "percent", "result",
    "created_at", "finished_at", "url", "page",
]  # fmt: skip


class JobSerializer(serializers.ModelSerializer):
    """A background job as API clients poll it. Each app names, in
    ``status_url_name``, the endpoint where its jobs are polled."""

    status_url_name = ""
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = JOB_FIELDS
        read_only_fields = JOB_FIELDS

    def get_url(self, job: Job) -> str:
        """Where to poll the job's status."""
        return reverse(self.status_url_name, args=[job.pk])

    def get_page(self, job: Job) -> str:
        """The job's page in the browser."""
        return reverse("web:job_detail", args=[job.pk])
