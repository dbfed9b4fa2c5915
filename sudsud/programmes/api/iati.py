"""``/api/v1/iati/``: the validation report, the file, and the import — through
the same publication builder, jobs, service and permissions as the pages.

The import always runs as a background job (202 and the job to poll at
``/api/v1/iati/jobs/<id>/``); the file is served synchronously on ``GET`` or
built by a job on ``POST``."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sudsud.core.api import JOB_FIELDS, JobSerializer
from sudsud.core.jobs import job_list_for_user
from sudsud.core.models import Job
from sudsud.programmes.iati.publish import (
    Publication,
    iati_publication_for_user,
    problem_rows,
)
from sudsud.programmes.permissions_iati import can_import_iati
from sudsud.programmes.tasks_iati import (
    JOB_KINDS,
    iati_export_start,
    iati_import_start,
)


def _publication(request: Request) -> Publication:
    publication = iati_publication_for_user(user=request.user)
    if publication is None:
        raise Http404
    return publication


def _report(publication: Publication) -> dict[str, Any]:
    report = publication.report
    return {
        "programme": publication.programme.code,
        "activities": publication.activity_count,
        "xsd_checked": report.xsd_checked,
        "xsd_note": report.xsd_note,
        "publishable": report.is_publishable,
        "problems": problem_rows(publication),
    }


class IatiProblemSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"])
    rule = serializers.CharField()
    message = serializers.CharField()
    fix_label = serializers.CharField()
    fix_url = serializers.CharField()


class IatiReportSerializer(serializers.Serializer):
    programme = serializers.CharField()
    activities = serializers.IntegerField()
    xsd_checked = serializers.BooleanField()
    xsd_note = serializers.CharField()
    publishable = serializers.BooleanField()
    problems = IatiProblemSerializer(many=True)


class IatiJobSerializer(JobSerializer):
    status_url_name = "api:iati-job"
    download = serializers.SerializerMethodField()

    class Meta(JobSerializer.Meta):
        fields = [*JOB_FIELDS, "download"]
        read_only_fields = fields

    def get_download(self, job: Job) -> str:
        """The produced file (export), once the job has succeeded; else empty."""
        return reverse("web:job_download", args=[job.pk]) if job.output_file else ""


def _accepted(job: Job) -> Response:
    data = IatiJobSerializer(job).data
    return Response(
        data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]}
    )


class IatiValidationView(APIView):
    """The validation report of the programme's IATI file (editing roles)."""

    @extend_schema(responses=IatiReportSerializer)
    def get(self, request: Request) -> Response:
        return Response(_report(_publication(request)))


class IatiFileView(APIView):
    """The IATI file.

    ``GET`` stays synchronous for machine clients: the file (application/xml),
    or 409 with the report while it has errors. ``POST`` queues a job that builds,
    validates and attaches the file: 202 with the job; poll its ``url``, then
    fetch its ``download`` (a failed job's ``result`` lists the problems)."""

    @extend_schema(
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY),
            409: IatiReportSerializer,
        }
    )
    def get(self, request: Request) -> Any:
        publication = _publication(request)
        if not publication.report.is_publishable:
            return Response(_report(publication), status=409)
        response = HttpResponse(publication.content(), content_type="application/xml")
        response["Content-Disposition"] = (
            f'attachment; filename="{publication.filename()}"'
        )
        return response

    @extend_schema(request=None, responses={202: IatiJobSerializer})
    def post(self, request: Request) -> Response:
        return _accepted(iati_export_start(actor=request.user, language=get_language()))


class IatiImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class IatiImportApiView(APIView):
    """Queue the import of an ``iati-activities`` file (programme administrators).

    The upload is checked at once (size, type, well-formed ``iati-activities``):
    400 with the reasons. Otherwise 202 with the job; poll its ``url`` until its
    status is ``succeeded`` (``result``: summary, counts, warnings) or ``failed``
    (``result.errors``: nothing was saved)."""

    parser_classes = [MultiPartParser]
    serializer_class = IatiImportSerializer

    @extend_schema(request=IatiImportSerializer, responses={202: IatiJobSerializer})
    def post(self, request: Request) -> Response:
        if not can_import_iati(request.user):
            raise PermissionDenied
        serializer = IatiImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = iati_import_start(
                actor=request.user,
                upload=serializer.validated_data["file"],
                language=get_language(),
            )
        except DjangoValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        return _accepted(job)


class IatiJobView(generics.RetrieveAPIView):
    """Status of an IATI import or file job you started."""

    serializer_class = IatiJobSerializer

    def get_queryset(self) -> QuerySet[Job]:
        if getattr(self, "swagger_fake_view", False):  # the schema's generation
            return Job.objects.none()
        return job_list_for_user(user=self.request.user).filter(kind__in=JOB_KINDS)
