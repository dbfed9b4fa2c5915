"""National files are kept no longer than needed: abandoned, stale, orphans."""

import os
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from sudsud.accounts.models import Role
from sudsud.atlas.models import NationalUpload
from sudsud.atlas.national.mapping import Mapping
from sudsud.atlas.national.tasks import national_import_start, national_import_task
from sudsud.atlas.services import national as services
from sudsud.atlas.services import national_retention as retention
from sudsud.atlas.services.national_retention import (
    PurgeResult,
    national_upload_discard,
    national_uploads_purge,
)
from sudsud.core.models import AuditEntry, Job, JobStatus

pytestmark = pytest.mark.django_db
TEXT = "pays,annee,sexe,n\nFrance,2021,F,12\n"
MAPPING = Mapping(
    columns={"destination": "pays", "year": "annee", "sex": "sexe", "count": "n"},
    fixed={"origin": "Sénégal"},
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Files on disk in a folder of this test's own (the suite keeps them in
    memory): the purge reads the files' ages and lists the whole upload folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def edition(admin_user):
    source = services.national_source_create(
        actor=admin_user,
        fields={"code": "registre", "name_fr": "Registre", "name_en": "Register",
                "definition": "registered_nationals", "licence": "", "citation": ""},
    )  # fmt: skip
    return services.national_edition_create(
        actor=admin_user, source=source, code="Registre 2021", published_year=2021
    )


def _upload(actor, edition, *, days_old=0):
    upload = services.national_upload_create(
        actor=actor,
        edition=edition,
        upload=SimpleUploadedFile("r.csv", TEXT.encode(), content_type="text/csv"),
    )
    if days_old:
        made = timezone.now() - timedelta(days=days_old)
        NationalUpload.objects.filter(pk=upload.pk).update(created_at=made)
    return upload


def _orphan(media, name, *, hours_old):
    folder = media / "atlas" / "national"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("nom,pays\nAwa,France\n")
    stamp = (timezone.now() - timedelta(hours=hours_old)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_discard_deletes_the_upload_and_then_its_file(
    admin_user, edition, django_capture_on_commit_callbacks
):
    upload = _upload(admin_user, edition)
    name = upload.file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        national_upload_discard(actor=admin_user, upload=upload)

    assert not NationalUpload.objects.exists()
    assert not default_storage.exists(name)
    entry = AuditEntry.objects.filter(action="delete").get()
    assert entry.actor == admin_user
    assert entry.object_repr == "r.csv"


def test_discard_is_refused_to_other_roles(admin_user, edition, make_user):
    upload = _upload(admin_user, edition)
    with pytest.raises(PermissionDenied):
        national_upload_discard(actor=make_user(Role.VIEWER), upload=upload)
    assert NationalUpload.objects.filter(pk=upload.pk).exists()
    assert default_storage.exists(upload.file.name)


def test_purge_deletes_stale_uploads_and_old_orphans_only(
    admin_user, countries, edition, media, django_capture_on_commit_callbacks
):
    stale = _upload(admin_user, edition, days_old=8)
    fresh = _upload(admin_user, edition, days_old=2)
    imported = _upload(admin_user, edition, days_old=30)
    mapped = services.national_upload_map(
        actor=admin_user, upload=imported, mapping=MAPPING
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.national_import(actor=admin_user, upload=mapped).report
    old_orphan = _orphan(media, "left.csv", hours_old=3)
    new_orphan = _orphan(media, "writing.csv", hours_old=0)
    stale_name = stale.file.name

    with django_capture_on_commit_callbacks(execute=True):
        result = national_uploads_purge(days=7)

    assert (result.uploads, result.orphans) == (1, 1)
    remaining = set(NationalUpload.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, imported.pk}  # the imported one keeps its report
    assert not default_storage.exists(stale_name)
    assert default_storage.exists(fresh.file.name)
    assert not old_orphan.exists()
    assert new_orphan.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.actor_name, entry.object_id) == ("system", str(stale.pk))
    assert "7" in entry.note


def test_purge_with_nothing_to_do(admin_user, edition):
    _upload(admin_user, edition)
    assert national_uploads_purge() == PurgeResult(uploads=0, orphans=0)
    assert NationalUpload.objects.count() == 1


def test_purge_command_reports_in_french(admin_user, edition, capsys):
    _upload(admin_user, edition, days_old=3)
    call_command("purge_national_uploads", "--days", "2")
    out = capsys.readouterr().out
    assert "non importés dans le délai : 1 ;" in out
    assert not NationalUpload.objects.exists()
    with pytest.raises(CommandError, match="1 or more"):
        call_command("purge_national_uploads", "--days", "0")


def test_discard_pages_confirm_then_delete(client, admin_user, edition):
    upload = _upload(admin_user, edition)
    client.force_login(admin_user)
    mapping = client.get(reverse("atlas:national_mapping", args=[upload.pk]))
    url = reverse("atlas:national_upload_discard", args=[upload.pk])
    assert url in mapping.content.decode()

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "r.csv" in confirm.content.decode()
    assert NationalUpload.objects.exists()  # a GET deletes nothing

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "atlas:national_source_detail", args=[edition.source_id]
    )
    assert "r.csv" in response.content.decode()  # the message names the file
    assert not NationalUpload.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MINISTRY_OFFICER])
def test_discard_page_refuses_other_roles(client, admin_user, edition, make_user, role):
    upload = _upload(admin_user, edition)
    client.force_login(make_user(role))
    url = reverse("atlas:national_upload_discard", args=[upload.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert NationalUpload.objects.exists()


def test_upload_page_states_how_long_files_are_kept(
    client, admin_user, edition, settings
):
    settings.SUDSUD_NATIONAL_UPLOAD_DAYS = 5
    client.force_login(admin_user)
    page = client.get(reverse("atlas:national_upload", args=[edition.pk]))
    assert "5 jours" in page.content.decode()


def test_import_job_of_a_discarded_upload_fails_clearly(admin_user, edition, english):
    upload = services.national_upload_map(
        actor=admin_user, upload=_upload(admin_user, edition), mapping=MAPPING
    )
    job = national_import_start(actor=admin_user, upload=upload, language="en")
    stuck = timezone.now() - timedelta(days=2)  # queued while no worker ran
    Job.objects.filter(pk=job.pk).update(created_at=stuck)
    national_upload_discard(actor=admin_user, upload=upload)

    national_import_task.call(job.pk)  # a worker starts at last
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.FAILED
    assert "deleted before its import" in job.result["errors"][0]


def test_discard_is_refused_while_the_import_is_queued(admin_user, edition, english):
    upload = services.national_upload_map(
        actor=admin_user, upload=_upload(admin_user, edition), mapping=MAPPING
    )
    national_import_start(actor=admin_user, upload=upload, language="en")  # queued
    with pytest.raises(ValidationError, match="being imported"):
        national_upload_discard(actor=admin_user, upload=upload)
    assert NationalUpload.objects.filter(pk=upload.pk).exists()


def test_discard_of_an_imported_upload_is_refused(
    admin_user, countries, edition, english, django_capture_on_commit_callbacks
):
    upload = services.national_upload_map(
        actor=admin_user, upload=_upload(admin_user, edition), mapping=MAPPING
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.national_import(actor=admin_user, upload=upload)
    upload.refresh_from_db()
    with pytest.raises(ValidationError, match="already imported"):
        national_upload_discard(actor=admin_user, upload=upload)
    assert NationalUpload.objects.filter(pk=upload.pk).exists()  # its provenance


def test_purge_skips_an_upload_whose_import_is_pending_unless_stuck(
    admin_user, edition
):
    upload = services.national_upload_map(
        actor=admin_user, upload=_upload(admin_user, edition, days_old=9),
        mapping=MAPPING,
    )  # fmt: skip
    job = national_import_start(actor=admin_user, upload=upload, language="fr")
    assert national_uploads_purge(days=7).uploads == 0
    assert NationalUpload.objects.filter(pk=upload.pk).exists()

    two_days_ago = timezone.now() - timedelta(days=2)
    Job.objects.filter(pk=job.pk).update(created_at=two_days_ago)  # stuck
    assert national_uploads_purge(days=7).uploads == 1
    assert not NationalUpload.objects.exists()


def test_purge_counts_only_what_it_deleted(admin_user, edition, monkeypatch):
    stale = _upload(admin_user, edition, days_old=9)
    real = retention.stale_uploads

    def raced(**kwargs):
        found = list(real(**kwargs))
        NationalUpload.objects.filter(pk=stale.pk).delete()  # abandoned meanwhile
        return found

    monkeypatch.setattr(retention, "stale_uploads", raced)
    assert national_uploads_purge(days=7).uploads == 0
    assert not AuditEntry.objects.filter(action="delete").exists()
