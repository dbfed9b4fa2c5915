"""An indicator's history as people read it: field labels instead of column
names, names instead of ids, choice labels instead of codes and breakdown cells
by their dimension values ("Sénégal · Femmes") instead of dictionaries."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.utils.translation import gettext as _

from sudsud.core.models import AuditEntry
from sudsud.places.models import Place
from sudsud.programmes.models import DimensionValue, Indicator, parse_breakdown_key

from .results import indicator_history

HISTORY_LIMIT = 200


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryRow:
    entry: AuditEntry
    changes: list[Change]


def _extra_labels() -> dict[str, str]:
    return {
        "breakdowns": _("Actual by breakdown"),
        "target_breakdowns": _("Target by breakdown"),
        "evidence": _("Evidence"),
        "dimensions": _("Breakdowns"),
    }


def _field(model: type[Model] | None, name: str) -> Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None


class _Names:
    """Names of the people, countries and dimension values the entries mention,
    fetched with one query each."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        ids: dict[type[Model], set[Any]] = {get_user_model(): set(), Place: set()}
        codes: set[str] = set()
        for entry in entries:
            model = entry.content_type.model_class()
            for name, pair in entry.changes.items():
                field = _field(model, name)
                if field is not None and field.related_model in ids:
                    ids[field.related_model] |= {v for v in pair if v is not None}  # type: ignore[index]
                for value in pair:
                    if isinstance(value, dict):
                        for key in value:
                            codes |= set(parse_breakdown_key(key).values())
        self.objects = {
            model: model._default_manager.in_bulk(pks) if pks else {}
            for model, pks in ids.items()
        }
        self.values = {
            (v.dimension.code, v.code): v.name
            for v in DimensionValue.objects.filter(code__in=codes).select_related(
                "dimension"
            )
        }

    def person_or_place(self, model: Any, pk: Any) -> str:
        found = self.objects.get(model, {}).get(pk)
        if found is None:
            return str(pk)
        full_name = getattr(found, "get_full_name", lambda: "")()
        return full_name or str(found)

    def cells(self, values: dict[str, Any]) -> str:
        parts = []
        for key, amount in sorted(values.items()):
            cells = parse_breakdown_key(key)
            label = " · ".join(
                self.values.get(pair, pair[1]) for pair in sorted(cells.items())
            )
            parts.append(f"{label} {_number(amount)}")
        return ", ".join(parts)


def _number(value: Any) -> str:
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except InvalidOperation:
        return str(value)


def _text(value: Any, field: Field | None, names: _Names) -> str:
    if value is None or value == "" or value == {} or value == []:
        return "—"
    if isinstance(value, dict):
        return names.cells(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field is not None and field.related_model is not None:
        return names.person_or_place(field.related_model, value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _label(field: Field | None, name: str) -> str:
    if field is not None:
        return str(field.verbose_name)
    return _extra_labels().get(name, name.replace("_", " "))


def indicator_history_rows(
    indicator: Indicator, *, limit: int = HISTORY_LIMIT
) -> list[HistoryRow]:
    """The newest ``limit`` entries of the indicator's history, readable."""
    entries = list(indicator_history(indicator).select_related("content_type")[:limit])
    names = _Names(entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, pair in entry.changes.items():
            field = _field(model, name)
            before, after = [*pair, None, None][:2]
            changes.append(
                Change(
                    _label(field, name),
                    _text(before, field, names),
                    _text(after, field, names),
                )
            )
        rows.append(HistoryRow(entry, changes))
    return rows
