"""Create the first programme administrator, ``admin``, once.

Safe to run at every start of a demonstration or test installation: when ``admin``
exists it changes nothing and shows nothing secret.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sudsud.accounts.models import Role, User
from sudsud.accounts.services import UserFields, user_create

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the programme administrator 'admin' with a random password, once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with production settings.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if "production" in settings.SETTINGS_MODULE and not options["force"]:
            raise CommandError(
                "These are production settings: create administrators with "
                "'manage.py createsuperuser', or add --force if you really mean it."
            )
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"The user '{USERNAME}' already exists; nothing changed.")
            return
        password = secrets.token_urlsafe(18)
        user_create(
            actor=None,  # the system: whoever runs commands on the server
            fields=UserFields(
                username=USERNAME,
                email="",
                first_name="Programme",
                last_name="Administrator",
                role=Role.PROGRAMME_ADMIN,
                programme_wide=True,
                is_staff=True,
                is_superuser=True,
            ),
            password=password,
        )
        self.stdout.write(
            self.style.SUCCESS(f"Created the programme administrator '{USERNAME}'.")
        )
        self.stdout.write(f"Username: {USERNAME}")
        self.stdout.write(f"Password: {password}")
        self.stdout.write(
            "Write this password down now: it will not be shown again. "
            f"To change it, run: manage.py changepassword {USERNAME}"
        )
