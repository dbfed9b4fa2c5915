"""URLs of the programmes app: frameworks. Included in the ``programmes`` namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
