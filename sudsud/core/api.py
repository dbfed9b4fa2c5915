"""What every API endpoint that starts background work answers with."""

from django.urls import reverse
from rest_framework import serializers

from .models import Job

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
