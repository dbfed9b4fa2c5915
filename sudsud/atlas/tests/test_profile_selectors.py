import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sudsud.atlas.selectors import profile as selectors

from .factories import EditionFactory, SourceFactory, StockValueFactory
from .profile_data import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def _profile(world, **choices):
    return selectors.origin_profile_resolve(origin=world.places.sen, **choices)


def test_origin_profile_splits_oecd_africa_rest_and_unknown(world):
    profile = _profile(world)
    assert profile.edition == world.rev2024
    assert profile.year == 2024
    assert profile.total == 250
    assert profile.total_is_world
    assert profile.split == {"oecd": 150, "africa": 50, "rest": 10, "unknown": 40}


def test_origin_profile_takes_oecd_membership_on_the_year(world):
    StockValueFactory(
        edition=world.rev2024,
        origin=world.places.sen,
        destination=world.places.chl,
        year=2020,
        value=7,
    )
    # Chile joins this test's OECD in 2030: in 2024 its figure is "rest of the world".
    profile = _profile(world, year_from=2020, year_to=2024)
    assert profile.split["oecd"] == 150


def test_origin_profile_never_mixes_editions(world):
    latest = _profile(world, year_to=2020)
    assert latest.total == 200
    assert [row.value for row in latest.destinations][:1] == [50]
    older = _profile(world, edition=world.rev2020)
    assert older.total == 1_500
    assert [(row.place.iso3, row.value) for row in older.destinations] == [("FRA", 999)]
    assert [point.year for point in older.series] == [2020]


def test_origin_profile_growth_is_absolute_and_compound_annual(world):
    growth = _profile(world, year_from=2020, year_to=2024).growth
    assert growth.absolute == 50
    assert growth.annual_rate == pytest.approx(100 * (1.25**0.25 - 1))
    assert growth.annual_rate == pytest.approx(5.737, abs=0.001)


def test_growth_between_refuses_reversed_or_missing_years():
    points = [selectors.SeriesPoint(2020, 10, None, None)]
    assert selectors.growth_between(points, 2020, 2024) is None
    assert selectors.growth_between(points, 2020, 2020) is None


def test_origin_profile_other_share_is_unknown_origin_in_the_destination(world):
    rows = {row.place.iso3: row for row in _profile(world).destinations}
    assert rows["FRA"].other_share == pytest.approx(5.0)
    assert rows["ITA"].other_share is None


def test_origin_profile_destinations_carry_quality_and_shares(world):
    rows = _profile(world).destinations
    assert [row.place.iso3 for row in rows][:2] == ["FRA", "ITA"]
    assert rows[-1].place.iso3 == "CHL"  # suppressed: listed last, not as zero
    assert rows[-1].flag == "suppressed"
    qatar = next(row for row in rows if row.place.iso3 == "QAT")
    assert qatar.data_type == "C B R"
    assert rows[0].share == pytest.approx(40.0)


def test_origin_profile_men_and_women_come_from_the_series(world):
    point = _profile(world).at_year
    assert (point.both, point.male, point.female) == (250, 130, 120)


def test_origin_profile_sums_the_chosen_grouping(world):
    profile = _profile(world, grouping=world.groupings.ecowas)
    assert profile.grouping_total == 30


def test_origin_profile_falls_back_to_countries_without_world_rows(world):
    national = EditionFactory(
        source=SourceFactory(code="consular-sn", is_national=True),
        code="2021",
        published_year=2021,
    )
    for place, value in ((world.places.fra, 40), (world.places.civ, 60)):
        StockValueFactory(
            edition=national, origin=world.places.sen, destination=place, value=value
        )
    profile = _profile(world, edition=national)
    assert profile.total == 100
    assert not profile.total_is_world
    assert profile.split["unknown"] == 0


def test_origin_profile_resolve_ignores_years_not_in_the_edition(world):
    profile = _profile(world, year_from=1990, year_to=2031)
    assert (profile.growth.year_from, profile.year) == (2020, 2024)


def test_origin_profile_resolve_is_none_without_data(world):
    assert selectors.origin_profile_resolve(origin=world.places.gab) is None


def test_edition_default_is_the_latest_undesa_edition(world):
    EditionFactory(
        source=SourceFactory(code="survey", is_national=True),
        code="2025",
        published_year=2025,
    )
    assert selectors.edition_default() == world.rev2024


def test_origin_list_holds_countries_with_data_only(world):
    assert list(selectors.origin_list().values_list("iso3", flat=True)) == ["SEN"]


def test_origin_profile_query_count_does_not_grow_with_destinations(world):
    with CaptureQueriesContext(connection) as before:
        _profile(world, grouping=world.groupings.ecowas)
    for code in range(700, 740):
        StockValueFactory(
            edition=world.rev2024, origin=world.places.sen, destination__code=code
        )
    with CaptureQueriesContext(connection) as after:
        profile = _profile(world, grouping=world.groupings.ecowas)
    assert len(profile.destinations) == 46
    assert len(after) == len(before) <= 8


@pytest.mark.django_db
def test_origin_list_leaves_out_areas_without_iso3_code():
    from sudsud.atlas.models import StockValue
    from sudsud.atlas.selectors.profile import origin_list
    from sudsud.atlas.tests.factories import EditionFactory
    from sudsud.places.models import PlaceKind
    from sudsud.places.tests.factories import PlaceFactory

    edition = EditionFactory()
    world = PlaceFactory(code=900, kind=PlaceKind.AGGREGATE)
    coded = PlaceFactory(code=686, iso3="SEN", iso2="SN")
    uncoded = PlaceFactory(code=830)
    for origin in (coded, uncoded):
        StockValue.objects.create(
            edition=edition,
            year=2024,
            origin=origin,
            destination=world,
            sex="both",
            value=10,
        )

    assert list(origin_list()) == [coded]
