"""``manage.py load_reference_data``: everything a fresh installation needs before
its first user signs in. Safe to run again: it only creates what is missing."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sudsud.places.services import places_load_reference
from sudsud.programmes.services import MissingPlacesError, programme_load_reference
from sudsud.programmes.services.results import dimensions_ensure

LABELS = {
    "places": gettext_lazy("countries and areas"),
    "groupings": gettext_lazy("groupings"),
    "memberships": gettext_lazy("grouping memberships"),
    "programmes": gettext_lazy("programme"),
    "organisations": gettext_lazy("organisations"),
    "fundings": gettext_lazy("fundings"),
    "implementers": gettext_lazy("implementers"),
    "partner_countries": gettext_lazy("partner countries"),
    "memoranda": gettext_lazy("memoranda"),
    "domains": gettext_lazy("intervention domains"),
    "dimensions": gettext_lazy("breakdown dimensions"),
    "dimension_values": gettext_lazy("breakdown values"),
}


def _label(key: str) -> str:
    return str(LABELS.get(key, key))


class Command(BaseCommand):
    help = (
        "Load the reference data: countries, regions and groupings, then the "
        "programme (funding, implementers, partner countries, memoranda, domains). "
        "Creates what is missing; never changes existing records."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The summary is for the person installing the platform: in the
        # platform's default language (French), whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            places = places_load_reference(actor=None)
            try:
                programme = programme_load_reference(actor=None)
            except MissingPlacesError as error:
                raise CommandError(str(error)) from error
            programme.update(dimensions_ensure(actor=None))
            self.report(places, programme)

    def report(
        self, places: dict[str, dict[str, int]], programme: dict[str, int]
    ) -> None:
        created = {key: numbers.get("created", 0) for key, numbers in places.items()}
        created.update(programme)
        if not any(created.values()):
            self.stdout.write(
                self.style.SUCCESS(
                    _("Nothing new: the reference data was already loaded.")
                )
            )
            return
        self.stdout.write(_("Reference data loaded. Created:"))
        for key, count in created.items():
            self.stdout.write(f"  - {_label(key)}: {count}")
        self.stdout.write(self.style.SUCCESS(_("Done.")))
