"""Accounts with a role and a country scope.

The role says what a person may do (read, edit, approve, administer); the scope says
where: the countries whose restricted records they see and whose records they
change. Programme administrators and users with a programme-wide scope act
everywhere.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme administrator")
    COUNTRY_COORDINATOR = "country_coordinator", _("Country coordinator")
    IMPLEMENTING_STAFF = "implementing_staff", _("Implementing-agency staff")
    MINISTRY_OFFICER = "ministry_officer", _("Partner-ministry officer")
    DATA_ANALYST = "data_analyst", _("Data analyst")
    VIEWER = "viewer", _("Read-only viewer")


LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]


class User(AbstractUser):
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.VIEWER
    )
    # A string reference: accounts sits below places in the layers and never imports it.
    countries = models.ManyToManyField(
        "places.Place",
        verbose_name=_("country scope"),
        related_name="scoped_users",
        blank=True,
        limit_choices_to={"kind": "country"},
        help_text=_("Countries whose restricted records this person sees and edits."),
    )
    programme_wide = models.BooleanField(
        _("programme-wide scope"),
        default=False,
        help_text=_("Acts in every country, like a regional team member."),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default="fr",
    )
    # Names, user name and e-mail folded by ``core.text.normalise_for_search``, kept
    # up to date by the services, so "sene" finds "Sène" in the user list.
    search_text = models.TextField(
        editable=False, blank=True, verbose_name=_("search text")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_programme_admin(self) -> bool:
        return self.is_active and (
            self.is_superuser or self.role == Role.PROGRAMME_ADMIN
        )
