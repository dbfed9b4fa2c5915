"""A national source for the origin-profile world of ``profile_data``.

Senegal's consular register (registered nationals), edition "2021": 2019 France 80;
2021 France 120 (men 70, women 50; 60 of them in "Île-de-France"), Italy 40, Spain 25
(UN DESA has no Spain) and Gabon suppressed (fewer than 5). Total 2021: 185.
UN DESA Rev.2024's nearest year to 2021 is 2020: France 50, Italy 25, Gabon 10.
"""

from types import SimpleNamespace

from sudsud.atlas.models import Definition, Sex

from .factories import EditionFactory, SourceFactory, StockValueFactory
from .profile_data import _country, make_world

REGISTER_EN = "Consular register of Senegal"


def make_register(world: SimpleNamespace) -> SimpleNamespace:
    p = world.places
    p.esp = _country(724, "ESP", "Espagne", "Spain")
    source = SourceFactory(
        code="sen-consular",
        name_fr="Registre consulaire du Sénégal",
        name_en=REGISTER_EN,
        publisher="MAESE",
        definition=Definition.REGISTERED_NATIONALS,
        coverage="Consulates of Senegal abroad",
        licence="Licence ouverte 2.0",
        citation="MAESE, registre consulaire 2021",
        is_national=True,
    )
    edition = EditionFactory(source=source, code="2021", published_year=2022)

    def value(destination, figure, **fields):
        fields.setdefault("year", 2021)
        return StockValueFactory(
            edition=edition,
            origin=p.sen,
            destination=destination,
            value=figure,
            data_type="",
            **fields,
        )

    value(p.fra, 80, year=2019)
    value(p.fra, 120)
    value(p.fra, 70, sex=Sex.MALE)
    value(p.fra, 50, sex=Sex.FEMALE)
    value(p.fra, 60, subnational="Île-de-France")
    value(p.ita, 40)
    value(p.esp, 25)
    value(p.gab, None, flag="suppressed")
    return SimpleNamespace(source=source, edition=edition)


def make_world_with_register() -> SimpleNamespace:
    world = make_world()
    world.register = make_register(world).edition
    return world
