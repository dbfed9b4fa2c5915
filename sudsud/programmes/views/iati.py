"""Pages of the IATI export (validation report, download) and import."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.programmes.iati.forms import IatiImportForm
from sudsud.programmes.iati.publish import Publication, iati_publication_for_user
from sudsud.programmes.permissions_iati import can_import_iati
from sudsud.programmes.services.iati import iati_import


def _publication(request: HttpRequest) -> Publication:
    publication = iati_publication_for_user(user=request.user)
    if publication is None:
        raise Http404
    return publication


class IatiExportView(LoginRequiredMixin, View):
    """The file's validation report, per activity, and the download button."""

    def get(self, request: HttpRequest) -> HttpResponse:
        publication = _publication(request)
        return render(
            request,
            "programmes/iati/export.html",
            {
                "publication": publication,
                "programme": publication.programme,
                "report": publication.report,
                "groups": publication.groups(),
                "can_import": can_import_iati(request.user),
            },
        )


class IatiDownloadView(LoginRequiredMixin, View):
    """The file itself; refused (back to the report) while it has errors."""

    def get(self, request: HttpRequest) -> HttpResponse:
        publication = _publication(request)
        if not publication.report.is_publishable:
            messages.error(
                request, _("The IATI file has errors: correct them before downloading.")
            )
            return redirect("programmes:iati_export")
        response = HttpResponse(publication.content(), content_type="application/xml")
        response["Content-Disposition"] = (
            f'attachment; filename="{publication.filename()}"'
        )
        return response


class IatiImportView(LoginRequiredMixin, View):
    template_name = "programmes/iati/import.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not can_import_iati(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": IatiImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = IatiImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            try:
                report = iati_import(
                    actor=request.user, content=form.cleaned_data["file"].read()
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
        status = 200 if report is not None else 400
        context = {"form": form, "report": report}
        return render(request, self.template_name, context, status=status)
