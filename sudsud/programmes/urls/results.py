"""URLs of the programmes app: results. Included in the ``programmes`` namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
