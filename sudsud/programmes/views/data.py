"""Pages of the ``data`` part: exports of results and values (CSV, XLSX), and
the breakdown dimensions administrators manage."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sudsud.accounts.scopes import scope_allows_export
from sudsud.places.selectors import country_list
from sudsud.programmes.exports_results import EXTENSIONS, KINDS, results_export
from sudsud.programmes.forms_data import (
    DimensionForm,
    DimensionValueForm,
    ExportFilterForm,
)
from sudsud.programmes.models import Dimension, DimensionValue
from sudsud.programmes.selectors import activities as activity_sel
from sudsud.programmes.selectors import data as sel
from sudsud.programmes.services import dimensions_admin as services

from .activities import add_service_errors, attachment

PAGE_SIZE = 25
EXPORTS_TEMPLATE = "programmes/data/exports.html"


def _export_form(request: HttpRequest) -> ExportFilterForm:
    if not scope_allows_export(request.user):
        raise PermissionDenied
    user = request.user
    return ExportFilterForm(
        request.GET or None,
        plans=activity_sel.plan_list_for_user(user=user).order_by("code"),
        activities=activity_sel.activity_list_for_user(user=user).order_by("code"),
        countries=country_list().order_by("name_fr"),
    )


class DataExportsView(LoginRequiredMixin, View):
    """The filters and the download buttons."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = _export_form(request)
        if form.is_bound:
            form.is_valid()
        return render(request, EXPORTS_TEMPLATE, {"form": form})


class DataExportDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, kind: str, extension: str) -> HttpResponse:
        if kind not in KINDS or extension not in EXTENSIONS:
            raise Http404
        form = _export_form(request)
        if form.is_bound and not form.is_valid():
            return render(request, EXPORTS_TEMPLATE, {"form": form}, status=400)
        content = results_export(
            kind=kind, extension=extension, user=request.user, filters=form.filters()
        )
        return attachment(content, extension, f"{kind}-{timezone.localdate()}")


# --- Dimensions ---------------------------------------------------------------------


class DimensionListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip()[:100]
        page = Paginator(sel.dimension_list(q=q), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {
            "page_obj": page,
            "dimensions": page.object_list,
            "q": q,
            "can_manage": services.can_manage_dimensions(request.user),
        }
        return render(request, "programmes/data/dimension_list.html", context)


def _dimension_or_404(pk: int) -> Dimension:
    dimension = sel.dimension_get(pk=pk)
    if dimension is None:
        raise Http404
    return dimension


def _require_manager(request: HttpRequest) -> None:
    if not services.can_manage_dimensions(request.user):
        raise PermissionDenied


class DimensionDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        context = {
            "dimension": _dimension_or_404(pk),
            "can_manage": services.can_manage_dimensions(request.user),
        }
        return render(request, "programmes/data/dimension_detail.html", context)


class _EditorView(LoginRequiredMixin, View):
    """Create or edit a dimension or a value through the services."""

    template = "programmes/data/dimension_form.html"

    def load(self, pk: int | None, child_pk: int | None) -> tuple[Any, Any]:
        raise NotImplementedError

    def make_form(self, data: Any, parent: Any, instance: Any) -> Any:
        raise NotImplementedError

    def save(self, request: HttpRequest, form: Any, parent: Any, instance: Any) -> Any:
        raise NotImplementedError

    def _render(self, request: HttpRequest, form: Any, parent: Any, instance: Any):
        context = {"form": form, "parent": parent, "instance": instance}
        return render(request, self.template, context)

    def get(
        self, request: HttpRequest, pk: int | None = None, child_pk: int | None = None
    ) -> HttpResponse:
        _require_manager(request)
        parent, instance = self.load(pk, child_pk)
        return self._render(
            request, self.make_form(None, parent, instance), parent, instance
        )

    def post(
        self, request: HttpRequest, pk: int | None = None, child_pk: int | None = None
    ) -> HttpResponse:
        _require_manager(request)
        parent, instance = self.load(pk, child_pk)
        form = self.make_form(request.POST, parent, instance)
        if form.is_valid():
            try:
                saved = self.save(request, form, parent, instance)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(
                    "programmes:dimension_detail",
                    pk=getattr(saved, "dimension_id", saved.pk),
                )
        return self._render(request, form, parent, instance)


class DimensionFormView(_EditorView):
    def load(self, pk: int | None, child_pk: int | None) -> tuple[Any, Any]:
        return None, (_dimension_or_404(pk) if pk is not None else None)

    def make_form(self, data: Any, parent: Any, instance: Any) -> Any:
        return DimensionForm(data, instance=instance)

    def save(self, request: HttpRequest, form: Any, parent: Any, instance: Any) -> Any:
        return services.dimension_save(
            actor=request.user, dimension=instance, data=form.data_for_service()
        )


class DimensionValueFormView(_EditorView):
    def load(self, pk: int | None, child_pk: int | None) -> tuple[Any, Any]:
        dimension = _dimension_or_404(pk or 0)
        if child_pk is None:
            return dimension, None
        value = sel.dimension_value_get(dimension=dimension, pk=child_pk)
        if value is None:
            raise Http404
        return dimension, value

    def make_form(self, data: Any, parent: Any, instance: Any) -> Any:
        return DimensionValueForm(
            data, instance=instance or DimensionValue(dimension=parent)
        )

    def save(self, request: HttpRequest, form: Any, parent: Any, instance: Any) -> Any:
        return services.dimension_value_save(
            actor=request.user,
            dimension=parent,
            value=instance,
            data=form.data_for_service(),
        )


class DimensionDeleteView(LoginRequiredMixin, View):
    """Confirm, then delete a dimension (``child_pk``: one of its values)."""

    template = "programmes/data/confirm_delete.html"

    def load(self, pk: int, child_pk: int | None) -> tuple[Dimension, Any]:
        dimension = _dimension_or_404(pk)
        if child_pk is None:
            return dimension, dimension
        value = sel.dimension_value_get(dimension=dimension, pk=child_pk)
        if value is None:
            raise Http404
        return dimension, value

    def get(
        self, request: HttpRequest, pk: int, child_pk: int | None = None
    ) -> HttpResponse:
        _require_manager(request)
        dimension, target = self.load(pk, child_pk)
        cell = f"{dimension.code}=" + ("" if child_pk is None else target.code)
        context = {
            "dimension": dimension,
            "object": target,
            "is_value": child_pk is not None,
            "in_use": services.breakdowns_using(cell),
        }
        return render(request, self.template, context)

    def post(
        self, request: HttpRequest, pk: int, child_pk: int | None = None
    ) -> HttpResponse:
        _require_manager(request)
        dimension, target = self.load(pk, child_pk)
        try:
            if child_pk is None:
                services.dimension_delete(actor=request.user, dimension=dimension)
            else:
                services.dimension_value_delete(actor=request.user, value=target)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("programmes:dimension_detail", pk=dimension.pk)
        messages.success(request, _("Deleted."))
        if child_pk is None:
            return redirect("programmes:dimension_list")
        return redirect("programmes:dimension_detail", pk=dimension.pk)
