"""``/api/v1/programmes/`` (read) and ``/api/v1/memoranda/`` (read, PATCH), through
the same selectors, services and permissions as the pages."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.organisations.models import Organisation
from sudsud.organisations.selectors import organisation_list_for_user
from sudsud.programmes import selectors, services
from sudsud.programmes.models import (
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
    """An organisation named by the programme; one the reader may not see is
    ``{"id": null, "name": "Restricted record", "acronym": "", "hidden": true}``."""

    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    acronym = serializers.CharField()
    hidden = serializers.BooleanField()


def organisation_ref(organisation: Organisation | None) -> dict[str, Any]:
    """``organisation`` as the reader may see it (``None``: hidden from them)."""
    if organisation is None:
        return {
            "id": None,
            "name": _("Restricted record"),
            "acronym": "",
            "hidden": True,
        }
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "hidden": False,
    }


class FundingSerializer(serializers.ModelSerializer):
    funder = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeFunding
        fields = ["id", "funder", "amount", "currency", "kind", "note", "source"]

    @extend_schema_field(OrganisationRefSerializer)
    def get_funder(self, funding: ProgrammeFunding) -> dict[str, Any]:
        return organisation_ref(getattr(funding, "visible_funder", None))


class ImplementerSerializer(serializers.ModelSerializer):
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeImplementer
        fields = ["id", "organisation", "source"]

    @extend_schema_field(OrganisationRefSerializer)
    def get_organisation(self, implementer: ProgrammeImplementer) -> dict[str, Any]:
        return organisation_ref(getattr(implementer, "visible_organisation", None))


class PartnerCountrySerializer(serializers.ModelSerializer):
    country = PlaceRefSerializer()
    lead_ministry = serializers.SerializerMethodField()

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

    @extend_schema_field(OrganisationRefSerializer(allow_null=True))
    def get_lead_ministry(self, partner: PartnerCountry) -> dict[str, Any] | None:
        if partner.lead_ministry_id is None:
            return None
        return organisation_ref(getattr(partner, "visible_lead_ministry", None))


class MemorandumSerializer(serializers.ModelSerializer):
    first_country = PlaceRefSerializer()
    second_country = PlaceRefSerializer()
    signatory_ministries = serializers.SerializerMethodField()
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

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_signatory_ministries(self, memorandum: Memorandum) -> list[dict[str, Any]]:
        """The visible signatories, then one placeholder if any is hidden."""
        visible = getattr(memorandum, "visible_signatories", [])
        refs = [organisation_ref(organisation) for organisation in visible]
        if getattr(memorandum, "signatory_count", 0) > len(visible):
            refs.append(organisation_ref(None))
        return refs


class MemorandumPatchSerializer(serializers.Serializer):
    """What a PATCH may change; the service checks the rest. Signatories are
    looked up among the organisations the user may see: any other id does not
    exist. Signatories hidden from the user stay as they are."""

    title_fr = serializers.CharField(max_length=255, required=False)
    title_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    title_ar = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    signatory_ministries = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), many=True, required=False
    )
    document = serializers.FileField(required=False)
    remove_document = serializers.BooleanField(required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["signatory_ministries"]
        visible = organisation_list_for_user(user=user, archived=None)
        field.child_relation.queryset = visible  # type: ignore[attr-defined]


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
        patch = MemorandumPatchSerializer(
            data=request.data, partial=True, user=request.user
        )
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
