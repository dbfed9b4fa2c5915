import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sudsud.accounts.models import Role
from sudsud.programmes.models import FrameworkCatalogue
from sudsud.programmes.tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    ResultFactory,
)
from sudsud.programmes.tests.factories_frameworks import (
    FrameworkCatalogueFactory,
    FrameworkIndicatorFactory,
    approved_value,
)

RANGE = {"start": "2021-01-01", "end": "2022-12-31"}


@pytest.fixture
def mapped(countries):
    """A Senegal indicator mapped to framework indicator 3.7, with 2021 approved."""
    catalogue = FrameworkCatalogueFactory(code="eutf-cop")
    item = FrameworkIndicatorFactory(catalogue=catalogue, code="3.7")
    activity = ActivityFactory(code="ACT-SN", countries=[(countries["SEN"], 100)])
    indicator = IndicatorFactory(
        code="=SUM(A1)",
        result=ResultFactory(programme=activity.programme, activity=activity),
    )
    indicator.framework_indicators.add(item)
    approved_value(indicator, 2021, 11, country=countries["SEN"])
    return indicator, catalogue


def test_framework_list_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("programmes:framework_list"))

    assert response.status_code == 302


def test_framework_list_shows_catalogues_and_import_link_for_admins(
    client, admin_user, mapped
):
    client.force_login(admin_user)

    response = client.get(reverse("programmes:framework_list"))

    assert response.status_code == 200
    assert mapped[1].name_fr.encode() in response.content
    assert reverse("programmes:framework_import").encode() in response.content


def test_framework_list_empty_state_without_import_link_for_viewers(client, make_user):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(reverse("programmes:framework_list"))

    assert response.status_code == 200
    assert reverse("programmes:framework_import").encode() not in response.content
    assert b'class="empty"' in response.content


def test_framework_detail_lists_indicators(client, make_user, mapped):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(reverse("programmes:framework_detail", args=[mapped[1].pk]))

    assert response.status_code == 200
    assert b"3.7" in response.content


def test_framework_detail_unknown_is_404(client, make_user):
    client.force_login(make_user(Role.VIEWER))

    assert (
        client.get(reverse("programmes:framework_detail", args=[999])).status_code
        == 404
    )


def test_framework_import_refuses_non_administrators(client, make_user):
    client.force_login(make_user(Role.COUNTRY_COORDINATOR))

    response = client.get(reverse("programmes:framework_import"))

    assert response.status_code == 403


def _post_import(client, content, name="eutf.csv", version="2021-12"):
    return client.post(
        reverse("programmes:framework_import"),
        {
            "file": SimpleUploadedFile(name, content),
            "code": "eutf-cop",
            "version": version,
            "name_fr": "Indicateurs du FFU",
            "name_en": "EUTF indicators",
        },
    )


def test_framework_import_uploads_a_catalogue(client, admin_user):
    client.force_login(admin_user)

    response = _post_import(client, b"number,label_en\n1.1,Jobs\n")

    catalogue = FrameworkCatalogue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programmes:framework_detail", args=[catalogue.pk]
    )
    assert catalogue.indicators.get().label_fr.startswith("Nombre d'emplois")


def test_framework_import_shows_line_errors_and_saves_nothing(client, admin_user):
    client.force_login(admin_user)

    response = _post_import(client, b"number,label_en\n1.1,\n")

    assert response.status_code == 400
    assert b"2" in response.content
    assert b'class="errorlist"' in response.content
    assert not FrameworkCatalogue.objects.exists()


def test_framework_import_refuses_other_file_types(client, admin_user):
    client.force_login(admin_user)

    response = _post_import(client, b"%PDF", name="eutf.pdf")

    assert response.status_code == 400
    assert not FrameworkCatalogue.objects.exists()


def test_indicator_frameworks_page_shows_choices(client, admin_user, mapped):
    client.force_login(admin_user)

    response = client.get(
        reverse("programmes:indicator_frameworks", args=[mapped[0].pk])
    )

    assert response.status_code == 200
    assert b"checked" in response.content
    assert b'type="submit"' in response.content


def test_indicator_frameworks_post_saves_for_the_coordinator(
    client, make_user, countries, mapped
):
    indicator, _catalogue = mapped
    other = FrameworkIndicatorFactory(code="BMZ-1")
    client.force_login(
        make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    )

    response = client.post(
        reverse("programmes:indicator_frameworks", args=[indicator.pk]),
        {"framework_indicators": [other.pk]},
    )

    assert response.status_code == 302
    assert list(indicator.framework_indicators.all()) == [other]


def test_indicator_frameworks_post_refuses_staff(client, make_user, countries, mapped):
    indicator, _catalogue = mapped
    client.force_login(make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]]))

    response = client.post(
        reverse("programmes:indicator_frameworks", args=[indicator.pk]),
        {"framework_indicators": []},
    )

    assert response.status_code == 403
    assert indicator.framework_indicators.count() == 1


def test_framework_report_page_shows_total_and_source(client, admin_user, mapped):
    client.force_login(admin_user)

    response = client.get(
        reverse("programmes:framework_report", args=[mapped[1].pk]), RANGE
    )

    assert response.status_code == 200
    assert b"ACT-SN" in response.content
    assert b"<caption>" in response.content
    assert b">11<" in response.content


def test_framework_report_page_rejects_a_reversed_range(client, admin_user, mapped):
    client.force_login(admin_user)

    response = client.get(
        reverse("programmes:framework_report", args=[mapped[1].pk]),
        {"start": "2022-01-01", "end": "2021-01-01"},
    )

    assert response.status_code == 400


def test_framework_report_csv_is_formula_safe(client, admin_user, mapped):
    client.force_login(admin_user)

    response = client.get(
        reverse("programmes:framework_report", args=[mapped[1].pk]),
        {**RANGE, "format": "csv"},
    )

    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv"
    assert "'=SUM(A1)" in body
    assert body.splitlines()[0].startswith("framework_code,")


def test_framework_report_xlsx_downloads(client, admin_user, mapped):
    client.force_login(admin_user)

    response = client.get(
        reverse("programmes:framework_report", args=[mapped[1].pk]),
        {**RANGE, "format": "xlsx"},
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "framework_code"
    assert rows[1][3] == "'=SUM(A1)"


def test_framework_report_download_refused_to_viewers(client, make_user, mapped):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(
        reverse("programmes:framework_report", args=[mapped[1].pk]),
        {**RANGE, "format": "csv"},
    )

    assert response.status_code == 403
