"""API routes of the programmes app: iati."""

from django.urls import URLPattern, URLResolver, path

from .iati import IatiFileView, IatiImportApiView, IatiJobView, IatiValidationView

urlpatterns: list[URLPattern | URLResolver] = [
    path("iati/validation/", IatiValidationView.as_view(), name="iati-validation"),
    path("iati/file/", IatiFileView.as_view(), name="iati-file"),
    path("iati/import/", IatiImportApiView.as_view(), name="iati-import"),
    path("iati/jobs/<int:pk>/", IatiJobView.as_view(), name="iati-job"),
]
