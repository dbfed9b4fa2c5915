"""The IATI settings, read when needed (never at import time).

The lead declares them in ``config/settings/base.py``; until then the environment
variable of the same name is read, so a deployment can already set them.
"""

import os
from pathlib import Path

from django.conf import settings

DEFAULT_SECTOR = "15190"  # DAC: Facilitation of orderly, safe, regular migration
SCHEMA_FILE = "iati-activities-schema.xsd"


def _setting(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value or default)


def schema_dir() -> Path | None:
    """The folder of the official XSD files, or ``None`` when unset."""
    value = _setting("SUDSUD_IATI_SCHEMA_DIR")
    return Path(value) if value else None


def reporting_org_ref() -> str:
    return _setting("SUDSUD_IATI_REPORTING_ORG_REF").strip()


def reporting_org_name() -> str:
    return _setting("SUDSUD_IATI_REPORTING_ORG_NAME").strip()


def sector_code() -> str:
    return _setting("SUDSUD_IATI_SECTOR", DEFAULT_SECTOR).strip() or DEFAULT_SECTOR
