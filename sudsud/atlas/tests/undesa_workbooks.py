"""Small synthetic UN DESA workbooks, in the 2020 and 2024 layouts, for the tests."""

import io

from openpyxl import Workbook

YEARS_2020 = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
YEARS_2024 = (*YEARS_2020, 2024)


def _titles(edition: str, title: str, table: str) -> list[list[str]]:
    year = edition.removeprefix("Rev.")
    rows = [
        ["", "", "", "", f"International Migrant Stock {year}: {title}"],
        ["", "", "", "", f"Table 1: International migrant stock {table}"],
        ["", "", "", "", f"POP/DB/MIG/Stock/{edition}"],
        ["", "", "", "", "Suggested citation: United Nations (…)"],
    ]
    return rows + [[] for _ in range(6)]


def save_rows(rows: list[list[object]], sheet: str = "Table 1") -> bytes:
    book = Workbook()
    book.active.title = "Table of contents"
    book.active.append(["Table number", "Title"])
    table = book.create_sheet(sheet)
    for row in rows:
        table.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def years_header(years: tuple[int, ...]) -> list[int]:
    return [*years, *years, *years]


def destination_2020(data: list[list[object]], edition: str = "Rev.2020") -> bytes:
    """2020 layout: (blank) | Region… | Notes | Location code | Type of data | years.

    Each data row: [name, notes, code, type of data, *values (21)]."""
    header = [
        "",
        "Region, development group, country or area",
        "Notes",
        "Location code",
        "Type of data",
        *years_header(YEARS_2020),
    ]
    body = [[index, *row] if row else [] for index, row in enumerate(data, start=1)]
    titles = _titles(
        edition, "Destination", "by region, country or area of destination"
    )
    return save_rows([*titles, header, *body])


def origin_2024(data: list[list[object]], edition: str = "Rev.2024") -> bytes:
    """2024 layout: Index | Region… | Coverage | (blank) | Location code | years.

    Each data row: [name, code, *values (24)]."""
    header = [
        "Index",
        "Region, development group, country or area",
        "Coverage",
        "",
        "Location code",
        *years_header(YEARS_2024),
    ]
    body = [[i, row[0], "", "", *row[1:]] for i, row in enumerate(data, start=1)]
    titles = _titles(edition, "Origin", "by region, country or area of origin")
    return save_rows([*titles, header, *body])


def bilateral_2020(data: list[list[object]]) -> bytes:
    """Index, destination name, notes, destination code, type of data, origin name,
    origin code, years. Each data row: [dest name, dest code, type, origin name,
    origin code, *values (21)]."""
    header = [
        "Index",
        "Region, development group, country or area of destination",
        "Notes of destination",
        "Location code of destination",
        "Type of data of destination",
        "Region, development group, country or area of origin",
        "Location code of origin",
        *years_header(YEARS_2020),
    ]
    body = [
        [i, row[0], "", row[1], row[2], row[3], row[4], *row[5:]]
        for i, row in enumerate(data, start=1)
    ]
    titles = _titles("Rev.2020", "Destination and origin", "by destination and origin")
    return save_rows([*titles, header, *body])


def series(total: int, count: int = 7) -> list[int]:
    """Both sexes, males, females for ``count`` years (males 60 %)."""
    male = total * 6 // 10
    return [total] * count + [male] * count + [total - male] * count
