"""``/api/v1/programmes/`` (read) and ``/api/v1/memoranda/`` (read, PATCH), through
the same selectors, services and permissions as the pages."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.organisations.models import Organisation

from . import selectors, services
from .models import (
    Domain,
    Memorandum,
    PartnerCountry,
    Programme,
    ProgrammeFunding,
    ProgrammeImplementer,
)


class PlaceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    iso3 = serializers.CharField()
    name = serializers.CharField()


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    acronym = serializers.CharField()


class FundingSerializer(serializers.ModelSerializer):
    funder = OrganisationRefSerializer()

    class Meta:
        model = ProgrammeFunding
        fields = ["id", "funder", "amount", "currency", "kind", "note", "source"]


class ImplementerSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer()

    class Meta:
        model = ProgrammeImplementer
        fields = ["id", "organisation", "source"]


class PartnerCountrySerializer(serializers.ModelSerializer):
    country = PlaceRefSerializer()
    lead_ministry = OrganisationRefSerializer(allow_null=True)

    class Meta:
        model = PartnerCountry
        fields = [
            "id",
            "country",
            "is_coordinating",
            "lead_ministry",
            "notes",
            "source",
        ]


class MemorandumSerializer(serializers.ModelSerializer):
    first_country = PlaceRefSerializer()
    second_country = PlaceRefSerializer()
    signatory_ministries = OrganisationRefSerializer(many=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Memorandum
        fields = [
            "id",
            "first_country",
            "second_country",
            "title",
            "title_fr",
            "title_en",
            "title_ar",
            "signed_on",
            "signatory_ministries",
            "has_document",
            "notes",
            "source",
        ]

    def get_has_document(self, memorandum: Memorandum) -> bool:
        return bool(memorandum.document)


class MemorandumPatchSerializer(serializers.Serializer):
    """What a PATCH may change; the service checks the rest."""

    title_fr = serializers.CharField(max_length=255, required=False)
    title_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    title_ar = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    signatory_ministries = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False
    )
    document = serializers.FileField(required=False)
    remove_document = serializers.BooleanField(required=False)


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = [
            "id",
            "code",
            "order",
            "name",
            "name_fr",
            "name_en",
            "name_ar",
            "description_fr",
            "description_en",
            "description_ar",
            "source",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    fundings = FundingSerializer(many=True)
    implementers = ImplementerSerializer(many=True)
    partner_countries = PartnerCountrySerializer(many=True)
    memoranda = MemorandumSerializer(many=True)
    domains = DomainSerializer(many=True)

    class Meta:
        model = Programme
        fields = [
            "code",
            "name",
            "name_fr",
            "name_en",
            "name_ar",
            "description_fr",
            "description_en",
            "description_ar",
            "start_date",
            "end_date",
            "currency",
            "iati_identifier",
            "source",
            "fundings",
            "implementers",
            "partner_countries",
            "memoranda",
            "domains",
        ]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]+"

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programme_list_for_user(user=self.request.user)


class MemorandumViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Memoranda; PATCH completes one (signature date, signatories, notes, PDF)
    for programme administrators and coordinators of either country."""

    serializer_class = MemorandumSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Memorandum]:
        return selectors.memorandum_list_for_user(user=self.request.user)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        memorandum = self.get_object()
        patch = MemorandumPatchSerializer(data=request.data, partial=True)
        patch.is_valid(raise_exception=True)
        try:
            updated = services.memorandum_update(
                actor=request.user, memorandum=memorandum, **patch.validated_data
            )
        except DjangoValidationError as error:
            detail = (
                error.message_dict if hasattr(error, "error_dict") else error.messages
            )
            raise ValidationError(detail) from error
        fresh = self.get_queryset().get(pk=updated.pk)
        return Response(MemorandumSerializer(fresh).data)
