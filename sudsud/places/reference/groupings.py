"""Every grouping to load, with its members: UN regions, then ``groupings.json``."""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from .countries import localised_names
from .regions import M49_REGIONS, region_members
from .tsv import column_values

DATA_FILE = Path(__file__).with_name("groupings.json")
UN_REGION_SOURCE = (
    "UN M49 (Standard country or area codes for statistical use); membership from "
    "country_converter, country_data.tsv, column UNregion; names from CLDR"
)


@dataclass(frozen=True)
class MemberRecord:
    iso3: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class GroupingRecord:
    slug: str
    kind: str
    name_fr: str
    name_en: str
    name_ar: str
    source: str
    m49_code: int | None = None
    members: list[MemberRecord] = field(default_factory=list)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _un_regions() -> list[GroupingRecord]:
    members = region_members()
    records = []
    for code in sorted(M49_REGIONS):
        names = localised_names(code)
        records.append(
            GroupingRecord(
                slug=f"un-{slugify(names['name_en'])}",
                kind="un_region",
                source=UN_REGION_SOURCE,
                m49_code=int(code),
                members=[MemberRecord(iso3=iso3) for iso3 in sorted(members[code])],
                name_fr=names["name_fr"],
                name_en=names["name_en"],
                name_ar=names["name_ar"],
            )
        )
    return records


def _table_members(column: str, *, is_year: bool) -> list[MemberRecord]:
    if not is_year:
        return [MemberRecord(iso3=iso3) for iso3 in sorted(column_values(column))]
    return [
        MemberRecord(
            iso3=iso3, start_date=dt.date(int(year), 1, 1), note="accession year"
        )
        for iso3, year in sorted(column_values(column).items())
    ]


def _from_file(entry: dict[str, Any]) -> GroupingRecord:
    if "cldr_territory" in entry:
        names = localised_names(entry["cldr_territory"])
    else:
        names = {key: entry[key] for key in ("name_fr", "name_en", "name_ar")}
    if "members_from_table" in entry:
        members = _table_members(
            entry["members_from_table"], is_year=entry.get("table_value_is_year", False)
        )
    else:
        members = [
            MemberRecord(
                iso3=item["iso3"],
                start_date=_date(item.get("start_date")),
                end_date=_date(item.get("end_date")),
                note=item.get("note", ""),
            )
            for item in entry["members"]
        ]
    return GroupingRecord(
        slug=entry["slug"],
        kind=entry["kind"],
        name_fr=names["name_fr"],
        name_en=names["name_en"],
        name_ar=names["name_ar"],
        source=entry["source"],
        members=members,
    )


def grouping_records() -> list[GroupingRecord]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return _un_regions() + [_from_file(entry) for entry in data["groupings"]]
