"""Pages of the ``data`` part: exports and breakdown dimensions."""

import csv
import io

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.programmes.models import Dimension, TargetBreakdown

from .factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ResultFactory,
)
from .factories_data import DimensionFactory, DimensionValueFactory

pytestmark = pytest.mark.django_db

EXPORTS = reverse("programmes:data_exports")


@pytest.fixture(autouse=True)
def _english(client):
    """The assertions read English messages, whatever the catalogues hold."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _download(kind, extension):
    return reverse("programmes:data_export_download", args=[kind, extension])


@pytest.fixture
def restricted(countries):
    activity = ActivityFactory(is_restricted=True, countries=[(countries["SEN"], 100)])
    return IndicatorFactory(result=ResultFactory(activity=activity), code="I-SECRET")


def test_exports_page_shows_filters_and_buttons(client, make_user):
    client.force_login(make_user(Role.DATA_ANALYST))
    response = client.get(EXPORTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="period_from"' in html
    assert _download("values", "xlsx") in html


@pytest.mark.parametrize("url", [EXPORTS, _download("results", "csv")])
def test_exports_refused_to_viewer(client, make_user, url):
    client.force_login(make_user(Role.VIEWER))
    assert client.get(url).status_code == 403


def test_exports_need_sign_in(client):
    assert client.get(_download("values", "csv")).status_code == 302


def test_export_download_is_scoped(client, make_user, countries, restricted):
    IndicatorFactory(code="I-PUBLIC")
    client.force_login(make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]]))
    response = client.get(_download("results", "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="results-')
    text = response.content.decode("utf-8-sig")
    assert "I-PUBLIC" in text
    assert "I-SECRET" not in text


def test_export_download_values_xlsx(client, admin_user):
    IndicatorPeriodFactory()
    client.force_login(admin_user)
    response = client.get(_download("values", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_export_download_filters_by_country(client, admin_user, countries, restricted):
    IndicatorFactory(code="I-PUBLIC")
    client.force_login(admin_user)
    url = _download("results", "csv") + f"?country={countries['SEN'].pk}"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert [row[4] for row in rows[1:]] == ["I-SECRET"]


def test_export_download_bad_filters_are_400(client, admin_user):
    client.force_login(admin_user)
    url = _download("values", "csv") + "?period_from=2026-01-01&period_to=2025-01-01"
    response = client.get(url)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_export_download_unknown_kind_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get(_download("budgets", "csv")).status_code == 404
    assert client.get(_download("values", "pdf")).status_code == 404


# --- Dimensions -------------------------------------------------------------------


def test_dimension_list_for_signed_in_users(client, make_user):
    DimensionValueFactory(
        dimension=DimensionFactory(code="sex", is_system=True), name_en="Women"
    )
    client.force_login(make_user(Role.VIEWER))
    response = client.get(reverse("programmes:dimension_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Women" in html
    assert reverse("programmes:dimension_create") not in html


def test_dimension_list_empty_state_for_admin(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("programmes:dimension_list")).content.decode()
    assert reverse("programmes:dimension_create") in html


def test_dimension_create_page_saves(client, admin_user):
    client.force_login(admin_user)
    data = {
        "code": "age",
        "name_fr": "Âge",
        "name_en": "Age",
        "name_ar": "",
        "order": 2,
    }
    response = client.post(reverse("programmes:dimension_create"), data)
    dimension = Dimension.objects.get(code="age")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programmes:dimension_detail", args=[dimension.pk]
    )


def test_dimension_create_page_shows_errors(client, admin_user):
    DimensionFactory(code="age")
    client.force_login(admin_user)
    data = {"code": "age", "name_fr": "Âge", "name_en": "Age", "order": 0}
    response = client.post(reverse("programmes:dimension_create"), data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Dimension.objects.count() == 1


def test_dimension_create_refused_to_coordinator(client, make_user):
    client.force_login(make_user(Role.COUNTRY_COORDINATOR))
    url = reverse("programmes:dimension_create")
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"code": "x", "name_fr": "x", "name_en": "x"}).status_code
        == 403
    )
    assert not Dimension.objects.exists()


def test_system_dimension_form_disables_code(client, admin_user):
    sex = DimensionFactory(code="sex", is_system=True)
    client.force_login(admin_user)
    url = reverse("programmes:dimension_update", args=[sex.pk])
    assert "disabled" in client.get(url).content.decode()
    client.post(
        url, {"code": "gender", "name_fr": "Sexe", "name_en": "Sex", "order": 1}
    )
    sex.refresh_from_db()
    assert (sex.code, sex.name_fr) == ("sex", "Sexe")


def test_dimension_value_create_and_edit(client, admin_user):
    age = DimensionFactory(code="age")
    client.force_login(admin_user)
    url = reverse("programmes:dimension_value_create", args=[age.pk])
    client.post(
        url, {"code": "15-24", "name_fr": "15-24 ans", "name_en": "15-24", "order": 0}
    )
    value = age.values.get()
    edit = reverse("programmes:dimension_value_update", args=[age.pk, value.pk])
    client.post(
        edit, {"code": "15-24", "name_fr": "Jeunes", "name_en": "Youth", "order": 0}
    )
    value.refresh_from_db()
    assert value.name_fr == "Jeunes"


def test_dimension_delete_confirms_then_deletes(client, admin_user):
    age = DimensionFactory(code="age")
    client.force_login(admin_user)
    url = reverse("programmes:dimension_delete", args=[age.pk])
    assert client.get(url).status_code == 200
    assert Dimension.objects.filter(pk=age.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("programmes:dimension_list")
    assert not Dimension.objects.filter(pk=age.pk).exists()


def test_dimension_value_delete_refused_when_used(client, admin_user):
    value = DimensionValueFactory(dimension=DimensionFactory(code="age"), code="old")
    TargetBreakdown.objects.create(
        period=IndicatorPeriodFactory(), key="age=old", value=1
    )
    client.force_login(admin_user)
    url = reverse(
        "programmes:dimension_value_delete", args=[value.dimension_id, value.pk]
    )
    confirm = client.get(url).content.decode()
    assert "cannot be deleted" in confirm
    response = client.post(url, follow=True)
    assert value.dimension.values.filter(pk=value.pk).exists()
    assert "cannot be changed or deleted" in response.content.decode()


def test_dimension_delete_refused_to_analyst(client, make_user):
    age = DimensionFactory(code="age")
    client.force_login(make_user(Role.DATA_ANALYST))
    assert (
        client.post(reverse("programmes:dimension_delete", args=[age.pk])).status_code
        == 403
    )
    assert Dimension.objects.filter(pk=age.pk).exists()


def test_dimension_detail_404(client, admin_user):
    client.force_login(admin_user)
    assert (
        client.get(reverse("programmes:dimension_detail", args=[999])).status_code
        == 404
    )
