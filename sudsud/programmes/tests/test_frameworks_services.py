import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.frameworks_fr import EUTF_COMMON_OUTPUT_FR, french_label
from sudsud.programmes.models import FrameworkCatalogue, FrameworkIndicator
from sudsud.programmes.services.frameworks import (
    framework_catalogue_import,
    indicator_map_frameworks,
)
from sudsud.programmes.tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    ResultFactory,
)
from sudsud.programmes.tests.factories_frameworks import FrameworkIndicatorFactory

GOOD = (
    b"number,label_en,unit\n"
    b"1.1,Number of direct jobs created,jobs\n"
    b"3.7,Number of individuals trained,people\n"
)


def _import(actor=None, data=GOOD, version="2021-12", code="eutf-cop", **extra):
    return framework_catalogue_import(
        actor=actor,
        data=data,
        extension=extra.pop("extension", "csv"),
        code=code,
        version=version,
        name_fr="Indicateurs communs du FFU",
        name_en="EUTF common output indicators",
        **extra,
    )


@pytest.mark.django_db
def test_framework_catalogue_import_creates_catalogue_and_indicators():
    catalogue = _import()

    indicators = list(catalogue.indicators.order_by("order"))
    assert [i.code for i in indicators] == ["1.1", "3.7"]
    assert indicators[0].label_en == "Number of direct jobs created"
    assert indicators[0].unit == "jobs"
    assert AuditEntry.objects.filter(note="framework import").count() == 3


@pytest.mark.django_db
def test_framework_catalogue_import_fills_french_labels_for_eutf():
    catalogue = _import()

    item = catalogue.indicators.get(code="1.1")
    assert item.label_fr == EUTF_COMMON_OUTPUT_FR["1.1"]
    assert item.label_fr.startswith("Nombre d'emplois directs")


@pytest.mark.django_db
def test_framework_catalogue_import_keeps_french_label_of_the_file():
    data = b"code;label_en;label_fr\n1.1;Jobs;Emplois (fichier)\n"

    catalogue = _import(data=data)

    assert catalogue.indicators.get().label_fr == "Emplois (fichier)"


@pytest.mark.django_db
def test_framework_catalogue_import_other_catalogue_gets_no_eutf_labels():
    catalogue = _import(code="bmz")

    assert catalogue.indicators.get(code="1.1").label_fr == ""


@pytest.mark.django_db
def test_framework_catalogue_import_is_idempotent():
    _import()
    entries = AuditEntry.objects.count()

    _import()

    assert FrameworkCatalogue.objects.count() == 1
    assert FrameworkIndicator.objects.count() == 2
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_framework_catalogue_import_second_version_is_a_separate_catalogue():
    first = _import()
    newer = b"number,label_en\n1.1,Number of jobs (2022 wording)\n"

    second = _import(data=newer, version="2022-06")

    assert first.pk != second.pk
    assert first.indicators.count() == 2
    assert first.indicators.get(code="1.1").label_en == "Number of direct jobs created"
    assert second.indicators.get().label_en == "Number of jobs (2022 wording)"


@pytest.mark.django_db
def test_framework_catalogue_import_bad_rows_save_nothing_and_name_lines(english):
    data = b"number,label_en\n1.1,Jobs\n,No code\n1.1,Duplicate\n2.2,\n"

    with pytest.raises(ValidationError) as error:
        _import(data=data)

    messages = error.value.messages
    assert "Line 3: the code (or number) is missing." in messages
    assert "Line 4: the code 1.1 is already on line 2." in messages
    assert "Line 5: the English label (label_en) is missing." in messages
    assert not FrameworkCatalogue.objects.exists()


@pytest.mark.django_db
def test_framework_catalogue_import_refuses_missing_columns(english):
    with pytest.raises(ValidationError, match="label_en"):
        _import(data=b"code,title\n1.1,Jobs\n")


@pytest.mark.django_db
def test_framework_catalogue_import_updates_changed_labels_in_place():
    catalogue = _import()

    _import(data=b"number,label_en,unit\n1.1,Jobs (fixed),jobs\n3.7,Trained,people\n")

    assert catalogue.indicators.get(code="1.1").label_en == "Jobs (fixed)"
    assert FrameworkIndicator.objects.count() == 2


@pytest.mark.django_db
def test_framework_catalogue_import_refuses_to_drop_a_mapped_indicator():
    catalogue = _import()
    IndicatorFactory().framework_indicators.add(catalogue.indicators.get(code="3.7"))

    with pytest.raises(ValidationError):
        _import(data=b"number,label_en\n1.1,Jobs\n")

    assert catalogue.indicators.count() == 2


@pytest.mark.django_db
def test_framework_catalogue_import_drops_an_unmapped_indicator_not_in_the_file():
    catalogue = _import()

    _import(data=b"number,label_en\n1.1,Jobs\n")

    assert list(catalogue.indicators.values_list("code", flat=True)) == ["1.1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.COUNTRY_COORDINATOR, Role.IMPLEMENTING_STAFF, Role.VIEWER]
)
def test_framework_catalogue_import_refuses_non_administrators(make_user, role):
    with pytest.raises(PermissionDenied):
        _import(actor=make_user(role))
    assert not FrameworkCatalogue.objects.exists()


@pytest.mark.django_db
def test_framework_catalogue_import_reads_the_real_eutf_file(shared_dir, admin_user):
    path = shared_dir / "data/eutf/eutf_common_output_indicators_akvo_2021-12.csv"

    catalogue = _import(actor=admin_user, data=path.read_bytes())

    assert catalogue.indicators.count() == 38
    assert not catalogue.indicators.filter(label_fr="").exists()
    assert set(catalogue.indicators.values_list("code", flat=True)) == set(
        EUTF_COMMON_OUTPUT_FR
    )


def test_french_label_covers_the_38_eutf_indicators():
    assert len(EUTF_COMMON_OUTPUT_FR) == 38
    assert french_label("eutf-cop", "3.5 bis").startswith("Nombre de migrants")
    assert french_label("bmz", "1.1") == ""


# --- Mapping ----------------------------------------------------------------------


@pytest.fixture
def senegal_indicator(countries):
    activity = ActivityFactory(countries=[(countries["SEN"], 100)])
    return IndicatorFactory(
        result=ResultFactory(programme=activity.programme, activity=activity)
    )


@pytest.mark.django_db
def test_indicator_map_frameworks_sets_several_catalogues(
    admin_user, senegal_indicator
):
    eutf, bmz = FrameworkIndicatorFactory(), FrameworkIndicatorFactory()

    indicator_map_frameworks(
        actor=admin_user, indicator=senegal_indicator, framework_indicators=[eutf, bmz]
    )

    assert set(senegal_indicator.framework_indicators.all()) == {eutf, bmz}
    assert AuditEntry.objects.filter(object_id=str(senegal_indicator.pk)).exists()


@pytest.mark.django_db
def test_indicator_map_frameworks_replaces_the_choice(admin_user, senegal_indicator):
    old, new = FrameworkIndicatorFactory(), FrameworkIndicatorFactory()
    senegal_indicator.framework_indicators.add(old)

    indicator_map_frameworks(
        actor=admin_user, indicator=senegal_indicator, framework_indicators=[new]
    )

    assert list(senegal_indicator.framework_indicators.all()) == [new]


@pytest.mark.django_db
def test_indicator_map_frameworks_allows_the_country_coordinator(
    make_user, countries, senegal_indicator
):
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    item = FrameworkIndicatorFactory()

    indicator_map_frameworks(
        actor=coordinator, indicator=senegal_indicator, framework_indicators=[item]
    )

    assert list(senegal_indicator.framework_indicators.all()) == [item]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "iso3"),
    [
        (Role.COUNTRY_COORDINATOR, "MLI"),
        (Role.IMPLEMENTING_STAFF, "SEN"),
        (Role.MINISTRY_OFFICER, "SEN"),
        (Role.VIEWER, "SEN"),
    ],
)
def test_indicator_map_frameworks_refuses_others(
    make_user, countries, senegal_indicator, role, iso3
):
    user = make_user(role, countries=[countries[iso3]])

    with pytest.raises(PermissionDenied):
        indicator_map_frameworks(
            actor=user,
            indicator=senegal_indicator,
            framework_indicators=[FrameworkIndicatorFactory()],
        )
    assert not senegal_indicator.framework_indicators.exists()
