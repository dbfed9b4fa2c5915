"""``/api/v1/exports/…`` and ``/api/v1/dimensions/``."""

import csv
import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.models import ActualBreakdown, Dimension

from .factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ResultFactory,
)
from .factories_data import DimensionFactory, DimensionValueFactory

pytestmark = pytest.mark.django_db

RESULTS, VALUES, DIMENSIONS = (
    "/api/v1/exports/results/",
    "/api/v1/exports/values/",
    "/api/v1/dimensions/",
)


@pytest.fixture
def api():
    client = APIClient()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def restricted(countries):
    activity = ActivityFactory(is_restricted=True, countries=[(countries["SEN"], 100)])
    return IndicatorFactory(result=ResultFactory(activity=activity), code="I-SECRET")


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_results_export_csv_is_scoped(api, make_user, countries, restricted):
    IndicatorFactory(code="I-PUBLIC")
    api.force_authenticate(make_user(Role.DATA_ANALYST, countries=[countries["MLI"]]))
    response = api.get(RESULTS, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert [row[4] for row in _rows(response)[1:]] == ["I-PUBLIC"]


def test_values_export_xlsx(api, admin_user):
    update = IndicatorUpdateFactory(status="approved")
    ActualBreakdown.objects.create(update=update, key="sex=female", value=4)
    api.force_authenticate(admin_user)
    response = api.get(VALUES, {"format": "xlsx"})
    assert response.status_code == 200
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert [row[rows[0].index("Breakdown key")] for row in rows[1:]] == [
        None,
        "sex=female",
    ]


def test_values_export_filters_by_country_code(api, admin_user, countries, restricted):
    IndicatorFactory(code="I-PUBLIC")
    api.force_authenticate(admin_user)
    response = api.get(RESULTS, {"country": "SEN"})
    assert [row[4] for row in _rows(response)[1:]] == ["I-SECRET"]


@pytest.mark.parametrize(
    "params",
    [
        {"format": "pdf"}, {"period_from": "yesterday"}, {"plan": "x"},
        {"country": "ZZZ"}, {"period_from": "2026-01-01", "period_to": "2025-01-01"},
    ],
)  # fmt: skip
def test_exports_reject_garbage(api, admin_user, params):
    api.force_authenticate(admin_user)
    response = api.get(VALUES, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_exports_refuse_an_invisible_activity(api, make_user, countries, restricted):
    api.force_authenticate(make_user(Role.DATA_ANALYST, countries=[countries["MLI"]]))
    response = api.get(RESULTS, {"activity": restricted.result.activity_id})
    assert response.status_code == 400


def test_exports_refused_to_viewer_and_anonymous(api, make_user):
    assert api.get(RESULTS).status_code in (401, 403)
    api.force_authenticate(make_user(Role.VIEWER))
    assert api.get(RESULTS).status_code == 403
    assert api.get(VALUES, {"format": "xlsx"}).status_code == 403


def test_dimensions_read_by_signed_in_users(api, make_user):
    DimensionValueFactory(
        dimension=DimensionFactory(code="sex", is_system=True), code="female"
    )
    api.force_authenticate(make_user(Role.VIEWER))
    response = api.get(DIMENSIONS)
    assert response.status_code == 200
    [sex] = response.json()
    assert (sex["code"], sex["is_system"], sex["values"][0]["code"]) == (
        "sex",
        True,
        "female",
    )


def test_dimensions_written_by_admin(api, admin_user):
    api.force_authenticate(admin_user)
    created = api.post(
        DIMENSIONS, {"code": "age", "name_fr": "Âge", "name_en": "Age"}, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    patched = api.patch(f"{DIMENSIONS}{pk}/", {"name_ar": "العمر"}, format="json")
    assert (patched.status_code, patched.json()["code"]) == (200, "age")
    value = api.post(
        f"{DIMENSIONS}{pk}/values/",
        {"code": "15-24", "name_fr": "a", "name_en": "b"},
        format="json",
    )
    assert value.status_code == 201
    value_url = f"{DIMENSIONS}{pk}/values/{value.json()['id']}/"
    assert api.delete(value_url).status_code == 204
    assert api.delete(f"{DIMENSIONS}{pk}/").status_code == 204
    assert not Dimension.objects.exists()


def test_dimensions_write_refused_to_coordinator(api, make_user):
    age = DimensionFactory(code="age")
    api.force_authenticate(make_user(Role.COUNTRY_COORDINATOR))
    body = {"code": "x", "name_fr": "x", "name_en": "x"}
    assert api.post(DIMENSIONS, body, format="json").status_code == 403
    assert api.delete(f"{DIMENSIONS}{age.pk}/").status_code == 403
    assert (
        api.post(f"{DIMENSIONS}{age.pk}/values/", body, format="json").status_code
        == 403
    )


def test_dimensions_system_protected(api, admin_user):
    sex = DimensionFactory(code="sex", is_system=True)
    api.force_authenticate(admin_user)
    response = api.patch(f"{DIMENSIONS}{sex.pk}/", {"code": "gender"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()
    assert api.delete(f"{DIMENSIONS}{sex.pk}/").status_code == 400


def test_dimension_values_404_for_unknown_dimension(api, admin_user):
    api.force_authenticate(admin_user)
    assert api.get(f"{DIMENSIONS}999/values/").status_code == 404
