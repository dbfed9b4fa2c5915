"""The country table shipped inside the ``country_converter`` package.

We read its TSV file with :mod:`csv` and never import ``country_converter`` itself:
importing it loads pandas, and the released version breaks with pandas 3.
``find_spec`` locates a package without running its ``__init__``.
"""

import csv
from functools import cache
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "country_converter"
FILENAME = "country_data.tsv"


def tsv_path() -> Path:
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"the {PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / FILENAME


@cache
def tsv_rows() -> tuple[dict[str, str], ...]:
    """Every row of the table, as ``{column: text}``."""
    with tsv_path().open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


def column_values(column: str) -> dict[str, str]:
    """``{ISO3: value}`` for the rows where ``column`` is not empty."""
    return {
        row["ISO3"]: row[column].strip() for row in tsv_rows() if row[column].strip()
    }
