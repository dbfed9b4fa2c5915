"""Reads of the import reports and sources (not country-scoped: UN DESA's figures
and their provenance are public)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from sudsud.atlas.models import Edition, ImportReport, Source


def import_report_list(
    *, q: str = "", kind: str = "", edition: str = ""
) -> QuerySet[ImportReport]:
    reports = ImportReport.objects.select_related("edition__source", "created_by")
    if q:
        reports = reports.filter(file_name__icontains=q.strip())
    if kind:
        reports = reports.filter(kind=kind)
    if edition:
        reports = reports.filter(edition__code=edition)
    return reports


def import_report_get(pk: int) -> ImportReport:
    return get_object_or_404(import_report_list(), pk=pk)


def source_list() -> QuerySet[Source]:
    editions = Edition.objects.order_by("-published_year")
    return Source.objects.prefetch_related(Prefetch("editions", queryset=editions))
