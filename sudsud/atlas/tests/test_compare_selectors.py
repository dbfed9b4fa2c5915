import pytest

from sudsud.atlas.selectors import compare as selectors
from sudsud.atlas.selectors import compare_origins
from sudsud.atlas.selectors.compare_editions import edition_comparison_resolve
from sudsud.places.tests.factories import PlaceFactory

from .factories import EditionFactory, StockValueFactory
from .profile_data import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def _more_origins(world, count=5):
    """Extra origins in France, to show the query count does not grow."""
    for index in range(count):
        origin = PlaceFactory(code=700 + index, iso3=f"X{index:02d}")
        StockValueFactory(
            edition=world.rev2024, origin=origin, destination=world.places.fra
        )
        StockValueFactory(
            edition=world.rev2024, origin=origin, destination=world.places.ita
        )


def test_destination_profile_totals_other_share_and_origins(world):
    found = selectors.destination_profile_resolve(destination=world.places.fra)
    assert found.edition == world.rev2024
    assert found.year == 2024
    assert found.total == 10_000
    assert found.total_is_world
    assert found.other == 500
    assert found.other_share == pytest.approx(5.0)
    assert [(r.place.iso3, r.value) for r in found.origins] == [("SEN", 100)]
    assert found.origins[0].share == pytest.approx(1.0)


def test_destination_profile_without_world_sums_country_origins(world):
    found = selectors.destination_profile_resolve(destination=world.places.ita)
    assert found.total == 50
    assert not found.total_is_world
    assert found.other is None
    assert [p.year for p in found.series] == [2020, 2024]


def test_destination_profile_keeps_to_the_edition(world):
    found = selectors.destination_profile_resolve(
        destination=world.places.fra, edition=world.rev2020, year=2024
    )
    assert found.year == 2020  # Rev.2020 holds no 2024: falls back to its last year
    assert [r.value for r in found.origins] == [999]


def test_destination_profile_shows_suppressed_cells_and_none_without_data(world):
    chile = selectors.destination_profile_resolve(destination=world.places.chl)
    assert [(r.value, r.flag) for r in chile.origins] == [(None, "suppressed")]
    assert chile.total is None
    empty = PlaceFactory(code=999, iso3="ZZZ")
    assert selectors.destination_profile_resolve(destination=empty) is None


def test_destination_profile_query_count_is_constant(
    world, django_assert_max_num_queries
):
    _more_origins(world)
    with django_assert_max_num_queries(5):
        found = selectors.destination_profile_resolve(destination=world.places.fra)
        assert len(found.origins) == 6
        assert {r.place.iso3 for r in found.origins} >= {"SEN", "X04"}


def test_corridor_has_one_line_per_edition_never_spliced(world):
    found = selectors.corridor(origin=world.places.sen, destination=world.places.fra)
    assert [line.edition for line in found.lines] == [world.rev2024, world.rev2020]
    assert [(p.year, p.both) for p in found.lines[0].points] == [
        (2020, 50),
        (2024, 100),
    ]
    assert [(p.year, p.both) for p in found.lines[1].points] == [(2020, 999)]
    assert found.table() == [(2020, [50, 999]), (2024, [100, None])]


def test_corridor_query_count(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        found = selectors.corridor(
            origin=world.places.sen, destination=world.places.fra
        )
        assert str(found.lines[0].edition.source)


def test_comparison_defaults_to_programme_countries(world):
    found = compare_origins.comparison_resolve(
        origins=compare_origins.programme_origins()
    )
    assert found.edition == world.rev2024
    assert (found.year_from, found.year) == (2020, 2024)
    sen, civ = found.summaries
    assert (sen.origin.iso3, civ.origin.iso3) == ("SEN", "CIV")
    assert (sen.total, sen.male, sen.female) == (250, 130, 120)
    assert sen.split == {"oecd": 150, "africa": 50, "rest": 10, "unknown": 40}
    assert sen.share("oecd") == pytest.approx(60.0)
    assert sen.growth.absolute == 50
    assert [r.place.iso3 for r in sen.top] == ["FRA", "ITA", "CIV"]
    assert civ.total is None
    assert civ.top == []


def test_comparison_sums_countries_when_world_is_absent(world):
    _more_origins(world, count=1)
    x00 = selectors.country_get("X00")
    found = compare_origins.comparison_resolve(origins=[x00])
    assert found.summaries[0].total == 200
    assert found.summaries[0].split["oecd"] == 200


def test_comparison_query_count_is_constant(world, django_assert_max_num_queries):
    _more_origins(world)
    origins = [
        world.places.sen,
        *[selectors.country_get(f"X{i:02d}") for i in range(5)],
    ]
    with django_assert_max_num_queries(5):
        found = compare_origins.comparison_resolve(origins=origins)
        assert all(len(s.top) == 2 for s in found.summaries[1:])
        assert [r.place.name for s in found.summaries for r in s.top]


def test_edition_comparison_defaults_to_the_two_latest_editions(world):
    found = edition_comparison_resolve(origin=world.places.sen)
    assert (found.a, found.b, found.year) == (world.rev2020, world.rev2024, 2020)
    assert (found.total_a, found.total_b) == (1_500, 200)
    assert found.difference == -1_300
    assert found.percent == pytest.approx(-86.667, abs=0.01)
    fra = found.rows[0]
    assert (fra.place.iso3, fra.a, fra.b, fra.difference) == ("FRA", 999, 50, -949)
    ita = next(r for r in found.rows if r.place.iso3 == "ITA")
    assert (ita.a, ita.b, ita.difference, ita.percent) == (None, 25, None, None)


def test_edition_comparison_orders_editions_given_in_reverse(world):
    found = edition_comparison_resolve(
        origin=world.places.sen, a=world.rev2024, b=world.rev2020, year=1990
    )
    assert (found.a, found.b, found.year) == (world.rev2020, world.rev2024, 2020)


def test_edition_comparison_needs_two_editions(world):
    other = EditionFactory(code="Rev.2019", published_year=2019)
    assert edition_comparison_resolve(origin=world.places.gab) is None
    # Two editions but no common year.
    StockValueFactory(
        edition=other, origin=world.places.gab, destination=world.places.fra, year=1990
    )
    StockValueFactory(
        edition=world.rev2024, origin=world.places.gab, destination=world.places.fra
    )
    assert edition_comparison_resolve(origin=world.places.gab) is None


def test_edition_comparison_query_count(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        found = edition_comparison_resolve(origin=world.places.sen)
        assert [r.place.name for r in found.rows]
