"""A small world for the origin-profile tests: Senegal's emigrants in two editions.

Rev.2024, year 2024, both sexes: France 100, Italy 50, Côte d'Ivoire 30, Gabon 20,
Qatar 10; World 250 (so 40 are in "Other/unknown" destinations), men 130, women 120.
World in 2020: 200. France's immigrants: 10 000, of which 500 of unknown origin.
Rev.2020 holds other figures for 2020 (France 999, World 1 500): never mixed in.

By sex, Rev.2024, 2024 — women: France 40, Côte d'Ivoire 25, Italy 20, Gabon 12,
Qatar 2 (99, so 21 unknown of the World's 120); men: France 60, Italy 30, Gabon 8,
Qatar 8, Côte d'Ivoire 5 (111, so 19 unknown of 130). World in 2020: 100 women,
100 men. France's women immigrants: 5 000, of which 400 of unknown origin.
OECD: France (1961), Italy (1962) and Chile from 2030 (not a member in 2024).
"""

import datetime as dt
from types import SimpleNamespace

from sudsud.atlas.models import Sex
from sudsud.places.models import GroupingKind
from sudsud.places.tests.factories import (
    GroupingFactory,
    GroupingMembershipFactory,
    PlaceFactory,
)

from .factories import EditionFactory, StockValueFactory, aggregate


def _country(code: int, iso3: str, fr: str, en: str, ar: str = ""):
    return PlaceFactory(code=code, iso3=iso3, name_fr=fr, name_en=en, name_ar=ar)


def make_places() -> SimpleNamespace:
    return SimpleNamespace(
        sen=_country(686, "SEN", "Sénégal", "Senegal", "السنغال"),
        fra=_country(250, "FRA", "France", "France", "فرنسا"),
        ita=_country(380, "ITA", "Italie", "Italy"),
        civ=_country(384, "CIV", "Côte d’Ivoire", "Côte d’Ivoire"),
        gab=_country(266, "GAB", "Gabon", "Gabon"),
        qat=_country(634, "QAT", "Qatar", "Qatar"),
        chl=_country(152, "CHL", "Chili", "Chile"),
        world=aggregate(900, "WORLD"),
        other=aggregate(2003, "Other"),
    )


def make_groupings(p: SimpleNamespace) -> SimpleNamespace:
    oecd = GroupingFactory(slug="oecd", name_en="OECD")
    for place, year in ((p.fra, 1961), (p.ita, 1962), (p.chl, 2030)):
        GroupingMembershipFactory(
            grouping=oecd, place=place, start_date=dt.date(year, 1, 1)
        )
    africa = GroupingFactory(
        slug="un-africa", kind=GroupingKind.UN_REGION, m49_code=2, name_en="Africa"
    )
    for place in (p.sen, p.civ, p.gab):
        GroupingMembershipFactory(grouping=africa, place=place)
    ecowas = GroupingFactory(slug="ecowas", name_en="ECOWAS", name_fr="CEDEAO")
    for place in (p.sen, p.civ):
        GroupingMembershipFactory(grouping=ecowas, place=place)
    return SimpleNamespace(oecd=oecd, africa=africa, ecowas=ecowas)


def _value(edition, origin, destination, value, **fields):
    return StockValueFactory(
        edition=edition, origin=origin, destination=destination, value=value, **fields
    )


def make_world() -> SimpleNamespace:
    p = make_places()
    g = make_groupings(p)
    rev2020 = EditionFactory(code="Rev.2020", published_year=2020)
    rev2024 = EditionFactory(code="Rev.2024", published_year=2024)
    figures = {p.fra: 100, p.ita: 50, p.civ: 30, p.gab: 20, p.qat: 10}
    for place, value in figures.items():
        _value(
            rev2024, p.sen, place, value, data_type="C B R" if place == p.qat else "B"
        )
        _value(rev2024, p.sen, place, value // 2 or 1, year=2020)
    _value(rev2024, p.sen, p.chl, None, flag="suppressed")
    women = {p.fra: 40, p.civ: 25, p.ita: 20, p.gab: 12, p.qat: 2}
    for place, value in women.items():
        _value(rev2024, p.sen, place, value, sex=Sex.FEMALE)
        _value(rev2024, p.sen, place, figures[place] - value, sex=Sex.MALE)
    for sex in (Sex.MALE, Sex.FEMALE):
        _value(rev2024, p.sen, p.world, 100, sex=sex, year=2020)
    _value(rev2024, p.world, p.fra, 5_000, sex=Sex.FEMALE)
    _value(rev2024, p.other, p.fra, 400, sex=Sex.FEMALE)
    for sex, value in ((Sex.BOTH, 250), (Sex.MALE, 130), (Sex.FEMALE, 120)):
        _value(rev2024, p.sen, p.world, value, sex=sex)
    _value(rev2024, p.sen, p.world, 200, year=2020)
    _value(rev2024, p.world, p.fra, 10_000)
    _value(rev2024, p.other, p.fra, 500)
    _value(rev2020, p.sen, p.fra, 999, year=2020)
    _value(rev2020, p.sen, p.world, 1_500, year=2020)
    return SimpleNamespace(places=p, groupings=g, rev2020=rev2020, rev2024=rev2024)
