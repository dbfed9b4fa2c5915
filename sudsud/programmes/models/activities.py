"""Action plans and their activities.

An action plan is the bilateral plan adopted under a memorandum (Morocco–Senegal…);
an activity belongs to a plan (multilateral activities may belong to the programme
alone), covers one or more countries with a share each, and carries the partners,
budget lines and deliverables that make it up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sudsud.organisations.models import Organisation
from sudsud.places.models import Place

from .reference import Domain, Memorandum, Programme, localised


class ActionPlan(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("programme"),
    )
    memorandum = models.ForeignKey(
        Memorandum,
        verbose_name=_("memorandum of understanding"),
        on_delete=models.PROTECT,
        related_name="action_plans",
        null=True,
        blank=True,
    )
    code = models.CharField(_("code"), max_length=40)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    countries = models.ManyToManyField(
        Place, verbose_name=_("countries"), related_name="+", blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="action_plan_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:plan_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return localised(self, "title")


class ActivityType(models.TextChoices):
    NATIONAL = "national", _("National")
    BILATERAL = "bilateral", _("Bilateral")
    MULTILATERAL = "multilateral", _("Multilateral")


class ActivityStatus(models.IntegerChoices):
    """IATI ActivityStatus codelist (2.03)."""

    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class Activity(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("programme"),
    )
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
    )
    code = models.CharField(_("code"), max_length=40)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    activity_type = models.CharField(
        _("type"), max_length=16, choices=ActivityType.choices
    )
    status = models.PositiveSmallIntegerField(
        _("status"), choices=ActivityStatus.choices, default=ActivityStatus.PIPELINE
    )
    countries = models.ManyToManyField(  # type: ignore[var-annotated]
        Place, through="ActivityCountry", related_name="+", verbose_name=_("countries")
    )
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domains"), related_name="activities", blank=True
    )
    implementers = models.ManyToManyField(
        Organisation,
        verbose_name=_("implementers"),
        related_name="implemented_activities",
        blank=True,
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    # The "triple win": what the activity brings to each party.
    benefit_origin = models.TextField(
        _("benefit for the country of origin"), blank=True
    )
    benefit_host = models.TextField(_("benefit for the host country"), blank=True)
    benefit_migrants = models.TextField(_("benefit for migrants"), blank=True)
    is_restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Only people whose scope covers one of its countries see it."),
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    search_text = models.TextField(
        editable=False, blank=True, verbose_name=_("search text")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="activity_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="activity_planned_dates_ordered",
                violation_error_message=_(
                    "The planned end is before the planned start."
                ),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="activity_actual_dates_ordered",
                violation_error_message=_("The actual end is before the actual start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:activity_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def description(self) -> str:
        return localised(self, "description")


class ActivityCountry(models.Model):
    """A country an activity covers, with its share of the activity (percent).
    The shares of one activity add up to 100 (IATI recipient-country percentages)."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="country_shares",
        verbose_name=_("activity"),
    )
    country = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("country covered")
        verbose_name_plural = _("countries covered")
        ordering = ["activity", "-share", "country__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "country"], name="activity_country_unique"
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100),
                name="activity_country_share_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.share} %"


class PartnerRole(models.TextChoices):
    LEAD_MINISTRY = "lead_ministry", _("Lead ministry")
    PARTNER = "partner", _("Partner")
    BENEFICIARY = "beneficiary", _("Beneficiary")


class ActivityPartner(models.Model):
    """An organisation's role in an activity. A bilateral activity has one lead
    ministry per country, and both sign it off."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("activity"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="activity_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    country = models.ForeignKey(
        Place,
        verbose_name=_("for country"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    signed_off_at = models.DateTimeField(_("signed off on"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )

    class Meta:
        verbose_name = _("activity partner")
        verbose_name_plural = _("activity partners")
        ordering = ["activity", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation", "role"],
                name="activity_partner_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class BudgetLine(models.Model):
    """Money for one activity from one funder through one implementer in one year
    (EUR): planned, committed and spent."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("activity"),
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("funder"),
    )
    implementer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("implementer"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(_("planned (EUR)"), max_digits=14, decimal_places=2)
    committed = models.DecimalField(
        _("committed (EUR)"), max_digits=14, decimal_places=2, default=0
    )
    spent = models.DecimalField(
        _("spent (EUR)"), max_digits=14, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["activity", "year", "funder__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "funder", "implementer", "year"],
                name="budget_line_unique",
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(committed__gte=0) & Q(spent__gte=0),
                name="budget_line_amounts_positive",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="budget_line_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} {self.year} {self.planned} EUR"


class Deliverable(models.Model):
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("activity"),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    document = models.FileField(
        _("document"), upload_to="programmes/deliverables/", blank=True
    )
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["activity", "due_date", "title"]

    def __str__(self) -> str:
        return self.title
