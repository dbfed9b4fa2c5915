"""URLs of the programmes app: results. Included in the ``programmes`` namespace."""

from django.urls import URLPattern, path

from sudsud.programmes.views import results as views
from sudsud.programmes.views import results_evidence as evidence

urlpatterns: list[URLPattern] = [
    path("results/", views.ResultListView.as_view(), name="result_list"),
    path("results/new/", views.ResultEditView.as_view(), name="result_create"),
    path(
        "results/<int:pk>/edit/", views.ResultEditView.as_view(), name="result_update"
    ),
    path(
        "results/<int:result_pk>/indicators/new/",
        views.IndicatorEditView.as_view(),
        name="indicator_create",
    ),
    path(
        "indicators/<int:pk>/",
        views.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "indicators/<int:pk>/edit/",
        views.IndicatorEditView.as_view(),
        name="indicator_update",
    ),
    path(
        "indicators/<int:indicator_pk>/periods/new/",
        views.PeriodEditView.as_view(),
        name="period_create",
    ),
    path(
        "periods/<int:pk>/edit/", views.PeriodEditView.as_view(), name="period_update"
    ),
    path(
        "periods/<int:pk>/report/", views.UpdateEditView.as_view(), name="update_edit"
    ),
    path(
        "updates/<int:pk>/<slug:step>/",
        views.UpdateActionView.as_view(),
        name="update_action",
    ),
    path(
        "evidence/<int:pk>/download/",
        evidence.evidence_download,
        name="evidence_download",
    ),
    path(
        "evidence/<int:pk>/remove/",
        evidence.EvidenceRemoveView.as_view(),
        name="evidence_remove",
    ),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/badge/", views.InboxBadgeView.as_view(), name="inbox_badge"),
]
