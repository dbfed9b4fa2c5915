"""Pages of the results framework and of the reporting workflow: thin views that
parse, call a selector or a service, and render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.accounts.scopes import scope_for
from sudsud.places.models import Place
from sudsud.programmes import forms_results as forms
from sudsud.programmes import permissions_results as perms
from sudsud.programmes.models import Indicator, IndicatorPeriod, UpdateStatus
from sudsud.programmes.selectors import activities as activity_selectors
from sudsud.programmes.selectors import results as selectors
from sudsud.programmes.selectors import results_inbox, rollup
from sudsud.programmes.selectors.results_history import indicator_history_rows
from sudsud.programmes.services import reporting
from sudsud.programmes.services import results as services

from .reference import _add_errors

T = "programmes/results/"


def _found(obj: Any) -> Any:
    if obj is None:
        raise Http404
    return obj


def _may(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


class ResultListView(LoginRequiredMixin, View):
    """The results tree with each indicator's baseline and targets vs actuals."""

    def get(self, request: HttpRequest) -> HttpResponse:
        plans = activity_selectors.plan_list_for_user(user=request.user)
        form = forms.ResultFilterForm(request.GET or None, plans=plans)
        filters = form.cleaned_data if form.is_valid() else {}
        results = selectors.result_list_for_user(
            user=request.user,
            plan_id=filters["plan"].pk if filters.get("plan") else None,
            level=filters.get("level", ""),
            q=filters.get("q", ""),
        ).prefetch_related("indicators__dimensions")
        page = Paginator(selectors.result_tree(list(results)), 25).get_page(
            request.GET.get("page")
        )
        indicators = [i for result, _depth in page for i in result.indicators.all()]
        values = rollup.indicator_period_values_many(i.pk for i in indicators)
        for indicator in indicators:
            indicator.period_values = values.get(indicator.pk, [])  # type: ignore[attr-defined]
        context = {"form": form, "page_obj": page}
        context["can_create"] = scope_for(request.user).can_edit
        return render(request, T + "result_list.html", context)


def _result_form(request: HttpRequest, instance: Any = None) -> forms.ResultForm:
    user = request.user
    # "Add a result" from a plan or activity page preselects it (?plan= / ?activity=);
    # a value the user may not see simply selects nothing.
    initial = {key: request.GET.get(key) for key in ("plan", "activity")}
    return forms.ResultForm(
        request.POST or None,
        instance=instance,
        initial=initial if instance is None else None,
        plans=activity_selectors.plan_list_for_user(user=user),
        activities=activity_selectors.activity_list_for_user(user=user),
        parents=selectors.result_list_for_user(user=user),
    )


class ResultEditView(LoginRequiredMixin, View):
    """Create (no ``pk``) or change a result."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        pk = kwargs.get("pk")
        self.result = None
        if pk is not None and request.user.is_authenticated:
            self.result = _found(
                selectors.result_get_for_user(user=request.user, pk=pk)
            )
            _may(perms.can_edit_result(request.user, self.result))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = _result_form(request, self.result)
        return render(
            request, T + "result_form.html", {"form": form, "object": self.result}
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = _result_form(request, self.result)
        if form.is_valid():
            try:
                self._save(request, form.service_fields())
                messages.success(request, _("The result is saved."))
                return redirect("programmes:result_list")
            except ValidationError as error:
                _add_errors(form, error)
        return render(
            request, T + "result_form.html", {"form": form, "object": self.result}
        )

    def _save(self, request: HttpRequest, fields: dict[str, Any]) -> Any:
        if self.result is not None:
            return services.result_update(
                actor=request.user, result=self.result, **fields
            )
        programme = services.result_programme(user=request.user, fields=fields)
        return services.result_create(actor=request.user, programme=programme, **fields)


class IndicatorEditView(LoginRequiredMixin, View):
    """Create an indicator of a result (``result_pk``) or change one (``pk``)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        user, self.indicator = request.user, None
        if "pk" in kwargs:
            self.indicator = _found(
                selectors.indicator_get_for_user(user=user, pk=kwargs["pk"])
            )
            self.result = self.indicator.result
        else:
            self.result = _found(
                selectors.result_get_for_user(user=user, pk=kwargs["result_pk"])
            )
        _may(perms.can_edit_result(user, self.result))
        return super().dispatch(request, *args, **kwargs)

    def _form(self, request: HttpRequest) -> forms.IndicatorForm:
        parents = selectors.indicator_parent_choices(
            user=request.user, result=self.result, exclude=self.indicator
        )
        initial = (
            {"dimensions": list(self.indicator.dimensions.all())}
            if self.indicator is not None
            else {}
        )
        return forms.IndicatorForm(
            request.POST or None,
            instance=self.indicator,
            parents=parents,
            initial=initial,
        )

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            try:
                saved = self._save(request, form.service_fields())
                messages.success(request, _("The indicator is saved."))
                return redirect(saved)
            except ValidationError as error:
                _add_errors(form, error)
        return self._render(request, form)

    def _save(self, request: HttpRequest, fields: dict[str, Any]) -> Any:
        if self.indicator is None:
            return services.indicator_create(
                actor=request.user, result=self.result, **fields
            )
        return services.indicator_update(
            actor=request.user, indicator=self.indicator, **fields
        )

    def _render(self, request: HttpRequest, form: Any) -> HttpResponse:
        context = {"form": form, "object": self.indicator, "result": self.result}
        return render(request, T + "indicator_form.html", context)


def _table(grid: Any, values: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """A grid's rows with the value of each cell (``None`` when empty)."""
    if grid is None or not values:
        return []
    return [(label, [values.get(c.key) for c in cells]) for label, cells in grid.rows]


def _update_rows(
    user: Any, indicator: Indicator, period: IndicatorPeriod, found: dict
) -> list[dict[str, Any]]:
    countries: list[Place | None] = [*selectors.indicator_countries(indicator)] or [
        None
    ]
    rows = []
    for country in countries:
        update = found.get((period.pk, country.pk if country else None))
        status = update.status if update else None
        rows.append(
            {
                "country": country,
                "update": update,
                "can_report": status in (None, *reporting.EDITABLE)
                and perms.can_report(
                    user, period=period, country_id=country.pk if country else None
                ),
                "can_review": update is not None
                and status == UpdateStatus.SUBMITTED
                and perms.can_review_update(user, update),
                "can_approve": update is not None
                and status == UpdateStatus.SUBMITTED
                and perms.can_approve_update(user, update),
                "can_reopen": update is not None
                and status == UpdateStatus.APPROVED
                and perms.can_reopen_update(user, update),
            }
        )
    return rows


class IndicatorDetailView(LoginRequiredMixin, View):
    """Periods with targets and actuals (and their breakdowns), the updates per
    country with their status and actions, and the indicator's history."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        indicator = _found(selectors.indicator_get_for_user(user=user, pk=pk))
        grid = selectors.breakdown_grid(indicator)
        updates = selectors.update_list_for_user(user=user, indicator_id=indicator.pk)
        found = {(u.period_id, u.country_id): u for u in updates}
        periods = [
            {
                "values": values,
                "targets": _table(grid, values.target_breakdowns),
                "actuals": _table(grid, values.actual_breakdowns),
                "updates": _update_rows(user, indicator, values.period, found),
            }
            for values in rollup.indicator_period_values(indicator)
        ]
        context = {
            "indicator": indicator,
            "grid": grid,
            "periods": periods,
            "history": indicator_history_rows(indicator),
            "can_edit": perms.can_edit_result(user, indicator.result),
        }
        return render(request, T + "indicator_detail.html", context)


class PeriodEditView(LoginRequiredMixin, View):
    """A period with its total target and one target per breakdown cell."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        user, self.period = request.user, None
        if "pk" in kwargs:
            self.period = _found(
                selectors.period_get_for_user(user=user, pk=kwargs["pk"])
            )
            self.indicator = self.period.indicator
        else:
            found = selectors.indicator_get_for_user(
                user=user, pk=kwargs["indicator_pk"]
            )
            self.indicator = _found(found)
        _may(perms.can_edit_result(user, self.indicator.result))
        return super().dispatch(request, *args, **kwargs)

    def _form(self, request: HttpRequest) -> forms.PeriodForm:
        targets = (
            {b.key: b.value for b in self.period.target_breakdowns.all()}
            if self.period
            else {}
        )
        return forms.PeriodForm(
            request.POST or None,
            initial=forms.period_initial(self.period),
            grid=selectors.breakdown_grid(self.indicator),
            breakdowns=targets,
        )

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            try:
                services.indicator_period_save(
                    actor=request.user,
                    indicator=self.indicator,
                    period=self.period,
                    target_breakdowns=form.breakdowns(),
                    **form.service_fields(),
                )
                messages.success(request, _("The period and its targets are saved."))
                return redirect(self.indicator)
            except ValidationError as error:
                _add_errors(form, error)
        return self._render(request, form)

    def _render(self, request: HttpRequest, form: Any) -> HttpResponse:
        context = {"form": form, "object": self.period, "indicator": self.indicator}
        return render(request, T + "period_form.html", context)


class UpdateEditView(LoginRequiredMixin, View):
    """Enter or change a period's actual for a country (``?country=<id>``) as a
    draft, and optionally submit it in the same step."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        user = request.user
        self.period = _found(selectors.period_get_for_user(user=user, pk=kwargs["pk"]))
        self.indicator = self.period.indicator
        self.country = self._country(
            request.POST.get("country") or request.GET.get("country")
        )
        _may(
            perms.can_report(
                user,
                period=self.period,
                country_id=self.country.pk if self.country else None,
            )
        )
        self.update = self.period.updates.filter(country=self.country).first()
        return super().dispatch(request, *args, **kwargs)

    def _country(self, raw: str | None) -> Place | None:
        countries = selectors.indicator_countries(self.indicator)
        if not countries:
            return None
        return _found(next((c for c in countries if str(c.pk) == raw), None))

    def _form(self, request: HttpRequest) -> forms.UpdateForm:
        update, ids = self.update, [self.country.pk] if self.country else None
        initial = (
            {
                "value": update.value,
                "narrative": update.narrative,
                "rating": update.rating,
                "comment": update.comment,
            }
            if update
            else {}
        )
        return forms.UpdateForm(
            request.POST or None,
            request.FILES or None,
            initial=initial,
            grid=selectors.breakdown_grid(self.indicator, country_ids=ids),
            breakdowns={b.key: b.value for b in update.breakdowns.all()}
            if update
            else {},
            quantitative=self.indicator.is_quantitative,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self._save(request, form)
                return redirect(self.indicator)
            except ValidationError as error:
                _add_errors(form, error)
        return self._render(request, form)

    def _save(self, request: HttpRequest, form: forms.UpdateForm) -> None:
        update = reporting.indicator_update_save(
            actor=request.user,
            period=self.period,
            country=self.country,
            breakdowns=form.breakdowns() if self.indicator.is_quantitative else None,
            **form.service_fields(),
        )
        evidence = form.evidence()
        if evidence:
            reporting.evidence_add(actor=request.user, update=update, **evidence)
        if request.POST.get("action") == "submit":
            reporting.indicator_update_submit(actor=request.user, update=update)
            messages.success(request, _("The actual is submitted for approval."))
        else:
            messages.success(request, _("The draft is saved."))

    def _render(self, request: HttpRequest, form: Any) -> HttpResponse:
        context = {
            "form": form,
            "period": self.period,
            "indicator": self.indicator,
            "country": self.country,
            "update": self.update,
            "can_remove_evidence": self.update is not None
            and self.update.status in reporting.EDITABLE,
        }
        return render(request, T + "update_form.html", context)


STEPS: dict[str, tuple[Callable[..., Any], type[Any]]] = {
    "submit": (reporting.indicator_update_submit, forms.NoteForm),
    "approve": (reporting.indicator_update_approve, forms.NoteForm),
    "return": (reporting.indicator_update_return, forms.ReasonForm),
    "reopen": (reporting.indicator_update_reopen, forms.ReasonForm),
}


class UpdateActionView(LoginRequiredMixin, View):
    """One workflow step on an update: a confirmation page (with the reason for
    return and reopen), then the POST that performs it. A refusal is shown on the
    page with its reason (403), such as the four-eyes rule's."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if kwargs["step"] not in STEPS or not request.user.is_authenticated:
            raise Http404
        self.update = _found(
            selectors.update_get_for_user(user=request.user, pk=kwargs["pk"])
        )
        self.service, self.form_class = STEPS[kwargs["step"]]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        return self._render(request, self.form_class(), step)

    def post(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.service(
                    actor=request.user, update=self.update, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("Done: the update is now “%(status)s”.")
                    % {"status": self._status()},
                )
                return redirect(self.update.period.indicator)
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as refusal:
                if not str(refusal):
                    raise
                form.add_error(None, str(refusal))
                return self._render(request, form, step, status=403)
        return self._render(request, form, step)

    def _status(self) -> str:
        self.update.refresh_from_db()
        return str(self.update.get_status_display())

    def _render(
        self, request: HttpRequest, form: Any, step: str, status: int = 200
    ) -> HttpResponse:
        context = {
            "form": form,
            "update": self.update,
            "step": step,
            "indicator": self.update.period.indicator,
        }
        return render(request, T + "update_action.html", context, status=status)


class InboxView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        inbox = results_inbox.inbox_for_user(user=request.user)
        context = {"inbox": inbox, "limit": results_inbox.INBOX_LIMIT}
        return render(request, T + "inbox.html", context)


class InboxBadgeView(LoginRequiredMixin, View):
    """The inbox link with its count, swapped into the programme page by htmx."""

    def get(self, request: HttpRequest) -> HttpResponse:
        count = results_inbox.inbox_counts(user=request.user)
        return render(request, T + "partials/inbox_badge.html", {"count": count})
