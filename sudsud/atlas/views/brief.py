"""The origin profile's printable brief: ``/atlas/origins/<ISO3>/brief.pdf``.

Same choices as the page (``edition``, ``from``, ``to``, ``grouping``, ``sex``) and
``lang=fr|en|ar`` (French by default; Arabic only where ``brief.text.languages()``
offers it, else French). Named ``diaspora-<iso3>-<year>[-<male|female>]-<lang>.pdf``.
Built synchronously: a profile takes well under a second.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views import View

from sudsud.atlas.brief.document import brief_pdf
from sudsud.atlas.brief.text import languages, script_for
from sudsud.atlas.map_files import profile_stem
from sudsud.atlas.selectors import profile as selectors
from sudsud.atlas.selectors.profile_national import national_sources_for_origin

from .profile import _choices, _form, _origin


class OriginBriefView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        origin = _origin(iso3)
        language = request.GET.get("lang", "fr")
        language = language if language in languages() else "fr"
        with translation.override(language):
            form = _form(request, origin)
            profile = selectors.origin_profile_resolve(origin=origin, **_choices(form))
            if profile is None:
                raise Http404
            national = national_sources_for_origin(
                user=request.user, origin=origin, reference=profile.edition
            )
            pdf = brief_pdf(
                profile,
                script=script_for(language),
                compress=getattr(settings, "SUDSUD_BRIEF_COMPRESS", True),
                national=national,
            )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"diaspora-{profile_stem(profile)}-{language}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
