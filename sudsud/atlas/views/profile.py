"""The atlas home (origins with a profile) and the origin profile page.

The profile's tables download as CSV or XLSX from the same URL with
``?format=csv|xlsx&table=destinations|series|split|national`` (same edition, years,
grouping and sex), named ``atlas-<iso3>-<year>-<table>``; the destinations and split
tables of one sex are ``atlas-<iso3>-<year>-<male|female>-<table>`` (the series and
national tables keep both sexes, men and women).
"""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.atlas.boundaries import boundaries_load
from sudsud.atlas.forms_profile import ProfileForm
from sudsud.atlas.map_files import map_title, profile_stem
from sudsud.atlas.maps import choropleth_svg, disclaimer, series_svg
from sudsud.atlas.selectors import profile as selectors
from sudsud.atlas.selectors.profile_national import (
    NationalSource,
    national_sources_for_origin,
)
from sudsud.atlas.services.undesa import can_import_undesa
from sudsud.atlas.views import DOWNLOADS, table_attachment
from sudsud.core.text import normalise_for_search
from sudsud.places.models import Place

from .profile_national import national_context, national_table
from .profile_tables import (
    destination_rows_html,
    profile_tables,
    sex_texts,
    split_rows,
)

TEMPLATES = "atlas/profile/"
PROGRAMME_ISO3 = ("SEN", "MLI", "CIV", "MAR")
PER_PAGE = 25
BY_SEX = ("destinations", "split")  # tables that follow the profile's sex


class AtlasHomeView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip()
        origins = selectors.origin_list()
        if q:  # a search covers every origin, the programme's four included
            origins = origins.filter(search_text__contains=normalise_for_search(q))
        else:  # the four are shown first, on their own
            origins = origins.exclude(iso3__in=PROGRAMME_ISO3)
        with_data = set(selectors.origin_list().values_list("iso3", flat=True))
        programme = sorted(
            Place.objects.filter(iso3__in=PROGRAMME_ISO3),
            key=lambda place: PROGRAMME_ISO3.index(place.iso3),
        )
        context = {
            "programme": [(place, place.iso3 in with_data) for place in programme],
            "page_obj": Paginator(origins, PER_PAGE).get_page(request.GET.get("page")),
            "q": q,
            "edition": selectors.edition_default(),
            "anything_loaded": bool(with_data),
        }
        return render(request, TEMPLATES + "home.html", context)


def _origin(iso3: str) -> Place:
    try:
        return selectors.origin_get(iso3)
    except Place.DoesNotExist:
        raise Http404 from None


def _form(request: HttpRequest, origin: Place) -> ProfileForm:
    form = ProfileForm(
        request.GET or None,
        editions=selectors.origin_editions(origin),
        groupings=selectors.grouping_choices(),
    )
    form.is_valid()
    return form


def _choices(form: ProfileForm) -> dict[str, Any]:
    data = getattr(form, "cleaned_data", {})
    return {
        "edition": data.get("edition"),
        "year_from": data.get("from"),
        "year_to": data.get("to"),
        "grouping": data.get("grouping"),
        "sex": data.get("sex"),
    }


def _national(
    request: HttpRequest, profile: selectors.OriginProfile
) -> list[NationalSource]:
    return national_sources_for_origin(
        user=request.user, origin=profile.origin, reference=profile.edition
    )


def _download(request: HttpRequest, profile: selectors.OriginProfile) -> HttpResponse:
    table, extension = request.GET.get("table", ""), request.GET.get("format", "")
    tables = profile_tables(profile)
    if table == "national":
        tables["national"] = national_table(_national(request, profile))
    if table not in tables:
        raise Http404
    header, rows = tables[table]
    stem = f"{profile.origin.iso3.lower()}-{profile.year}"
    if table in BY_SEX:
        stem = profile_stem(profile)
    stem = f"atlas-{stem}-{table}"
    return table_attachment(extension, header, rows, stem)


class OriginProfileView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        origin = _origin(iso3)
        form = _form(request, origin)
        profile = selectors.origin_profile_resolve(origin=origin, **_choices(form))
        if profile and request.GET.get("format") in DOWNLOADS:
            return _download(request, profile)
        context = {
            "origin": origin,
            "form": form,
            "profile": profile,
            "can_import": can_import_undesa(request.user),
        }
        if profile:
            context.update(_drawings(profile))
            context.update(national_context(request.user, _national(request, profile)))
        return render(request, TEMPLATES + "origin.html", context)


def _drawings(profile: selectors.OriginProfile) -> dict[str, Any]:
    world = boundaries_load()
    values = {row.place.code: row.value for row in profile.destinations}
    title = map_title(profile)
    series = [(point.year, point.both) for point in profile.series]
    chart_title = _("People born in %(origin)s living abroad, by year") % {
        "origin": profile.origin.name
    }
    return {
        "map_title": title,
        "texts": sex_texts(profile),
        "map_svg": choropleth_svg(
            world=world,
            values=values,
            names=selectors.place_names(),
            origin_code=profile.origin.code,
            title=title,
        )
        if world
        else "",
        "disclaimer": disclaimer(),
        "series_svg": series_svg(series, title=chart_title),
        "destination_rows": destination_rows_html(profile),
        "split_rows": split_rows(profile),
        "top": profile.destinations[:10],
    }
