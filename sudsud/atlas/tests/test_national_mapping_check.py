"""A column mapping is checked against the file before anything is read."""

import pytest
from django.core.exceptions import ValidationError

from sudsud.atlas.national.mapping import (
    AGGREGATED,
    PERSON,
    Mapping,
    fixed_year,
    mapping_check,
    mapping_from_dict,
)

HEADER = ["pays", "annee", "sexe", "n", "age", "ville"]
AGGREGATED_OK = Mapping(
    layout=AGGREGATED,
    columns={"destination": "pays", "year": "annee", "sex": "sexe", "count": "n"},
    fixed={"origin": "SEN"},
)
PERSON_OK = Mapping(
    layout=PERSON,
    columns={"destination": "pays", "year": "annee", "sex": "sexe"},
    fixed={"origin": "SEN"},
)


def _problems(mapping: Mapping) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        mapping_check(mapping, HEADER)
    return caught.value.messages


def test_good_mappings_pass():
    mapping_check(AGGREGATED_OK, HEADER)
    mapping_check(PERSON_OK, HEADER)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"columns": {**AGGREGATED_OK.columns, "age": "age"}},
         "“Age or age group” is read only from a file with one row per person."),
        ({"fixed": {"origin": "SEN", "destination": "France"}},
         "Give a column or a fixed value for “Country of residence”, not both."),
        ({"fixed": {"origin": "SEN", "year": "deux mille"},
          "columns": {"destination": "pays", "sex": "sexe", "count": "n"}},
         "“deux mille” is not a year."),
        ({"layout": "wide"}, "Unknown kind of file “wide”."),
    ],
)  # fmt: skip
def test_aggregated_mapping_problems(english, change, expected):
    mapping = Mapping(**{**AGGREGATED_OK.__dict__, **change})
    assert expected in _problems(mapping)


def test_person_mapping_refuses_counts(english):
    with_count = Mapping(
        layout=PERSON,
        columns={**PERSON_OK.columns, "count": "n"},
        fixed=PERSON_OK.fixed,
        sex_columns={"both": "n"},
    )
    problems = _problems(with_count)
    assert "“Number of people” is not read from a file with one row per person." in (
        problems
    )
    assert any("Count columns by sex are for aggregated files" in p for p in problems)


@pytest.mark.parametrize(("text", "year"), [("2021", 2021), ("2021.0", 2021),
                                            (" 1990 ", 1990), ("²", None),
                                            ("1850", None), ("2021.5", None),
                                            ("deux mille", None)])  # fmt: skip
def test_fixed_year(text, year):
    assert fixed_year(text) == year


def test_person_level_figures_cannot_be_marked_published(english):
    published = Mapping(
        layout=PERSON, columns=PERSON_OK.columns, fixed=PERSON_OK.fixed, published=True
    )
    assert any("Only aggregated figures" in p for p in _problems(published))


def test_saved_mapping_with_a_column_and_a_fixed_value_still_works():
    saved = {
        "layout": "aggregated",
        "columns": {**AGGREGATED_OK.columns, "origin": "nat"},
        "fixed": {"origin": "SEN"},  # it won over the column when it was saved
    }
    mapping = mapping_from_dict(saved)
    assert "origin" not in mapping.columns
    mapping_check(mapping, HEADER)
