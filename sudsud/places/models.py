"""Places and groupings of places.

A place's ``code`` is its UN M49 numeric code (equal to ISO 3166-1 numeric for
countries). UN DESA also uses codes of 900 and above for its regions and groups
("World" is 900, "Other" 2003): these are not M49 codes, so they are stored as
places of kind ``aggregate`` and never mistaken for countries.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("Country or area")
    AGGREGATE = "aggregate", _("Statistical aggregate")


class LocalisedNameMixin(models.Model):
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    search_text = models.TextField(
        _("search text"), editable=False, blank=True, db_index=False
    )

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language, falling back to French."""
        language = (get_language() or "fr")[:2]
        localised = getattr(self, f"name_{language}", "")
        return localised or self.name_fr


class Place(LocalisedNameMixin):
    code = models.PositiveIntegerField(_("M49 / UN DESA code"), unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlaceKind.choices, default=PlaceKind.COUNTRY
    )
    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, blank=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["iso2"], condition=~Q(iso2=""), name="place_iso2_unique"
            ),
            models.UniqueConstraint(
                fields=["iso3"], condition=~Q(iso3=""), name="place_iso3_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:place_detail", kwargs={"code": self.code})

    @property
    def is_country(self) -> bool:
        return self.kind == PlaceKind.COUNTRY


class GroupingKind(models.TextChoices):
    UN_REGION = "un_region", _("UN geographic region")
    ECONOMIC = "economic", _("Economic or political union")
    OTHER = "other", _("Other grouping")


class Grouping(LocalisedNameMixin):
    """A named, dated list of member places (OECD, EU, ECOWAS, Western Africa…)."""

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=GroupingKind.choices,
        default=GroupingKind.OTHER,
    )
    m49_code = models.PositiveIntegerField(_("M49 region code"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    members: "models.ManyToManyField[Place, GroupingMembership]" = (
        models.ManyToManyField(
            Place,
            through="GroupingMembership",
            related_name="groupings",
            blank=True,
            verbose_name=_("members"),
        )
    )

    class Meta:
        verbose_name = _("grouping")
        verbose_name_plural = _("groupings")
        ordering = ["kind", "name_fr"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:grouping_detail", kwargs={"slug": self.slug})


class GroupingMembership(models.Model):
    """Membership over time: open-ended when ``end_date`` is empty; ``start_date``
    is empty when the source does not say (for example, founding members)."""

    grouping = models.ForeignKey(
        Grouping,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("grouping"),
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("place"),
    )
    start_date = models.DateField(_("member since"), null=True, blank=True)
    end_date = models.DateField(_("member until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["grouping", "place__name_fr", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["grouping", "place", "start_date"],
                name="membership_unique_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} ∈ {self.grouping}"

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the membership holds on ``day``; empty dates are open ends."""
        starts_before = self.start_date is None or self.start_date <= day
        return starts_before and (self.end_date is None or day <= self.end_date)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())
