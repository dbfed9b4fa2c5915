from typing import Any

from django.db import transaction

from sudsud.core.audit import audit_updated, model_snapshot
from sudsud.places.models import Place

from .common import place_search_text, require_admin


@transaction.atomic
def place_update(
    *,
    actor: Any,
    place: Place,
    name_fr: str,
    name_en: str,
    name_ar: str = "",
    is_active: bool = True,
) -> Place:
    """Rename a place or take it out of use. Codes come from ISO and never change
    here. The reference loader never overwrites what is saved here."""
    require_admin(actor)
    before = model_snapshot(place)
    place.name_fr, place.name_en, place.name_ar = name_fr, name_en, name_ar
    place.is_active = is_active
    place.search_text = place_search_text(place)
    place.full_clean()
    place.save()
    audit_updated(actor=actor, instance=place, before=before)
    return place
