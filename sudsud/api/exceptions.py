"""How the API answers errors (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``)."""

import re
from typing import Any

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler

# What django.shortcuts.get_object_or_404 says, in English whatever the language.
_DJANGO_NOT_FOUND = re.compile(r"^No \w+ matches the given query\.$")


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, except that a missing object answers "Not found." in the
    request's language instead of Django's untranslated "No Job matches the given
    query." (which also names an internal model). Our own 404 messages are kept."""
    if isinstance(exc, Http404):
        message = str(exc.args[0]) if exc.args else ""
        keep = message and not _DJANGO_NOT_FOUND.match(message)
        exc = NotFound(message) if keep else NotFound()
    return exception_handler(exc, context)
