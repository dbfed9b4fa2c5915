from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/download", views.job_download, name="job_download"),
    path("audit/", views.AuditListView.as_view(), name="audit_list"),
]
