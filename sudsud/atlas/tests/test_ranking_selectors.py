"""A known data set for the ranking tests: Senegal's diaspora in Rev.2024.

2024 (2015): France 10 000 (8 000), 4 000 women; Italy 5 000 (2 500), 3 000 women;
Spain 2 000 (2 000), 1 000 women; Gabon 500 (below the default minimum size).
With the default weights (size 40, growth 30, women 30): Italy 75, France ≈ 49.4,
Spain 15. Rev.2020 holds other figures (never mixed in); a consular register
(national source, 2023) counts Spain 9 000 and France 1 000.
"""

from types import SimpleNamespace

import pytest

from sudsud.atlas.models import Sex
from sudsud.atlas.selectors.ranking import (
    DEFAULT_WEIGHTS,
    RankingChoices,
    annual_rate,
    normalise,
    ranking,
    ranking_resolve,
    shares,
)

from .factories import EditionFactory, SourceFactory, StockValueFactory
from .profile_data import _country

pytestmark = pytest.mark.django_db

FIGURES = {
    "fra": (10_000, 4_000, 8_000),
    "ita": (5_000, 3_000, 2_500),
    "esp": (2_000, 1_000, 2_000),
    "gab": (500, 250, 400),
}


def make_ranking_world() -> SimpleNamespace:
    w = SimpleNamespace(
        sen=_country(686, "SEN", "Sénégal", "Senegal"),
        fra=_country(250, "FRA", "France", "France"),
        ita=_country(380, "ITA", "Italie", "Italy"),
        esp=_country(724, "ESP", "Espagne", "Spain"),
        gab=_country(266, "GAB", "Gabon", "Gabon"),
        rev2024=EditionFactory(code="Rev.2024", published_year=2024),
        rev2020=EditionFactory(code="Rev.2020", published_year=2020),
    )
    register = SourceFactory(
        code="sen-consular", name_fr="Registre consulaire", is_national=True
    )
    w.register = EditionFactory(source=register, code="2023", published_year=2023)
    for key, (both, women, before) in FIGURES.items():
        place = getattr(w, key)
        for year, sex, value in (
            (2024, Sex.BOTH, both),
            (2024, Sex.FEMALE, women),
            (2015, Sex.BOTH, before),
        ):
            StockValueFactory(
                edition=w.rev2024,
                origin=w.sen,
                destination=place,
                year=year,
                sex=sex,
                value=value,
            )
        StockValueFactory(
            edition=w.rev2020, origin=w.sen, destination=place, year=2015, value=99
        )
    for place, value in ((w.esp, 9_000), (w.fra, 1_000)):
        StockValueFactory(
            edition=w.register, origin=w.sen, destination=place, year=2023, value=value
        )
    return w


@pytest.fixture
def world():
    return make_ranking_world()


def _rank(world, **choices):
    weights = {**DEFAULT_WEIGHTS, **choices.pop("weights", {})}
    picked = RankingChoices(
        world.rev2024,
        choices.pop("year", 2024),
        choices.pop("year_from", 2015),
        choices.pop("national", None),
        weights,
        choices.pop("min_size", 1000),
    )
    return ranking(origin=world.sen, choices=picked)


def _order(found):
    return [row.place.iso3 for row in found.rows]


def test_ranking_orders_known_data_set_by_default_weights(world):
    found = _rank(world)
    assert _order(found) == ["ITA", "FRA", "ESP"]
    scores = {row.place.iso3: row.score for row in found.rows}
    assert scores["ITA"] == pytest.approx(75)
    assert scores["ESP"] == pytest.approx(15)
    growth = 100 * (2 ** (1 / 9) - 1)
    france_growth = 100 * (1.25 ** (1 / 9) - 1)
    assert scores["FRA"] == pytest.approx(40 + 30 * france_growth / growth)
    assert [row.rank for row in found.rows] == [1, 2, 3]


def test_ranking_minimum_size_filters_and_counts_excluded(world):
    assert "GAB" not in _order(_rank(world))
    assert _rank(world).excluded == 1
    assert "GAB" in _order(_rank(world, min_size=0))


def test_ranking_weights_change_the_order(world):
    by_size = _rank(world, weights={"size": 100, "growth": 0, "women": 0})
    assert _order(by_size) == ["FRA", "ITA", "ESP"]
    by_women = _rank(world, weights={"size": 0, "growth": 0, "women": 5})
    assert _order(by_women) == ["ITA", "ESP", "FRA"]


def test_ranking_weights_are_normalised(world):
    small = _rank(world, weights={"size": 4, "growth": 3, "women": 3})
    default = _rank(world)
    assert [r.score for r in small.rows] == pytest.approx(
        [r.score for r in default.rows]
    )
    assert sum(small.used_weights.values()) == pytest.approx(1)


def test_ranking_explains_each_contribution(world):
    italy = _rank(world).rows[0]
    size = italy.contributions["size"]
    assert size.raw == 5000
    assert size.normalised == pytest.approx(37.5)
    assert size.points == pytest.approx(0.4 * 37.5)
    assert italy.contributions["women"].raw == pytest.approx(60)
    assert sum(c.points for c in italy.contributions.values()) == pytest.approx(
        italy.score
    )


def test_normalise_is_min_max_and_safe_when_all_equal():
    assert normalise([2.0, 4.0, None, 6.0]) == [0.0, 50.0, None, 100.0]
    assert normalise([3.0, 3.0]) == [100.0, 100.0]
    assert normalise([None, None]) == [None, None]


def test_shares_and_annual_rate_are_zero_division_safe():
    assert shares({"size": 0, "growth": 0, "women": 0, "national": 0}, {"size"}) == {
        "size": 0.0,
        "growth": 0.0,
        "women": 0.0,
        "national": 0.0,
    }
    assert annual_rate(0, 100, 5) is None
    assert annual_rate(100, 100, 0) is None
    assert annual_rate(100, 121, 2) == pytest.approx(10)


def test_ranking_with_all_equal_values_gives_equal_scores(world):
    for key in ("fra", "ita", "esp"):
        StockValueFactory(
            edition=world.rev2024,
            origin=world.sen,
            destination=getattr(world, key),
            year=2030,
            value=3000,
        )
    found = _rank(world, year=2030, year_from=None)
    assert {row.score for row in found.rows} == {100.0}
    assert found.left_out == ["growth", "women"]


def test_ranking_missing_growth_year_leaves_growth_out(world):
    found = _rank(world, year_from=2000)
    assert all(row.raw("growth") is None for row in found.rows)
    assert found.used_weights["growth"] == 0
    assert found.used_weights["size"] == pytest.approx(40 / 70)
    assert found.left_out == ["growth"]
    assert _order(found) == ["ITA", "FRA", "ESP"]


def test_ranking_national_source_is_a_criterion_from_its_own_edition(world):
    found = _rank(
        world,
        national=world.register,
        weights={"size": 0, "growth": 0, "women": 0, "national": 1},
    )
    assert found.national_year == 2023
    assert _order(found) == ["ESP", "FRA", "ITA"]
    assert found.rows[0].raw("national") == 9000
    assert found.rows[2].contributions["national"].normalised is None


def test_ranking_national_source_counting_men_and_women_apart(world):
    # A register split by sex has no both-sexes cell: men plus women count, and a
    # destination with a suppressed half stays unknown.
    survey = EditionFactory(
        source=SourceFactory(code="sen-survey", is_national=True),
        code="2022",
        published_year=2022,
    )
    for place, men, women in ((world.ita, 700, 600), (world.esp, 50, None)):
        for sex, value in ((Sex.MALE, men), (Sex.FEMALE, women)):
            StockValueFactory(
                edition=survey,
                origin=world.sen,
                destination=place,
                year=2022,
                sex=sex,
                value=value,
                flag="" if value is not None else "suppressed",
            )

    found = _rank(world, national=survey, weights={"size": 0, "growth": 0, "women": 0})

    national = {row.place.iso3: row.raw("national") for row in found.rows}
    assert national == {"ITA": 1300, "FRA": None, "ESP": None}


def test_ranking_never_mixes_editions(world):
    sizes = {row.place.iso3: row.size for row in _rank(world).rows}
    assert sizes == {"FRA": 10_000, "ITA": 5_000, "ESP": 2_000}


def test_ranking_resolve_defaults(world):
    found = ranking_resolve(
        origin=world.sen, choices={}, weights=DEFAULT_WEIGHTS, min_size=1000
    )
    assert found.edition == world.rev2024
    assert (found.year_from, found.year) == (2015, 2024)
    assert found.national == world.register
    assert _order(found) == ["ITA", "FRA", "ESP"]


def test_ranking_resolve_without_data_is_none(world):
    found = ranking_resolve(
        origin=world.gab, choices={}, weights=DEFAULT_WEIGHTS, min_size=0
    )
    assert found is None


def test_ranking_query_count_is_constant(world, django_assert_num_queries):
    with django_assert_num_queries(3):
        _rank(world, national=world.register)
    for code in range(1, 8):
        place = StockValueFactory(
            edition=world.rev2024, origin=world.sen, value=5000
        ).destination
        StockValueFactory(
            edition=world.register, origin=world.sen, destination=place, value=code
        )
    with django_assert_num_queries(3):
        found = _rank(world, national=world.register)
    assert len(found.rows) == 10
