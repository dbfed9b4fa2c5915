from django.urls import include, path

from sudsud.programmes import views

app_name = "programmes"

urlpatterns = [
    path(
        "",
        views.ProgrammeDetailView.as_view(),
        name="programme_detail_current",
    ),
    path(
        "partner-countries/<int:pk>/edit/",
        views.PartnerCountryUpdateView.as_view(),
        name="partnercountry_update",
    ),
    path(
        "memoranda/<int:pk>/edit/",
        views.MemorandumUpdateView.as_view(),
        name="memorandum_update",
    ),
    path(
        "memoranda/<int:pk>/document/",
        views.memorandum_document,
        name="memorandum_document",
    ),
    path(
        "domains/<int:pk>/edit/", views.DomainUpdateView.as_view(), name="domain_update"
    ),
    # Each part of the monitoring module keeps its own URL module (same namespace).
    path("", include("sudsud.programmes.urls.activities")),
    path("", include("sudsud.programmes.urls.results")),
    path("", include("sudsud.programmes.urls.frameworks")),
    path("", include("sudsud.programmes.urls.dashboards")),
    path("", include("sudsud.programmes.urls.iati")),
    path("", include("sudsud.programmes.urls.data")),
    # Last: a programme code would otherwise swallow the paths above.
    path("<slug:code>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path(
        "<slug:code>/edit/",
        views.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
]
