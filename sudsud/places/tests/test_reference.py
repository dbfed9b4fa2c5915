import csv
import datetime as dt
import sys

import pytest
from django.core.exceptions import PermissionDenied

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.places import selectors
from sudsud.places.models import Grouping, GroupingMembership, Place, PlaceKind
from sudsud.places.reference import country_records, grouping_records
from sudsud.places.reference.regions import region_ancestry, region_code
from sudsud.places.reference.tsv import tsv_rows
from sudsud.places.services import (
    grouping_membership_update,
    place_update,
    places_load_reference,
)


def groupings_of(iso3: str, on_date: dt.date | None = None) -> set[str]:
    place = Place.objects.get(iso3=iso3)
    return {m.grouping.slug for m in selectors.place_groupings(place, on_date)}


def test_region_code_maps_table_names_to_m49_codes():
    assert region_code("Western Africa") == "011"
    assert region_code("South-eastern Asia") == "035"
    assert region_code("Australia and New Zealand") == "053"
    assert region_code("Antarctica") is None


def test_region_ancestry_rolls_up_to_the_continent():
    assert region_ancestry("011") == ["011", "202", "002"]
    assert region_ancestry("029") == ["029", "419", "019"]


def test_tsv_rows_read_without_importing_country_converter():
    assert len(tsv_rows()) > 249
    assert "country_converter" not in sys.modules


def test_grouping_records_members_are_iso_countries():
    iso3 = {record.iso3 for record in country_records()}
    for record in grouping_records():
        if record.kind != "un_region" and record.slug not in {"oecd", "eu"}:
            assert {member.iso3 for member in record.members} <= iso3, record.slug


def test_places_load_reference_creates_every_iso_country(loaded):
    assert loaded["places"]["created"] >= 249
    assert Place.objects.filter(kind=PlaceKind.COUNTRY).count() >= 249
    assert Place.objects.filter(code=732, iso2="EH", iso3="ESH").exists()
    assert AuditEntry.objects.filter(note="reference data", actor=None).count() > 249


def test_places_load_reference_names_senegal_from_cldr(loaded):
    senegal = Place.objects.get(code=686)
    assert (senegal.iso2, senegal.iso3) == ("SN", "SEN")
    assert senegal.name_fr == "Sénégal"
    assert senegal.name_en == "Senegal"
    assert senegal.name_ar == "السنغال"
    assert "senegal" in senegal.search_text


def test_places_load_reference_rolls_up_un_regions(loaded):
    morocco, senegal = groupings_of("MAR"), groupings_of("SEN")
    assert {"un-northern-africa", "un-africa"} <= morocco
    assert "un-sub-saharan-africa" not in morocco
    assert {"un-western-africa", "un-sub-saharan-africa", "un-africa"} <= senegal
    africa = Grouping.objects.get(m49_code=2)
    assert africa.kind == "un_region"
    assert africa.memberships.count() > 50
    assert Grouping.objects.get(m49_code=15).name_fr == "Afrique septentrionale"
    assert "un-europe" in groupings_of("FRA")


def test_places_load_reference_adds_economic_groupings(loaded):
    assert {"ecowas", "uemoa"} <= groupings_of("SEN")
    assert {"oecd", "eu"} <= groupings_of("FRA")
    oecd = GroupingMembership.objects.get(grouping__slug="oecd", place__iso3="FRA")
    assert oecd.start_date == dt.date(1961, 1, 1)
    assert oecd.note == "accession year"
    assert {"gcc"} <= groupings_of("QAT")
    assert {"amu"} <= groupings_of("MAR")


def test_places_load_reference_ends_mali_ecowas_membership(loaded):
    membership = GroupingMembership.objects.get(
        grouping__slug="ecowas", place__iso3="MLI"
    )
    assert membership.end_date == dt.date(2025, 1, 29)
    assert "ecowas" not in groupings_of("MLI", dt.date(2025, 6, 1))
    assert "ecowas" in groupings_of("MLI", dt.date(2025, 1, 29))
    assert "ecowas" in groupings_of("SEN", dt.date(2025, 6, 1))


def test_places_load_reference_second_run_creates_nothing(loaded):
    audits = AuditEntry.objects.count()
    again = places_load_reference(actor=None)
    assert all(numbers["created"] == 0 for numbers in again.values())
    assert again["places"]["unchanged"] == loaded["places"]["created"]
    assert again["memberships"]["unchanged"] == loaded["memberships"]["created"]
    assert AuditEntry.objects.count() == audits


def test_places_load_reference_keeps_what_an_admin_edited(loaded, admin_user):
    senegal = Place.objects.get(iso3="SEN")
    place_update(
        actor=admin_user,
        place=senegal,
        name_fr="République du Sénégal",
        name_en="Senegal",
    )
    mali = GroupingMembership.objects.get(grouping__slug="ecowas", place__iso3="MLI")
    grouping_membership_update(
        actor=admin_user,
        membership=mali,
        start_date=dt.date(1975, 5, 28),
        end_date=None,
    )
    places_load_reference(actor=admin_user)
    senegal.refresh_from_db()
    mali.refresh_from_db()
    assert senegal.name_fr == "République du Sénégal"
    assert senegal.name_ar == ""
    assert mali.end_date is None
    assert GroupingMembership.objects.filter(grouping__slug="ecowas").count() == 16


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.COUNTRY_COORDINATOR, Role.DATA_ANALYST]
)
def test_places_load_reference_refuses_non_admins(db, make_user, role):
    with pytest.raises(PermissionDenied):
        places_load_reference(actor=make_user(role))
    assert not Place.objects.exists()


@pytest.mark.shared
def test_places_load_reference_agrees_with_shared_m49_table(shared_dir, loaded):
    path = shared_dir / "data" / "reference" / "countries_territories_m49_fr.csv"
    codes = dict(Place.objects.values_list("iso3", "code"))
    checked = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["ISO 3166-1 Alpha 3-Codes"].strip()
            if iso3 in codes:
                assert codes[iso3] == int(row["m49 numerical code"]), iso3
                checked += 1
    assert checked >= 240


def test_places_load_reference_second_run_reads_groupings_in_fixed_queries(
    loaded, django_assert_max_num_queries
):
    # Places, then groupings and memberships, each in one query (plus the
    # transaction's savepoint), however many groupings the reference lists.
    assert Grouping.objects.count() > 20
    with django_assert_max_num_queries(6) as captured:
        places_load_reference(actor=None)
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert tables.count('FROM "places_grouping"') == 1
    assert tables.count('FROM "places_groupingmembership"') == 1
    # Read as pairs, unsorted: no join on the places to order them.
    (members,) = [q["sql"] for q in captured.captured_queries
                  if 'FROM "places_groupingmembership"' in q["sql"]]  # fmt: skip
    assert "JOIN" not in members
    assert "ORDER BY" not in members
