"""Every ISO 3166-1 country or area, named in French, English and Arabic by CLDR."""

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

LANGUAGES = ("fr", "en", "ar")


@dataclass(frozen=True)
class CountryRecord:
    code: int  # ISO 3166-1 numeric, which is the M49 code
    iso2: str
    iso3: str
    name_fr: str
    name_en: str
    name_ar: str


@cache
def territory_names(language: str) -> dict[str, str]:
    """CLDR names of territories (``"SN"``, ``"015"``…) in ``language``."""
    return dict(Locale(language).territories)


def localised_names(territory: str) -> dict[str, str]:
    """``{"name_fr": …, "name_en": …, "name_ar": …}`` for a CLDR territory code."""
    return {f"name_{lang}": territory_names(lang)[territory] for lang in LANGUAGES}


def country_records() -> list[CountryRecord]:
    return [
        CountryRecord(
            code=int(country.numeric),
            iso2=country.alpha_2,
            iso3=country.alpha_3,
            **localised_names(country.alpha_2),
        )
        for country in pycountry.countries
    ]
