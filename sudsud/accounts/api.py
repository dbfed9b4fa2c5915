"""API of accounts: the signed-in person (``me``), tokens, and user management for
programme administrators, through the same services as the pages."""

from typing import Any, cast

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Role, User
from .scopes import scope_for
from .selectors import (
    country_choices,
    totp_device_confirmed,
    two_factor_required,
    user_list_for_user,
)
from .services import (
    UserFields,
    api_token_create,
    totp_device_verify,
    user_create,
    user_update,
)


def _validation(error: DjangoValidationError) -> ValidationError:
    return ValidationError(getattr(error, "message_dict", None) or error.messages)


class MeSerializer(serializers.ModelSerializer):
    two_factor = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "language",
            "role",
            "programme_wide",
            "countries",
            "two_factor",
        ]
        read_only_fields = [
            "id",
            "username",
            "email",
            "role",
            "programme_wide",
            "countries",
        ]

    def get_two_factor(self, user: User) -> bool:
        return totp_device_confirmed(user) is not None


class MeView(APIView):
    """GET your account; PATCH your names and preferred language."""

    serializer_class = MeSerializer

    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

    def patch(self, request: Request) -> Response:
        serializer = MeSerializer(request.user, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            me = cast(User, request.user)
            user = user_update(actor=me, user=me, changes=serializer.validated_data)
        except DjangoValidationError as error:
            raise _validation(error) from error
        return Response(MeSerializer(user).data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    otp_token = serializers.CharField(required=False, allow_blank=True)


def _check_second_factor(user: Any, code: str) -> None:
    if totp_device_confirmed(user) is None:
        return
    if not code:  # asked for, without counting as a failed attempt
        raise ValidationError({"otp_token": _("A two-factor code is required.")})
    if totp_device_verify(user=user, token=code) is None:
        raise ValidationError({"otp_token": _("This two-factor code is not valid.")})


class TokenView(APIView):
    """POST user name and password (and ``otp_token`` when two-factor
    authentication is on) to get a new API token. Failures count towards the same
    lockout as the sign-in page."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    serializer_class = TokenRequestSerializer

    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        http_request = request._request  # axes needs Django's own request
        user = authenticate(
            http_request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(http_request, "axes_locked_out", False):
            # Answer in JSON ourselves rather than with the HTML lockout page.
            setattr(http_request, "axes_locked_out", False)  # noqa: B010
            return Response(
                {"detail": _("Too many failed attempts. Try again later.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if user is None:
            raise ValidationError({"detail": _("Wrong user name or password.")})
        if two_factor_required(user):
            raise PermissionDenied(
                _(
                    "Your role requires two-factor authentication. Turn it on to continue."
                )
            )
        _check_second_factor(user, data.validated_data.get("otp_token", ""))
        token = api_token_create(actor=user, user=user)
        return Response({"token": token.key}, status=status.HTTP_201_CREATED)


class IsProgrammeAdmin(permissions.BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return scope_for(request.user).is_programme_admin


class UserSerializer(serializers.ModelSerializer):
    countries = serializers.PrimaryKeyRelatedField(
        many=True, queryset=country_choices(), required=False
    )
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "language",
            "role",
            "programme_wide",
            "countries",
            "is_active",
            "last_login",
            "date_joined",
            "password",
        ]
        read_only_fields = ["id", "last_login", "date_joined"]


# The largest primary key the databases store (64-bit): beyond, SQLite overflows.
MAX_ID = 2**63 - 1


class UserFilterSerializer(serializers.Serializer):
    """The list's query parameters, checked: a bad value gets a 400 with a message."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=gettext_lazy("Name, user name or e-mail."),
    )
    role = serializers.ChoiceField(
        choices=Role.choices, required=False, allow_blank=True
    )
    country = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=gettext_lazy("Country"),
    )
    is_active = serializers.BooleanField(required=False)


CREATE_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "role",
    "programme_wide",
    "language",
)


@extend_schema_view(list=extend_schema(parameters=[UserFilterSerializer]))
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts, for programme administrators. Filters: ``q`` (name, user name,
    e-mail), ``role``, ``country`` (place id), ``is_active`` (true/false). Accounts
    are never deleted: PATCH ``is_active`` to false."""

    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated, IsProgrammeAdmin]

    def get_queryset(self) -> Any:
        filters = UserFilterSerializer(data=self.request.query_params.dict())
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        return user_list_for_user(
            user=self.request.user,
            query=data.get("q", ""),
            role=data.get("role", ""),
            country_id=data.get("country"),
            is_active=data.get("is_active"),
        )

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        fields = UserFields(**{key: data[key] for key in CREATE_FIELDS if key in data})
        try:
            serializer.instance = user_create(
                actor=self.request.user,
                fields=fields,
                countries=data.get("countries", ()),
                password=data.get("password"),
                site_url=self.request.build_absolute_uri("/"),
            )
        except DjangoValidationError as error:
            raise _validation(error) from error

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        countries = data.pop("countries", None)
        if data.pop("password", None):
            raise ValidationError(
                {"password": _("People change their password themselves.")}
            )
        data.pop("username", None)
        try:
            serializer.instance = user_update(
                actor=self.request.user,
                user=serializer.instance,
                changes=data,
                countries=countries,
            )
        except DjangoValidationError as error:
            raise _validation(error) from error
