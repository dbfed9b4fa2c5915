"""Backup and restore, on whichever engine the tests run (SQLite by default,
PostgreSQL with DATABASE_URL): a real round trip through the real database."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sudsud.accounts.models import Role, User
from sudsud.core import backups
from sudsud.core.audit import (
    audit_created,
    audit_updated,
    model_snapshot,
)
from sudsud.core.backups import (
    BackupError,
    backup_create,
    backup_inspect,
    backup_restore,
)
from sudsud.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA_FILES = {"logo.svg": b"<svg/>", "jobs/output/report.csv": "a,é\n1,2\n".encode()}


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """A temporary DATA_DIR and MEDIA_ROOT holding two uploaded files."""
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, content in MEDIA_FILES.items():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return settings.MEDIA_ROOT


@pytest.fixture
def people(countries, make_user, admin_user):
    """Users with country scopes, and audit entries that mention them."""
    coordinator = make_user(
        Role.COUNTRY_COORDINATOR, countries=[countries["MLI"]], first_name="Aïcha"
    )
    audit_created(actor=admin_user, instance=coordinator)
    before = model_snapshot(coordinator)
    coordinator.last_name = "Traoré"
    coordinator.save()
    audit_updated(actor=admin_user, instance=coordinator, before=before)
    return coordinator


def _state() -> dict[str, list]:
    return {
        "users": list(
            User.objects.order_by("pk").values_list(
                "pk", "username", "first_name", "last_name", "role", "password"
            )
        ),
        "scopes": sorted(
            User.countries.through.objects.values_list("user_id", "place_id")
        ),
        "audit": list(
            AuditEntry.objects.order_by("pk").values_list(
                "pk", "actor_id", "actor_name", "action", "object_repr", "changes"
            )
        ),
    }


def _media_state(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def _damage(people: User, media: Path, make_user) -> None:
    people.first_name = "Changed"
    people.save()
    people.countries.clear()
    make_user(Role.VIEWER, username="intruder")
    AuditEntry.objects.filter(action="update").delete()
    (media / "logo.svg").write_bytes(b"changed")
    (media / "jobs/output/report.csv").unlink()
    (media / "added-later.txt").write_text("x")


def test_backup_restore_round_trip_brings_back_rows_and_media(people, media, make_user):
    expected, expected_media = _state(), _media_state(media)
    assert len(expected["audit"]) == 2
    path = backup_create()
    _damage(people, media, make_user)
    assert _state() != expected

    report = backup_restore(path)

    assert _state() == expected
    assert _media_state(media) == expected_media
    assert report.media_files == len(MEDIA_FILES)
    assert report.missing_migrations == []
    # Sequences came back too: new rows do not collide with restored ones.
    assert make_user(Role.VIEWER, username="after-restore").pk > max(
        row[0] for row in expected["users"]
    )


def test_backup_command_writes_a_private_archive_with_a_manifest(
    people, media, settings
):
    out = io.StringIO()
    call_command("backup", stdout=out)
    [path] = (settings.DATA_DIR / "backups").glob("sudsud-*.tar.gz")
    assert str(path) in out.getvalue()
    assert path.stat().st_mode & 0o077 == 0
    manifest = backup_inspect(path)
    assert manifest["format_version"] == backups.FORMAT_VERSION
    assert manifest["database"]["engine"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["platform_version"] not in ("", "unknown")
    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert "media/jobs/output/report.csv" in names
    assert backups.DUMP_NAMES[connection.vendor] in names


def test_restore_command_with_noinput_restores_and_reports(
    people, media, make_user, tmp_path
):
    path = tmp_path / "copy.tar.gz"
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    expected = _state()
    _damage(people, media, make_user)
    out = io.StringIO()
    call_command("restore", str(path), "--noinput", stdout=out)
    assert _state() == expected
    assert "Database restored" in out.getvalue()
    assert f"Uploaded files restored: {len(MEDIA_FILES)}" in out.getvalue()


def test_restore_command_refused_confirmation_leaves_data_intact(
    people, media, make_user, tmp_path, monkeypatch
):
    path = backup_create(output=tmp_path / "copy.tar.gz")
    _damage(people, media, make_user)
    damaged, damaged_media = _state(), _media_state(media)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert _state() == damaged
    assert _media_state(media) == damaged_media


def test_restore_command_accepts_yes_at_the_prompt(
    people, media, make_user, tmp_path, monkeypatch
):
    path = backup_create(output=tmp_path / "copy.tar.gz")
    expected = _state()
    _damage(people, media, make_user)
    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("restore", str(path), stdout=io.StringIO())
    assert _state() == expected


# --- Archives that must be refused ---------------------------------------------


def _rewrite(source: Path, target: Path, *, manifest=None, extra=(), drop=()) -> Path:
    """Copy an archive, changing its manifest and adding or dropping members."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            if member.name in drop:
                continue
            data = old.extractfile(member) if member.isfile() else None
            if member.name == backups.MANIFEST and manifest is not None:
                content = json.dumps(manifest(json.load(data))).encode()
                member.size, data = len(content), io.BytesIO(content)
            new.addfile(member, data)
        for name, content in extra:
            info = tarfile.TarInfo(name)
            info.size = len(content)
            new.addfile(info, io.BytesIO(content))
    return target


@pytest.mark.parametrize(
    "name", ["../escaped.txt", "media/../../escaped.txt", "/etc/sudsud-evil.txt"]
)
def test_restore_refuses_path_traversal_members(people, media, tmp_path, name):
    good = backup_create(output=tmp_path / "good.tar.gz")
    bad = _rewrite(good, tmp_path / "bad.tar.gz", extra=[(name, b"evil")])
    before = _state()
    with pytest.raises(CommandError, match="escapes"):
        call_command("restore", str(bad), "--noinput", stdout=io.StringIO())
    assert not (tmp_path / "escaped.txt").exists()
    assert _state() == before


def test_restore_refuses_links_in_the_archive(people, media, tmp_path):
    good = backup_create(output=tmp_path / "good.tar.gz")
    linked = tmp_path / "linked.tar.gz"
    link = tarfile.TarInfo("media/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with tarfile.open(good) as old, tarfile.open(linked, "w:gz") as new:
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member) if member.isfile() else None)
        new.addfile(link)
    with pytest.raises(BackupError, match="not a plain file"):
        backup_inspect(linked)


def test_restore_refuses_an_archive_without_manifest(people, media, tmp_path):
    good = backup_create(output=tmp_path / "good.tar.gz")
    bad = _rewrite(good, tmp_path / "bad.tar.gz", drop={backups.MANIFEST})
    with pytest.raises(CommandError, match=r"manifest\.json is missing"):
        call_command("restore", str(bad), "--noinput", stdout=io.StringIO())


def test_restore_refuses_an_unknown_format_version(people, media, tmp_path):
    good = backup_create(output=tmp_path / "good.tar.gz")
    bad = _rewrite(
        good, tmp_path / "bad.tar.gz", manifest=lambda m: {**m, "format_version": 99}
    )
    with pytest.raises(BackupError, match="format version 99"):
        backup_inspect(bad)


def test_restore_refuses_a_dump_of_the_other_engine(people, media, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    good = backup_create(output=tmp_path / "good.tar.gz")
    bad = _rewrite(
        good,
        tmp_path / "bad.tar.gz",
        manifest=lambda m: {**m, "database": {"engine": other, "file": "x"}},
    )
    before = _state()
    with pytest.raises(CommandError, match=backups.ENGINE_NAMES[other]):
        call_command("restore", str(bad), "--noinput", stdout=io.StringIO())
    assert _state() == before


def test_restore_refuses_a_file_that_is_not_an_archive(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not a backup")
    with pytest.raises(BackupError, match="Cannot read"):
        backup_inspect(path)


def test_restore_says_to_migrate_when_the_backup_is_older(people, media, tmp_path):
    good = backup_create(output=tmp_path / "good.tar.gz")

    def older(manifest):
        migrations = dict(manifest["migrations"])
        migrations["core"] = [n for n in migrations["core"] if n != "0001_initial"]
        return {**manifest, "migrations": migrations}

    old = _rewrite(good, tmp_path / "old.tar.gz", manifest=older)
    out = io.StringIO()
    call_command("restore", str(old), "--noinput", stdout=out)
    assert "manage.py migrate" in out.getvalue()
    assert "core.0001_initial" in out.getvalue()


# --- PostgreSQL tool handling (no server needed) --------------------------------


def test_pg_tools_get_secrets_through_the_environment_only(monkeypatch):
    calls = []

    def fake_run(args, **kwargs):
        calls.append((args, kwargs["env"]))
        return type("Done", (), {"returncode": 0, "stderr": ""})()

    monkeypatch.setattr(backups.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(backups.subprocess, "run", fake_run)
    db = {
        "HOST": "db.example",
        "PORT": 5433,
        "USER": "app",
        "PASSWORD": "s3cret",
        "NAME": "sudsud",
    }
    backups._pg_run("pg_dump", ["--format=custom"], db)
    [(args, env)] = calls
    assert env["PGPASSWORD"] == "s3cret"
    assert env["PGHOST"] == "db.example"
    assert env["PGPORT"] == "5433"
    assert not any("s3cret" in arg for arg in args)


def test_pg_tools_missing_gives_a_clear_error(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda tool: None)
    with pytest.raises(BackupError, match="pg_dump was not found"):
        backups._pg_run("pg_dump", [], {"NAME": "sudsud"})


def test_pg_tool_failure_is_reported_with_its_message(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    monkeypatch.setattr(
        backups.subprocess,
        "run",
        lambda args, **kw: type(
            "Failed", (), {"returncode": 1, "stderr": "no such db"}
        )(),
    )
    with pytest.raises(BackupError, match="pg_restore failed: no such db"):
        backups._pg_run("pg_restore", [], {"NAME": "sudsud"})


def test_engine_of_refuses_other_engines():
    with pytest.raises(BackupError, match="Unsupported"):
        backups.engine_of({"ENGINE": "django.db.backends.mysql"})
