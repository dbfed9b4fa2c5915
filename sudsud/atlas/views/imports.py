"""Pages of the UN DESA imports: upload a workbook, list and open import reports."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views import View

from sudsud.atlas.forms_imports import ImportFilterForm, UndesaImportForm
from sudsud.atlas.national.mapping import REPORT_KIND_LABELS
from sudsud.atlas.selectors.imports import import_report_get, import_report_list
from sudsud.atlas.services.undesa import can_import_undesa
from sudsud.atlas.tasks import undesa_import_start
from sudsud.atlas.undesa.layout import KIND_LABELS

REPORT_KINDS = {**KIND_LABELS, **REPORT_KIND_LABELS}

PAGE_SIZE = 25


class UndesaImportView(LoginRequiredMixin, View):
    template_name = "atlas/imports/undesa_import.html"

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated and not can_import_undesa(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UndesaImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UndesaImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = undesa_import_start(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    language=get_language(),
                    edition=form.cleaned_data["edition"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect("web:job_detail", pk=job.pk)
        return render(request, self.template_name, {"form": form})


class ImportListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        filters = ImportFilterForm(request.GET or None)
        data = filters.cleaned_data if filters.is_valid() else {}
        reports = import_report_list(
            q=data.get("q", ""),
            kind=data.get("kind", ""),
            edition=data.get("edition", ""),
        )
        page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filters": filters,
            "page_obj": page,
            "kinds": REPORT_KINDS,
            "can_import": can_import_undesa(request.user),
        }
        return render(request, "atlas/imports/import_list.html", context)


class ImportDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = import_report_get(pk)
        context = {"report": report, "kind": REPORT_KINDS.get(report.kind, report.kind)}
        return render(request, "atlas/imports/import_detail.html", context)
