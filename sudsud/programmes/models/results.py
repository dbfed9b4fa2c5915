"""The results framework: results, indicators, periods, targets and reported actuals.

* A result (impact, outcome, output) belongs to the programme, a plan or an
  activity. Its indicators are quantitative (unit, baseline, target and actual per
  period) or qualitative (narrative and rating).
* An indicator may contribute to a higher one (``parent``): the higher one's values
  roll up from its contributors with the indicator's ``aggregation`` method.
* Targets and actuals can be broken down along dimensions (country, sex, and any an
  administrator adds). A breakdown cell is identified by a canonical ``key`` such as
  ``country=SEN;sex=female`` (dimension codes sorted), see ``breakdown_key``.
* Actuals are reported through an ``IndicatorUpdate`` per period (and per country
  when the indicator covers several): draft → submitted → approved or returned.
  Approved updates are locked until an administrator reopens them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Place

from .activities import ActionPlan, Activity
from .reference import Programme, localised


class ResultLevel(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class Result(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("programme"),
    )
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="results",
        null=True,
        blank=True,
        verbose_name=_("plan"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="results",
        null=True,
        blank=True,
        verbose_name=_("activity"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent"),
    )
    level = models.CharField(_("level"), max_length=10, choices=ResultLevel.choices)
    code = models.CharField(_("code"), max_length=40)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    # code and titles folded by core.text.normalise_for_search, filled by services
    search_text = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search text")
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="result_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return localised(self, "title")


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class IndicatorMeasure(models.IntegerChoices):
    """IATI IndicatorMeasure codelist."""

    UNIT = 1, _("Unit")
    PERCENTAGE = 2, _("Percentage")
    NOMINAL = 3, _("Nominal")
    ORDINAL = 4, _("Ordinal")
    QUALITATIVE = 5, _("Qualitative")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    LATEST = "latest", _("Latest value")
    AVERAGE = "average", _("Average")


class Dimension(models.Model):
    """A way to break values down: country, sex, age group…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    is_system = models.BooleanField(
        _("built in"), default=False, help_text=_("Country and sex cannot be removed.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class DimensionValue(models.Model):
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("dimension"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True)
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension value")
        verbose_name_plural = _("dimension values")
        ordering = ["dimension", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"], name="dimension_value_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


def breakdown_key(cells: dict[str, str]) -> str:
    """``{"sex": "female", "country": "SEN"}`` → ``"country=SEN;sex=female"``."""
    return ";".join(
        f"{dimension}={value}" for dimension, value in sorted(cells.items())
    )


def parse_breakdown_key(key: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in key.split(";") if part)


class Indicator(models.Model):
    result = models.ForeignKey(
        Result,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("result"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("contributes to"),
        on_delete=models.SET_NULL,
        related_name="contributors",
        null=True,
        blank=True,
    )
    code = models.CharField(_("code"), max_length=40)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=IndicatorKind.choices,
        default=IndicatorKind.QUANTITATIVE,
    )
    measure = models.PositiveSmallIntegerField(
        _("measure"), choices=IndicatorMeasure.choices, default=IndicatorMeasure.UNIT
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    ascending = models.BooleanField(_("higher is better"), default=True)
    aggregation = models.CharField(
        _("roll-up method"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True
    )
    baseline_comment = models.TextField(_("baseline comment"), blank=True)
    dimensions = models.ManyToManyField(
        Dimension, verbose_name=_("breakdowns"), related_name="+", blank=True
    )
    framework_indicators = models.ManyToManyField(
        "programmes.FrameworkIndicator",
        verbose_name=_("donor framework indicators"),
        related_name="indicators",
        blank=True,
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # code and titles folded by core.text.normalise_for_search, filled by services
    search_text = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("search text")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["result", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "code"], name="indicator_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:indicator_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def is_quantitative(self) -> bool:
        return self.kind == IndicatorKind.QUANTITATIVE


class IndicatorPeriod(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="periods",
        verbose_name=_("indicator"),
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_comment = models.TextField(_("target comment"), blank=True)

    class Meta:
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "start", "end"], name="indicator_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="indicator_period_dates_ordered",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


class TargetBreakdown(models.Model):
    period = models.ForeignKey(
        IndicatorPeriod,
        on_delete=models.CASCADE,
        related_name="target_breakdowns",
        verbose_name=_("period"),
    )
    key = models.CharField(_("breakdown"), max_length=200)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "key"], name="target_breakdown_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class IndicatorUpdate(models.Model):
    """A period's actual for one indicator (and one country when the indicator is
    reported country by country), with evidence, going through approval."""

    period = models.ForeignKey(
        IndicatorPeriod,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("period"),
    )
    country = models.ForeignKey(
        Place,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=UpdateStatus.choices,
        default=UpdateStatus.DRAFT,
    )
    value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    narrative = models.TextField(_("narrative"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        help_text=_("Qualitative indicators: 1 (off track) to 5 (fully achieved)."),
    )
    comment = models.TextField(_("comment"), blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("submitted at")
    )
    # Who last changed the figures: with the submitter, the people who may not
    # approve them (four eyes).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("reviewed at")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    is_demo = models.BooleanField(_("demonstration data"), default=False)

    class Meta:
        verbose_name = _("indicator update")
        verbose_name_plural = _("indicator updates")
        ordering = ["period", "country__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "country"], name="indicator_update_unique_country"
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(country__isnull=True),
                name="indicator_update_unique_overall",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="indicator_update_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.country or ''} ({self.status})"

    @property
    def is_locked(self) -> bool:
        return self.status in {UpdateStatus.SUBMITTED, UpdateStatus.APPROVED}


class ActualBreakdown(models.Model):
    update = models.ForeignKey(
        IndicatorUpdate,
        on_delete=models.CASCADE,
        related_name="breakdowns",
        verbose_name=_("update"),
    )
    key = models.CharField(_("breakdown"), max_length=200)
    value = models.DecimalField(_("actual"), max_digits=16, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["update", "key"], name="actual_breakdown_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class Evidence(models.Model):
    update = models.ForeignKey(
        IndicatorUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("update"),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    document = models.FileField(_("file"), upload_to="programmes/evidence/", blank=True)
    link = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(document="") | ~Q(link=""),
                name="evidence_has_file_or_link",
                violation_error_message=_("Give a file or a link."),
            )
        ]

    def __str__(self) -> str:
        return self.caption or self.link or self.document.name
