"""``manage.py load_demo_data``: fill the three bilateral plans with demonstration
activities, partners and sign-offs, results and values (``--remove`` deletes them,
and only them). ``--eutf-catalogue PATH`` first imports the EUTF common output
indicators (``eutf-cop`` ``2021-12``) from that file when they are not loaded yet,
so that demonstration indicators count for them."""

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.programmes.services.demo import (
    DEFAULT_SEED,
    EUTF_CODE,
    EUTF_VERSION,
    DemoDataRefusedError,
    demo_data_load,
    demo_data_remove,
    demo_eutf_catalogue_import,
    is_production_settings,
)


class Command(BaseCommand):
    help = (
        "Load demonstration data (about 120 activities in the three bilateral plans, "
        "their partner ministries and sign-offs, results, indicators, two years of "
        "values), replacing any earlier demonstration data. Everything is marked as "
        "demonstration data. Refused with production settings unless "
        "--allow-production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Delete the demonstration data (never real data) and stop.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with production settings.",
        )
        parser.add_argument(
            "--eutf-catalogue",
            type=Path,
            metavar="PATH",
            help=(
                f"CSV or XLSX of the EUTF common output indicators: imported as "
                f"{EUTF_CODE} {EUTF_VERSION} first unless already loaded, so that "
                "demonstration indicators are mapped to them."
            ),
        )

    def _eutf_catalogue(self, path: Path | None, allow_production: bool) -> None:
        if path is None:
            self.stdout.write(
                "No --eutf-catalogue given: demonstration indicators are mapped to "
                "an EUTF catalogue only if one is already loaded."
            )
            return
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        catalogue, imported = demo_eutf_catalogue_import(
            actor=None,
            data=path.read_bytes(),
            extension=path.suffix.lower().lstrip("."),
            allow_production=allow_production,
        )
        count = catalogue.indicators.count()
        if imported:
            self.stdout.write(
                f"Imported the EUTF catalogue {EUTF_CODE} {EUTF_VERSION} "
                f"({count} indicators) from {path}."
            )
        else:
            self.stdout.write(
                f"The EUTF catalogue {EUTF_CODE} {EUTF_VERSION} is already loaded "
                f"({count} indicators): {path} was not imported again."
            )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            if options["remove"]:
                if is_production_settings() and not options["allow_production"]:
                    raise DemoDataRefusedError(
                        "These are production settings: add --allow-production."
                    )
                counts = demo_data_remove(actor=None)
                verb = "Removed"
            else:
                self._eutf_catalogue(
                    options["eutf_catalogue"], options["allow_production"]
                )
                counts = demo_data_load(
                    actor=None,
                    seed=options["seed"],
                    allow_production=options["allow_production"],
                )
                verb = "Loaded"
        except (DemoDataRefusedError, ValidationError) as error:
            message = getattr(error, "message", None)
            messages = getattr(error, "messages", None)
            text = message or ("\n".join(messages) if messages else str(error))
            raise CommandError(str(text)) from error
        summary = ", ".join(
            f"{count} {key.replace('_', ' ')}" for key, count in counts.items()
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} demonstration data: {summary} ({seconds:.1f} s)."
            )
        )
        if verb == "Loaded" and not counts.get("framework_links"):
            self.stdout.write(
                "No demonstration indicator is mapped to an EUTF indicator: no EUTF "
                "catalogue is loaded (give --eutf-catalogue PATH, or run "
                "manage.py load_framework)."
            )
