"""Writes of the results framework: results, indicators, periods with target
breakdowns, built-in dimensions, evidence."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    Dimension,
    DimensionValue,
    IndicatorKind,
    IndicatorMeasure,
    ResultLevel,
)
from sudsud.programmes.selectors.results import breakdown_grid, indicator_history
from sudsud.programmes.services import reporting
from sudsud.programmes.services import results as services

from .factories import IndicatorFactory, IndicatorUpdateFactory, ResultFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries)


def test_dimensions_ensure_creates_country_and_sex_once(programme):
    first = services.dimensions_ensure()
    second = services.dimensions_ensure()

    assert first == {"dimensions": 2, "dimension_values": 4 + 2}
    assert second == {"dimensions": 0, "dimension_values": 0}
    country = DimensionValue.objects.get(dimension__code="country", code="SEN")
    assert country.place.iso3 == "SEN"
    assert set(Dimension.objects.values_list("code", flat=True)) == {"country", "sex"}
    assert Dimension.objects.get(code="sex").is_system


def test_load_reference_data_ensures_the_dimensions(seats, monkeypatch):
    from django.core.management import call_command

    from sudsud.web.management.commands import load_reference_data

    monkeypatch.setattr(load_reference_data, "places_load_reference", lambda actor: {})
    call_command("load_reference_data", verbosity=0)

    assert DimensionValue.objects.filter(dimension__code="sex").count() == 2


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"country=SEN;sex=other": "1"}, "not a value"),
        ({"age=young": "1"}, "not broken down"),
        ({"sex=female": "-1"}, "not negative"),
        ({"sex=female": "beaucoup"}, "Enter a number"),
        ({"sex": "1"}, "not a valid breakdown"),
    ],
)
def test_breakdowns_clean_rejects_bad_cells(period, cells, message, english):
    with pytest.raises(ValidationError, match=message):
        services.breakdowns_clean(period.indicator, cells)


def test_breakdowns_clean_builds_canonical_keys_and_skips_empty_cells(period):
    clean = services.breakdowns_clean(
        period.indicator, {"sex=female;country=SEN": "3,5", "sex=male": ""}
    )

    assert clean == {"country=SEN;sex=female": Decimal("3.5")}


def test_breakdowns_clean_refuses_another_country_than_the_update(
    period, countries, english
):
    with pytest.raises(ValidationError, match="another country"):
        services.breakdowns_clean(
            period.indicator, {"country=MAR;sex=male": "1"}, country=countries["SEN"]
        )


def test_indicator_period_save_replaces_target_breakdowns_and_audits(
    period, admin_user
):
    services.indicator_period_save(
        actor=admin_user,
        indicator=period.indicator,
        period=period,
        target_value=Decimal(80),
        target_breakdowns={
            "country=SEN;sex=female": "40",
            "country=MAR;sex=male": "40",
        },
    )
    services.indicator_period_save(
        actor=admin_user,
        indicator=period.indicator,
        period=period,
        target_breakdowns={"country=SEN;sex=female": "80"},
    )

    assert {b.key: b.value for b in period.target_breakdowns.all()} == {
        "country=SEN;sex=female": Decimal(80)
    }
    entries = [e for e in indicator_history(period.indicator) if e.actor == admin_user]
    assert len(entries) == 2
    assert entries[0].changes["target_breakdowns"][1] == {
        "country=SEN;sex=female": "80.0000"
    }
    assert entries[0].note.endswith("Femmes 80")  # the dimension values by name


def test_indicator_period_save_refuses_overlaps_and_saves_nothing(
    period, admin_user, english
):
    with pytest.raises(ValidationError, match="overlaps"):
        services.indicator_period_save(
            actor=admin_user,
            indicator=period.indicator,
            start=dt.date(2025, 6, 1),
            end=dt.date(2026, 5, 31),
            target_breakdowns={"sex=female": "1"},
        )

    assert period.indicator.periods.count() == 1


def test_indicator_period_save_refuses_editors_out_of_scope(
    period, make_user, countries
):
    outsider = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])

    with pytest.raises(PermissionDenied):
        services.indicator_period_save(
            actor=outsider, indicator=period.indicator, period=period, target_value=1
        )


def test_result_create_checks_levels_and_attachments(period, admin_user, english):
    activity = period.indicator.result.activity
    programme = activity.programme
    output = ResultFactory(programme=programme, level=ResultLevel.OUTPUT)

    with pytest.raises(ValidationError, match="higher level"):
        services.result_create(
            actor=admin_user,
            programme=programme,
            level=ResultLevel.OUTCOME,
            code="OC",
            title_fr="Effet",
            parent=output,
        )
    with pytest.raises(ValidationError, match="not both"):
        services.result_create(
            actor=admin_user,
            programme=programme,
            level=ResultLevel.OUTPUT,
            code="OUT",
            title_fr="Produit",
            plan=activity.plan,
            activity=activity,
        )
    impact = services.result_create(
        actor=admin_user,
        programme=programme,
        level=ResultLevel.IMPACT,
        code="IMP",
        title_fr="Impact",
    )
    assert AuditEntry.objects.filter(object_id=str(impact.pk), action="create").exists()


def test_result_update_refuses_moving_out_of_scope(period, make_user, countries):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    result = period.indicator.result

    with pytest.raises(PermissionDenied):
        services.result_update(actor=staff, result=result, activity=None)


def test_indicator_create_qualitative_uses_the_qualitative_measure(period, admin_user):
    indicator = services.indicator_create(
        actor=admin_user,
        result=period.indicator.result,
        code="Q1",
        title_fr="Qualité du dialogue",
        kind=IndicatorKind.QUALITATIVE,
        dimensions=Dimension.objects.filter(code="sex"),
    )

    assert indicator.measure == IndicatorMeasure.QUALITATIVE
    assert [d.code for d in indicator.dimensions.all()] == ["sex"]


def test_indicator_update_refuses_contribution_cycles(period, admin_user, english):
    parent = period.indicator
    child = IndicatorFactory(result=parent.result, parent=parent)

    with pytest.raises(ValidationError, match="contribute to itself"):
        services.indicator_update(actor=admin_user, indicator=parent, parent=child)


def test_indicator_update_records_dimension_changes(period, admin_user):
    services.indicator_update(
        actor=admin_user,
        indicator=period.indicator,
        dimensions=Dimension.objects.filter(code="sex"),
    )

    entry = indicator_history(period.indicator).first()
    assert entry.changes["dimensions"] == [["country", "sex"], ["sex"]]


def test_breakdown_grid_is_country_by_sex_for_the_activity_countries(period):
    grid = breakdown_grid(period.indicator)

    assert [label for label, _ in grid.rows] == ["Maroc", "Sénégal"]
    assert grid.columns == ["Femmes", "Hommes"]
    assert grid.rows[1][1][0].key == "country=SEN;sex=female"


def test_evidence_add_validates_the_file_and_locks_with_the_update(
    period, admin_user, countries, english
):
    update = IndicatorUpdateFactory(period=period, country=countries["SEN"])
    with pytest.raises(ValidationError, match="Unsupported file type"):
        reporting.evidence_add(
            actor=admin_user,
            update=update,
            document=SimpleUploadedFile("virus.exe", b"MZ"),
        )
    evidence = reporting.evidence_add(
        actor=admin_user, update=update, link="https://example.org/photo.jpg"
    )
    reporting.indicator_update_submit(actor=admin_user, update=update)

    with pytest.raises(ValidationError, match="submitted"):
        reporting.evidence_remove(actor=admin_user, evidence=evidence)
    history = indicator_history(period.indicator)
    assert any("evidence" in entry.changes for entry in history)


def test_breakdowns_of_one_kind_may_not_add_up_to_more_than_the_total(period, english):
    cells = {"sex=female": "80", "sex=male": "70"}
    with pytest.raises(
        ValidationError, match="adds up to 150, more than the total 100"
    ):
        services.breakdowns_clean(period.indicator, cells, total=Decimal("100"))
    # Under the total (some people not broken down), or exactly: accepted.
    partial = {"sex=female": "50", "sex=male": "40"}
    assert services.breakdowns_clean(period.indicator, partial, total=Decimal("90"))
    # Each kind on its own: by sex, and by country and sex.
    both = {"sex=female": "60", "country=SEN;sex=female": "60"}
    assert services.breakdowns_clean(period.indicator, both, total=Decimal("60"))


def test_indicator_period_save_refuses_breakdowns_over_the_target(
    period, admin_user, english
):
    with pytest.raises(ValidationError, match="more than the total"):
        services.indicator_period_save(
            actor=admin_user,
            indicator=period.indicator,
            period=period,
            target_value=Decimal(100),
            target_breakdowns={"sex=female": "80", "sex=male": "70"},
        )
    period.refresh_from_db()
    assert not period.target_breakdowns.exists()
