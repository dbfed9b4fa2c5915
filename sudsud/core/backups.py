"""Backing up and restoring a whole installation: database and uploaded files.

A backup is one ``.tar.gz`` holding ``manifest.json`` (what, when, which engine and
which migrations), the database (``database.sqlite3`` made with SQLite's online
backup API, or ``database.pgdump`` from ``pg_dump --format=custom``) and the media
folder under ``media/``. Everything here takes a database alias and reads that
connection's settings, so tests run it on their own test database. Connection
secrets reach ``pg_dump``/``pg_restore`` through ``PG*`` environment variables,
never the command line (which other users of the machine can read).
"""

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "sudsud-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for a person."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    media_files: int | None  # None: the backup had no media folder, media untouched
    missing_migrations: list[str] = field(default_factory=list)
    unknown_migrations: list[str] = field(default_factory=list)


# --- Shared helpers ------------------------------------------------------------


def engine_of(settings_dict: dict[str, Any]) -> str:
    engine = str(settings_dict.get("ENGINE", ""))
    if "sqlite3" in engine:
        return "sqlite"
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    raise BackupError(
        f"Unsupported database engine {engine!r}: use SQLite or PostgreSQL."
    )


def _sqlite_path(settings_dict: dict[str, Any]) -> Path:
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(
            "An in-memory SQLite database cannot be backed up or restored."
        )
    return Path(name)


def _pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    environment = dict(os.environ)
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    environment.update({key: str(value) for key, value in pairs.items() if value})
    return environment


def _pg_run(tool: str, arguments: list[str], settings_dict: dict[str, Any]) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} was not found. Install the PostgreSQL client tools of the same "
            "major version as the server (Debian/Ubuntu: apt-get install "
            "postgresql-client) and try again."
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments we build
        [executable, *arguments],
        env=_pg_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            f"{tool} failed: {result.stderr.strip() or result.returncode}"
        )


def _platform_version() -> str:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _applied_migrations(alias: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    recorder = MigrationRecorder(connections[alias])
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


# --- Backup --------------------------------------------------------------------


def default_backup_path(now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.DATA_DIR) / "backups" / f"sudsud-{stamp}.tar.gz"


def _dump_database(alias: str, destination: Path) -> None:
    settings_dict = connections[alias].settings_dict
    if engine_of(settings_dict) == "sqlite":
        source = sqlite3.connect(_sqlite_path(settings_dict), timeout=30)
        target = sqlite3.connect(destination)
        try:
            # Consistent even while the app writes (WAL included); the copy is then
            # switched to a self-contained file with no -wal companion.
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
        return
    _pg_run(
        "pg_dump",
        ["--format=custom", "--no-owner", f"--file={destination}"],
        settings_dict,
    )


def _skip_links(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    # Links could point outside the media folder on restore: keep real files only.
    return member if member.isfile() or member.isdir() else None


def _count_files(folder: Path) -> int:
    return sum(
        1 for path in folder.rglob("*") if path.is_file() and not path.is_symlink()
    )


def _manifest(alias: str, engine: str, media_root: Path) -> dict[str, Any]:
    has_media = media_root.is_dir()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "platform_version": _platform_version(),
        "django_version": django.get_version(),
        "database": {"engine": engine, "file": DUMP_NAMES[engine]},
        "migrations": _applied_migrations(alias),
        "media": {
            "included": has_media,
            "files": _count_files(media_root) if has_media else 0,
        },
    }


def backup_create(*, output: Path | None = None, alias: str = "default") -> Path:
    """Write a backup archive and return its path (readable by its owner only)."""
    engine = engine_of(connections[alias].settings_dict)
    output = Path(output) if output else default_backup_path()
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    manifest = _manifest(alias, engine, media_root)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        _dump_database(alias, dump)
        text = json.dumps(manifest, indent=2)
        (Path(work) / MANIFEST).write_text(text, encoding="utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            if manifest["media"]["included"]:
                archive.add(media_root, arcname=MEDIA, filter=_skip_links)
        partial.chmod(0o600)
        # A rename in the same folder: the archive appears whole or not at all.
        partial.replace(output)
    return output


# --- Restore -------------------------------------------------------------------


def _check_member(member: tarfile.TarInfo, engine: str) -> None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or member.name.startswith("/"):
        raise BackupError(
            f"Refused: the archive member {member.name!r} escapes its folder."
        )
    if not (member.isfile() or member.isdir()):
        raise BackupError(
            f"Refused: the archive member {member.name!r} is not a plain file."
        )
    allowed = {MANIFEST, DUMP_NAMES[engine]}
    if member.name not in allowed and path.parts[0] != MEDIA:
        raise BackupError(f"Refused: unexpected archive member {member.name!r}.")


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
    except KeyError:
        handle = None
    if handle is None:
        raise BackupError("This is not a sudsud backup: manifest.json is missing.")
    try:
        manifest = json.loads(handle.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError("The backup's manifest.json is unreadable.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a sudsud backup: unknown manifest format.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {manifest.get('format_version')!r} is not known "
            f"to this version of the platform (it reads version {FORMAT_VERSION})."
        )
    return manifest


def backup_inspect(path: Path, *, alias: str = "default") -> dict[str, Any]:
    """Validate an archive against the current database and return its manifest."""
    current = engine_of(connections[alias].settings_dict)
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = _read_manifest(archive)
            engine = str(manifest.get("database", {}).get("engine", ""))
            if engine not in DUMP_NAMES:
                raise BackupError(
                    f"The backup names an unknown database engine {engine!r}."
                )
            if engine != current:
                raise BackupError(
                    f"This backup holds a {ENGINE_NAMES[engine]} database but this "
                    f"installation uses {ENGINE_NAMES[current]}: restore it on a "
                    f"{ENGINE_NAMES[engine]} installation, or migrate the data first."
                )
            for member in archive.getmembers():
                _check_member(member, engine)
            if DUMP_NAMES[engine] not in archive.getnames():
                raise BackupError("The backup holds no database dump.")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read the backup {path}: {error}") from error
    return manifest


def _restore_database(alias: str, dump: Path) -> None:
    settings_dict = connections[alias].settings_dict
    connections.close_all()  # no open transaction or lock of ours in the way
    if engine_of(settings_dict) == "sqlite":
        source = sqlite3.connect(dump)
        target = sqlite3.connect(_sqlite_path(settings_dict), timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(dump),
        ],
        settings_dict,
    )


def _swap_media(extracted: Path) -> int:
    """Put the backup's media folder in place of the current one."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    old = media_root.with_name(f".{media_root.name}-before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media_root.exists():
        media_root.rename(old)
    shutil.copytree(extracted, media_root)
    if old.exists():
        shutil.rmtree(old)
    return _count_files(media_root)


def _migration_gaps(manifest: dict[str, Any]) -> tuple[list[str], list[str]]:
    in_backup = {
        f"{app}.{name}"
        for app, names in (manifest.get("migrations") or {}).items()
        for name in names
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)
    in_code = {f"{app}.{name}" for app, name in loader.disk_migrations}
    return sorted(in_code - in_backup), sorted(in_backup - in_code)


def backup_restore(path: Path, *, alias: str = "default") -> RestoreReport:
    """Replace the database (and media, if the backup has them) with the backup's."""
    manifest = backup_inspect(path, alias=alias)
    engine = manifest["database"]["engine"]
    with tempfile.TemporaryDirectory(prefix=".restore-") as work:
        with tarfile.open(path, "r:gz") as archive:
            # Members were checked by backup_inspect; "data" is a second lock.
            archive.extractall(work, filter="data")
        _restore_database(alias, Path(work) / DUMP_NAMES[engine])
        extracted_media = Path(work) / MEDIA
        media_files = _swap_media(extracted_media) if extracted_media.is_dir() else None
    missing, unknown = _migration_gaps(manifest)
    return RestoreReport(manifest, media_files, missing, unknown)
