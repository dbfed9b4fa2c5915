from django.urls import URLPattern, URLResolver, include, path

from .views import national
from .views.imports import ImportDetailView, ImportListView, UndesaImportView

app_name = "atlas"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sudsud.atlas.urls_profile")),
    path("", include("sudsud.atlas.urls_compare")),
    path("", include("sudsud.atlas.urls_brief")),
    path("", include("sudsud.atlas.urls_ranking")),
    path("imports/", ImportListView.as_view(), name="import_list"),
    path("imports/undesa/", UndesaImportView.as_view(), name="import_undesa"),
    path("imports/<int:pk>/", ImportDetailView.as_view(), name="import_detail"),
    path("national/", national.SourceListView.as_view(), name="national_source_list"),
    path(
        "national/new/",
        national.SourceCreateView.as_view(),
        name="national_source_create",
    ),
    path(
        "national/<int:pk>/",
        national.SourceDetailView.as_view(),
        name="national_source_detail",
    ),
    path(
        "national/<int:pk>/editions/new/",
        national.EditionCreateView.as_view(),
        name="national_edition_create",
    ),
    path(
        "national/editions/<int:pk>/upload/",
        national.UploadView.as_view(),
        name="national_upload",
    ),
    path(
        "national/uploads/<int:pk>/mapping/",
        national.MappingView.as_view(),
        name="national_mapping",
    ),
    path(
        "national/uploads/<int:pk>/unmatched/",
        national.UnmatchedView.as_view(),
        name="national_unmatched",
    ),
    path(
        "national/uploads/<int:pk>/discard/",
        national.DiscardView.as_view(),
        name="national_upload_discard",
    ),
]
