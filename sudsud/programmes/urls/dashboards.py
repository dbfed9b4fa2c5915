"""URLs of the programmes app: dashboards. Included in the ``programmes`` namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
