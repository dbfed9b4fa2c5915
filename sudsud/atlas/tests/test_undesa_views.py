"""Pages of the UN DESA imports: upload through a job, list and report pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.atlas.models import ImportReport, StockValue
from sudsud.core.models import Job, JobStatus

from .undesa_workbooks import destination_2020, series

pytestmark = pytest.mark.django_db
URL = reverse("atlas:import_undesa")


def _workbook():
    return destination_2020([["Senegal", "", 686, "B", *series(40)]])


def _post(client, data, capture, name="imsdest.xlsx", **fields):
    with capture(execute=True):
        upload = SimpleUploadedFile(name, data)
        return client.post(URL, {"file": upload, **fields})


@pytest.mark.parametrize("role", [Role.PROGRAMME_ADMIN, Role.DATA_ANALYST])
def test_undesa_import_view_runs_the_job_and_links_the_report(
    client, make_user, countries, role, django_capture_on_commit_callbacks
):
    client.force_login(make_user(role))

    response = _post(client, _workbook(), django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:job_detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.result
    report = ImportReport.objects.get()
    assert job.result["next_url"] == reverse("atlas:import_detail", args=[report.pk])
    assert report.file_name == "imsdest.xlsx"
    assert StockValue.objects.filter(destination=countries["SEN"]).count() == 21


def test_undesa_import_view_job_fails_with_the_reason(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    data = destination_2020([["Senegal", "", 686, "", *series(4)]], edition="Rev.2019")

    _post(client, data, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "Rev.2019" in job.result["errors"][0]
    assert not ImportReport.objects.exists()


def test_undesa_import_view_refuses_another_file_type(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    response = _post(client, b"a;b\n", django_capture_on_commit_callbacks, "x.csv")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.MINISTRY_OFFICER, Role.IMPLEMENTING_STAFF]
)
def test_undesa_import_view_is_refused_to_other_roles(client, make_user, role):
    client.force_login(make_user(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


def test_undesa_import_view_asks_anonymous_users_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"] or "signin" in response["Location"]


def test_import_list_filters_and_links_reports(client, make_user):
    ImportReport.objects.create(
        kind="undesa_origin", file_name="origin.xlsx", sha256="a"
    )
    ImportReport.objects.create(
        kind="undesa_bilateral", file_name="bi.xlsx", sha256="b"
    )
    client.force_login(make_user(Role.VIEWER))

    response = client.get(reverse("atlas:import_list"), {"kind": "undesa_origin"})

    assert response.status_code == 200
    assert [r.file_name for r in response.context["page_obj"]] == ["origin.xlsx"]
    assert response.context["can_import"] is False
    assert reverse("atlas:import_undesa") not in response.content.decode()


def test_import_list_empty_state_offers_the_import(client, admin_user):
    client.force_login(admin_user)

    response = client.get(reverse("atlas:import_list"))

    assert reverse("atlas:import_undesa") in response.content.decode()


def test_import_detail_shows_the_warnings(client, make_user):
    report = ImportReport.objects.create(
        kind="undesa_origin", file_name="o.xlsx", sha256="c", warnings=["Code 123"]
    )
    client.force_login(make_user(Role.VIEWER))

    response = client.get(reverse("atlas:import_detail", args=[report.pk]))

    assert response.status_code == 200
    assert "Code 123" in response.content.decode()
    assert client.get(reverse("atlas:import_detail", args=[999])).status_code == 404
