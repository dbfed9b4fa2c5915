"""``manage.py load_framework PATH --code eutf-cop --version 2021-12 …``: import a
donor framework catalogue from a CSV or XLSX file (all or nothing, idempotent)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from sudsud.organisations.models import Organisation
from sudsud.programmes.services.frameworks import framework_catalogue_import


def _funder(name: str) -> Organisation | None:
    if not name:
        return None
    organisations = Organisation.objects.order_by("pk")
    funder = (
        organisations.filter(Q(acronym__iexact=name) | Q(name__iexact=name)).first()
        or organisations.filter(acronym__icontains=name).first()
    )
    if funder is None:
        raise CommandError(f"No organisation is called {name!r}.")
    return funder


class Command(BaseCommand):
    help = (
        "Import a donor framework catalogue from CSV or XLSX (columns number or "
        "code, label_en, optional label_fr and unit). Running it again with the "
        "same file changes nothing; another --version creates another catalogue."
    )

    def add_base_argument(
        self, parser: CommandParser, *args: Any, **kwargs: Any
    ) -> None:
        # ``--version`` names the catalogue's version here, not Django's.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--code", required=True, help="For example eutf-cop.")
        parser.add_argument("--version", required=True, dest="catalogue_version")
        parser.add_argument(
            "--name-fr", default="Indicateurs communs de produit du FFU"
        )
        parser.add_argument("--name-en", default="EUTF common output indicators")
        parser.add_argument(
            "--funder", default="", help="Acronym or name, for example BMZ."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            catalogue = framework_catalogue_import(
                actor=None,
                data=path.read_bytes(),
                extension=path.suffix.lower().lstrip("."),
                code=options["code"],
                version=options["catalogue_version"],
                name_fr=options["name_fr"],
                name_en=options["name_en"],
                funder=_funder(options["funder"]),
            )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        count = catalogue.indicators.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{catalogue.code} {catalogue.version}: {count} indicators."
            )
        )
