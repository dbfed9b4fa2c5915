"""``/api/v1/atlas/``: sources with their editions, import reports, and UN DESA
workbook uploads queued as background jobs (the same services as the pages)."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.core.api import JobSerializer
from sudsud.core.jobs import job_list_for_user
from sudsud.core.models import Job

from .models import Edition, ImportReport, Source
from .national.tasks import NATIONAL_JOB_KIND
from .selectors.imports import import_report_list, source_list
from .tasks import UNDESA_JOB_KIND, undesa_import_start
from .undesa.layout import KNOWN_EDITIONS


class EditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = ["id", "code", "published_year", "notes", "citation"]


class SourceSerializer(serializers.ModelSerializer):
    editions = EditionSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "id", "code", "name_fr", "name_en", "publisher", "definition",
            "coverage", "licence", "citation", "url", "is_national", "editions",
        ]  # fmt: skip


class ImportReportSerializer(serializers.ModelSerializer):
    edition = serializers.CharField(source="edition.code", default=None)
    source_code = serializers.CharField(source="edition.source.code", default=None)

    class Meta:
        model = ImportReport
        fields = [
            "id", "kind", "source_code", "edition", "file_name", "sha256", "rows_read",
            "values_stored", "warnings", "created_at",
        ]  # fmt: skip


class UndesaUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    edition = serializers.ChoiceField(
        choices=list(KNOWN_EDITIONS), required=False, allow_blank=True
    )


class UndesaJobSerializer(JobSerializer):
    status_url_name = "api:atlas-import-job-detail"


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources of migrant-stock figures, each with its editions."""

    serializer_class = SourceSerializer
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return source_list()


class ImportReportViewSet(viewsets.ReadOnlyModelViewSet):
    """What each import did: rows read, values stored, warnings."""

    serializer_class = ImportReportSerializer
    queryset = ImportReport.objects.none()
    filterset_fields = ["kind"]

    def get_queryset(self) -> QuerySet[ImportReport]:
        return import_report_list()

    @extend_schema(
        request={"multipart/form-data": UndesaUploadSerializer},
        responses={202: UndesaJobSerializer},
        description=(
            "Queue the import of an official UN DESA International Migrant Stock "
            "workbook (2020 or 2024 edition). Poll the job's `url`; its `result` "
            "holds the summary and `report_id`, or the reason for a refusal."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="undesa",
        parser_classes=[MultiPartParser, FormParser],
        serializer_class=UndesaUploadSerializer,
        filter_backends=[],
    )
    def undesa(self, request: Request) -> Response:
        upload = UndesaUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            job = undesa_import_start(
                actor=request.user,
                upload=upload.validated_data["file"],
                language=get_language(),
                edition=upload.validated_data.get("edition", ""),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"file": exc.messages}) from exc
        data = UndesaJobSerializer(job).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]}
        )


class ImportJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Status of a UN DESA or national import you started."""

    serializer_class = UndesaJobSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Job]:
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        kinds = (UNDESA_JOB_KIND, NATIONAL_JOB_KIND)
        return job_list_for_user(user=self.request.user).filter(kind__in=kinds)
