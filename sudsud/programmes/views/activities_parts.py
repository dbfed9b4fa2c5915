"""Pages that change what makes up an activity: partners and sign-off, budget
lines, deliverables. Each form saves through a service; each removal asks for
confirmation on its own page (POST)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from sudsud.places.selectors import country_list
from sudsud.programmes import permissions_activities as perms
from sudsud.programmes.forms_activities import (
    BudgetLineForm,
    DeliverableForm,
    PartnerForm,
)
from sudsud.programmes.models import Activity
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services import activities_parts as services

from .activities import add_service_errors


def _visible_activity(request: HttpRequest, pk: int) -> Activity:
    activity = sel.activity_detail_for_user(user=request.user, pk=pk)
    if activity is None:
        raise Http404
    return activity


def _editable_activity(request: HttpRequest, pk: int) -> Activity:
    activity = _visible_activity(request, pk)
    if not perms.can_edit_activity(request.user, activity):
        raise PermissionDenied
    return activity


def _child(items: Any, pk: int) -> Any:
    found = next((item for item in items.all() if item.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _back(activity: Activity, anchor: str) -> HttpResponse:
    return redirect(f"{activity.get_absolute_url()}#{anchor}")


class PartFormView(LoginRequiredMixin, View):
    """A form about one part of an activity; ``child_pk`` edits an existing one."""

    title: Any = ""
    anchor = ""
    related = ""

    def build(self, request: HttpRequest, activity: Activity, child: Any) -> Any:
        raise NotImplementedError

    def save(self, request: HttpRequest, activity: Activity, child: Any, form: Any):
        raise NotImplementedError

    def _render(self, request: HttpRequest, form: Any, activity: Activity):
        context = {"form": form, "activity": activity, "title": self.title}
        return render(request, "programmes/activities/part_form.html", context)

    def _load(self, request: HttpRequest, pk: int, child_pk: int | None):
        activity = _editable_activity(request, pk)
        child = _child(getattr(activity, self.related), child_pk) if child_pk else None
        return activity, child

    def get(self, request: HttpRequest, pk: int, child_pk: int | None = None):
        activity, child = self._load(request, pk, child_pk)
        return self._render(request, self.build(request, activity, child), activity)

    def post(self, request: HttpRequest, pk: int, child_pk: int | None = None):
        activity, child = self._load(request, pk, child_pk)
        form = self.build(request, activity, child)
        if form.is_valid():
            try:
                self.save(request, activity, child, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The activity was updated."))
                return _back(activity, self.anchor)
        return self._render(request, form, activity)


class PartnerAddView(PartFormView):
    title = gettext_lazy("Add a partner")
    anchor = "partners"
    related = "partners"

    def build(self, request: HttpRequest, activity: Activity, child: Any) -> Any:
        ids = [share.country_id for share in activity.country_shares.all()]
        return PartnerForm(
            request.POST or None,
            organisations=sel.partner_choices(user=request.user),
            countries=country_list().filter(pk__in=ids),
        )

    def save(self, request: HttpRequest, activity: Activity, child: Any, form: Any):
        services.activity_partner_add(
            actor=request.user, activity=activity, **form.cleaned_data
        )


class BudgetLineFormView(PartFormView):
    title = gettext_lazy("Budget line")
    anchor = "budget"
    related = "budget_lines"

    def build(self, request: HttpRequest, activity: Activity, child: Any) -> Any:
        return BudgetLineForm(
            request.POST or None,
            instance=child,
            funders=sel.funder_choices(user=request.user),
            implementers=sel.implementer_choices(user=request.user),
        )

    def save(self, request: HttpRequest, activity: Activity, child: Any, form: Any):
        services.budget_line_save(
            actor=request.user, activity=activity, line=child, **form.service_fields()
        )


class DeliverableFormView(PartFormView):
    title = gettext_lazy("Deliverable")
    anchor = "deliverables"
    related = "deliverables"

    def build(self, request: HttpRequest, activity: Activity, child: Any) -> Any:
        if request.method == "POST":
            return DeliverableForm(request.POST, request.FILES, instance=child)
        return DeliverableForm(instance=child)

    def save(self, request: HttpRequest, activity: Activity, child: Any, form: Any):
        services.deliverable_save(
            actor=request.user,
            activity=activity,
            deliverable=child,
            **form.service_fields(),
        )


class PartConfirmView(LoginRequiredMixin, View):
    """Ask, then do (POST): remove a partner, a budget line, a deliverable, or
    sign off for a lead ministry."""

    question: Any = ""
    anchor = ""
    related = ""
    button = gettext_lazy("Remove")

    def allowed(self, request: HttpRequest, activity: Activity, child: Any) -> bool:
        return perms.can_edit_activity(request.user, activity)

    def act(self, request: HttpRequest, child: Any) -> None:
        raise NotImplementedError

    def label(self, activity: Activity, child: Any) -> str:
        return str(child)

    def _load(self, request: HttpRequest, pk: int, child_pk: int):
        activity = _visible_activity(request, pk)
        child = _child(getattr(activity, self.related), child_pk)
        if not self.allowed(request, activity, child):
            raise PermissionDenied
        return activity, child

    def get(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        activity, child = self._load(request, pk, child_pk)
        context = {
            "activity": activity,
            "object": self.label(activity, child),
            "question": self.question,
            "button": self.button,
        }
        return render(request, "programmes/activities/confirm.html", context)

    def post(self, request: HttpRequest, pk: int, child_pk: int) -> HttpResponse:
        activity, child = self._load(request, pk, child_pk)
        try:
            self.act(request, child)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The activity was updated."))
        return _back(activity, self.anchor)


def partner_label(activity: Activity, partner: Any) -> str:
    """The partner as the reader may see it: a hidden organisation is not named."""
    visible = activity.visible_organisation_ids  # type: ignore[attr-defined]
    if partner.organisation_id in visible:
        return str(partner)
    return _("%(organisation)s (%(role)s)") % {
        "organisation": _("Restricted record"),
        "role": partner.get_role_display(),
    }


class PartnerRemoveView(PartConfirmView):
    question = gettext_lazy("Remove this partner from the activity?")
    anchor = related = "partners"

    def label(self, activity: Activity, child: Any) -> str:
        return partner_label(activity, child)

    def act(self, request: HttpRequest, child: Any) -> None:
        services.activity_partner_remove(actor=request.user, partner=child)


class SignOffView(PartConfirmView):
    question = gettext_lazy("Sign this activity off on behalf of this lead ministry?")
    anchor = related = "partners"
    button = gettext_lazy("Sign off")

    def label(self, activity: Activity, child: Any) -> str:
        return partner_label(activity, child)

    def allowed(self, request: HttpRequest, activity: Activity, child: Any) -> bool:
        return perms.can_sign_off(request.user, child)

    def act(self, request: HttpRequest, child: Any) -> None:
        services.activity_sign_off(actor=request.user, partner=child)


class BudgetLineDeleteView(PartConfirmView):
    question = gettext_lazy("Delete this budget line?")
    anchor = "budget"
    related = "budget_lines"
    button = gettext_lazy("Delete")

    def act(self, request: HttpRequest, child: Any) -> None:
        services.budget_line_delete(actor=request.user, line=child)


class DeliverableDeleteView(PartConfirmView):
    question = gettext_lazy("Delete this deliverable and its document?")
    anchor = related = "deliverables"
    button = gettext_lazy("Delete")

    def act(self, request: HttpRequest, child: Any) -> None:
        services.deliverable_delete(actor=request.user, deliverable=child)


def deliverable_document(request: HttpRequest, pk: int, child_pk: int) -> Any:
    """A deliverable's document, for people who see its activity."""
    activity = _visible_activity(request, pk)
    deliverable = _child(activity.deliverables, child_pk)
    if not deliverable.document:
        raise Http404
    name = deliverable.document.name.rsplit("/", 1)[-1]
    return FileResponse(
        deliverable.document.open("rb"), as_attachment=True, filename=name
    )
