"""URLs of the programmes app: activities. Included in the ``programmes`` namespace."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
