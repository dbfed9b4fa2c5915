from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views import View

from sudsud.organisations import exports, permissions, selectors
from sudsud.organisations.forms import ImportForm, OrganisationFilterForm
from sudsud.organisations.tasks import organisations_import_start

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _attachment(content: bytes, extension: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


class OrganisationExportView(LoginRequiredMixin, View):
    """The current filtered list, as CSV or XLSX."""

    def get(self, request: HttpRequest, extension: str) -> HttpResponse:
        if not permissions.can_export_organisations(request.user):
            raise PermissionDenied
        form = OrganisationFilterForm(request.GET or None)
        organisations = selectors.organisation_list_for_user(
            user=request.user, **form.selector_filters()
        )
        content = exports.organisations_export(
            organisations, user=request.user, extension=extension
        )
        stem = f"organisations-{timezone.localdate():%Y-%m-%d}"
        return _attachment(content, extension, stem)


def organisation_import_template(request: HttpRequest, extension: str) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    builders = {
        "csv": exports.import_template_csv,
        "xlsx": exports.import_template_xlsx,
    }
    return _attachment(builders[extension](), extension, "organisations-template")


class OrganisationImportView(LoginRequiredMixin, View):
    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_import_organisations(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request, "organisations/organisation_import.html", {"form": ImportForm()}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = organisations_import_start(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    language=get_language(),
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect("web:job_detail", pk=job.pk)
        return render(request, "organisations/organisation_import.html", {"form": form})
