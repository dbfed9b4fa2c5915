"""Pages of action plans and activities: browse, filter, create, edit and delete,
export, and import a plan from the platform's XLSX template (a background job)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from sudsud.core.selectors import audit_entries_for
from sudsud.places.selectors import country_list
from sudsud.programmes import permissions_activities as perms
from sudsud.programmes.exports_activities import (
    activities_export,
    plan_import_template,
)
from sudsud.programmes.forms_activities import (
    ActivityFilterForm,
    ActivityForm,
    PlanForm,
    PlanImportForm,
)
from sudsud.programmes.models import ActionPlan, Activity, Programme
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.selectors.activities_deletion import (
    activity_deletion_summary,
    plan_deletion_summary,
)
from sudsud.programmes.services.activities import (
    activity_create,
    activity_update,
    plan_create,
    plan_update,
)
from sudsud.programmes.services.activities_deletion import (
    activity_delete,
    activity_delete_refusals,
    plan_delete,
    plan_delete_refusals,
)
from sudsud.programmes.tasks_activities import plan_import_start

PAGE_SIZE = 25
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def add_service_errors(form: Any, error: ValidationError) -> None:
    """Put a service's errors next to their fields, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


def attachment(content: bytes, extension: str, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


def _programme(request: HttpRequest) -> Programme:
    programme = sel.activity_programme_for_user(user=request.user)
    if programme is None:
        raise Http404
    return programme


def _plan_or_404(request: HttpRequest, pk: int) -> ActionPlan:
    plan = sel.plan_get_for_user(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _filter_form(request: HttpRequest, data: Any) -> ActivityFilterForm:
    user = request.user
    return ActivityFilterForm(
        data,
        plans=sel.plan_list_for_user(user=user),
        implementers=sel.implementer_choices(user=user),
        ministries=sel.ministry_choices_all(user=user),
    )


# --- Plans ------------------------------------------------------------------------


class PlanListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "plans": sel.plan_overview_for_user(user=request.user),
            "can_create": perms.can_create_plan(request.user),
        }
        return render(request, "programmes/activities/plan_list.html", context)


class PlanDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = _plan_or_404(request, pk)
        filters = sel.ActivityFilters(plan=plan)
        activities = sel.activity_search_for_user(user=request.user, filters=filters)
        context = {
            "plan": plan,
            "activities": activities,
            "can_edit": perms.can_edit_plan(request.user, plan),
            "can_delete": perms.can_delete_plan(request.user, plan),
            "can_create_activity": perms.can_create_activity(request.user),
        }
        return render(request, "programmes/activities/plan_detail.html", context)


class PlanFormView(LoginRequiredMixin, View):
    """Create a plan (no ``pk``) or edit one."""

    def _load(self, request: HttpRequest, pk: int | None) -> ActionPlan | None:
        if pk is None:
            if not perms.can_create_plan(request.user):
                raise PermissionDenied
            return None
        plan = _plan_or_404(request, pk)
        if not perms.can_edit_plan(request.user, plan):
            raise PermissionDenied
        return plan

    def _form(self, request: HttpRequest, plan: ActionPlan | None) -> PlanForm:
        programme = plan.programme if plan else _programme(request)
        return PlanForm(
            request.POST or None,
            instance=plan,
            programme=programme,
            countries=country_list(),
        )

    def _render(self, request: HttpRequest, form: PlanForm, plan: Any) -> HttpResponse:
        context = {"form": form, "plan": plan}
        return render(request, "programmes/activities/plan_form.html", context)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        plan = self._load(request, pk)
        return self._render(request, self._form(request, plan), plan)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        plan = self._load(request, pk)
        form = self._form(request, plan)
        if form.is_valid():
            try:
                saved = self._save(request, form, plan)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("“%(name)s” saved.") % {"name": saved})
                return redirect(saved)
        return self._render(request, form, plan)

    def _save(self, request: HttpRequest, form: PlanForm, plan: Any) -> ActionPlan:
        if plan is None:
            programme = _programme(request)
            fields = form.service_fields()
            return plan_create(actor=request.user, programme=programme, **fields)
        return plan_update(actor=request.user, plan=plan, **form.service_fields())


# --- Activities -------------------------------------------------------------------


class ActivityListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = _filter_form(request, request.GET or None)
        activities = sel.activity_search_for_user(
            user=request.user, filters=form.filters()
        )
        page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
        partial = request.headers.get("HX-Request") == "true"
        template = "partials/activity_results.html" if partial else "activity_list.html"
        context = {
            "form": form,
            "page_obj": page,
            "activities": page.object_list,
            "can_create": perms.can_create_activity(request.user),
            "can_export": perms.can_export_activities(request.user),
        }
        return render(request, f"programmes/activities/{template}", context)


class ActivityExportView(LoginRequiredMixin, View):
    """The filtered list, as CSV or XLSX."""

    def get(self, request: HttpRequest, extension: str) -> HttpResponse:
        if not perms.can_export_activities(request.user):
            raise PermissionDenied
        form = _filter_form(request, request.GET or None)
        activities = sel.activity_search_for_user(
            user=request.user, filters=form.filters()
        )
        content = activities_export(activities, extension=extension, user=request.user)
        return attachment(content, extension, f"activities-{timezone.localdate()}")


def _detail_context(user: Any, activity: Activity) -> dict[str, Any]:
    can_edit = perms.can_edit_activity(user, activity)
    sign_offs = sel.activity_sign_offs(activity)
    visible_ids = activity.visible_organisation_ids  # type: ignore[attr-defined]
    return {
        "activity": activity,
        "can_edit": can_edit,
        "can_delete": perms.can_delete_activity(user, activity),
        "sign_offs": sign_offs,
        "signable_ids": {
            s.partner.pk
            for s in sign_offs
            if s.partner and perms.can_sign_off(user, s.partner)
        },
        "all_signed": bool(sign_offs) and all(s.signed for s in sign_offs),
        "budget": sel.budget_summary(list(activity.budget_lines.all()), visible_ids),
        "visible_ids": visible_ids,
        "history": audit_entries_for(activity)[:50] if can_edit else [],
    }


class ActivityDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        activity = sel.activity_detail_for_user(user=request.user, pk=pk)
        if activity is None:
            raise Http404
        context = _detail_context(request.user, activity)
        return render(request, "programmes/activities/activity_detail.html", context)


class ActivityFormView(LoginRequiredMixin, View):
    """Create an activity (no ``pk``; ``?plan=`` preselects its plan) or edit one."""

    def _load(self, request: HttpRequest, pk: int | None) -> Activity | None:
        if pk is None:
            if not perms.can_create_activity(request.user):
                raise PermissionDenied
            return None
        activity = sel.activity_detail_for_user(user=request.user, pk=pk)
        if activity is None:
            raise Http404
        if not perms.can_edit_activity(request.user, activity):
            raise PermissionDenied
        return activity

    def _form(self, request: HttpRequest, activity: Activity | None) -> ActivityForm:
        programme = activity.programme if activity else _programme(request)
        initial = {} if activity else {"plan": request.GET.get("plan")}
        return ActivityForm(
            request.POST or None,
            instance=activity,
            initial=initial,
            programme=programme,
            implementers=sel.implementer_choices(user=request.user),
        )

    def _render(self, request: HttpRequest, form: Any, activity: Any) -> HttpResponse:
        context = {"form": form, "activity": activity}
        return render(request, "programmes/activities/activity_form.html", context)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        activity = self._load(request, pk)
        return self._render(request, self._form(request, activity), activity)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        activity = self._load(request, pk)
        form = self._form(request, activity)
        if form.is_valid():
            try:
                saved = self._save(request, form, activity)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("“%(name)s” saved.") % {"name": saved})
                return redirect(saved)
        return self._render(request, form, activity)

    def _save(self, request: HttpRequest, form: Any, activity: Any) -> Activity:
        fields = form.service_fields()
        if activity is None:
            programme = _programme(request)
            return activity_create(actor=request.user, programme=programme, **fields)
        return activity_update(actor=request.user, activity=activity, **fields)


# --- Deletion ---------------------------------------------------------------------


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class _DeleteView(LoginRequiredMixin, View):
    """Ask, listing what goes with the record or why it cannot go; delete (POST).
    Subclasses name the record's loader, summary, refusals, service and page."""

    template = ""
    context_name = ""

    def load(self, request: HttpRequest, pk: int) -> Any:
        raise NotImplementedError

    def summarise(self, record: Any) -> tuple[Any, list[str]]:
        raise NotImplementedError

    def delete(self, actor: Any, record: Any) -> None:
        raise NotImplementedError

    def after(self, record: Any) -> Any:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.load(request, pk)
        summary, refusals = self.summarise(record)
        context = {self.context_name: record, "summary": summary, "refusals": refusals}
        return render(request, self.template, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.load(request, pk)
        try:
            self.delete(request.user, record)
        except ValidationError as error:
            _refused(request, error)
            return redirect(record)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": record})
        return redirect(self.after(record))


class ActivityDeleteView(_DeleteView):
    template = "programmes/activities/activity_confirm_delete.html"
    context_name = "activity"

    def load(self, request: HttpRequest, pk: int) -> Activity:
        activity = sel.activity_detail_for_user(user=request.user, pk=pk)
        if activity is None:
            raise Http404
        if not perms.can_delete_activity(request.user, activity):
            raise PermissionDenied
        return activity

    def summarise(self, record: Any) -> tuple[Any, list[str]]:
        summary = activity_deletion_summary(record)
        return summary, activity_delete_refusals(summary)

    def delete(self, actor: Any, record: Any) -> None:
        activity_delete(actor=actor, activity=record)

    def after(self, record: Any) -> Any:
        return record.plan or "programmes:activity_list"


class PlanDeleteView(_DeleteView):
    template = "programmes/activities/plan_confirm_delete.html"
    context_name = "plan"

    def load(self, request: HttpRequest, pk: int) -> ActionPlan:
        plan = _plan_or_404(request, pk)
        if not perms.can_delete_plan(request.user, plan):
            raise PermissionDenied
        return plan

    def summarise(self, record: Any) -> tuple[Any, list[str]]:
        summary = plan_deletion_summary(record)
        return summary, plan_delete_refusals(summary)

    def delete(self, actor: Any, record: Any) -> None:
        plan_delete(actor=actor, plan=record)

    def after(self, record: Any) -> Any:
        return "programmes:plan_list"


# --- Import -----------------------------------------------------------------------


def plan_template_download(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    return attachment(plan_import_template(), "xlsx", "action-plan-template")


class PlanImportView(LoginRequiredMixin, View):
    def _plan(self, request: HttpRequest, pk: int) -> ActionPlan:
        plan = _plan_or_404(request, pk)
        if not perms.can_edit_plan(request.user, plan):
            raise PermissionDenied
        return plan

    def _render(self, request: HttpRequest, form: Any, plan: Any) -> HttpResponse:
        context = {"form": form, "plan": plan}
        return render(request, "programmes/activities/plan_import.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, PlanImportForm(), self._plan(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self._plan(request, pk)
        form = PlanImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = plan_import_start(
                    actor=request.user,
                    plan=plan,
                    upload=form.cleaned_data["file"],
                    language=get_language(),
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect("web:job_detail", pk=job.pk)
        return self._render(request, form, plan)
