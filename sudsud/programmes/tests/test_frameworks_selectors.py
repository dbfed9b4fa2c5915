import datetime as dt
from decimal import Decimal

import pytest

from sudsud.accounts.models import Role
from sudsud.programmes.models import IndicatorUpdate, UpdateStatus
from sudsud.programmes.selectors.frameworks import (
    framework_catalogue_list_for_user,
    framework_indicator_list_for_user,
    framework_report,
    framework_report_rows,
    indicator_get_for_user,
)
from sudsud.programmes.tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ResultFactory,
)
from sudsud.programmes.tests.factories_frameworks import (
    FrameworkCatalogueFactory,
    FrameworkIndicatorFactory,
    approved_value,
)

START, END = dt.date(2021, 1, 1), dt.date(2022, 12, 31)


def _indicator(country, *, restricted=False, code=None):
    activity = ActivityFactory(countries=[(country, 100)], is_restricted=restricted)
    fields = {"code": code} if code else {}
    return IndicatorFactory(
        result=ResultFactory(programme=activity.programme, activity=activity), **fields
    )


@pytest.fixture
def catalogue():
    catalogue = FrameworkCatalogueFactory(code="eutf-cop")
    FrameworkIndicatorFactory(catalogue=catalogue, code="3.7", order=1)
    FrameworkIndicatorFactory(catalogue=catalogue, code="3.10", order=2)
    return catalogue


@pytest.mark.django_db
def test_framework_report_sums_approved_values_of_mapped_indicators(
    admin_user, countries, catalogue
):
    trained = catalogue.indicators.get(code="3.7")
    first, second = _indicator(countries["SEN"]), _indicator(countries["MLI"])
    first.framework_indicators.add(trained)
    second.framework_indicators.add(trained)
    approved_value(first, 2021, 10, country=countries["SEN"], reviewer=admin_user)
    approved_value(second, 2022, 5, country=countries["MLI"])

    lines = framework_report(user=admin_user, catalogue=catalogue, start=START, end=END)

    assert [line.framework_indicator.code for line in lines] == ["3.7", "3.10"]
    assert lines[0].total == Decimal(15)
    assert lines[1].total is None
    source = next(s for s in lines[0].sources if s.indicator == first)
    assert source.value == Decimal(10)
    assert source.countries == str(countries["SEN"])
    assert source.approvers == admin_user.get_username()
    assert source.indicator.result.activity == first.result.activity


@pytest.mark.django_db
def test_framework_report_ignores_unapproved_and_out_of_range_values(
    admin_user, countries, catalogue
):
    indicator = _indicator(countries["SEN"])
    indicator.framework_indicators.add(catalogue.indicators.get(code="3.7"))
    approved_value(indicator, 2020, 100)  # ends before the range
    period = IndicatorPeriodFactory(
        indicator=indicator, start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31)
    )
    IndicatorUpdate.objects.create(
        period=period, status=UpdateStatus.SUBMITTED, value=Decimal(7)
    )

    lines = framework_report(user=admin_user, catalogue=catalogue, start=START, end=END)

    assert lines[0].total is None
    assert lines[0].sources == []


@pytest.mark.django_db
def test_framework_report_one_indicator_counts_in_several_catalogues(
    admin_user, countries, catalogue
):
    other = FrameworkIndicatorFactory(code="BMZ-1")
    indicator = _indicator(countries["SEN"])
    indicator.framework_indicators.add(catalogue.indicators.get(code="3.7"), other)
    approved_value(indicator, 2021, 12)

    eutf = framework_report(user=admin_user, catalogue=catalogue, start=START, end=END)
    bmz = framework_report(
        user=admin_user, catalogue=other.catalogue, start=START, end=END
    )

    assert eutf[0].total == bmz[0].total == Decimal(12)


@pytest.mark.django_db
def test_framework_report_does_not_count_a_contributor_twice(
    admin_user, countries, catalogue
):
    trained = catalogue.indicators.get(code="3.7")
    parent = _indicator(countries["SEN"])
    child = _indicator(countries["SEN"])
    child.parent = parent
    child.save()
    parent.framework_indicators.add(trained)
    child.framework_indicators.add(trained)
    IndicatorPeriodFactory(
        indicator=parent, start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31)
    )
    approved_value(child, 2021, 8)

    lines = framework_report(user=admin_user, catalogue=catalogue, start=START, end=END)

    assert lines[0].total == Decimal(8)
    assert [s.indicator for s in lines[0].sources] == [parent]


@pytest.mark.django_db
def test_framework_report_hides_restricted_activities_out_of_scope(
    make_user, countries, catalogue
):
    indicator = _indicator(countries["SEN"], restricted=True)
    indicator.framework_indicators.add(catalogue.indicators.get(code="3.7"))
    approved_value(indicator, 2021, 9)
    mali = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["MLI"]])
    senegal = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])

    hidden = framework_report(user=mali, catalogue=catalogue, start=START, end=END)
    seen = framework_report(user=senegal, catalogue=catalogue, start=START, end=END)

    assert hidden[0].total is None
    assert seen[0].total == Decimal(9)
    assert indicator_get_for_user(user=mali, pk=indicator.pk) is None
    assert indicator_get_for_user(user=senegal, pk=indicator.pk) == indicator


@pytest.mark.django_db
def test_framework_report_rows_flatten_one_row_per_source(
    admin_user, countries, catalogue
):
    indicator = _indicator(countries["SEN"], code="=HYPERLINK")
    indicator.framework_indicators.add(catalogue.indicators.get(code="3.7"))
    approved_value(indicator, 2021, 4)
    lines = framework_report(user=admin_user, catalogue=catalogue, start=START, end=END)

    rows = framework_report_rows(lines)

    assert len(rows) == 2  # one source, and one empty framework indicator
    assert rows[0][0] == "3.7"
    assert rows[0][2] == Decimal(4)
    assert rows[0][3] == "=HYPERLINK"
    assert rows[0][6:8] == ["2021-01-01", "2021-12-31"]
    assert rows[1][0] == "3.10"
    assert rows[1][2] == ""


@pytest.mark.django_db
def test_framework_catalogue_list_for_user_counts_indicators(make_user, catalogue):
    viewer = make_user(Role.VIEWER)

    listed = list(framework_catalogue_list_for_user(user=viewer))

    assert listed == [catalogue]
    assert listed[0].indicator_count == 2


@pytest.mark.django_db
def test_framework_catalogue_list_for_user_is_empty_for_anonymous(catalogue):
    from django.contrib.auth.models import AnonymousUser

    assert not framework_catalogue_list_for_user(user=AnonymousUser()).exists()


@pytest.mark.django_db
def test_framework_indicator_list_for_user_searches_and_counts_mappings(
    admin_user, countries, catalogue
):
    _indicator(countries["SEN"]).framework_indicators.add(
        catalogue.indicators.get(code="3.10")
    )

    found = list(
        framework_indicator_list_for_user(
            user=admin_user, catalogue=catalogue, query="3.10"
        )
    )

    assert [item.code for item in found] == ["3.10"]
    assert found[0].mapped_count == 1
