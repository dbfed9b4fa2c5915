"""``manage.py load_demo_data``: fill the three bilateral plans with demonstration
activities, results and values (``--remove`` deletes them, and only them)."""

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.programmes.services.demo import (
    DEFAULT_SEED,
    DemoDataRefusedError,
    demo_data_load,
    demo_data_remove,
    is_production_settings,
)


class Command(BaseCommand):
    help = (
        "Load demonstration data (about 120 activities in the three bilateral plans, "
        "results, indicators, two years of values), replacing any earlier "
        "demonstration data. Everything is marked as demonstration data. Refused "
        "with production settings unless --allow-production."
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
                counts = demo_data_load(
                    actor=None,
                    seed=options["seed"],
                    allow_production=options["allow_production"],
                )
                verb = "Loaded"
        except (DemoDataRefusedError, ValidationError) as error:
            raise CommandError(str(getattr(error, "message", error))) from error
        summary = ", ".join(f"{count} {key}" for key, count in counts.items())
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} demonstration data: {summary} ({seconds:.1f} s)."
            )
        )
