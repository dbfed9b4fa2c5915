"""``/api/v1/atlas/national/``: national sources and the import of their files.

The same steps as the pages, through the same services: create a source and an
edition, upload a file (its header comes back), post a column mapping to queue the
import, answer the country values no place matched, or abandon the file. Jobs are
polled at ``/api/v1/atlas/imports/jobs/<id>/`` like UN DESA imports.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from sudsud.core.api import as_drf_error
from sudsud.places.models import Place
from sudsud.places.selectors import country_list, place_resolve

from .api import EditionSerializer, SourceSerializer, UndesaJobSerializer
from .models import ColumnMapping, NationalUpload, Sex, Source
from .national import selectors
from .national.mapping import (
    AGGREGATED,
    FIELD_LABELS,
    LAYOUTS,
    Mapping,
    mapping_from_dict,
)
from .national.tasks import national_import_mapped, national_import_with_places
from .services import national as services
from .services.national_retention import national_upload_discard


class CanManageNational(BasePermission):
    message = gettext_lazy("Only administrators and data analysts import data.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return services.can_manage_national(request.user)


class NationalSourceInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = list(services.SOURCE_FIELDS)


class EditionInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    published_year = serializers.IntegerField(min_value=1900, max_value=2100)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ColumnMappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ColumnMapping
        fields = ["id", "name", "mapping", "updated_at"]


class NationalUploadSerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(source="edition_id", read_only=True)
    file_kept = serializers.SerializerMethodField()

    class Meta:
        model = NationalUpload
        fields = [
            "id", "edition", "file_name", "extension", "header", "mapping",
            "unmatched", "file_kept", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_file_kept(self, upload: NationalUpload) -> bool:
        """False once imported or abandoned: the file is then deleted."""
        return bool(upload.file)


class UploadInputSerializer(serializers.Serializer):
    edition = serializers.IntegerField()
    file = serializers.FileField()


class ImportInputSerializer(serializers.Serializer):
    mapping = serializers.JSONField(
        required=False,
        help_text="layout, columns, fixed, sex_columns, published (docs/atlas.md).",
    )
    saved_mapping = serializers.IntegerField(
        required=False, help_text="Id of a mapping saved for this source."
    )
    save_as = serializers.CharField(required=False, allow_blank=True, max_length=120)

    def validate_mapping(self, value: Any) -> Mapping:
        """The mapping as given: nothing unknown is silently dropped."""
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                _(
                    "The mapping must be an object: layout, columns, fixed, "
                    "sex_columns, published."
                )
            )
        unknown = sorted(set(value) - MAPPING_KEYS)
        layout = value.get("layout", AGGREGATED)
        errors = [_("Unknown key “%(key)s”.") % {"key": key} for key in unknown]
        if not isinstance(layout, str) or layout not in LAYOUTS:
            errors.append(_("Unknown kind of file “%(layout)s”.") % {"layout": layout})
        parts = {}
        for key, names in (
            ("columns", FIELD_LABELS), ("fixed", FIELD_LABELS),
            ("sex_columns", Sex.values),
        ):  # fmt: skip
            part = value.get(key, {})
            if isinstance(part, dict):  # a fixed year may come as a JSON number
                part = {
                    name: (
                        str(text)
                        if isinstance(text, int | float) and not isinstance(text, bool)
                        else text
                    )
                    for name, text in part.items()
                }
            if not isinstance(part, dict) or not all(
                isinstance(text, str) for text in part.values()
            ):
                errors.append(_("“%(key)s” must map names to texts.") % {"key": key})
                continue
            errors += [
                _("Unknown field “%(field)s” in “%(key)s”.")
                % {"field": name, "key": key}
                for name in sorted(set(part) - set(names))
            ]
            parts[key] = {
                name: text.strip() for name, text in part.items() if text.strip()
            }
        published = value.get("published", False)
        if not isinstance(published, bool):
            errors.append(_("“published” must be true or false."))
        if errors:
            raise serializers.ValidationError(errors)
        return Mapping(layout=str(layout), published=published, **parts)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("mapping" in data) == ("saved_mapping" in data):
            raise serializers.ValidationError(
                _("Give either a mapping or the id of a saved mapping.")
            )
        return data


MAPPING_KEYS = frozenset({"layout", "columns", "fixed", "sex_columns", "published"})


class PlaceChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    place = serializers.CharField(help_text="ISO code, M49 code or name of a country.")


class PlacesInputSerializer(serializers.Serializer):
    places = PlaceChoiceSerializer(many=True)


def _accepted(job: Any) -> Response:
    data = UndesaJobSerializer(job).data
    return Response(
        data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]}
    )


class NationalSourceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """National sources (consular registers, surveys…) with their editions."""

    serializer_class = SourceSerializer
    queryset = Source.objects.none()
    filter_backends: list[Any] = []

    def get_permissions(self) -> Any:
        if self.action in ("create", "editions", "mappings"):
            return [IsAuthenticated(), CanManageNational()]
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[Source]:
        if self.action == "retrieve":
            return Source.objects.filter(is_national=True).prefetch_related("editions")
        return selectors.national_source_list(
            q=self.request.query_params.get("q", "")
        ).prefetch_related("editions")

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Name or code contains")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=NationalSourceInputSerializer, responses={201: SourceSerializer}
    )
    def create(self, request: Request) -> Response:
        data = NationalSourceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            source = services.national_source_create(
                actor=request.user, fields=dict(data.validated_data)
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(SourceSerializer(source).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EditionInputSerializer, responses={201: EditionSerializer})
    @action(detail=True, methods=["post"], serializer_class=EditionInputSerializer)
    def editions(self, request: Request, pk: str) -> Response:
        source = self.get_object()
        data = EditionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            edition = services.national_edition_create(
                actor=request.user, source=source, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(EditionSerializer(edition).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ColumnMappingSerializer(many=True)})
    @action(detail=True, methods=["get"], serializer_class=ColumnMappingSerializer)
    def mappings(self, request: Request, pk: str) -> Response:
        mappings = selectors.column_mapping_list(self.get_object())
        return Response(ColumnMappingSerializer(mappings, many=True).data)


class NationalUploadViewSet(
    mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """A national file between its upload and its import."""

    serializer_class = NationalUploadSerializer
    permission_classes = [IsAuthenticated, CanManageNational]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[NationalUpload]:
        return NationalUpload.objects.select_related("edition__source")

    @extend_schema(
        request={"multipart/form-data": UploadInputSerializer},
        responses={201: NationalUploadSerializer},
        description="Upload a CSV or XLSX file into a national edition; its header "
        "comes back for the mapping.",
    )
    def create(self, request: Request) -> Response:
        data = UploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        edition = selectors.national_edition_find(data.validated_data["edition"])
        if edition is None:
            raise serializers.ValidationError(
                {"edition": [_("No national edition has this id.")]}
            )
        try:
            upload = services.national_upload_create(
                actor=request.user, edition=edition, upload=data.validated_data["file"]
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc, field="file") from exc
        body = NationalUploadSerializer(upload).data
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: NationalUpload) -> None:
        with _refusals(api_settings.NON_FIELD_ERRORS_KEY):
            national_upload_discard(actor=self.request.user, upload=instance)

    def _mapping(self, upload: NationalUpload, data: dict[str, Any]) -> Any:
        if "saved_mapping" not in data:
            return data["mapping"]
        saved = selectors.column_mapping_list(upload.edition.source).filter(
            pk=data["saved_mapping"]
        )
        found = saved.first()
        if found is None:
            raise serializers.ValidationError(
                {"saved_mapping": [_("No such mapping for this source.")]}
            )
        return mapping_from_dict(found.mapping)

    @extend_schema(
        request=ImportInputSerializer,
        responses={202: UndesaJobSerializer},
        description="Check the mapping against the file's header, keep it (and "
        "save it under `save_as`), and queue the import. Poll the job; when its "
        "result says values were not recognised, answer them at `places`.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        serializer_class=ImportInputSerializer,
        parser_classes=[JSONParser, FormParser, MultiPartParser],
    )
    def start_import(self, request: Request, pk: str) -> Response:
        upload = _kept(self.get_object())
        data = ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        mapping = self._mapping(upload, data.validated_data)
        save_as = data.validated_data.get("save_as", "").strip()
        with _refusals("mapping"):
            job = national_import_mapped(
                actor=request.user,
                upload=upload,
                mapping=mapping,
                save_as=save_as,
                language=get_language(),
            )
        return _accepted(job)

    @extend_schema(
        request=PlacesInputSerializer,
        responses={202: UndesaJobSerializer},
        description="Say which country each unmatched value means (remembered for "
        "the next imports), then queue the import again.",
    )
    @action(
        detail=True,
        methods=["post"],
        serializer_class=PlacesInputSerializer,
        parser_classes=[JSONParser],
    )
    def places(self, request: Request, pk: str) -> Response:
        upload = _kept(self.get_object())
        data = PlacesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        choices = _choices(upload, data.validated_data["places"])
        with _refusals(api_settings.NON_FIELD_ERRORS_KEY):
            job = national_import_with_places(
                actor=request.user,
                upload=upload,
                choices=choices,
                language=get_language(),
            )
        return _accepted(job)


class Conflict(APIException):
    """The upload is busy: its import is queued or running."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "import_pending"


@contextmanager
def _refusals(field: str) -> Iterator[None]:
    """A service's refusal as the API's: 409 while an import runs, else 400."""
    try:
        yield
    except DjangoValidationError as exc:
        codes = (
            {error.code for error in exc.error_list}
            if hasattr(exc, "error_list")
            else set()
        )
        if "import_pending" in codes:
            raise Conflict(exc.messages[0]) from exc
        raise as_drf_error(exc, field=field) from exc


def _kept(upload: NationalUpload) -> NationalUpload:
    """``upload`` if its file is still there to import."""
    if not upload.file:
        raise serializers.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: [_("This file was already imported.")]}
        )
    return upload


def _choices(
    upload: NationalUpload, answers: list[dict[str, str]]
) -> list[tuple[str, Place]]:
    """Every unmatched value of ``upload`` with the country given for it."""
    given = {answer["value"]: answer["place"] for answer in answers}
    errors: dict[str, list[str]] = {}
    choices = []
    country_ids = set(country_list().values_list("pk", flat=True))  # one query
    for item in upload.unmatched:
        value = item["value"]
        if value not in given:
            errors[value] = [_("Choose the country this value means.")]
            continue
        place = place_resolve(given[value])
        if place is None or place.pk not in country_ids:
            errors[value] = [
                _("“%(place)s” is not a country we know.") % {"place": given[value]}
            ]
            continue
        choices.append((value, place))
    if not upload.unmatched:
        raise serializers.ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY: [
                    _("Every country value of this file is recognised.")
                ]
            }
        )
    unknown = sorted(set(given) - {item["value"] for item in upload.unmatched})
    for value in unknown:
        errors[value] = [_("This value is not among the file's unmatched values.")]
    if errors:
        raise serializers.ValidationError({"places": errors})
    return choices
