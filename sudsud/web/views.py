"""Pages of the site shell: home, health check, background jobs, audit trail."""

from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from sudsud.core.jobs import job_list_for_user
from sudsud.core.models import Job

from .audit_views import AuditListView

__all__ = [
    "AuditListView",
    "HomeView",
    "JobDetailView",
    "bad_request",
    "healthz",
    "job_download",
]

# The platform's modules, in the order of the programme's document. ``url`` is empty
# until the module exists, and the home page says so instead of linking nowhere.
MODULES = [
    (
        "programmes:programme_detail_current",
        _("Programme & results monitoring"),
        _("Action plans, activities, indicators, donor reporting and IATI."),
    ),
    (
        "atlas:home",
        _("Diaspora atlas"),
        _("Maps of the Ivorian, Malian, Senegalese and Moroccan diasporas."),
    ),
    (
        "",
        _("Data collection & processing"),
        _("Diaspora surveys, cleaning, publication and a training workspace."),
    ),
    (
        "",
        _("Decentralised cooperation"),
        _("Local authorities, partnerships and the forum of local authorities."),
    ),
    (
        "organisations:organisation_list",
        _("Organisations & diaspora associations"),
        _("The registry of ministries, agencies, local authorities and associations."),
    ),
    (
        "",
        _("South–South volunteering"),
        _("Missions, matching, placements, evaluations and recommendations."),
    ),
    (
        "",
        _("Exchanges"),
        _("Study visits, thematic meetings and a good-practice library."),
    ),
    (
        "",
        _("Access to rights"),
        _("Services and referral pathways for returnees and vulnerable migrants."),
    ),
]


class HomeView(TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(modules=MODULES, **kwargs)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 page with the site's layout, saying what the upload limit is."""
    context = {"max_upload": settings.SUDSUD_MAX_UPLOAD_BYTES}
    return render(request, "400.html", context, status=400)


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class JobDetailView(LoginRequiredMixin, DetailView):
    """Progress of a background job. Refreshes itself while running, with a
    ``<meta http-equiv=refresh>`` so it works without JavaScript."""

    template_name = "web/job_detail.html"
    context_object_name = "job"

    def get_queryset(self) -> QuerySet[Job]:
        return job_list_for_user(user=self.request.user)


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    if not request.user.is_authenticated:
        raise Http404
    job: Job = get_object_or_404(job_list_for_user(user=request.user), pk=pk)
    if not job.output_file:
        raise Http404
    name = job.output_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.output_file.open("rb"), as_attachment=True, filename=name)
