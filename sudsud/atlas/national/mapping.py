"""A column mapping: which column (or fixed value) gives each field of a value.

Stored as JSON (on :class:`ColumnMapping` and on the upload)::

    {"layout": "aggregated" | "person",
     "columns": {"origin": "pays", "year": "annee", …},
     "fixed": {"origin": "Sénégal"},
     "sex_columns": {"both": "total", "male": "male", "female": "female"},
     "published": false}

``sex_columns`` is the wide option of aggregated files (one count column per
sex, instead of a sex column and a count column). ``published`` marks figures the
source has already published (an official extract): small cells are then kept;
otherwise every cell under the threshold is suppressed.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sudsud.atlas.models import Sex
from sudsud.core.text import normalise_for_search

AGGREGATED = "aggregated"
PERSON = "person"
LAYOUTS = {
    AGGREGATED: gettext_lazy("Aggregated: one row per group with a count"),
    PERSON: gettext_lazy("One row per person (counted on import)"),
}
FIELD_LABELS = {
    "origin": gettext_lazy("Country of origin"),
    "destination": gettext_lazy("Country of residence"),
    "year": gettext_lazy("Year"),
    "sex": gettext_lazy("Sex"),
    "count": gettext_lazy("Number of people"),
    "age": gettext_lazy("Age or age group"),
    "subnational": gettext_lazy("Sub-national place"),
}
# The kind of an import report of a national file, by layout.
REPORT_KINDS = {AGGREGATED: "national_aggregated", PERSON: "national_person"}
REPORT_KIND_LABELS = {
    "national_aggregated": gettext_lazy("National file, aggregated"),
    "national_person": gettext_lazy("National file, one row per person"),
}
REQUIRED = ("origin", "destination", "year")
LAYOUT_FIELDS = {
    AGGREGATED: ("origin", "destination", "year", "sex", "count"),
    PERSON: ("origin", "destination", "year", "sex", "age", "subnational"),
}
SEX_VALUES = {
    normalise_for_search(text): sex
    for sex, texts in {
        Sex.FEMALE: (
            "f",
            "femme",
            "femmes",
            "female",
            "females",
            "woman",
            "women",
            "feminin",
            "أنثى",
            "انثى",
            "إناث",
            "اناث",
        ),
        Sex.MALE: (
            "m",
            "h",
            "homme",
            "hommes",
            "male",
            "males",
            "man",
            "men",
            "masculin",
            "ذكر",
            "ذكور",
        ),
        Sex.BOTH: (
            "both",
            "total",
            "t",
            "ensemble",
            "tous",
            "les deux",
            "all",
            "both sexes",
            "المجموع",
            "مجموع",
        ),
    }.items()
    for text in texts
}


@lru_cache(maxsize=1024)  # a file repeats the same few spellings on every row
def sex_parse(value: str) -> str | None:
    """``male``, ``female`` or ``both`` for a sex value in any of our languages."""
    return SEX_VALUES.get(normalise_for_search(value))


@dataclass
class Mapping:
    layout: str = AGGREGATED
    columns: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)
    sex_columns: dict[str, str] = field(default_factory=dict)
    published: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "columns": self.columns,
            "fixed": self.fixed,
            "sex_columns": self.sex_columns,
            "published": self.published,
        }


def _strings(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v).strip() for k, v in value.items() if str(v).strip()}


def mapping_from_dict(data: Any) -> Mapping:
    data = data if isinstance(data, dict) else {}
    layout = data.get("layout") if data.get("layout") in LAYOUTS else AGGREGATED
    fields = LAYOUT_FIELDS[layout]
    sex_columns = _strings(data.get("sex_columns")) if layout == AGGREGATED else {}
    fixed = {k: v for k, v in _strings(data.get("fixed")).items() if k in fields}
    columns = _strings(data.get("columns"))
    return Mapping(
        layout=layout,
        # A saved mapping may name a column and a fixed value for one field; the
        # fixed value won when it was saved, and still does.
        columns={k: v for k, v in columns.items() if k in fields and k not in fixed},
        fixed=fixed,
        sex_columns={k: v for k, v in sex_columns.items() if k in Sex.values},
        published=bool(data.get("published")) and layout == AGGREGATED,
    )


def _missing(mapping: Mapping) -> list[str]:
    needed = list(REQUIRED)
    if mapping.layout == AGGREGATED and not mapping.sex_columns:
        needed += ["sex", "count"]
    return [
        str(FIELD_LABELS[name])
        for name in needed
        if name not in mapping.columns and name not in mapping.fixed
    ]


def _unused(mapping: Mapping) -> list[str]:
    """Fields given that this kind of file does not read (they would be dropped)."""
    used = LAYOUT_FIELDS[mapping.layout]
    given = {*mapping.columns, *mapping.fixed}
    errors = []
    order = {name: index for index, name in enumerate(FIELD_LABELS)}
    for name in sorted(given - set(used), key=lambda name: (order.get(name, 99), name)):
        label = FIELD_LABELS.get(name, name)
        if mapping.layout == PERSON:
            message = _("“%(field)s” is not read from a file with one row per person.")
        else:
            message = _("“%(field)s” is read only from a file with one row per person.")
        errors.append(message % {"field": label})
    if mapping.layout == PERSON and mapping.published:
        errors.append(
            _(
                "Only aggregated figures can be marked as already published: a file "
                "with one row per person is always protected (cells under 5 hidden)."
            )
        )
    if mapping.layout == PERSON and mapping.sex_columns:
        errors.append(
            _(
                "Count columns by sex are for aggregated files: a file with one row "
                "per person has a sex column."
            )
        )
    return errors


def fixed_year(text: str) -> int | None:
    """A year written as a fixed value ("2021", "2021.0"), or None."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    if not number.is_integer() or not 1900 <= number <= 2100:
        return None
    return int(number)


def _fixed_problems(mapping: Mapping) -> list[str]:
    errors = [
        _("Give a column or a fixed value for “%(field)s”, not both.")
        % {"field": FIELD_LABELS.get(name, name)}
        for name in FIELD_LABELS
        if name in mapping.columns and name in mapping.fixed
    ]
    year = mapping.fixed.get("year")
    if year is not None and fixed_year(year) is None:
        errors.append(_("“%(value)s” is not a year.") % {"value": year})
    return errors


def mapping_check(mapping: Mapping, header: list[str]) -> None:
    """Raise a ``ValidationError`` listing every problem of ``mapping`` for a file
    whose header is ``header``."""
    if mapping.layout not in LAYOUTS:
        raise ValidationError(
            _("Unknown kind of file “%(layout)s”.") % {"layout": mapping.layout}
        )
    errors = [
        _("Choose a column or give a fixed value for “%(field)s”.") % {"field": name}
        for name in _missing(mapping)
    ]
    errors += _unused(mapping) + _fixed_problems(mapping)
    used = [*mapping.columns.values(), *mapping.sex_columns.values()]
    errors += [
        _("The file has no column “%(column)s”.") % {"column": column}
        for column in used
        if column not in header
    ]
    if mapping.fixed.get("sex") and sex_parse(mapping.fixed["sex"]) is None:
        errors.append(
            _("“%(value)s” is not a sex we know.") % {"value": mapping.fixed["sex"]}
        )
    if errors:
        raise ValidationError(errors)
