import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sudsud.places import selectors
from sudsud.places.models import PlaceKind

from .factories import GroupingFactory, GroupingMembershipFactory, PlaceFactory

D = dt.date


def test_place_list_finds_senegal_in_loaded_reference(loaded):
    # One test for every query: loading the whole reference is the slow part.
    for query in ["senegal", "SÉNÉGAL", "السنغال", "SEN", "686", "sénég"]:
        found = list(selectors.place_list(q=query).values_list("iso3", flat=True))
        assert "SEN" in found, query
        assert "FRA" not in found, query


def test_place_list_without_query_lists_everything_by_french_name(countries):
    names = [place.name_fr for place in selectors.place_list()]
    assert names == sorted(names)
    assert len(names) == 5


def test_place_list_filters_by_kind_and_activity(countries):
    PlaceFactory(code=902, kind=PlaceKind.AGGREGATE, name_fr="Monde")
    countries["FRA"].is_active = False
    countries["FRA"].save()
    assert [p.code for p in selectors.place_list(kind=PlaceKind.AGGREGATE)] == [902]
    assert countries["FRA"] not in selectors.place_list(active=True)
    assert list(selectors.place_list(active=False)) == [countries["FRA"]]


def test_place_list_filters_by_current_grouping_members(countries):
    ecowas = GroupingFactory(slug="ecowas")
    GroupingMembershipFactory(grouping=ecowas, place=countries["SEN"])
    GroupingMembershipFactory(
        grouping=ecowas, place=countries["MLI"], end_date=D(2025, 1, 29)
    )
    members = selectors.place_list(grouping="ecowas", on_date=D(2025, 6, 1))
    assert list(members) == [countries["SEN"]]
    before = selectors.place_list(grouping="ecowas", on_date=D(2024, 1, 1))
    assert set(before) == {countries["SEN"], countries["MLI"]}


def test_grouping_members_on_date_respects_open_ends(countries):
    grouping = GroupingFactory()
    open_start = GroupingMembershipFactory(
        grouping=grouping, place=countries["SEN"], end_date=D(2000, 12, 31)
    )
    open_end = GroupingMembershipFactory(
        grouping=grouping, place=countries["MLI"], start_date=D(2001, 1, 1)
    )
    assert list(selectors.grouping_members(grouping, D(2000, 12, 31))) == [open_start]
    assert list(selectors.grouping_members(grouping, D(2001, 1, 1))) == [open_end]
    assert selectors.grouping_members(grouping).count() == 2


def test_grouping_members_needs_one_query(countries):
    grouping = GroupingFactory()
    for place in countries.values():
        GroupingMembershipFactory(grouping=grouping, place=place)
    with CaptureQueriesContext(connection) as queries:
        names = [m.place.name_fr for m in selectors.grouping_members(grouping)]
    assert len(names) == 5
    assert len(queries) == 1


def test_place_groupings_on_date(countries):
    current = GroupingMembershipFactory(
        place=countries["SEN"], start_date=D(1975, 5, 28)
    )
    GroupingMembershipFactory(place=countries["SEN"], start_date=D(2090, 1, 1))
    assert list(selectors.place_groupings(countries["SEN"], D(2025, 1, 1))) == [current]
    assert selectors.place_groupings(countries["SEN"]).count() == 2


def test_grouping_list_counts_current_members_and_searches(countries):
    uemoa = GroupingFactory(slug="uemoa", name_fr="Union économique et monétaire")
    GroupingMembershipFactory(grouping=uemoa, place=countries["SEN"])
    GroupingMembershipFactory(
        grouping=uemoa, place=countries["MLI"], end_date=D(2001, 1, 1)
    )
    GroupingFactory(slug="gcc", name_fr="Conseil de coopération du Golfe")
    found = list(selectors.grouping_list(q="ECONOMIQUE"))
    assert found == [uemoa]
    assert found[0].member_count == 1


def test_place_resolve_accepts_codes_and_names(countries):
    assert selectors.place_resolve("sn") == countries["SEN"]
    assert selectors.place_resolve("SEN") == countries["SEN"]
    assert selectors.place_resolve("686") == countries["SEN"]
    assert selectors.place_resolve("senegal") == countries["SEN"]
    assert selectors.place_resolve("cote d'ivoire") == countries["CIV"]
    assert selectors.place_resolve("مالي") == countries["MLI"]
    assert selectors.place_resolve("Atlantide") is None
    assert selectors.place_resolve("") is None
