import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.atlas.models import ImportReport
from sudsud.atlas.services.undesa import undesa_import
from sudsud.core.models import Job, JobStatus

from .undesa_workbooks import destination_2020, series

pytestmark = pytest.mark.django_db
URL = "/api/v1/atlas/imports/undesa/"


@pytest.fixture
def api():
    return APIClient()


def _workbook():
    return destination_2020([["Senegal", "", 686, "B", *series(40)]])


def _upload(api, capture, data, name="w.xlsx"):
    with capture(execute=True):
        return api.post(
            URL, {"file": SimpleUploadedFile(name, data)}, format="multipart"
        )


def test_api_undesa_upload_returns_202_and_a_job(
    api, admin_user, countries, django_capture_on_commit_callbacks
):
    api.force_authenticate(admin_user)

    response = _upload(api, django_capture_on_commit_callbacks, _workbook())

    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    status = api.get(body["url"]).json()
    assert status["status"] == JobStatus.SUCCEEDED
    report = ImportReport.objects.get()
    assert status["result"]["report_id"] == report.pk


def test_api_undesa_upload_refuses_a_wrong_file_type(
    api, admin_user, django_capture_on_commit_callbacks
):
    api.force_authenticate(admin_user)

    response = _upload(api, django_capture_on_commit_callbacks, b"x", "w.csv")

    assert response.status_code == 400
    assert "file" in response.json()
    assert not Job.objects.exists()


def test_api_undesa_upload_is_refused_to_viewers(
    api, make_user, django_capture_on_commit_callbacks
):
    api.force_authenticate(make_user(Role.VIEWER))

    response = _upload(api, django_capture_on_commit_callbacks, _workbook())

    assert response.status_code == 403
    assert not Job.objects.exists()


def test_api_undesa_upload_needs_authentication(api):
    assert api.post(URL, {}).status_code in (401, 403)


def test_api_sources_list_editions_and_imports_list_reports(api, make_user, countries):
    undesa_import(actor=None, data=_workbook(), file_name="w.xlsx")
    api.force_authenticate(make_user(Role.VIEWER))

    sources = api.get("/api/v1/atlas/sources/").json()["results"]
    imports = api.get("/api/v1/atlas/imports/").json()["results"]

    assert sources[0]["code"] == "undesa-ims"
    assert sources[0]["licence"] == "CC BY 3.0 IGO"
    assert [e["code"] for e in sources[0]["editions"]] == ["Rev.2020"]
    assert imports[0]["edition"] == "Rev.2020"
    assert imports[0]["values_stored"] == 21


def test_api_import_jobs_of_others_are_hidden(
    api, admin_user, make_user, countries, django_capture_on_commit_callbacks
):
    api.force_authenticate(make_user(Role.DATA_ANALYST))
    url = _upload(api, django_capture_on_commit_callbacks, _workbook()).json()["url"]
    other = make_user(Role.DATA_ANALYST)
    api.force_authenticate(other)

    assert api.get(url).status_code == 404
