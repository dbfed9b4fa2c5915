from django.urls import path

from . import audit_views, views

app_name = "web"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/download", views.job_download, name="job_download"),
    path("audit/", views.AuditListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", audit_views.AuditDetailView.as_view(), name="audit_detail"),
    path(
        "audit/export.csv", audit_views.AuditExportView.as_view(), name="audit_export"
    ),
]
