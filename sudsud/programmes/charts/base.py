"""What every chart builder returns: the SVG and the table of the same figures."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString


@dataclass
class Chart:
    """A chart and its data: ``header`` and ``rows`` make both the HTML table that
    follows the chart and its CSV download. ``links`` (one per row, or ``None``)
    link the first cell of the HTML table. An empty chart has no SVG: pages show
    ``empty_text`` in its place."""

    slug: str
    title: str
    description: str
    header: list[str]
    rows: list[list[Any]]
    svg: SafeString | str = ""
    links: list[str | None] = field(default_factory=list)
    empty_text: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def table(self) -> list[tuple[str | None, list[tuple[Any, bool]]]]:
        """Rows for the HTML table: (link, [(cell, is_number), …])."""
        links = self.links or [None] * len(self.rows)
        return [
            (link, [(cell, _is_number(cell)) for cell in row])
            for link, row in zip(links, self.rows, strict=True)
        ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
