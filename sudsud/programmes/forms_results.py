"""Forms of the results pages: parsing and field validation only; the services in
``services/results.py`` and ``services/reporting.py`` decide and write."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sudsud.core.forms import AmountField

from .forms import DATE_WIDGET, ServiceForm
from .models import (
    Dimension,
    Indicator,
    IndicatorPeriod,
    Result,
    ResultLevel,
)
from .selectors.results import BreakdownGrid, Cell
from .services.results import INDICATOR_FIELDS, RESULT_FIELDS

RATINGS = [("", _("— no rating —"))] + [(str(n), str(n)) for n in range(1, 6)]


class ResultForm(ServiceForm):
    class Meta:
        model = Result
        fields = RESULT_FIELDS

    def __init__(
        self, *args: Any, plans: Any, activities: Any, parents: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ModelChoiceField, fields["plan"]).queryset = plans
        cast(forms.ModelChoiceField, fields["activity"]).queryset = activities
        parent = cast(forms.ModelChoiceField, fields["parent"])
        parent.queryset = parents.exclude(level=ResultLevel.OUTPUT)
        fields["plan"].help_text = _(
            "Choose a plan or an activity, not both; leave both empty for the programme."
        )


class IndicatorForm(ServiceForm):
    dimensions = forms.ModelMultipleChoiceField(
        label=_("Breakdowns"),
        queryset=Dimension.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents
        self.fields["parent"].help_text = _(
            "The higher indicator whose values this one adds to."
        )

    def service_fields(self) -> dict[str, Any]:
        return {
            **super().service_fields(),
            "dimensions": self.cleaned_data["dimensions"],
        }


class BreakdownMixin:
    """One optional number field ≥ 0 per cell of a breakdown grid, named
    ``cell_<n>``; ``grid_rows()`` hands them to the template as a table."""

    grid: BreakdownGrid | None
    fields: dict[str, forms.Field]

    def add_cells(self, grid: BreakdownGrid | None, initial: dict[str, Any]) -> None:
        self.grid = grid
        for index, cell in enumerate(grid.cells if grid else []):
            self.fields[f"cell_{index}"] = AmountField(
                label=" · ".join(cell.labels),
                required=False,
                min_value=Decimal(0),
                max_digits=16,
                decimal_places=4,
                initial=initial.get(cell.key),
                localize=True,
            )

    def grid_rows(self) -> list[tuple[str, list[Any]]]:
        if self.grid is None:
            return []
        form = cast(forms.Form, self)
        index, rows = 0, []
        for label, cells in self.grid.rows:
            row = []
            for _cell in cells:
                row.append(form[f"cell_{index}"])
                index += 1
            rows.append((label, row))
        return rows

    def breakdowns(self) -> dict[str, Any]:
        cells: list[Cell] = self.grid.cells if self.grid else []
        data = cast(forms.Form, self).cleaned_data
        return {cell.key: data.get(f"cell_{i}") for i, cell in enumerate(cells)}


class PeriodForm(BreakdownMixin, forms.Form):
    start = forms.DateField(label=_("Period start"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Period end"), widget=DATE_WIDGET)
    target_value = AmountField(
        label=_("Target (total)"),
        required=False,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=4,
        localize=True,
    )
    target_comment = forms.CharField(
        label=_("Target comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, grid: BreakdownGrid | None, breakdowns: dict, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.add_cells(grid, breakdowns)

    def service_fields(self) -> dict[str, Any]:
        names = ("start", "end", "target_value", "target_comment")
        return {name: self.cleaned_data[name] for name in names}


def period_initial(period: IndicatorPeriod | None) -> dict[str, Any]:
    if period is None:
        return {}
    return {
        "start": period.start,
        "end": period.end,
        "target_value": period.target_value,
        "target_comment": period.target_comment,
    }


class UpdateForm(BreakdownMixin, forms.Form):
    """A period's actual: total (or narrative and rating), breakdowns, comment and
    optionally one piece of evidence (a file or a link)."""

    value = AmountField(
        label=_("Actual (total)"),
        required=False,
        max_digits=16,
        decimal_places=4,
        localize=True,
    )
    narrative = forms.CharField(
        label=_("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=RATINGS,
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("1 (off track) to 5 (fully achieved)."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_caption = forms.CharField(
        label=_("Evidence: caption"), required=False, max_length=255
    )
    evidence_file = forms.FileField(label=_("Evidence: file"), required=False)
    evidence_link = forms.URLField(
        label=_("Evidence: link"), required=False, assume_scheme="https"
    )

    def __init__(
        self,
        *args: Any,
        grid: BreakdownGrid | None,
        breakdowns: dict,
        quantitative: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if quantitative:
            del self.fields["narrative"], self.fields["rating"]
        else:
            del self.fields["value"]
        self.add_cells(grid if quantitative else None, breakdowns)

    def service_fields(self) -> dict[str, Any]:
        names = ("value", "narrative", "rating", "comment")
        return {n: self.cleaned_data[n] for n in names if n in self.fields}

    def evidence(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("evidence_file") and not data.get("evidence_link"):
            return None
        return {
            "caption": data.get("evidence_caption", ""),
            "document": data.get("evidence_file"),
            "link": data.get("evidence_link", ""),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=255)


class ResultFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    plan: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Action plan"), queryset=None, required=False, empty_label=_("All")
    )
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("All")), *ResultLevel.choices],
        required=False,
    )

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans
