from django.urls import path

from . import views

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
    path("<slug:code>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path(
        "<slug:code>/edit/",
        views.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
]
