"""Pages of the IATI export (validation report, download) and import.

The import and the building of the file for download run as background jobs;
these pages start them and send the person to the job's page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from sudsud.programmes.iati.forms import IatiImportForm
from sudsud.programmes.iati.publish import Publication, iati_publication_for_user
from sudsud.programmes.permissions_iati import can_import_iati
from sudsud.programmes.tasks_iati import iati_export_start, iati_import_start


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
    """The IATI file.

    * ``POST`` (the "Generate the file" button of the report page): a background
      job builds and validates the whole file and attaches it; the person is sent
      to the job's page, which offers the download (or lists the errors).
    * ``GET`` stays synchronous for scripts and links already in use: the file
      itself, or back to the report while it has errors. Machine clients should
      prefer ``GET /api/v1/iati/file/`` (synchronous, 409 with the report on
      errors) or ``POST /api/v1/iati/file/`` (202 and a job to poll).
    """

    def post(self, request: HttpRequest) -> HttpResponse:
        job = iati_export_start(actor=request.user, language=get_language())
        return redirect("web:job_detail", pk=job.pk)

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
        """Quick checks of the upload here; the import itself runs as a job."""
        form = IatiImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = iati_import_start(
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    language=get_language(),
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect("web:job_detail", pk=job.pk)
        return render(request, self.template_name, {"form": form}, status=400)
