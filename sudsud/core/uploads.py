"""Checks every uploaded file passes before anything reads it."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_upload(file: UploadedFile, *, extensions: tuple[str, ...]) -> str:
    """Return the file's lower-case extension, or raise a clear ``ValidationError``."""
    limit = settings.SUDSUD_MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    suffix = PurePath(file.name or "").suffix.lower().lstrip(".")
    if suffix not in extensions:
        raise ValidationError(
            _("Unsupported file type “%(suffix)s”. Accepted: %(accepted)s.")
            % {"suffix": suffix or "?", "accepted": ", ".join(extensions)},
            code="bad_type",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    return suffix
