"""The audit trail pages: who changed what and when, for programme administrators.

The list filters by person, record type, action, dates and record name, pages by
50, refreshes its results in place with HTMX when JavaScript is on, and exports the
filtered entries as CSV. The detail page shows each changed field before and after.
"""

import datetime as dt
import json
from typing import Any, cast

from django import forms
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from sudsud.accounts.scopes import scope_for
from sudsud.core import selectors
from sudsud.core.audit import SECRET_FIELDS
from sudsud.core.exports import csv_bytes
from sudsud.core.models import AuditAction, AuditEntry

PAGE_SIZE = 50
# Values longer than this are cut on the page; the full text sits in a <details>.
SHORT_VALUE = 160
HISTORY_SIZE = 20
# Credentials never belong on screen or in a spreadsheet, even hashed. The services
# no longer record them; entries written before that are masked here.
HIDDEN = "********"


def visible_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` with the values of credential fields replaced by a mask."""
    return {
        name: [HIDDEN, HIDDEN] if name in SECRET_FIELDS else pair
        for name, pair in changes.items()
    }


class ProgrammeAdminRequiredMixin(UserPassesTestMixin):
    """Anonymous visitors go to the sign-in page; other signed-in people get 403."""

    request: HttpRequest

    def test_func(self) -> bool:
        return scope_for(self.request.user).is_programme_admin


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(
        label=gettext_lazy("Who"), required=False, coerce=int, empty_value=None
    )
    content_type = forms.TypedChoiceField(
        label=gettext_lazy("Record type"), required=False, coerce=int, empty_value=None
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("All actions")), *AuditAction.choices],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    q = forms.CharField(
        label=gettext_lazy("Record name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actor = cast(forms.ChoiceField, self.fields["actor"])
        actor.choices = [("", _("Everyone")), *selectors.audit_actor_choices()]
        kind = cast(forms.ChoiceField, self.fields["content_type"])
        types = selectors.audit_content_type_choices()
        kind.choices = [("", _("All record types")), *types]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


def filtered_entries(form: AuditFilterForm) -> QuerySet[AuditEntry]:
    """The trail filtered by the valid fields; a field with bad input is reported
    next to it and ignored."""
    data = form.cleaned_data if form.is_valid() or form.is_bound else {}
    return selectors.audit_list(
        actor_id=data.get("actor"),
        content_type_id=data.get("content_type"),
        action=data.get("action") or None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        q=data.get("q") or "",
    )


class AuditListView(ProgrammeAdminRequiredMixin, ListView):
    template_name = "web/audit_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "entries"

    def get_queryset(self) -> QuerySet[AuditEntry]:
        self.form = AuditFilterForm(self.request.GET or None)
        return filtered_entries(self.form)

    def get_template_names(self) -> list[str]:
        headers = self.request.headers
        if headers.get("HX-Request") and not headers.get("HX-History-Restore-Request"):
            return ["web/partials/audit_rows.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filtered = any(self.request.GET.get(name) for name in self.form.fields)
        return super().get_context_data(form=self.form, filtered=filtered, **kwargs)


def value_text(value: Any) -> str:
    """A stored value as a person reads it: text as is, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _shown(value: Any) -> dict[str, Any]:
    text = value_text(value)
    cut = len(text) > SHORT_VALUE
    return {
        "text": text,
        "short": text[:SHORT_VALUE] if cut else "",
        "empty": value is None or text == "",
    }


def _field_label(entry: AuditEntry, name: str) -> str:
    model = entry.content_type.model_class()
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


def _pair(pair: Any) -> tuple[Any, Any]:
    """``[before, after]`` as written by ``core.audit``; tolerate odd shapes."""
    if isinstance(pair, list) and len(pair) == 2:
        return pair[0], pair[1]
    return None, pair


def change_rows(entry: AuditEntry) -> list[dict[str, Any]]:
    rows = []
    for name, pair in sorted(visible_changes(entry.changes).items()):
        before, after = _pair(pair)
        rows.append(
            {
                "name": name,
                "label": _field_label(entry, name),
                "values": [_shown(before), _shown(after)],
            }
        )
    return rows


class AuditDetailView(ProgrammeAdminRequiredMixin, DetailView):
    template_name = "web/audit_detail.html"
    context_object_name = "entry"

    def get_object(self, queryset: Any = None) -> AuditEntry:
        try:
            return selectors.audit_get(pk=self.kwargs["pk"])
        except AuditEntry.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entry = self.object
        history = selectors.audit_record_history(
            content_type_id=entry.content_type_id, object_id=entry.object_id
        ).exclude(pk=entry.pk)[:HISTORY_SIZE]
        return super().get_context_data(
            rows=change_rows(entry), history=history, **kwargs
        )


class AuditExportView(ProgrammeAdminRequiredMixin, View):
    """The filtered entries as CSV (cells that look like formulas are neutralised)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        entries = filtered_entries(AuditFilterForm(request.GET or None))
        header = [
            _("When (UTC)"),
            _("Who"),
            _("Action"),
            _("Record type"),
            _("Record id"),
            _("Record"),
            _("Note"),
            _("Changes"),
        ]
        rows = (
            [
                entry.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                entry.actor_name,
                entry.get_action_display(),
                str(entry.content_type.name),
                entry.object_id,
                entry.object_repr,
                _(entry.note) if entry.note else "",
                json.dumps(
                    visible_changes(entry.changes), ensure_ascii=False, sort_keys=True
                ),
            ]
            for entry in entries.iterator(chunk_size=2000)
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response = HttpResponse(
            csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="audit-trail-{stamp}.csv"'
        )
        return response
