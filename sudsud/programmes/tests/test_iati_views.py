"""IATI pages and API: wiring, status codes, permissions per role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.core.models import Job
from sudsud.programmes.models import Activity, ActivityCountry

from . import factories_iati
from .factories import ProgrammeFactory
from .factories_iati import small_programme

# Shared fixtures of the IATI tests.
iati_settings = factories_iati.iati_settings
iati_schema = factories_iati.iati_schema

pytestmark = pytest.mark.django_db

MINIMAL = b"""<iati-activities version="2.03"><iati-activity xml:lang="fr"
 default-currency="EUR"><iati-identifier>DE-1-NEW-1</iati-identifier>
 <reporting-org ref="DE-1" type="10"><narrative>GIZ</narrative></reporting-org>
 <title><narrative>Nouvelle</narrative></title>
 <description><narrative>D</narrative></description>
 <participating-org role="4"><narrative>GIZ</narrative></participating-org>
 <activity-status code="2"/><activity-date type="1" iso-date="2025-01-01"/>
 </iati-activity></iati-activities>"""


@pytest.fixture
def small(countries, iati_settings):
    return small_programme(countries)


def _upload(content=MINIMAL, name="file.xml"):
    return SimpleUploadedFile(name, content, content_type="application/xml")


EDITING = [
    Role.PROGRAMME_ADMIN,
    Role.COUNTRY_COORDINATOR,
    Role.IMPLEMENTING_STAFF,
    Role.MINISTRY_OFFICER,
]


@pytest.mark.parametrize("role", EDITING)
def test_export_page_for_editing_roles(client, small, make_user, countries, role):
    client.force_login(make_user(role, countries=[countries["SEN"]]))
    response = client.get(reverse("programmes:iati_export"))
    assert response.status_code == 200
    assert reverse("programmes:iati_download").encode() in response.content


@pytest.mark.parametrize("role", [Role.VIEWER, Role.DATA_ANALYST])
def test_export_page_refused_to_other_roles(client, small, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("programmes:iati_export")).status_code == 403
    assert client.get(reverse("programmes:iati_download")).status_code == 403
    assert client.post(reverse("programmes:iati_download")).status_code == 403
    assert not Job.objects.exists()


def test_export_page_needs_sign_in(client, small):
    response = client.get(reverse("programmes:iati_export"))
    assert response.status_code == 302


def test_download_is_xml(client, small, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("programmes:iati_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert b"<iati-activities" in response.content
    assert "iati-SSM-TEST.xml" in response["Content-Disposition"]


def test_download_blocked_by_errors_and_page_lists_them(client, small, admin_user):
    ActivityCountry.objects.filter(activity=small.bilateral).update(share=30)
    client.force_login(admin_user)
    response = client.get(reverse("programmes:iati_download"))
    assert response.status_code == 302
    page = client.get(reverse("programmes:iati_export"))
    assert b"3.1.2" in page.content
    assert b"DE-1-MA-SN-01" in page.content
    assert reverse("programmes:iati_download").encode() not in page.content


def test_import_page_for_admins(
    client, small, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    assert client.get(reverse("programmes:iati_import")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:iati_import"), {"file": _upload()})
    job = Job.objects.get()
    assert response["Location"] == reverse("web:job_detail", args=[job.pk])
    assert Activity.objects.filter(code="NEW-1").exists()


def test_import_page_shows_errors_and_saves_nothing(client, small, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("programmes:iati_import"), {"file": _upload(b"<not-iati/>")}
    )
    assert response.status_code == 400
    assert b"iati-activities" in response.content
    assert not Activity.objects.filter(code="NEW-1").exists()


def test_import_page_refuses_other_file_types(client, small, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("programmes:iati_import"), {"file": _upload(name="file.csv")}
    )
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.COUNTRY_COORDINATOR, Role.IMPLEMENTING_STAFF])
def test_import_page_refused_to_non_admins(client, small, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("programmes:iati_import")).status_code == 403
    response = client.post(reverse("programmes:iati_import"), {"file": _upload()})
    assert response.status_code == 403
    assert not Activity.objects.filter(code="NEW-1").exists()
    assert not Job.objects.exists()


# --- API --------------------------------------------------------------------------


def test_api_validation_report(client, small, make_user):
    client.force_login(make_user(Role.IMPLEMENTING_STAFF))
    response = client.get("/api/v1/iati/validation/")
    assert response.status_code == 200
    assert response.json()["publishable"] is True
    assert response.json()["activities"] == 2


def test_api_file_and_conflict_on_errors(client, small, admin_user):
    client.force_login(admin_user)
    assert client.get("/api/v1/iati/file/")["Content-Type"] == "application/xml"
    ActivityCountry.objects.filter(activity=small.bilateral).update(share=30)
    response = client.get("/api/v1/iati/file/")
    assert response.status_code == 409
    assert response.json()["problems"][0]["rule"] == "3.1.2"


def test_api_refuses_viewers(client, small, make_user):
    client.force_login(make_user(Role.VIEWER))
    assert client.get("/api/v1/iati/validation/").status_code == 403
    assert client.get("/api/v1/iati/file/").status_code == 403


def test_api_import_for_admins(
    client, small, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/iati/import/", {"file": _upload()})
    assert response.status_code == 202
    status = client.get(response["Location"]).json()
    assert status["status"] == "succeeded"
    assert status["result"]["counts"]["created"] == 1


def test_api_import_bad_file(client, small, admin_user):
    client.force_login(admin_user)
    response = client.post("/api/v1/iati/import/", {"file": _upload(b"<x")})
    assert response.status_code == 400
    assert "file" in response.json()
    assert not Job.objects.exists()


def test_api_import_refused_to_coordinators(client, small, make_user):
    client.force_login(make_user(Role.COUNTRY_COORDINATOR))
    response = client.post("/api/v1/iati/import/", {"file": _upload()})
    assert response.status_code == 403
    assert not Activity.objects.filter(code="NEW-1").exists()


def test_export_page_404_without_programme(client, admin_user, iati_settings):
    client.force_login(admin_user)
    assert client.get(reverse("programmes:iati_export")).status_code == 404
    ProgrammeFactory()
    assert client.get(reverse("programmes:iati_export")).status_code == 200
