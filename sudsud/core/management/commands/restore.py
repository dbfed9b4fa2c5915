"""``manage.py restore PATH [--noinput]``: replace all data with a backup's.

See ``docs/backup-and-restore.md``.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.core.backups import (
    BackupError,
    RestoreReport,
    backup_inspect,
    backup_restore,
)


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`. This replaces all current data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup archive (.tar.gz).")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path, alias = options["path"], options["database"]
        try:
            manifest = backup_inspect(path, alias=alias)
            self._describe(path, manifest)
            if options["interactive"] and not self._confirmed():
                raise CommandError("Restore cancelled: nothing was changed.")
            report = backup_restore(path, alias=alias)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self._report(report)

    def _describe(self, path: Path, manifest: dict[str, Any]) -> None:
        media = manifest.get("media") or {}
        self.stdout.write(
            f"Backup {path}\n"
            f"  made:     {manifest.get('created_at')}\n"
            f"  platform: {manifest.get('platform_version')} "
            f"(Django {manifest.get('django_version')})\n"
            f"  database: {manifest['database']['engine']}\n"
            f"  media:    {media.get('files', 0) if media.get('included') else 'none'}"
        )

    def _confirmed(self) -> bool:
        self.stdout.write(
            self.style.WARNING(
                "This replaces ALL current data (database and uploaded files) "
                "with the backup's. Stop the application and its worker first."
            )
        )
        answer = input("Type 'yes' to continue, anything else to cancel: ")
        return answer.strip().lower() == "yes"

    def _report(self, report: RestoreReport) -> None:
        self.stdout.write(self.style.SUCCESS("Database restored."))
        if report.media_files is None:
            self.stdout.write("The backup had no uploaded files: media left as it was.")
        else:
            self.stdout.write(f"Uploaded files restored: {report.media_files}.")
        if report.missing_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup is older than this code: "
                    f"{len(report.missing_migrations)} migration(s) not applied "
                    "(for example "
                    f"{', '.join(report.missing_migrations[:3])}). "
                    "Run `manage.py migrate` (or `make upgrade`) now."
                )
            )
        if report.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "The backup was made by a newer version of the platform "
                    f"({len(report.unknown_migrations)} migration(s) unknown to this "
                    "code): install that version before using the application."
                )
            )
        self.stdout.write("Restart the application and its worker.")
