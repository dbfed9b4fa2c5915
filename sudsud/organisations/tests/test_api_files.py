import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.core.models import Job, JobStatus
from sudsud.organisations.models import Organisation

from .factories import OrganisationFactory
from .test_imports import GOOD_ROWS, csv_file

URL = "/api/v1/organisations/"


@pytest.fixture
def api():
    return APIClient()


def _upload(api, data, name, capture):
    with capture(execute=True):
        return api.post(
            f"{URL}import/",
            {"file": SimpleUploadedFile(name, data)},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE="en",
        )


def test_api_import_queues_a_job_and_reports_it(
    api, admin_user, countries, django_capture_on_commit_callbacks
):
    api.force_authenticate(admin_user)
    response = _upload(
        api, csv_file(*GOOD_ROWS), "orgs.csv", django_capture_on_commit_callbacks
    )
    assert response.status_code == 202, response.content
    job = Job.objects.get()
    body = response.json()
    assert body["id"] == job.pk
    assert response["Location"] == body["url"] == f"{URL}jobs/{job.pk}/"
    status = api.get(body["url"]).json()
    assert status["status"] == JobStatus.SUCCEEDED
    assert status["result"]["counts"]["created"] == 3
    assert Organisation.objects.count() == 3


def test_api_import_job_lists_errors_by_line(
    api, admin_user, countries, django_capture_on_commit_callbacks
):
    api.force_authenticate(admin_user)
    rows = [{"name": "A", "kind": "ngo", "country": "Senegall"}]
    response = _upload(
        api, csv_file(*rows), "orgs.csv", django_capture_on_commit_callbacks
    )
    status = api.get(response.json()["url"]).json()
    assert status["status"] == JobStatus.FAILED
    assert status["result"]["errors"][0].startswith("Line 2:")


@pytest.mark.parametrize(
    ("name", "data"), [("orgs.txt", b"name\nA\n"), ("orgs.csv", b"")]
)
def test_api_import_refuses_bad_files(api, admin_user, name, data):
    api.force_authenticate(admin_user)
    response = api.post(
        f"{URL}import/", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()
    assert not Job.objects.exists()


def test_api_import_refused_to_readers(api, make_user, countries):
    api.force_authenticate(make_user(Role.VIEWER, countries=[countries["MLI"]]))
    response = api.post(
        f"{URL}import/",
        {"file": SimpleUploadedFile("orgs.csv", csv_file(*GOOD_ROWS))},
        format="multipart",
    )
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_api_job_status_only_for_its_owner(api, admin_user, make_user, countries):
    owner = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])
    other = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])
    job = Job.objects.create(kind="organisations.import", created_by=owner)
    foreign_kind = Job.objects.create(kind="other.report", created_by=owner)
    api.force_authenticate(other)
    assert api.get(f"{URL}jobs/{job.pk}/").status_code == 404
    api.force_authenticate(owner)
    assert api.get(f"{URL}jobs/{job.pk}/").json()["status"] == JobStatus.QUEUED
    assert api.get(f"{URL}jobs/{foreign_kind.pk}/").status_code == 404


def _csv_names(response):
    text = response.content.decode("utf-8-sig")
    return {row["name"] for row in csv.DictReader(io.StringIO(text))}


def test_api_export_follows_filters_and_scope(
    api, mali_officer, countries, senegal_restricted
):
    OrganisationFactory(name="Haut Conseil", country=countries["MLI"], kind="ministry")
    OrganisationFactory(name="ONG Kayes", country=countries["MLI"])
    api.force_authenticate(mali_officer)
    response = api.get(f"{URL}export/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert _csv_names(response) == {"Haut Conseil", "ONG Kayes"}
    filtered = api.get(f"{URL}export/", {"format": "csv", "kind": "ministry"})
    assert _csv_names(filtered) == {"Haut Conseil"}
    xlsx = api.get(f"{URL}export/", {"format": "xlsx", "q": "kayes"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "ONG Kayes"
    ]


def test_api_export_defaults_to_csv_and_refuses_other_formats(api, admin_user):
    api.force_authenticate(admin_user)
    assert api.get(f"{URL}export/")["Content-Type"].startswith("text/csv")
    response = api.get(f"{URL}export/", {"format": "pdf"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "pdf" in response.json()["format"][0]


def test_api_export_refused_to_viewers(api, make_user, countries):
    api.force_authenticate(make_user(Role.VIEWER, countries=[countries["MLI"]]))
    response = api.get(f"{URL}export/", {"format": "csv"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_api_schema_documents_import_export_and_jobs(api, admin_user):
    api.force_authenticate(admin_user)
    response = api.get("/api/v1/schema/", {"format": "json"})
    paths = response.json()["paths"]
    assert (
        "multipart/form-data"
        in paths[f"{URL}import/"]["post"]["requestBody"]["content"]
    )
    assert "202" in paths[f"{URL}import/"]["post"]["responses"]
    export = paths[f"{URL}export/"]["get"]
    assert {"format", "kind", "country", "archived"} <= {
        parameter["name"] for parameter in export["parameters"]
    }
    assert "text/csv; charset=utf-8" in export["responses"]["200"]["content"]
    assert f"{URL}jobs/{{id}}/" in paths
    contacts = paths["/api/v1/contacts/"]["get"]["parameters"]
    assert any(p["name"] == "organisation" for p in contacts)
