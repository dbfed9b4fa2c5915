from django.urls import URLPattern, URLResolver, include, path

from .views.imports import ImportDetailView, ImportListView, UndesaImportView

app_name = "atlas"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sudsud.atlas.urls_profile")),
    path("imports/", ImportListView.as_view(), name="import_list"),
    path("imports/undesa/", UndesaImportView.as_view(), name="import_undesa"),
    path("imports/<int:pk>/", ImportDetailView.as_view(), name="import_detail"),
]
