"""``/api/v1/iati/``: the validation report, the file, and the import — through
the same publication builder, service and permissions as the pages."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sudsud.core.uploads import validate_upload
from sudsud.programmes.iati.publish import Publication, iati_publication_for_user
from sudsud.programmes.permissions_iati import can_import_iati
from sudsud.programmes.services.iati import iati_import


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
        "problems": [
            {
                "identifier": group.identifier,
                "severity": problem.severity,
                "rule": problem.rule,
                "message": problem.message,
                "fix_url": url,
            }
            for group in publication.groups()
            for problem, _label, url in group.problems
        ],
    }


class IatiProblemSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"])
    rule = serializers.CharField()
    message = serializers.CharField()
    fix_url = serializers.CharField()


class IatiReportSerializer(serializers.Serializer):
    programme = serializers.CharField()
    activities = serializers.IntegerField()
    xsd_checked = serializers.BooleanField()
    xsd_note = serializers.CharField()
    publishable = serializers.BooleanField()
    problems = IatiProblemSerializer(many=True)


class IatiImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField())


class IatiValidationView(APIView):
    """The validation report of the programme's IATI file (editing roles)."""

    @extend_schema(responses=IatiReportSerializer)
    def get(self, request: Request) -> Response:
        return Response(_report(_publication(request)))


class IatiFileView(APIView):
    """The IATI file (application/xml); 409 with the report while it has errors."""

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


class IatiImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class IatiImportApiView(APIView):
    """Import an ``iati-activities`` file (programme administrators)."""

    parser_classes = [MultiPartParser]
    serializer_class = IatiImportSerializer

    @extend_schema(request=IatiImportSerializer, responses=IatiImportReportSerializer)
    def post(self, request: Request) -> Response:
        if not can_import_iati(request.user):
            raise PermissionDenied
        serializer = IatiImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            validate_upload(upload, extensions=("xml",))
            report = iati_import(actor=request.user, content=upload.read())
        except DjangoValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        return Response({**report.counts(), "warnings": report.warnings})
