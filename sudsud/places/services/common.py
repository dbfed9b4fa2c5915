"""What every places service shares: who may write, and the search column."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.text import normalise_for_search
from sudsud.places.models import Grouping, Place


def require_admin(actor: Any) -> None:
    """Reference data is shared by every module: only administrators change it."""
    if not scope_for(actor).is_programme_admin:
        raise PermissionDenied(_("Only programme administrators can change places."))


def place_search_text(place: Place) -> str:
    return normalise_for_search(
        place.name_fr, place.name_en, place.name_ar, place.iso2, place.iso3
    )


def grouping_search_text(grouping: Grouping) -> str:
    return normalise_for_search(
        grouping.name_fr, grouping.name_en, grouping.name_ar, grouping.slug
    )
