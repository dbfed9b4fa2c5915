"""``manage.py iati_import PATH``: import an IATI activity file as the system."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.programmes.models import Programme
from sudsud.programmes.services.iati import iati_import


class Command(BaseCommand):
    help = "Import an iati-activities XML file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--programme", help="Programme code (default: THE one).")

    def handle(
        self, *args: Any, path: Path, programme: str | None, **options: Any
    ) -> None:
        target = None
        if programme:
            target = Programme.objects.filter(code=programme).first()
            if target is None:
                raise CommandError(f"No programme with code {programme}.")
        try:
            report = iati_import(
                actor=None, content=path.read_bytes(), programme=target
            )
        except OSError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        for warning in report.warnings:
            self.stderr.write(warning)
        counts = ", ".join(f"{k}={v}" for k, v in report.counts().items())
        self.stdout.write(counts)
