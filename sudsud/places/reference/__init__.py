"""Reference data about places, read from maintained sources, never hand-typed.

* countries and areas: ISO 3166-1 from ``pycountry`` (numeric = M49 code), names in
  French, English and Arabic from the Unicode CLDR through Babel;
* UN geographic regions (M49): membership from the ``UNregion`` column of the table
  shipped with the ``country_converter`` package, rolled up the M49 hierarchy;
* OECD and EU: the same table's ``OECD`` and ``EU`` columns;
* ECOWAS, UEMOA, GCC, Arab Maghreb Union: ``groupings.json`` in this folder, with its
  sources.

This package only reads; ``sudsud.places.services.places_load_reference`` writes.
"""

from .countries import CountryRecord, country_records
from .groupings import GroupingRecord, MemberRecord, grouping_records

__all__ = [
    "CountryRecord",
    "GroupingRecord",
    "MemberRecord",
    "country_records",
    "grouping_records",
]
