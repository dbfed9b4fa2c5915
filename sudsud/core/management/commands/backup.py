"""``manage.py backup [--output PATH]``: the database and uploaded files in one archive.

See ``docs/backup-and-restore.md``.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one .tar.gz "
        "(default: DATA_DIR/backups/sudsud-<UTC time>.tar.gz)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="Where to write the archive (a .tar.gz file)."
        )
        parser.add_argument(
            "--database", default="default", help="Database alias (default: default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup_create(output=options["output"], alias=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {path} ({size:,} bytes)")
        )
        self.stdout.write(
            "Copy it off this machine (see docs/backup-and-restore.md); "
            "it contains personal data: keep it encrypted and access-controlled."
        )
