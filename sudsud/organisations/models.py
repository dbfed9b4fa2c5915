"""Organisations and the people who represent them.

``scope_country`` decides who sees and edits a record (see
``sudsud.accounts.scopes``): a Senegalese diaspora association based in France has
``country`` France and ``scope_country`` Senegal, so Senegal's team manages it.
Empty means programme-wide.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Place


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    IMPLEMENTING_AGENCY = "implementing_agency", _("Implementing agency")
    DONOR = "donor", _("Donor")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    DIASPORA_ASSOCIATION = "diaspora_association", _("Diaspora association")
    NGO = "ngo", _("Non-governmental organisation")
    HOST_ORGANISATION = "host_organisation", _("Host organisation")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    UNIVERSITY = "university", _("University or research centre")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    name_ar = models.CharField(_("name in Arabic"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        Place,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "country"},
        help_text=_("Where the organisation is based."),
    )
    scope_country = models.ForeignKey(
        Place,
        verbose_name=_("responsible partner country"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": "country"},
        help_text=_(
            "The country team that manages this record. Empty: programme-wide."
        ),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    iati_identifier = models.CharField(
        _("IATI organisation identifier"), max_length=100, blank=True
    )
    registration_number = models.CharField(
        _("national registration number"), max_length=100, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only people whose scope covers the responsible country see it."),
    )
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    search_text = models.TextField(
        editable=False, blank=True, verbose_name=_("search text")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="organisation_iati_identifier_unique",
                violation_error_message=_(
                    "Another organisation already has this IATI identifier."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="organisation_kind_idx"),
            models.Index(fields=["archived_at"], name="organisation_archived_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation_detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Contact(models.Model):
    """A person who represents an organisation, for the time of their mandate.

    Personal data: only what is needed to reach the person in their role.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role or position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    mandate_start = models.DateField(_("mandate start"), null=True, blank=True)
    mandate_end = models.DateField(_("mandate end"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,  # empty for contacts created by the system (commands, imports)
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    search_text = models.TextField(
        editable=False, blank=True, verbose_name=_("search text")
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate_end__isnull=True)
                | Q(mandate_start__isnull=True)
                | Q(mandate_end__gte=models.F("mandate_start")),
                name="contact_mandate_dates_ordered",
                violation_error_message=_(
                    "The end of the mandate must be on or after its start."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name
