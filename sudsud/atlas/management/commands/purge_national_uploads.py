"""``manage.py purge_national_uploads [--days N]``: delete national files that were
never imported (run it daily; docs/deployment.md)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from sudsud.atlas.services.national_retention import national_uploads_purge


class Command(BaseCommand):
    help = (
        "Delete national files not imported within SUDSUD_NATIONAL_UPLOAD_DAYS "
        "days of their upload, and files that no upload names any more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Age in days (default {settings.SUDSUD_NATIONAL_UPLOAD_DAYS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        with translation.override("fr"):
            result = national_uploads_purge(actor=None, days=days)
            summary = _(
                "National files deleted — not imported in time: %(uploads)d; "
                "left by failed uploads: %(orphans)d."
            )
            counts = {"uploads": result.uploads, "orphans": result.orphans}
            self.stdout.write(summary % counts)
