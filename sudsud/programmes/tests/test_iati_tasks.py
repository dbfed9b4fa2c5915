"""IATI background jobs: the import and the building of the file, through the pages
and the API, with progress, results, errors, permissions and the job's owner."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from sudsud.accounts.models import Role
from sudsud.core import jobs
from sudsud.core.models import Job, JobStatus
from sudsud.programmes.iati.validate import load_schema
from sudsud.programmes.models import Activity, ActivityCountry
from sudsud.programmes.tasks_iati import EXPORT_JOB_KIND, IMPORT_JOB_KIND

from . import factories_iati
from .factories_iati import small_programme

# Shared fixtures of the IATI tests.
iati_settings = factories_iati.iati_settings
iati_schema = factories_iati.iati_schema

pytestmark = pytest.mark.django_db

ACTIVITY = """<iati-activity xml:lang="fr" default-currency="EUR">
 <iati-identifier>DE-1-{code}</iati-identifier>
 <reporting-org ref="DE-1" type="10"><narrative>GIZ</narrative></reporting-org>
 <title><narrative>Nouvelle {code}</narrative></title>
 <description><narrative>D</narrative></description>
 <participating-org role="4"><narrative>GIZ</narrative></participating-org>
 <activity-status code="2"/><activity-date type="1" iso-date="2025-01-01"/>{extra}
 </iati-activity>"""
# A planned end before the planned start: refused while the activity is written.
BAD_DATES = '<activity-date type="3" iso-date="2024-01-01"/>'


def _file(*activities: tuple[str, str]) -> bytes:
    body = "".join(ACTIVITY.format(code=c, extra=e) for c, e in activities)
    return f'<iati-activities version="2.03">{body}</iati-activities>'.encode()


def _upload(content: bytes, name: str = "activities.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/xml")


@pytest.fixture
def small(countries, iati_settings):
    return small_programme(countries)


@pytest.fixture
def run(client, django_capture_on_commit_callbacks):
    """POST as the signed-in client and run the queued task: ``(response, job)``."""

    def post(url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        job = Job.objects.order_by("-pk").first()
        return response, job

    return post


def _import(client, user, run, content):
    client.force_login(user)
    return run(reverse("programmes:iati_import"), {"file": _upload(content)})


# --- Import -----------------------------------------------------------------------


def test_import_job_succeeds_with_summary_and_link(client, small, admin_user, run):
    response, job = _import(
        client, admin_user, run, _file(("NEW-1", ""), ("NEW-2", ""))
    )
    assert response["Location"] == reverse("web:job_detail", args=[job.pk])
    assert job.kind == IMPORT_JOB_KIND
    assert job.status == JobStatus.SUCCEEDED, job.result
    assert job.result["counts"] == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
    }
    assert job.result["summary"].startswith("2 ")  # the counts, then the warnings
    assert "SUDSUD_IATI_SCHEMA_DIR" in job.result["summary"]
    assert job.result["warnings"] == [job.result["summary"].split(": ", 1)[1]]
    assert job.result["next_url"] == reverse("programmes:iati_export")
    assert set(Activity.objects.values_list("code", flat=True)) >= {"NEW-1", "NEW-2"}
    page = client.get(reverse("web:job_detail", args=[job.pk]))
    assert job.result["summary"] in page.content.decode()


def test_import_job_reports_progress_per_activity(
    client, small, admin_user, run, monkeypatch
):
    calls = []
    report = jobs.job_report_progress

    def record(*, job_id, progress, total):
        calls.append((progress, total))
        report(job_id=job_id, progress=progress, total=total)

    monkeypatch.setattr(jobs, "job_report_progress", record)
    _response, job = _import(
        client, admin_user, run, _file(("NEW-1", ""), ("NEW-2", ""), ("NEW-3", ""))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert (job.progress, job.total, job.percent) == (3, 3, 100)


def test_import_job_fails_with_french_errors_and_saves_nothing(
    client, small, admin_user, run
):
    before = Activity.objects.count()
    content = _file(("NEW-1", ""), ("NEW-2", BAD_DATES))
    _response, job = _import(client, admin_user, run, content)
    assert job.status == JobStatus.FAILED
    assert "NEW-2" in job.result["errors"][0]
    assert "ligne" in job.result["errors"][0]  # the uploader's language: French
    assert job.result["next_url"] == reverse("programmes:iati_import")
    assert Activity.objects.count() == before  # NEW-1 was rolled back too
    page = client.get(reverse("web:job_detail", args=[job.pk])).content.decode()
    assert "NEW-2" in page


def test_import_job_structure_errors_are_listed(client, small, admin_user, run):
    content = _file(("NEW-1", "")).replace(b"<reporting-org", b"<x/><reporting-org")
    _response, job = _import(client, admin_user, run, content)
    assert job.status == JobStatus.FAILED
    assert "iati-identifier" in job.result["errors"][0]
    assert not Activity.objects.filter(code="NEW-1").exists()


def test_import_job_does_not_keep_the_uploaded_file(
    client, small, admin_user, run, monkeypatch
):
    names = []
    create = jobs.job_create

    def spy(**kwargs):
        job = create(**kwargs)
        names.append(job.input_file.name)
        return job

    monkeypatch.setattr(jobs, "job_create", spy)
    _response, job = _import(client, admin_user, run, _file(("NEW-1", "")))
    assert names
    assert names[0].startswith("jobs/input/")
    assert not job.input_file
    assert not default_storage.exists(names[0])


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<x", "activities.xml"),
        (b"<iati-organisations version='2.03'/>", "activities.xml"),
        (_file(("NEW-1", "")), "activities.csv"),
    ],
)
def test_import_upload_checked_before_queueing(
    client, small, admin_user, run, content, name
):
    client.force_login(admin_user)
    response, job = run(
        reverse("programmes:iati_import"), {"file": _upload(content, name)}
    )
    assert response.status_code == 400
    assert job is None


@pytest.mark.parametrize(
    "role", [Role.COUNTRY_COORDINATOR, Role.IMPLEMENTING_STAFF, Role.VIEWER]
)
def test_import_job_refused_to_non_admins_api(client, small, make_user, run, role):
    client.force_login(make_user(role))
    response, job = run("/api/v1/iati/import/", {"file": _upload(_file(("N-1", "")))})
    assert response.status_code == 403
    assert job is None


def test_import_api_answers_202_and_the_job_to_poll(client, small, admin_user, run):
    client.force_login(admin_user)
    response, job = run("/api/v1/iati/import/", {"file": _upload(_file(("N-1", "")))})
    assert response.status_code == 202
    assert response["Location"] == f"/api/v1/iati/jobs/{job.pk}/"
    assert response.json()["page"] == reverse("web:job_detail", args=[job.pk])
    status = client.get(response["Location"]).json()
    assert status["status"] == "succeeded"
    assert status["result"]["counts"]["created"] == 1


def test_job_is_visible_only_to_its_creator(client, small, admin_user, make_user, run):
    _response, job = _import(client, admin_user, run, _file(("NEW-1", "")))
    client.force_login(make_user(Role.PROGRAMME_ADMIN))
    assert client.get(reverse("web:job_detail", args=[job.pk])).status_code == 404
    assert client.get(f"/api/v1/iati/jobs/{job.pk}/").status_code == 404


# --- Export -----------------------------------------------------------------------


def _export(client, user, run):
    client.force_login(user)
    return run(reverse("programmes:iati_download"))


def test_export_page_offers_to_generate_the_file(client, small, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("programmes:iati_export")).content.decode()
    assert f'action="{reverse("programmes:iati_download")}"' in page
    assert 'method="post"' in page


def test_export_job_attaches_the_file(client, small, admin_user, run):
    response, job = _export(client, admin_user, run)
    assert response["Location"] == reverse("web:job_detail", args=[job.pk])
    assert job.kind == EXPORT_JOB_KIND
    assert job.status == JobStatus.SUCCEEDED, job.result
    today = timezone.localdate().isoformat()
    name = job.output_file.name.rsplit("/", 1)[-1]
    assert name.startswith(f"iati-activities-SSM-TEST-{today}")
    assert job.result["activities"] == 2
    assert (job.progress, job.total) == (3, 3)
    download = client.get(reverse("web:job_download", args=[job.pk]))
    root = etree.fromstring(b"".join(download.streaming_content))
    assert len(root.findall("iati-activity")) == 3  # the programme and its two
    page = client.get(reverse("web:job_detail", args=[job.pk])).content.decode()
    assert reverse("web:job_download", args=[job.pk]) in page


def test_export_job_file_is_valid_against_the_xsd(
    client, small, admin_user, run, iati_schema
):
    _response, job = _export(client, admin_user, run)
    assert job.result["xsd_checked"] is True
    with job.output_file.open("rb") as handle:
        root = etree.fromstring(handle.read())
    schema, _missing = load_schema()
    assert schema.validate(root.getroottree()), schema.error_log


def test_export_job_fails_with_the_problems_and_their_pages(
    client, small, admin_user, run
):
    ActivityCountry.objects.filter(activity=small.bilateral).update(share=30)
    _response, job = _export(client, admin_user, run)
    assert job.status == JobStatus.FAILED
    assert not job.output_file
    assert any("DE-1-MA-SN-01" in e and "3.1.2" in e for e in job.result["errors"])
    [problem] = [p for p in job.result["problems"] if p["rule"] == "3.1.2"]
    assert problem["identifier"] == "DE-1-MA-SN-01"
    assert problem["fix_label"]
    assert job.result["next_url"] == reverse("programmes:iati_export")


@pytest.mark.parametrize(
    "role",
    [
        Role.PROGRAMME_ADMIN,
        Role.COUNTRY_COORDINATOR,
        Role.IMPLEMENTING_STAFF,
        Role.MINISTRY_OFFICER,
    ],
)
def test_export_job_for_editing_roles(client, small, make_user, countries, run, role):
    user = make_user(role, countries=[countries["SEN"]])
    _response, job = _export(client, user, run)
    assert job.created_by == user
    assert job.status == JobStatus.SUCCEEDED, job.result


@pytest.mark.parametrize("role", [Role.VIEWER, Role.DATA_ANALYST])
def test_export_job_refused_to_other_roles(client, small, make_user, run, role):
    response, job = _export(client, make_user(role), run)
    assert response.status_code == 403
    assert job is None


def test_export_job_download_only_for_its_creator(
    client, small, admin_user, make_user, run
):
    _response, job = _export(client, admin_user, run)
    client.force_login(make_user(Role.PROGRAMME_ADMIN))
    assert client.get(reverse("web:job_download", args=[job.pk])).status_code == 404


def test_export_api_post_answers_202_then_the_download(client, small, admin_user, run):
    client.force_login(admin_user)
    response, job = run("/api/v1/iati/file/")
    assert response.status_code == 202
    status = client.get(response["Location"]).json()
    assert status["kind"] == EXPORT_JOB_KIND
    assert status["status"] == "succeeded"
    assert status["download"] == reverse("web:job_download", args=[job.pk])


def test_export_api_post_refused_to_viewers(client, small, make_user, run):
    client.force_login(make_user(Role.VIEWER))
    response, job = run("/api/v1/iati/file/")
    assert response.status_code == 403
    assert job is None
