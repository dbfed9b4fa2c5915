"""The built-in breakdown dimensions: "country" (one value per partner country,
code = ISO3) and "sex" (female, male)."""

from typing import Any

from django.db import transaction

from sudsud.core.audit import audit_created
from sudsud.places.models import Place
from sudsud.programmes.models import Dimension, DimensionValue, PartnerCountry

COUNTRY, SEX = "country", "sex"

# --- Built-in dimensions ------------------------------------------------------------

SYSTEM_DIMENSIONS = {
    COUNTRY: ("Pays", "Country", "البلد", 0),
    SEX: ("Sexe", "Sex", "الجنس", 1),
}
SEX_VALUES = {
    "female": ("Femmes", "Women", "نساء", 0),
    "male": ("Hommes", "Men", "رجال", 1),
}


def _ensure_dimension(code: str) -> tuple[Dimension, int]:
    fr, en, ar, order = SYSTEM_DIMENSIONS[code]
    dimension, created = Dimension.objects.get_or_create(
        code=code,
        defaults={
            "name_fr": fr,
            "name_en": en,
            "name_ar": ar,
            "order": order,
            "is_system": True,
        },
    )
    if created:
        audit_created(actor=None, instance=dimension)
    return dimension, int(created)


def _ensure_value(dimension: Dimension, code: str, defaults: dict[str, Any]) -> int:
    value, created = DimensionValue.objects.get_or_create(
        dimension=dimension, code=code, defaults=defaults
    )
    if created:
        audit_created(actor=None, instance=value)
    return int(created)


@transaction.atomic
def dimensions_ensure(*, actor: Any = None) -> dict[str, int]:
    """Create the built-in dimensions "country" (one value per partner country,
    code = ISO3) and "sex" (female, male) where missing; never changes existing
    rows. Returns how many dimensions and values were created."""
    country, made = _ensure_dimension(COUNTRY)
    sex, more = _ensure_dimension(SEX)
    values = 0
    places = Place.objects.filter(
        pk__in=PartnerCountry.objects.values("country_id")
    ).exclude(iso3="")
    for order, place in enumerate(places.order_by("name_fr")):
        names: dict[str, Any] = {"name_fr": place.name_fr, "name_en": place.name_en}
        names |= {"name_ar": place.name_ar, "place": place, "order": order}
        values += _ensure_value(country, place.iso3, names)
    for code, (fr, en, ar, order) in SEX_VALUES.items():
        names = {"name_fr": fr, "name_en": en, "name_ar": ar, "order": order}
        values += _ensure_value(sex, code, names)
    return {"dimensions": made + more, "dimension_values": values}
