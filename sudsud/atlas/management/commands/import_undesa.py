"""``manage.py import_undesa PATH [--edition Rev.2024]``: import a UN DESA workbook."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from sudsud.atlas.services.undesa import undesa_import
from sudsud.atlas.tasks import undesa_summary


class Command(BaseCommand):
    help = "Import an official UN DESA International Migrant Stock workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--edition", default="", help="Rev.2020 or Rev.2024 (read from the file)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with translation.override("fr"):
            try:
                result = undesa_import(
                    actor=None,
                    data=path.read_bytes(),
                    file_name=path.name,
                    edition=options["edition"] or None,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            report = result.report
            self.stdout.write(
                undesa_summary(
                    unchanged=result.unchanged,
                    values_stored=report.values_stored,
                    edition=report.edition.code if report.edition else "",
                )
            )
            for warning in report.warnings:
                self.stdout.write(f"  {warning}")
