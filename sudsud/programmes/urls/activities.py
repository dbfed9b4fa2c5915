"""URLs of the programmes app: action plans and activities. Included in the
``programmes`` namespace."""

from django.urls import URLPattern, path, re_path

from sudsud.programmes.views import activities as views
from sudsud.programmes.views import activities_parts as parts

urlpatterns: list[URLPattern] = [
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", views.PlanFormView.as_view(), name="plan_create"),
    path(
        "plans/template.xlsx",
        views.plan_template_download,
        name="plan_import_template",
    ),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", views.PlanFormView.as_view(), name="plan_update"),
    path("plans/<int:pk>/delete/", views.PlanDeleteView.as_view(), name="plan_delete"),
    path("plans/<int:pk>/import/", views.PlanImportView.as_view(), name="plan_import"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    re_path(  # only the formats there are: anything else is a 404, not a 500
        r"^activities/export\.(?P<extension>csv|xlsx)$",
        views.ActivityExportView.as_view(),
        name="activity_export",
    ),
    path("activities/new/", views.ActivityFormView.as_view(), name="activity_create"),
    path(
        "activities/<int:pk>/",
        views.ActivityDetailView.as_view(),
        name="activity_detail",
    ),
    path(
        "activities/<int:pk>/edit/",
        views.ActivityFormView.as_view(),
        name="activity_update",
    ),
    path(
        "activities/<int:pk>/delete/",
        views.ActivityDeleteView.as_view(),
        name="activity_delete",
    ),
    path(
        "activities/<int:pk>/partners/new/",
        parts.PartnerAddView.as_view(),
        name="activity_partner_add",
    ),
    path(
        "activities/<int:pk>/partners/<int:child_pk>/remove/",
        parts.PartnerRemoveView.as_view(),
        name="activity_partner_remove",
    ),
    path(
        "activities/<int:pk>/partners/<int:child_pk>/sign-off/",
        parts.SignOffView.as_view(),
        name="activity_sign_off",
    ),
    path(
        "activities/<int:pk>/budget/new/",
        parts.BudgetLineFormView.as_view(),
        name="budget_line_create",
    ),
    path(
        "activities/<int:pk>/budget/<int:child_pk>/edit/",
        parts.BudgetLineFormView.as_view(),
        name="budget_line_update",
    ),
    path(
        "activities/<int:pk>/budget/<int:child_pk>/delete/",
        parts.BudgetLineDeleteView.as_view(),
        name="budget_line_delete",
    ),
    path(
        "activities/<int:pk>/deliverables/new/",
        parts.DeliverableFormView.as_view(),
        name="deliverable_create",
    ),
    path(
        "activities/<int:pk>/deliverables/<int:child_pk>/edit/",
        parts.DeliverableFormView.as_view(),
        name="deliverable_update",
    ),
    path(
        "activities/<int:pk>/deliverables/<int:child_pk>/delete/",
        parts.DeliverableDeleteView.as_view(),
        name="deliverable_delete",
    ),
    path(
        "activities/<int:pk>/deliverables/<int:child_pk>/document/",
        parts.deliverable_document,
        name="deliverable_document",
    ),
]
