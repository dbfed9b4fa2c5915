"""Pages of donor frameworks: the catalogues, importing one, mapping an indicator
to framework indicators, and the report of a framework over a date range."""

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from sudsud.accounts.scopes import scope_allows_export
from sudsud.core.exports import csv_bytes, xlsx_bytes
from sudsud.core.uploads import validate_upload
from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.programmes.models import FrameworkCatalogue, FrameworkIndicator
from sudsud.programmes.selectors import frameworks as selectors
from sudsud.programmes.services import frameworks as services

PAGE_SIZE = 25


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: number (or code), label_en, optional label_fr and unit; "
            "header on line 1."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    code = forms.SlugField(
        label=gettext_lazy("Catalogue code"),
        max_length=60,
        help_text=gettext_lazy("For example eutf-cop, bmz, logframe."),
    )
    version = forms.CharField(
        label=gettext_lazy("Version"),
        max_length=40,
        help_text=gettext_lazy(
            "For example 2021-12. A new version creates a new catalogue."
        ),
    )
    name_fr = forms.CharField(label=gettext_lazy("Name (French)"), max_length=255)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=255)
    funder = forms.ModelChoiceField(
        label=gettext_lazy("Funder"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.DONOR),
        required=False,
    )


class MappingForm(forms.Form):
    framework_indicators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Framework indicators"),
        queryset=FrameworkIndicator.objects.all(),
        required=False,
    )


class ReportForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"))
    end = forms.DateField(label=gettext_lazy("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The end of the range is before its start."))
        return data


def _catalogue_or_404(request: HttpRequest, pk: int) -> FrameworkCatalogue:
    catalogue = selectors.framework_catalogue_get_for_user(user=request.user, pk=pk)
    if catalogue is None:
        raise Http404
    return catalogue


class FrameworkListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        catalogues = selectors.framework_catalogue_list_for_user(user=request.user)
        return render(
            request,
            "programmes/frameworks/framework_list.html",
            {
                "catalogues": catalogues,
                "can_import": services.can_import_frameworks(request.user),
            },
        )


class FrameworkDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        catalogue = _catalogue_or_404(request, pk)
        query = request.GET.get("q", "").strip()
        indicators = selectors.framework_indicator_list_for_user(
            user=request.user, catalogue=catalogue, query=query
        )
        page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "programmes/frameworks/framework_detail.html",
            {"catalogue": catalogue, "page": page, "q": query},
        )


class FrameworkImportView(LoginRequiredMixin, View):
    template_name = "programmes/frameworks/framework_import.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not services.can_import_frameworks(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": CatalogueImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CatalogueImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("file")
            try:
                extension = validate_upload(upload, extensions=("csv", "xlsx"))
                catalogue = services.framework_catalogue_import(
                    actor=request.user, data=upload.read(), extension=extension, **data
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("The catalogue was imported."))
                return redirect("programmes:framework_detail", pk=catalogue.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class IndicatorFrameworksView(LoginRequiredMixin, View):
    """The framework indicators a programme indicator counts for."""

    template_name = "programmes/frameworks/indicator_frameworks.html"

    def _context(self, request: HttpRequest, pk: int) -> dict[str, Any]:
        indicator = selectors.indicator_get_for_user(user=request.user, pk=pk)
        if indicator is None:
            raise Http404
        return {
            "indicator": indicator,
            "catalogues": selectors.framework_choices_for_indicator(user=request.user),
            "selected": set(
                indicator.framework_indicators.values_list("pk", flat=True)
            ),
            "can_map": services.can_map_indicator(request.user, indicator),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self._context(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        context = self._context(request, pk)
        if not context["can_map"]:
            raise PermissionDenied
        form = MappingForm(request.POST)
        if not form.is_valid():
            context["errors"] = form.errors
            return render(request, self.template_name, context, status=400)
        services.indicator_map_frameworks(
            actor=request.user,
            indicator=context["indicator"],
            framework_indicators=form.cleaned_data["framework_indicators"],
        )
        messages.success(request, _("The framework indicators were saved."))
        return redirect("programmes:indicator_frameworks", pk=pk)


def _default_range() -> dict[str, dt.date]:
    year = timezone.localdate().year
    return {"start": dt.date(year - 1, 1, 1), "end": dt.date(year, 12, 31)}


def report_download(
    catalogue: FrameworkCatalogue, lines: list, fmt: str
) -> HttpResponse:
    rows = selectors.framework_report_rows(lines)
    name = f"{catalogue.code}-{catalogue.version}-report"
    if fmt == "xlsx":
        body = xlsx_bytes(selectors.REPORT_COLUMNS, rows, sheet_title="report")
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        body, content_type = csv_bytes(selectors.REPORT_COLUMNS, rows), "text/csv"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class FrameworkReportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        catalogue = _catalogue_or_404(request, pk)
        form = ReportForm(request.GET or _default_range())
        context: dict[str, Any] = {
            "catalogue": catalogue,
            "form": form,
            "can_export": scope_allows_export(request.user),
            "lines": None,
        }
        if form.is_valid():
            lines = selectors.framework_report(
                user=request.user, catalogue=catalogue, **form.cleaned_data
            )
            fmt = request.GET.get("format", "")
            if fmt in {"csv", "xlsx"}:
                if not scope_allows_export(request.user):
                    raise PermissionDenied
                return report_download(catalogue, lines, fmt)
            context.update(lines=lines, query=form.data)
        status = 200 if form.is_valid() else 400
        return render(
            request,
            "programmes/frameworks/framework_report.html",
            context,
            status=status,
        )
