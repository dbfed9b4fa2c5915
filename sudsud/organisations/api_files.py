"""Files through the API, like the pages: the filtered list as CSV or XLSX, an
import started as a background job, and the status of one's own import jobs."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.core.api import JobSerializer
from sudsud.core.jobs import job_list_for_user
from sudsud.core.models import Job

from . import exports, permissions
from .tasks import IMPORT_JOB_KIND, organisations_import_start

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportJobSerializer(JobSerializer):
    status_url_name = "api:organisation-job-detail"


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """``?format=`` names the file to export, not DRF's renderer: errors are JSON."""

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=list(EXPORT_FORMATS), default="csv", description="File type."
)


class OrganisationFilesMixin(viewsets.GenericViewSet):
    """Actions of ``OrganisationViewSet`` (which provides the filtered queryset)."""

    @extend_schema(
        parameters=[FORMAT_PARAMETER],
        filters=True,
        responses={
            (200, EXPORT_FORMATS["csv"]): OpenApiTypes.BINARY,
            (200, EXPORT_FORMATS["xlsx"]): OpenApiTypes.BINARY,
        },
        description="The list with the same filters, as CSV or XLSX.",
    )
    @action(
        detail=False,
        methods=["get"],
        content_negotiation_class=JsonOnlyNegotiation,
        pagination_class=None,
    )
    def export(self, request: Request) -> HttpResponse:
        if not permissions.can_export_organisations(request.user):
            raise PermissionDenied
        extension = request.query_params.get("format", "csv")
        if extension not in EXPORT_FORMATS:
            message = _("Unsupported file type “%(suffix)s”. Accepted: %(accepted)s.")
            accepted = ", ".join(EXPORT_FORMATS)
            raise serializers.ValidationError(
                {"format": [message % {"suffix": extension, "accepted": accepted}]}
            )
        organisations: QuerySet[Any] = self.filter_queryset(self.get_queryset())
        content = exports.organisations_export(
            organisations, user=request.user, extension=extension
        )
        response = HttpResponse(content, content_type=EXPORT_FORMATS[extension])
        stem = f"organisations-{timezone.localdate():%Y-%m-%d}"
        response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
        return response

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: ImportJobSerializer},
        description=(
            "Queue the import of a CSV or XLSX file (the template of the pages). "
            "Poll the job's `url` until its status is `succeeded` or `failed`; "
            "`result` then holds the summary or every error by line."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=ImportUploadSerializer,
    )
    def import_file(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            job = organisations_import_start(
                actor=request.user,
                upload=upload.validated_data["file"],
                language=get_language(),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"file": exc.messages}) from exc
        data = ImportJobSerializer(job).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]}
        )


class OrganisationJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Status of an organisations import you started."""

    serializer_class = ImportJobSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Job]:
        if getattr(self, "swagger_fake_view", False):  # the schema's generation
            return Job.objects.none()
        return job_list_for_user(user=self.request.user).filter(kind=IMPORT_JOB_KIND)
