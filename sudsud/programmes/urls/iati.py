"""URLs of the programmes app: iati. Included in the ``programmes`` namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
