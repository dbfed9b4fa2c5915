"""Every write to the programme's reference data. Pages, the API and commands call
these; ``actor=None`` is the system (management commands)."""

from .edits import (
    domain_update,
    memorandum_update,
    partner_country_update,
    programme_update,
)
from .loader import MissingPlacesError, programme_load_reference

__all__ = [
    "MissingPlacesError",
    "domain_update",
    "memorandum_update",
    "partner_country_update",
    "programme_load_reference",
    "programme_update",
]
