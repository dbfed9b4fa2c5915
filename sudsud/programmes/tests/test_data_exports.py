"""The results and values exports: content, scope, formula safety, queries."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from sudsud.accounts.models import Role
from sudsud.accounts.scopes import scope_for
from sudsud.programmes.exports_results import number, results_export
from sudsud.programmes.models import (
    ActualBreakdown,
    IndicatorUpdate,
    TargetBreakdown,
    UpdateStatus,
)
from sudsud.programmes.selectors.data import DataFilters

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ProgrammeFactory,
    ResultFactory,
)
from .factories_data import DimensionFactory, DimensionValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(countries, admin_user):
    """A plan (MAR, SEN) with a restricted Senegal activity and an open
    Morocco–Mali one, and a programme-level indicator with a hostile title."""
    programme = ProgrammeFactory()
    plan = ActionPlanFactory(programme=programme, code="PA-SEN")
    plan.countries.set([countries["MAR"], countries["SEN"]])
    secret = ActivityFactory(
        plan=plan, code="ACT-SECRET", is_restricted=True,
        countries=[(countries["SEN"], 100)],
    )  # fmt: skip
    open_ = ActivityFactory(
        plan=plan, code="ACT-OPEN",
        countries=[(countries["MAR"], 50), (countries["MLI"], 50)],
    )  # fmt: skip
    hidden = IndicatorFactory(
        result=ResultFactory(programme=programme, activity=secret, code="R-SECRET"),
        code="I-SECRET",
    )
    shown = IndicatorFactory(
        result=ResultFactory(programme=programme, activity=open_, code="R-OPEN"),
        code="I-OPEN",
        baseline_value=Decimal("12.5000"),
    )
    shown.dimensions.add(DimensionFactory(code="country", name_en="Country"))
    top = IndicatorFactory(
        result=ResultFactory(programme=programme, code="R-PRG"),
        code="I-PRG",
        title_fr='=HYPERLINK("http://evil")',
    )
    DimensionValueFactory(dimension=DimensionFactory(code="country"), code="MLI",
                          name_en="Mali", name_fr="Mali")  # fmt: skip
    periods = {}
    for indicator in (hidden, shown, top):
        periods[indicator.code] = IndicatorPeriodFactory(
            indicator=indicator, target_value=Decimal(100)
        )
    when = dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC)
    IndicatorUpdate.objects.create(
        period=periods["I-SECRET"], country=countries["SEN"], value=Decimal(7),
        status=UpdateStatus.APPROVED, reviewed_by=admin_user, reviewed_at=when,
    )  # fmt: skip
    mali = IndicatorUpdate.objects.create(
        period=periods["I-OPEN"], country=countries["MLI"], value=Decimal(30),
        status=UpdateStatus.APPROVED, reviewed_by=admin_user, reviewed_at=when,
    )  # fmt: skip
    ActualBreakdown.objects.create(update=mali, key="country=MLI", value=Decimal(30))
    TargetBreakdown.objects.create(
        period=periods["I-OPEN"], key="country=MLI", value=Decimal(40)
    )
    IndicatorUpdate.objects.create(
        period=periods["I-OPEN"], country=countries["MAR"], value=Decimal(5),
        status=UpdateStatus.SUBMITTED,
    )  # fmt: skip
    return {"plan": plan, "secret": secret, "open": open_, "periods": periods}


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _export(kind, user, filters=None, extension="csv"):
    with translation.override("en"):
        return results_export(
            kind=kind, extension=extension, user=user, filters=filters or DataFilters()
        )


def _column(rows, name):
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def test_results_export_hides_restricted_activity_from_mali_officer(
    world, countries, make_user
):
    officer = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])
    rows = _csv(_export("results", officer))
    assert _column(rows, "Indicator code") == ["I-PRG", "I-OPEN"]


def test_results_export_shows_restricted_activity_in_scope(world, countries, make_user):
    officer = make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]])
    rows = _csv(_export("results", officer))
    assert "I-SECRET" in _column(rows, "Indicator code")


def test_results_export_row_describes_indicator(world, admin_user):
    rows = _csv(_export("results", admin_user))
    row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[4] == "I-OPEN")
    assert row["Indicator code"] == "I-OPEN"
    assert row["Action plan"] == "PA-SEN"
    assert row["Activity"] == "ACT-OPEN"
    assert row["Result level"] == "Output"
    assert row["Roll-up method"] == "Sum"
    assert row["Baseline"] == "12.5"
    assert row["Breakdowns"] == "Country"


def test_results_export_neutralises_formulas(world, admin_user):
    rows = _csv(_export("results", admin_user))
    titles = _column(rows, "Indicator title (French)")
    assert '\'=HYPERLINK("http://evil")' in titles


def test_values_export_hides_restricted_values_from_mali_officer(
    world, countries, make_user
):
    officer = make_user(Role.DATA_ANALYST, countries=[countries["MLI"]])
    rows = _csv(_export("values", officer))
    codes = set(_column(rows, "Indicator code"))
    assert codes == {"I-OPEN", "I-PRG"}
    assert "ACT-SECRET" not in _column(rows, "Activity")


def test_values_export_rows_per_total_and_country(world, admin_user):
    admin_user.first_name, admin_user.last_name = "Awa", "Diallo"
    admin_user.save()
    rows = _csv(_export("values", admin_user))
    open_rows = [
        dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[4] == "I-OPEN"
    ]
    by_key = {row["Breakdown key"]: row for row in open_rows}
    assert set(by_key) == {"", "country=MAR", "country=MLI"}
    total, mali, morocco = by_key[""], by_key["country=MLI"], by_key["country=MAR"]
    assert (total["Target"], total["Approved actual"]) == ("100", "30")
    assert total["Status"] == "MAR: Submitted; MLI: Approved"
    assert (mali["Target"], mali["Approved actual"], mali["Breakdown"]) == (
        "40",
        "30",
        "Mali",
    )
    assert mali["Status"] == "Approved"
    assert mali["Approved by"] == admin_user.get_full_name()
    assert mali["Approved on"] == "2026-01-20"
    assert (morocco["Status"], morocco["Approved by"]) == ("Submitted", "")


def test_values_export_country_filter_keeps_that_country(world, countries, admin_user):
    filters = DataFilters(country=countries["MLI"])
    rows = _csv(_export("values", admin_user, filters))
    assert set(_column(rows, "Indicator code")) == {"I-OPEN"}
    assert set(_column(rows, "Breakdown key")) == {"", "country=MLI"}


def test_values_export_period_range_filters_periods(world, admin_user):
    IndicatorPeriodFactory(
        indicator=world["periods"]["I-OPEN"].indicator,
        start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31),
    )  # fmt: skip
    later = DataFilters(period_from=dt.date(2027, 1, 1))
    rows = _csv(_export("values", admin_user, later))
    assert set(_column(rows, "Period start")) == {"2027-01-01"}


def test_results_export_plan_and_activity_filters(world, admin_user):
    by_activity = _csv(
        _export("results", admin_user, DataFilters(activity=world["open"]))
    )
    assert _column(by_activity, "Indicator code") == ["I-OPEN"]
    by_plan = _csv(_export("results", admin_user, DataFilters(plan=world["plan"])))
    assert _column(by_plan, "Indicator code") == ["I-OPEN", "I-SECRET"]


def test_values_export_xlsx_writes_numbers_and_dates(world, admin_user):
    content = _export("values", admin_user, extension="xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    total = next(
        r
        for r in rows[1:]
        if r[4] == "I-OPEN" and r[header.index("Breakdown key")] in ("", None)
    )
    assert total[header.index("Target")] == 100
    assert isinstance(total[header.index("Target")], int)
    assert isinstance(total[header.index("Period start")], dt.datetime)


def test_results_export_xlsx_neutralises_formulas(world, admin_user):
    content = _export("results", admin_user, extension="xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_number_keeps_fractions_and_drops_trailing_zeros():
    assert number(Decimal("12.0000")) == 12
    assert number(Decimal("0.2500")) == Decimal("0.25")
    assert number(None) is None


def _many(count, countries, admin_user):
    for n in range(count):
        activity = ActivityFactory(countries=[(countries["SEN"], 100)])
        indicator = IndicatorFactory(result=ResultFactory(activity=activity))
        indicator.dimensions.add(DimensionFactory(code="sex"))
        period = IndicatorPeriodFactory(indicator=indicator)
        TargetBreakdown.objects.create(period=period, key="country=SEN", value=n + 1)
        update = IndicatorUpdate.objects.create(
            period=period, country=countries["SEN"], value=n,
            status=UpdateStatus.APPROVED, reviewed_by=admin_user,
            reviewed_at=timezone.now(),
        )  # fmt: skip
        ActualBreakdown.objects.create(update=update, key="country=SEN", value=n)


@pytest.mark.parametrize("kind", ["results", "values"])
def test_exports_query_count_does_not_grow(kind, countries, admin_user, make_user):
    analyst = make_user(Role.DATA_ANALYST, countries=[countries["SEN"]])
    _many(2, countries, admin_user)
    scope_for(analyst)  # the scope is read once per request, then cached
    with CaptureQueriesContext(connection) as few:
        small = _export(kind, analyst)
    _many(8, countries, admin_user)
    with CaptureQueriesContext(connection) as more:
        large = _export(kind, analyst)
    assert len(_csv(large)) > len(_csv(small))
    assert len(more.captured_queries) == len(few.captured_queries)
