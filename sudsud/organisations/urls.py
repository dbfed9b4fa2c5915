from django.urls import path, re_path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    re_path(
        r"^export\.(?P<extension>csv|xlsx)$",
        views.OrganisationExportView.as_view(),
        name="organisation_export",
    ),
    path("import/", views.OrganisationImportView.as_view(), name="organisation_import"),
    re_path(
        r"^import/template\.(?P<extension>csv|xlsx)$",
        views.organisation_import_template,
        name="organisation_import_template",
    ),
    path(
        "<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"
    ),
    path(
        "<int:pk>/edit/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "<int:pk>/archive/",
        views.OrganisationArchiveView.as_view(),
        name="organisation_archive",
    ),
    path(
        "<int:pk>/restore/",
        views.OrganisationRestoreView.as_view(),
        name="organisation_restore",
    ),
    path(
        "<int:pk>/contacts/new/",
        views.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "contacts/<int:pk>/edit/",
        views.ContactUpdateView.as_view(),
        name="contact_update",
    ),
    path(
        "contacts/<int:pk>/delete/",
        views.ContactDeleteView.as_view(),
        name="contact_delete",
    ),
]
