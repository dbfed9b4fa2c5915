"""API routes of the programmes app: data exports and breakdown dimensions."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
