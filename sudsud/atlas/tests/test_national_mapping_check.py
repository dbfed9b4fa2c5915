"""A column mapping is checked against the file before anything is read."""

import pytest
from django.core.exceptions import ValidationError

from sudsud.atlas.national.mapping import AGGREGATED, PERSON, Mapping, mapping_check

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
