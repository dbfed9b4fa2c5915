"""The destination ranking of an origin's diaspora, and its CSV or XLSX
(``?format=csv|xlsx``)."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from sudsud.atlas.forms_ranking import RankingForm
from sudsud.atlas.selectors.profile import origin_editions
from sudsud.atlas.selectors.ranking import (
    CRITERIA,
    Ranking,
    national_editions,
    ranking_resolve,
)
from sudsud.atlas.views import DOWNLOADS, table_attachment
from sudsud.places.models import Place

from .compare import country_or_404


def ranking_form(data: Any, origin: Place) -> RankingForm:
    return RankingForm(
        data,
        editions=origin_editions(origin),
        nationals=national_editions(origin),
    )


def ranking_for(form: RankingForm, origin: Place) -> Ranking | None:
    form.is_valid()
    return ranking_resolve(
        origin=origin,
        choices=getattr(form, "cleaned_data", {}),
        weights=form.chosen_weights(),
        min_size=form.chosen_min_size(),
    )


def criterion_labels() -> dict[str, str]:
    return {
        "size": _("Size"),
        "growth": _("Growth"),
        "women": _("Share of women"),
        "national": _("National source"),
    }


def ranking_table(found: Ranking) -> tuple[list[str], list[list[Any]]]:
    header = [
        pgettext("position in a ranking", "Rank"),
        _("Destination"),
        _("ISO code"),
        _("Score (0–100)"),
        _("People"),
        _("Growth (% a year)"),
        _("Women (%)"),
        _("National source (people)"),
    ]
    labels = criterion_labels()
    header += [_("Points: %(criterion)s") % {"criterion": labels[c]} for c in CRITERIA]
    rows = [
        [row.rank, row.place.name, row.place.iso3, round(row.score, 2), row.size]
        + [_round(row.raw(c)) for c in CRITERIA[1:]]
        + [round(row.contributions[c].points, 2) for c in CRITERIA]
        for row in found.rows
    ]
    return header, rows


def _display(found: Ranking | None) -> dict[str, Any]:
    """Rows with their labelled contributions, and the weights, for the page."""
    if found is None:
        return {}
    labels = criterion_labels()
    return {
        "rows": [
            (row, [(labels[c], row.contributions[c]) for c in CRITERIA])
            for row in found.rows
        ],
        "weights": [
            (labels[c], found.weights[c], 100 * found.used_weights[c]) for c in CRITERIA
        ],
        "left_out": [labels[c] for c in found.left_out],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


class RankingView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        origin = country_or_404(iso3)
        form = ranking_form(request.GET or None, origin)
        found = ranking_for(form, origin)
        extension = request.GET.get("format", "")
        if found is not None and extension in DOWNLOADS:
            header, rows = ranking_table(found)
            stem = f"atlas-{origin.iso3.lower()}-ranking-{found.year}"
            return table_attachment(extension, header, rows, stem)
        context = {"origin": origin, "form": form, "found": found}
        context.update(_display(found))
        return render(request, "atlas/ranking/ranking.html", context)
