"""URLs of the programmes app: data exports and breakdown dimensions."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
