"""The destination, corridor, comparison and edition-comparison pages. Each page's
tables download as CSV or XLSX from the same URL with
``?format=csv|xlsx&table=<name>``."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.atlas.forms_compare import CompareForm, EditionPairForm, EditionYearForm
from sudsud.atlas.selectors import compare as selectors
from sudsud.atlas.selectors import compare_origins
from sudsud.atlas.selectors.compare_editions import edition_comparison_resolve
from sudsud.atlas.selectors.profile import origin_editions
from sudsud.atlas.views import DOWNLOADS, table_attachment
from sudsud.places.models import Place

from .compare_tables import (
    comparison_tables,
    corridor_tables,
    destination_tables,
    edition_tables,
    lines_svg,
)
from .profile_tables import data_type_labels, flag_labels

TEMPLATES = "atlas/compare/"


def country_or_404(iso3: str) -> Place:
    try:
        return selectors.country_get(iso3)
    except Place.DoesNotExist:
        raise Http404 from None


def _data(form: Any) -> dict[str, Any]:
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _download(
    tables: dict[str, Any], table: str, name: str, extension: str
) -> HttpResponse:
    if table not in tables:
        raise Http404
    header, rows = tables[table]
    return table_attachment(extension, header, rows, f"atlas-{name}-{table}")


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    tables: Callable[[Any], dict[str, Any]],
    name: str,
) -> HttpResponse:
    """The page, or one of its tables when ``?format=csv`` (or ``xlsx``)."""
    found, extension = context.get("found"), request.GET.get("format", "")
    if found is not None and extension in DOWNLOADS:
        return _download(tables(found), request.GET.get("table", ""), name, extension)
    return render(request, TEMPLATES + template, context)


def _quality(rows: list[Any]) -> dict[str, Any]:
    """Each origin row with its quality in words, and what the destination's
    figures count (UN DESA's data type is the destination's: foreign-born or
    foreign citizens, refugees added, imputed)."""
    types, flags = data_type_labels(), flag_labels()
    codes: list[str] = next(
        (row.data_type.split() for row in rows if row.data_type), []
    )
    return {
        "origin_rows": [
            (row, " ".join([row.data_type, flags.get(row.flag, row.flag)]).strip())
            for row in rows
        ],
        "counted": ", ".join(types.get(code, code) for code in codes),
    }


class DestinationView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        destination = country_or_404(iso3)
        editions = selectors.editions_holding(Q(destination=destination))
        form = EditionYearForm(request.GET or None, editions=editions)
        data = _data(form)
        found = selectors.destination_profile_resolve(
            destination=destination, edition=data.get("edition"), year=data.get("year")
        )
        context = {"destination": destination, "form": form, "found": found}
        context["top"] = found.origins[:10] if found else []
        context.update(_quality(found.origins if found else []))
        name = f"{destination.iso3.lower()}-{found.year}" if found else ""
        return _page(request, "destination.html", context, destination_tables, name)


class CorridorView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, origin: str, destination: str) -> HttpResponse:
        found = selectors.corridor(
            origin=country_or_404(origin), destination=country_or_404(destination)
        )
        title = _("People born in %(origin)s living in %(destination)s, by edition") % {
            "origin": found.origin.name,
            "destination": found.destination.name,
        }
        lines = [
            (str(line.edition), [(p.year, p.both) for p in line.points])
            for line in found.lines
        ]
        context = {
            "found": found if found.lines else None,
            "corridor": found,
            "title": title,
            "chart": lines_svg(lines, title=title),
        }
        name = f"{found.origin.iso3.lower()}-{found.destination.iso3.lower()}"
        return _page(request, "corridor.html", context, corridor_tables, name)


class CompareView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = CompareForm(request.GET or None)
        data = _data(form)
        origins = data.get("origins") or compare_origins.programme_origins()
        found = compare_origins.comparison_resolve(
            origins=origins,
            edition=data.get("edition"),
            year_from=data.get("year_from"),
            year=data.get("year"),
        )
        context = {"form": form, "found": found, "origins": origins}
        name = f"compare-{found.year}" if found else ""
        return _page(request, "compare.html", context, comparison_tables, name)


class EditionsView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        origin = country_or_404(iso3)
        form = EditionPairForm(request.GET or None, editions=origin_editions(origin))
        data = _data(form)
        found = edition_comparison_resolve(
            origin=origin, year=data.get("year"), a=data.get("a"), b=data.get("b")
        )
        context = {"origin": origin, "form": form, "found": found}
        name = f"{origin.iso3.lower()}-editions-{found.year}" if found else ""
        return _page(request, "editions.html", context, edition_tables, name)
