import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sudsud.accounts.models import Role
from sudsud.atlas.models import Definition, Sex
from sudsud.atlas.selectors.profile_national import (
    national_editions_for_user,
    national_sources_for_origin,
)

from .factories import EditionFactory, SourceFactory, StockValueFactory
from .profile_national_data import REGISTER_EN, make_world_with_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world_with_register()


@pytest.fixture
def viewer(make_user):
    return make_user(Role.VIEWER)


def _found(world, user, **kwargs):
    return national_sources_for_origin(user=user, origin=world.places.sen, **kwargs)


def test_national_sources_describe_the_edition(world, viewer, english):
    (found,) = _found(world, viewer)
    assert found.edition == world.register
    assert found.name == REGISTER_EN
    assert found.source.definition == Definition.REGISTERED_NATIONALS
    assert found.years == [2019, 2021]
    assert found.year == 2021
    assert (found.total, found.male, found.female) == (185, 70, 50)
    assert found.suppressed == 1


def test_national_sources_name_follows_the_language(world, viewer):
    from django.utils import translation

    with translation.override("fr"):
        assert _found(world, viewer)[0].name == "Registre consulaire du Sénégal"


def test_national_sources_list_destinations_and_subnational_places(world, viewer):
    (found,) = _found(world, viewer)
    p = world.places
    assert [(row.place, row.value) for row in found.destinations] == [
        (p.fra, 120),
        (p.ita, 40),
        (p.esp, 25),
        (p.gab, None),
    ]
    assert [row.place for row in found.top] == [p.fra, p.ita, p.esp]
    assert found.destinations[-1].flag == "suppressed"
    assert [(s.destination, s.name, s.value) for s in found.subnational] == [
        (p.fra, "Île-de-France", 60)
    ]


def test_national_sources_compare_with_the_nearest_undesa_year(world, viewer):
    (found,) = _found(world, viewer)
    comparison = found.comparison
    p = world.places
    assert comparison.edition == world.rev2024
    assert comparison.year == 2020  # nearest to 2021 among 2020 and 2024
    assert [(r.place, r.undesa, r.national, r.difference) for r in comparison.rows] == [
        (p.fra, 50, 120, 70),
        (p.ita, 25, 40, 15),
        (p.gab, 10, None, None),
    ]
    assert comparison.rows[0].undesa_data_type == "B"
    # Spain is in the national source only: listed, never compared.
    assert p.esp not in [row.place for row in comparison.rows]


def test_national_sources_compare_with_the_undesa_edition_shown(world, viewer):
    p = world.places
    (found,) = _found(world, viewer, reference=world.rev2020)
    assert found.comparison.edition == world.rev2020
    assert [(r.place, r.undesa) for r in found.comparison.rows] == [(p.fra, 999)]


def test_national_sources_compare_with_undesa_when_a_national_edition_is_shown(
    world, viewer
):
    (found,) = _found(world, viewer, reference=world.register)
    assert found.comparison.edition == world.rev2024


def test_national_sources_without_undesa_have_no_comparison(viewer):
    from .profile_data import make_places

    p = make_places()
    survey = SourceFactory(
        code="sen-survey", name_fr="Enquête", is_national=True
    ).editions.create(code="2023", published_year=2023)
    StockValueFactory(edition=survey, origin=p.sen, destination=p.fra, year=2023)
    (found,) = national_sources_for_origin(user=viewer, origin=p.sen)
    assert found.comparison is None
    assert found.total == 100


def test_national_sources_leave_out_undesa_and_other_origins(world, viewer):
    p = world.places
    assert [f.edition for f in _found(world, viewer)] == [world.register]
    other = EditionFactory(
        source=SourceFactory(code="mli-consular", name_fr="Mali", is_national=True),
        code="2020",
        published_year=2020,
    )
    StockValueFactory(edition=other, origin=p.civ, destination=p.fra)
    assert [f.edition for f in _found(world, viewer)] == [world.register]
    assert national_sources_for_origin(user=viewer, origin=p.gab) == []


def test_national_editions_are_hidden_from_anonymous_and_inactive_users(
    world, make_user
):
    sen = world.places.sen
    assert not national_editions_for_user(user=AnonymousUser(), origin=sen).exists()
    inactive = make_user(Role.VIEWER, is_active=False)
    assert national_sources_for_origin(user=inactive, origin=sen) == []


def test_national_editions_are_published_statistics_for_every_signed_in_user(
    world, make_user, countries
):
    # National sources and editions carry no country and no restriction flag (see
    # the module's docstring): a user scoped to Mali reads Senegal's register, as
    # they read UN DESA's figures. A restriction would go in
    # national_editions_for_user, and this test would change with it.
    officer = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])
    editions = national_editions_for_user(user=officer, origin=world.places.sen)
    assert list(editions) == [world.register]


def test_national_sources_queries_do_not_grow_with_destinations(
    world, viewer, django_assert_max_num_queries
):
    p = world.places
    for code, iso3 in ((4, "AFG"), (8, "ALB"), (12, "DZA")):
        place = p.sen.__class__.objects.create(
            code=code, iso3=iso3, name_fr=iso3, name_en=iso3
        )
        StockValueFactory(
            edition=world.register, origin=p.sen, destination=place, year=2021
        )
        StockValueFactory(edition=world.rev2024, origin=p.sen, destination=place)
    # Scope, editions, UN DESA edition, years, values of the latest years (all
    # sexes, sub-national places too), their destinations, UN DESA's values of
    # the nearest years.
    with django_assert_max_num_queries(7):
        (found,) = _found(world, viewer)
    assert len(found.destinations) == 7


def _men_and_women_only(world):
    """A survey whose file has a column for men and one for women, no total."""
    p = world.places
    survey = EditionFactory(
        source=SourceFactory(
            code="sen-survey",
            name_fr="Enquête",
            definition=Definition.SURVEY_ESTIMATE,
            is_national=True,
        ),
        code="2022",
        published_year=2022,
    )
    cells = {
        p.fra: (Sex.MALE, 30, ""),
        p.ita: (Sex.MALE, 12, ""),
        p.gab: (Sex.MALE, None, "suppressed"),
    }
    for place, (sex, value, flag) in cells.items():
        for one in (sex, Sex.FEMALE):
            StockValueFactory(
                edition=survey,
                origin=p.sen,
                destination=place,
                year=2022,
                sex=one,
                value=value if one == sex else {p.fra: 20, p.ita: 8, p.gab: 9}[place],
                flag=flag if one == sex else "",
                data_type="",
            )
    return survey


def test_national_sources_add_men_and_women_when_the_file_has_no_total(world, viewer):
    # Aggregated files may hold a men column and a women column only: both sexes
    # is then their sum, destination by destination; unknown when one is
    # suppressed. Before, the total was empty and no destination was listed.
    survey = _men_and_women_only(world)
    found = next(f for f in _found(world, viewer) if f.edition == survey)
    p = world.places
    assert [(row.place, row.value) for row in found.destinations] == [
        (p.fra, 50),
        (p.ita, 20),
        (p.gab, None),
    ]
    assert found.destinations[-1].flag == "suppressed"
    assert (found.total, found.male, found.female) == (70, 42, 37)
    assert found.suppressed == 1
    assert [(r.place, r.undesa, r.national) for r in found.comparison.rows] == [
        (p.fra, 100, 50),
        (p.ita, 50, 20),
        (p.gab, 20, None),
    ]
    assert found.comparison.year == 2024  # nearest to 2022: 2024 (2020 ties lose)


def test_national_sources_prefer_the_file_total_to_men_plus_women(world, viewer):
    (found,) = _found(world, viewer)
    france = found.destinations[0]
    # The register gives France 120 for both sexes (men 70, women 50): kept as is.
    assert (france.place, france.value) == (world.places.fra, 120)


def test_national_sources_list_subnational_places_of_a_file_with_ages(
    countries, admin_user, viewer
):
    rows = ["nat,residence,annee,sexe,age,consulat"]
    rows += ["SEN,FRA,2021,F,30,Paris"] * 4 + ["SEN,FRA,2021,M,50,Paris"] * 3
    rows += ["SEN,FRA,2021,F,20,Lyon"] * 6
    edition = _import_person_file(admin_user, rows)

    (found,) = national_sources_for_origin(user=viewer, origin=countries["SEN"])

    assert found.edition == edition
    assert found.total == 13
    assert [(s.name, s.value) for s in found.subnational] == [
        ("Lyon", 6),
        ("Paris", 7),
    ]


def _import_person_file(actor, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sudsud.atlas.national.mapping import PERSON, Mapping
    from sudsud.atlas.services import national as services

    source = services.national_source_create(
        actor=actor,
        fields={"code": "sen-register", "name_fr": "Registre", "name_en": "Register",
                "definition": "registered_nationals"},
    )  # fmt: skip
    edition = services.national_edition_create(
        actor=actor, source=source, code="2021", published_year=2021
    )
    upload = services.national_upload_create(
        actor=actor,
        edition=edition,
        upload=SimpleUploadedFile(
            "r.csv", "\n".join(rows).encode(), content_type="text/csv"
        ),
    )
    columns = {"origin": "nat", "destination": "residence", "year": "annee",
               "sex": "sexe", "age": "age", "subnational": "consulat"}  # fmt: skip
    mapping = Mapping(layout=PERSON, columns=columns)
    upload = services.national_upload_map(actor=actor, upload=upload, mapping=mapping)
    services.national_import(actor=actor, upload=upload)
    return edition


def test_national_sources_queries_do_not_grow_with_national_editions(
    world, viewer, django_assert_num_queries
):
    _found(world, viewer)  # the viewer's scope, cached on the user
    with CaptureQueriesContext(connection) as one:
        _found(world, viewer)
    _men_and_women_only(world)
    for code in ("sen-a", "sen-b"):
        edition = EditionFactory(
            source=SourceFactory(code=code, name_fr=code, is_national=True),
            code="2023",
            published_year=2023,
        )
        StockValueFactory(
            edition=edition, origin=world.places.sen, destination=world.places.fra
        )
    with django_assert_num_queries(len(one)):
        found = _found(world, viewer)
    assert len(found) == 4
