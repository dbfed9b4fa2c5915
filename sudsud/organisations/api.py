"""REST API of the registry: the same selectors, services and permissions as the
pages. Invisible records are 404, refused writes 403, invalid data 400."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.places.selectors import country_list

from . import permissions, selectors, services
from .api_files import OrganisationFilesMixin
from .api_filters import ContactFilter, OrganisationFilter
from .models import Contact, Organisation


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn a service's ``ValidationError`` into a 400 with its messages."""
    try:
        yield
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise serializers.ValidationError(detail) from exc


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=country_list())
    scope_country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=country_list(), required=False, allow_null=True
    )
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Organisation.objects.none(), required=False, allow_null=True
    )
    is_archived = serializers.BooleanField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "name_ar", "acronym", "kind", "country", "scope_country",
            "city", "parent", "iati_identifier", "registration_number", "website",
            "email", "phone", "description", "is_restricted", "is_archived",
            "archived_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["archived_at", "created_at", "updated_at"]
        validators: list[Any] = []  # the service checks uniqueness, with its message
        extra_kwargs: dict[str, Any] = {"iati_identifier": {"validators": []}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["parent"].queryset = selectors.organisation_list_for_user(  # type: ignore[attr-defined]
                user=request.user
            )

    def to_representation(self, instance: Organisation) -> dict[str, Any]:
        """A parent the caller may not see is shown as none."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = request.user if request is not None else None
        if not permissions.can_view_parent(user, instance):
            data["parent"] = None
        return data


class ContactSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none()
    )

    class Meta:
        model = Contact
        fields = [
            "id", "organisation", "full_name", "role", "email", "phone",
            "mandate_start", "mandate_end", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
                selectors.organisation_list_for_user(user=request.user, archived=None)
            )


LISTING_ACTIONS = frozenset({"list", "export"})


class OrganisationViewSet(
    OrganisationFilesMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations. Filters: ``kind``, ``country`` and ``scope_country`` (ISO3),
    ``archived`` (``true``, ``false`` — the default — or ``all``), ``q`` (search).
    An invalid filter is a 400. A ``parent`` you may not see is shown as null and
    kept as it is."""

    serializer_class = OrganisationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list_for_user(
            user=self.request.user, archived=None
        )

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action not in LISTING_ACTIONS:
            return queryset  # a record is found by its id, archived or not
        return super().filter_queryset(queryset)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        with service_errors():
            serializer.instance = services.organisation_create(
                actor=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        organisation: Organisation = serializer.instance  # type: ignore[assignment]
        data = dict(serializer.validated_data)
        if organisation.parent_id and not permissions.can_view_parent(
            self.request.user, organisation
        ):
            data.pop("parent", None)  # shown as null: sending it back changes nothing
        with service_errors():
            serializer.instance = services.organisation_update(
                actor=self.request.user, organisation=organisation, **data
            )

    def _toggle(self, service: Callable[..., Organisation]) -> Response:
        organisation = service(actor=self.request.user, organisation=self.get_object())
        return Response(self.get_serializer(organisation).data)

    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: Any = None) -> Response:
        return self._toggle(services.organisation_archive)

    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: Any = None) -> Response:
        return self._toggle(services.organisation_restore)


class ContactViewSet(viewsets.ModelViewSet):
    """Contacts of organisations whose contacts you may see. Filter:
    ``organisation`` (id)."""

    serializer_class = ContactSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContactFilter

    def get_queryset(self) -> QuerySet[Contact]:
        return selectors.contact_list_for_user(user=self.request.user)

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        with service_errors():
            serializer.instance = services.contact_create(
                actor=self.request.user, **serializer.validated_data
            )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        contact: Contact = serializer.instance  # type: ignore[assignment]
        data = dict(serializer.validated_data)
        if data.pop("organisation", contact.organisation) != contact.organisation:
            raise serializers.ValidationError(
                {"organisation": [_("A contact cannot move to another organisation.")]}
            )
        with service_errors():
            serializer.instance = services.contact_update(
                actor=self.request.user, contact=contact, **data
            )

    def perform_destroy(self, instance: Contact) -> None:
        services.contact_delete(actor=self.request.user, contact=instance)
