"""The programme, its partner countries, memoranda of understanding and intervention
domains; later its action plans, activities and results.

Reference rows are created by ``services.programme_load_reference`` from the cited
facts of ``reference.py``; administrators then complete them (lead ministries,
signature dates…) through the edit services, and the loader never overwrites them.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sudsud.organisations.models import Organisation
from sudsud.places.models import Place

SOURCE_HELP = _("Where this fact comes from, so anyone can check it.")


def localised(instance: models.Model, field: str) -> str:
    """``instance.<field>_<active language>``, falling back to French."""
    language = (get_language() or "fr")[:2]
    return getattr(instance, f"{field}_{language}", "") or getattr(
        instance, f"{field}_fr"
    )


class Programme(models.Model):
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("The funder's reference, for example T05-EUTF-NOA-MA-06."),
    )
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    iati_identifier = models.CharField(
        _("IATI activity identifier"), max_length=150, blank=True
    )
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="programme_dates_ordered",
                violation_error_message=_("The end date is before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme_detail", args=[self.code])

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class FundingKind(models.TextChoices):
    EUTF_CONTRIBUTION = "eutf_contribution", _("EUTF contribution")
    CO_FINANCING = "co_financing", _("Co-financing")


class ProgrammeFunding(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="fundings",
        verbose_name=_("programme"),
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        related_name="programme_fundings",
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    kind = models.CharField(_("kind"), max_length=32, choices=FundingKind.choices)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("programme funding")
        verbose_name_plural = _("programme fundings")
        ordering = ["programme", "-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "funder", "kind"], name="funding_unique_funder"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="funding_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.amount} {self.currency}"


class ProgrammeImplementer(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="implementers",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="implemented_programmes",
    )
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("implementing organisation")
        verbose_name_plural = _("implementing organisations")
        ordering = ["programme", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="implementer_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class PartnerCountry(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="partner_countries",
        verbose_name=_("programme"),
    )
    country = models.ForeignKey(
        Place,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "country"},
    )
    lead_ministry = models.ForeignKey(
        Organisation,
        verbose_name=_("lead ministry"),
        on_delete=models.PROTECT,
        related_name="led_partnerships",
        null=True,
        blank=True,
    )
    is_coordinating = models.BooleanField(
        _("coordinating country"),
        default=False,
        help_text=_("The country that signed a memorandum with each of the others."),
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("partner country")
        verbose_name_plural = _("partner countries")
        ordering = ["programme", "-is_coordinating", "country__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "country"], name="partner_country_unique"
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(is_coordinating=True),
                name="partner_country_one_coordinator",
                violation_error_message=_(
                    "The programme already has a coordinating country."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.country)


def memorandum_document_path(instance: "Memorandum", filename: str) -> str:
    return f"programmes/memoranda/{instance.programme_id}/{filename}"


class Memorandum(models.Model):
    """A memorandum of understanding between two partner countries. A pair is
    stored once, whichever country comes first (Morocco first, by convention)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="memoranda",
        verbose_name=_("programme"),
    )
    first_country = models.ForeignKey(
        Place,
        verbose_name=_("first country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_country = models.ForeignKey(
        Place,
        verbose_name=_("second country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signatory_ministries = models.ManyToManyField(
        Organisation,
        verbose_name=_("signatory ministries"),
        related_name="signed_memoranda",
        blank=True,
    )
    document = models.FileField(
        _("signed document (PDF)"), upload_to=memorandum_document_path, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")
        ordering = ["programme", "first_country__name_fr", "second_country__name_fr"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_country=F("second_country")),
                name="memorandum_two_countries",
                violation_error_message=_(
                    "A memorandum needs two different countries."
                ),
            ),
            models.UniqueConstraint(
                F("programme"),
                Least("first_country", "second_country"),
                Greatest("first_country", "second_country"),
                name="memorandum_unique_pair",
                violation_error_message=_(
                    "This programme already has a memorandum between these countries."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_country} – {self.second_country}"

    @property
    def title(self) -> str:
        return localised(self, "title")

    def involves(self, country_id: int | None) -> bool:
        return country_id in (self.first_country_id, self.second_country_id)


class Domain(models.Model):
    """An intervention domain; activities and indicators will point at it."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("programme"),
    )
    code = models.SlugField(_("code"), max_length=50)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("intervention domain")
        verbose_name_plural = _("intervention domains")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="domain_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")
