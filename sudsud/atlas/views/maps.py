"""The origin profile's map as a file: ``/atlas/origins/<ISO3>/map.svg`` and
``map.png``, with the profile's choices (``edition``, ``from``, ``to``, ``grouping``,
``sex``; the map shows the year ``to`` and the sex ``sex``, both by default). Unlike the page, which falls back to the defaults,
a download with a wrong choice is refused (400, with the reasons): a file must not
silently show something other than what was asked."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.views import View

from sudsud.atlas.forms_profile import ProfileForm
from sudsud.atlas.map_files import map_file, map_year_error
from sudsud.atlas.selectors import profile as selectors
from sudsud.places.models import Place

from .profile import _choices, _form, _origin


def _resolve(form: ProfileForm, origin: Place) -> selectors.OriginProfile | None:
    if form.errors:
        return None
    choices = _choices(form)
    profile = selectors.origin_profile_resolve(origin=origin, **choices)
    if profile and (error := map_year_error(profile, choices["year_to"])):
        form.add_error("to", error)
        return None
    return profile


class OriginMapView(LoginRequiredMixin, View):
    kind = "svg"

    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        origin = _origin(iso3)
        form = _form(request, origin)
        profile = _resolve(form, origin)
        if form.errors:
            context = {"origin": origin, "form": form}
            return render(request, "atlas/profile/map_error.html", context, status=400)
        tag = request.headers.get("If-None-Match")
        drawn = (
            map_file(profile, kind=self.kind, if_none_match=tag) if profile else None
        )
        if drawn is None:
            raise Http404
        response: HttpResponse
        if drawn.not_modified:
            response = HttpResponseNotModified()  # the user already has this file
        else:
            response = HttpResponse(drawn.content, content_type=drawn.content_type)
            disposition = f'attachment; filename="{drawn.filename}"'
            response["Content-Disposition"] = disposition
        response["ETag"] = drawn.etag
        response["Cache-Control"] = "private, no-cache"  # signed-in, ask each time
        return response
