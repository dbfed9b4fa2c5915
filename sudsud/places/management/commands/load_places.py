from typing import Any

from django.core.management.base import BaseCommand

from sudsud.places.services import places_load_reference


class Command(BaseCommand):
    help = (
        "Load countries, UN regions and groupings (OECD, EU, ECOWAS, UEMOA, GCC, "
        "Arab Maghreb Union). Creates what is missing; never changes existing records."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = places_load_reference(actor=None)
        for entity, numbers in counts.items():
            details = ", ".join(f"{key} {value}" for key, value in numbers.items())
            self.stdout.write(f"{entity}: {details}")
        self.stdout.write(self.style.SUCCESS("Reference places loaded."))
