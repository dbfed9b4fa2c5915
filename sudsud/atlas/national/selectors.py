"""Reads of national sources (provenance is public to signed-in users)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from sudsud.atlas.models import ColumnMapping, Edition, NationalUpload, Source


def national_source_list(*, q: str = "") -> QuerySet[Source]:
    sources = Source.objects.filter(is_national=True).annotate(
        edition_count=Count("editions")
    )
    text = q.strip()
    if text:
        sources = sources.filter(
            Q(name_fr__icontains=text)
            | Q(name_en__icontains=text)
            | Q(code__icontains=text)
            | Q(publisher__icontains=text)
        )
    return sources.order_by("name_fr")


def national_source_get(pk: int) -> Source:
    editions = Edition.objects.order_by("-published_year", "code")
    sources = Source.objects.filter(is_national=True).prefetch_related(
        Prefetch("editions", queryset=editions), "column_mappings"
    )
    return get_object_or_404(sources, pk=pk)


def national_editions() -> QuerySet[Edition]:
    return Edition.objects.select_related("source").filter(source__is_national=True)


def national_edition_get(pk: int) -> Edition:
    return get_object_or_404(national_editions(), pk=pk)


def national_edition_find(pk: int) -> Edition | None:
    """The national edition ``pk``, or None (for an id given in a request body)."""
    return national_editions().filter(pk=pk).first()


def national_upload_get(pk: int) -> NationalUpload:
    return get_object_or_404(
        NationalUpload.objects.select_related("edition__source"), pk=pk
    )


def column_mapping_list(source: Source) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.filter(source=source).order_by("name")


def national_uploads_waiting(source: Source) -> QuerySet[NationalUpload]:
    """Files of ``source`` uploaded and not yet imported (still holding their
    file), newest first: the steps to resume or abandon."""
    return (
        NationalUpload.objects.filter(edition__source=source)
        .exclude(file="")
        .select_related("edition", "created_by")
        .order_by("-created_at")
    )
