"""Pages of national sources: sources, editions, upload → mapping → places → job."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from sudsud.atlas.forms_national import (
    EditionForm,
    MappingForm,
    NationalSourceForm,
    NationalUploadForm,
    SavedMappingForm,
    UnmatchedForm,
    mapping_initial,
)
from sudsud.atlas.national import selectors
from sudsud.atlas.national.mapping import mapping_from_dict
from sudsud.atlas.national.tasks import (
    national_import_mapped,
    national_import_with_places,
)
from sudsud.atlas.services import national as services
from sudsud.atlas.services.national_retention import national_upload_discard

PAGE_SIZE = 25
T = "atlas/national/"


class ManagerMixin(LoginRequiredMixin):
    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not services.can_manage_national(user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SourceListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")
        sources = selectors.national_source_list(q=q)
        page = Paginator(sources, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "page_obj": page,
            "q": q,
            "can_manage": services.can_manage_national(request.user),
        }
        return render(request, T + "source_list.html", context)


class SourceDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = selectors.national_source_get(pk)
        can_manage = services.can_manage_national(request.user)
        context = {
            "source": source,
            "can_manage": can_manage,
            "waiting": (
                list(selectors.national_uploads_waiting(source)) if can_manage else []
            ),
            "retention_days": settings.SUDSUD_NATIONAL_UPLOAD_DAYS,
        }
        return render(request, T + "source_detail.html", context)


class SourceCreateView(ManagerMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, T + "source_form.html", {"form": NationalSourceForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NationalSourceForm(request.POST)
        if form.is_valid():
            try:
                source = services.national_source_create(
                    actor=request.user, fields=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("atlas:national_source_detail", pk=source.pk)
        return render(request, T + "source_form.html", {"form": form})


class EditionCreateView(ManagerMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = selectors.national_source_get(pk)
        context = {"form": EditionForm(), "source": source}
        return render(request, T + "edition_form.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = selectors.national_source_get(pk)
        form = EditionForm(request.POST)
        if form.is_valid():
            try:
                services.national_edition_create(
                    actor=request.user, source=source, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("atlas:national_source_detail", pk=source.pk)
        context = {"form": form, "source": source}
        return render(request, T + "edition_form.html", context)


class UploadView(ManagerMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        edition = selectors.national_edition_get(pk)
        return self._render(request, edition, NationalUploadForm())

    def _render(self, request: HttpRequest, edition: Any, form: Any) -> HttpResponse:
        days = settings.SUDSUD_NATIONAL_UPLOAD_DAYS
        context = {"form": form, "edition": edition, "retention_days": days}
        return render(request, T + "upload.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        edition = selectors.national_edition_get(pk)
        form = NationalUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = services.national_upload_create(
                    actor=request.user,
                    edition=edition,
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect("atlas:national_mapping", pk=upload.pk)
        return self._render(request, edition, form)


def _already_imported(request: HttpRequest, upload: Any) -> HttpResponse | None:
    """Back to the source when ``upload`` was imported (its file is gone): its
    mapping, places and abandon steps no longer apply."""
    if upload.file:
        return None
    messages.info(
        request, _("This file was already imported: only its report remains.")
    )
    return redirect("atlas:national_source_detail", pk=upload.edition.source_id)


class MappingView(ManagerMixin, View):
    def _render(self, request: HttpRequest, upload: Any, form: MappingForm) -> Any:
        saved = SavedMappingForm(request.GET or None, source=upload.edition.source)
        context = {"upload": upload, "form": form, "saved_form": saved}
        return render(request, T + "mapping.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        if done := _already_imported(request, upload):
            return done
        saved = SavedMappingForm(request.GET or None, source=upload.edition.source)
        chosen = saved.cleaned_data["saved"].mapping if saved.is_valid() else None
        mapping = mapping_from_dict(chosen or upload.mapping)
        form = MappingForm(header=upload.header, initial=mapping_initial(mapping))
        return self._render(request, upload, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        if done := _already_imported(request, upload):
            return done
        form = MappingForm(request.POST, header=upload.header)
        if form.is_valid():
            try:
                job = national_import_mapped(
                    actor=request.user,
                    upload=upload,
                    mapping=form.mapping(),
                    save_as=form.cleaned_data["save_as"],
                    language=get_language(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("web:job_detail", pk=job.pk)
        return self._render(request, upload, form)


class UnmatchedView(ManagerMixin, View):
    def _render(self, request: HttpRequest, upload: Any, form: Any) -> HttpResponse:
        context = {"upload": upload, "form": form}
        return render(request, T + "unmatched.html", context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        if done := _already_imported(request, upload):
            return done
        return self._render(request, upload, UnmatchedForm(unmatched=upload.unmatched))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        if done := _already_imported(request, upload):
            return done
        if not upload.unmatched:  # nothing to answer: the page says so
            return redirect("atlas:national_unmatched", pk=upload.pk)
        form = UnmatchedForm(request.POST, unmatched=upload.unmatched)
        if not form.is_valid():
            return self._render(request, upload, form)
        try:
            job = national_import_with_places(
                actor=request.user,
                upload=upload,
                choices=form.choices(upload.unmatched),
                language=get_language(),
            )
        except ValidationError as exc:
            upload.refresh_from_db()  # the values to answer, as the rollback left them
            form.add_error(None, exc)
            return self._render(request, upload, form)
        messages.success(request, _("The places were remembered for next imports."))
        return redirect("web:job_detail", pk=job.pk)


class DiscardView(ManagerMixin, View):
    """Abandon an upload before its import (confirmation first)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        if done := _already_imported(request, upload):
            return done
        return render(request, T + "upload_confirm_discard.html", {"upload": upload})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.national_upload_get(pk)
        source_pk = upload.edition.source_id
        try:
            national_upload_discard(actor=request.user, upload=upload)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("atlas:national_source_detail", pk=source_pk)
        messages.success(
            request,
            _("The file %(file)s was deleted.") % {"file": upload.file_name},
        )
        return redirect("atlas:national_source_detail", pk=source_pk)
