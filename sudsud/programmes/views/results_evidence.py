"""Evidence of a reported actual: download (for those who see the indicator) and
removal behind a confirmation page (for those who may still edit the draft)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from sudsud.programmes import permissions_results as perms
from sudsud.programmes.models import Evidence
from sudsud.programmes.selectors import results as selectors
from sudsud.programmes.services import reporting


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    if evidence is None:
        raise Http404
    return evidence


def may_remove_evidence(user: Any, evidence: Evidence) -> bool:
    update = evidence.update
    return update.status in reporting.EDITABLE and perms.can_report_update(user, update)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file as an attachment, for people who see its indicator."""
    evidence = _evidence(request, pk)
    if not evidence.document:
        raise Http404
    name = evidence.document.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.document.open("rb"), as_attachment=True, filename=name)


class EvidenceRemoveView(LoginRequiredMixin, View):
    """Remove a piece of evidence from a draft or returned actual, after a
    confirmation page."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.evidence = _evidence(request, kwargs["pk"])
        if not may_remove_evidence(request.user, self.evidence):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, "")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            reporting.evidence_remove(actor=request.user, evidence=self.evidence)
        except ValidationError as error:
            return self._render(request, " ".join(error.messages))
        messages.success(request, _("The evidence is removed."))
        return redirect(self._back())

    def _back(self) -> str:
        update = self.evidence.update
        url = reverse("programmes:update_edit", args=[update.period_id])
        return f"{url}?country={update.country_id}" if update.country_id else url

    def _render(self, request: HttpRequest, error: str) -> HttpResponse:
        context = {"evidence": self.evidence, "back": self._back(), "error": error}
        context["indicator"] = self.evidence.update.period.indicator
        return render(request, "programmes/results/evidence_remove.html", context)
