"""URLs of the programmes app: iati. Included in the ``programmes`` namespace."""

from django.urls import path

from sudsud.programmes.views.iati import (
    IatiDownloadView,
    IatiExportView,
    IatiImportView,
)

urlpatterns = [
    path("iati/", IatiExportView.as_view(), name="iati_export"),
    path("iati/download/", IatiDownloadView.as_view(), name="iati_download"),
    path("iati/import/", IatiImportView.as_view(), name="iati_import"),
]
