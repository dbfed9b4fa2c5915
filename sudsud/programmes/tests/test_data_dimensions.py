"""Breakdown dimensions managed by administrators: the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    ActualBreakdown,
    Dimension,
    DimensionValue,
    TargetBreakdown,
)
from sudsud.programmes.selectors.data import dimension_list
from sudsud.programmes.services.dimensions_admin import (
    DimensionData,
    breakdowns_using,
    dimension_delete,
    dimension_save,
    dimension_value_delete,
    dimension_value_save,
)

from .factories import IndicatorFactory, IndicatorPeriodFactory, IndicatorUpdateFactory
from .factories_data import DimensionFactory, DimensionValueFactory

pytestmark = pytest.mark.django_db

AGE = DimensionData(code="age", name_fr="Âge", name_en="Age", name_ar="العمر", order=3)


@pytest.fixture
def sex():
    dimension = DimensionFactory(code="sex", is_system=True, name_en="Sex")
    DimensionValueFactory(dimension=dimension, code="female")
    return dimension


@pytest.fixture
def age():
    dimension = DimensionFactory(code="age", name_en="Age")
    DimensionValueFactory(dimension=dimension, code="15-24")
    return dimension


def test_dimension_save_creates_and_audits(admin_user):
    dimension = dimension_save(actor=admin_user, data=AGE)
    assert (dimension.code, dimension.name_ar, dimension.order) == ("age", "العمر", 3)
    assert AuditEntry.objects.filter(
        object_id=str(dimension.pk), action="create"
    ).exists()


@pytest.mark.parametrize(
    "role",
    [Role.COUNTRY_COORDINATOR, Role.IMPLEMENTING_STAFF, Role.MINISTRY_OFFICER,
     Role.DATA_ANALYST, Role.VIEWER],
)  # fmt: skip
def test_dimension_save_refuses_non_admins(role, make_user, countries):
    user = make_user(role, countries=[countries["SEN"]])
    with pytest.raises(PermissionDenied):
        dimension_save(actor=user, data=AGE)
    assert not Dimension.objects.exists()


def test_dimension_save_refuses_a_duplicate_code(admin_user, age):
    with pytest.raises(ValidationError) as error:
        dimension_save(actor=admin_user, data=AGE)
    assert "code" in error.value.message_dict


def test_dimension_save_refuses_a_bad_slug(admin_user):
    with pytest.raises(ValidationError) as error:
        dimension_save(actor=admin_user, data=DimensionData("a=b;c", "x", "y"))
    assert "code" in error.value.message_dict
    assert not Dimension.objects.exists()


def test_dimension_save_keeps_system_code(admin_user, sex):
    with pytest.raises(ValidationError):
        dimension_save(
            actor=admin_user,
            dimension=sex,
            data=DimensionData("gender", "Genre", "Gender"),
        )
    sex.refresh_from_db()
    assert sex.code == "sex"


def test_dimension_save_renames_system_dimension(admin_user, sex):
    dimension_save(
        actor=admin_user,
        dimension=sex,
        data=DimensionData("sex", "Sexe", "Sex", "الجنس", 9),
    )
    sex.refresh_from_db()
    assert (sex.name_ar, sex.order) == ("الجنس", 9)
    assert AuditEntry.objects.filter(object_id=str(sex.pk), action="update").exists()


def test_dimension_save_refuses_code_change_when_used(admin_user, age):
    period = IndicatorPeriodFactory()
    TargetBreakdown.objects.create(period=period, key="age=15-24;sex=female", value=3)
    with pytest.raises(ValidationError) as error:
        dimension_save(
            actor=admin_user, dimension=age, data=DimensionData("ages", "Âges", "Ages")
        )
    assert "code" in error.value.message_dict


def test_dimension_delete_refuses_system(admin_user, sex):
    with pytest.raises(ValidationError):
        dimension_delete(actor=admin_user, dimension=sex)
    assert Dimension.objects.filter(pk=sex.pk).exists()


def test_dimension_delete_refuses_when_an_actual_uses_it(admin_user, age):
    update = IndicatorUpdateFactory()
    ActualBreakdown.objects.create(update=update, key="age=15-24", value=3)
    with pytest.raises(ValidationError):
        dimension_delete(actor=admin_user, dimension=age)
    assert Dimension.objects.filter(pk=age.pk).exists()


def test_dimension_delete_refuses_when_an_indicator_uses_it(admin_user, age):
    IndicatorFactory().dimensions.add(age)
    with pytest.raises(ValidationError):
        dimension_delete(actor=admin_user, dimension=age)


def test_dimension_delete_removes_unused_with_values(admin_user, age):
    # "page=" contains "age=" but is another dimension: it does not block.
    TargetBreakdown.objects.create(
        period=IndicatorPeriodFactory(), key="page=1", value=1
    )
    dimension_delete(actor=admin_user, dimension=age)
    assert not Dimension.objects.filter(pk=age.pk).exists()
    assert not DimensionValue.objects.filter(dimension_id=age.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(age.pk), action="delete").exists()


def test_dimension_delete_refuses_non_admin(make_user, age):
    with pytest.raises(PermissionDenied):
        dimension_delete(actor=make_user(Role.COUNTRY_COORDINATOR), dimension=age)


def test_dimension_value_save_adds_a_value(admin_user, age):
    value = dimension_value_save(
        actor=admin_user,
        dimension=age,
        data=DimensionData("25-34", "25-34 ans", "25-34 years"),
    )
    assert value.dimension == age
    assert AuditEntry.objects.filter(object_id=str(value.pk), action="create").exists()


def test_dimension_value_save_refuses_duplicate(admin_user, age):
    with pytest.raises(ValidationError):
        dimension_value_save(
            actor=admin_user, dimension=age, data=DimensionData("15-24", "a", "b")
        )
    assert age.values.count() == 1


def test_dimension_value_save_refuses_new_value_in_system_dimension(admin_user, sex):
    with pytest.raises(ValidationError):
        dimension_value_save(
            actor=admin_user,
            dimension=sex,
            data=DimensionData("other", "Autre", "Other"),
        )


def test_dimension_value_save_keeps_system_value_code(admin_user, sex):
    female = sex.values.get()
    with pytest.raises(ValidationError):
        dimension_value_save(
            actor=admin_user,
            dimension=sex,
            value=female,
            data=DimensionData("f", "F", "F"),
        )
    renamed = dimension_value_save(
        actor=admin_user,
        dimension=sex,
        value=female,
        data=DimensionData("female", "Femmes", "Women"),
    )
    assert renamed.name_en == "Women"


def test_dimension_value_save_refuses_non_admin(make_user, age):
    with pytest.raises(PermissionDenied):
        dimension_value_save(
            actor=make_user(Role.DATA_ANALYST), dimension=age, data=AGE
        )


def test_dimension_value_delete_refuses_when_used(admin_user, age):
    TargetBreakdown.objects.create(
        period=IndicatorPeriodFactory(), key="age=15-24;sex=female", value=2
    )
    with pytest.raises(ValidationError):
        dimension_value_delete(actor=admin_user, value=age.values.get())
    assert age.values.count() == 1


def test_dimension_value_delete_ignores_longer_codes(admin_user, age):
    TargetBreakdown.objects.create(
        period=IndicatorPeriodFactory(), key="age=15-249", value=2
    )
    dimension_value_delete(actor=admin_user, value=age.values.get())
    assert age.values.count() == 0


def test_dimension_value_delete_refuses_system_value(admin_user, sex):
    with pytest.raises(ValidationError):
        dimension_value_delete(actor=admin_user, value=sex.values.get())


@pytest.mark.parametrize(
    ("key", "cell", "expected"),
    [
        ("age=15-24", "age=", 1), ("sex=female;age=x", "age=", 1), ("page=1", "age=", 0),
        ("age=15-24;sex=f", "age=15-24", 1), ("age=15-245", "age=15-24", 0),
        ("a=1;age=15-24", "age=15-24", 1), ("a=1;age=15-24;z=2", "age=15-24", 1),
    ],
)  # fmt: skip
def test_breakdowns_using_matches_whole_cells(key, cell, expected):
    TargetBreakdown.objects.create(period=IndicatorPeriodFactory(), key=key, value=1)
    assert breakdowns_using(cell) == expected


def test_dimension_list_searches_names(age, sex):
    assert list(dimension_list(q="Ag")) == [age]
