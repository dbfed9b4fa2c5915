"""Sources, editions and migrant-stock values.

Every value belongs to one edition of one source (UN DESA International Migrant
Stock Rev.2020 and Rev.2024, a consular register of 2021, a survey…). Editions
rewrite earlier years, so values of different editions are never combined into one
series: a query always names its edition.

A value is a stock of people born in (or citizens of) ``origin`` living in
``destination`` in ``year``, for one sex. Totals by origin use the "World"
aggregate as destination and totals by destination use it as origin; UN DESA's
aggregates are places of kind ``aggregate`` (codes ≥ 900, and 2003 "Other").
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Place


class Definition(models.TextChoices):
    BORN_ABROAD = "born_abroad", _("Born abroad")
    FOREIGN_CITIZENS = "foreign_citizens", _("Foreign citizens")
    REGISTERED_NATIONALS = "registered_nationals", _("Registered nationals")
    SURVEY_ESTIMATE = "survey_estimate", _("Survey estimate")
    MIXED = "mixed", _("Mixed (per country, see the quality flags)")


class Source(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    definition = models.CharField(
        _("definition"), max_length=24, choices=Definition.choices
    )
    coverage = models.TextField(_("coverage"), blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    citation = models.TextField(
        _("citation"),
        blank=True,
        help_text=_("“{year}” stands for each edition's year of publication."),
    )
    url = models.URLField(_("web page"), blank=True)
    is_national = models.BooleanField(_("national source"), default=False)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in English on English pages, else in French (no Arabic name)."""
        language = (get_language() or "fr")[:2]
        return (self.name_en if language == "en" else "") or self.name_fr


class Edition(models.Model):
    source = models.ForeignKey(
        Source,
        on_delete=models.CASCADE,
        related_name="editions",
        verbose_name=_("source"),
    )
    code = models.CharField(_("edition"), max_length=40)  # "Rev.2024"
    published_year = models.PositiveSmallIntegerField(
        _("year of publication"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["source", "-published_year"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="edition_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.code}"

    @property
    def citation(self) -> str:
        """How to cite this edition: the source's citation, its ``{year}`` (if any)
        the edition's year of publication."""
        return self.source.citation.replace("{year}", str(self.published_year))


class Sex(models.TextChoices):
    BOTH = "both", _("Both sexes")
    MALE = "male", _("Men")
    FEMALE = "female", _("Women")


class StockValue(models.Model):
    # No index of its own: the unique index and the origin index begin with it.
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="values",
        db_index=False,
        verbose_name=_("edition"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # Nor have these: every read names its edition (selectors.profile.any_edition),
    # and each index costs a large import a rebuild. Deleting a place (reference
    # data, rarely) scans the table to check that no value names it.
    origin = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("origin"),
    )
    destination = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("destination"),
    )
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=20, blank=True)
    subnational = models.CharField(_("sub-national place"), max_length=120, blank=True)
    # None when the source says "not available" or suppressed the cell.
    value = models.BigIntegerField(_("people"), null=True, blank=True)
    # UN DESA data-type codes of the destination (B, C, R, I; several possible).
    data_type = models.CharField(_("data type"), max_length=12, blank=True)
    flag = models.CharField(
        _("quality flag"),
        max_length=20,
        blank=True,
        help_text=_("not_available, rounds_to_zero, suppressed, negative, imputed"),
    )

    class Meta:
        verbose_name = _("stock value")
        verbose_name_plural = _("stock values")
        constraints = [
            # The column order is the order in which imports write (see
            # atlas.undesa.importer): appending to an index costs little, while
            # inserting 1.4 million keys at random places costs several seconds.
            # It also serves the reads by edition and destination.
            models.UniqueConstraint(
                fields=[
                    "edition",
                    "destination",
                    "origin",
                    "year",
                    "sex",
                    "age_group",
                    "subnational",
                ],
                name="stock_value_unique",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="stock_value_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["edition", "origin", "year"])]

    def __str__(self) -> str:
        return f"{self.origin_id}→{self.destination_id} {self.year} {self.sex}: {self.value}"


class ImportReport(models.Model):
    """What one import did: kept so users can open it later, and so the same file
    imported twice is recognised (``sha256``)."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind of file"), max_length=40)
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True, verbose_name=_("sha256"))
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    values_stored = models.PositiveIntegerField(_("values stored"), default=0)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("imported on"), auto_now_add=True)

    class Meta:
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"


# --- National sources (consular registers, surveys…) -----------------------------


class ColumnMapping(models.Model):
    """How a national file's columns become stock values, saved to be reused."""

    source = models.ForeignKey(
        Source,
        on_delete=models.CASCADE,
        related_name="column_mappings",
        verbose_name=_("source"),
    )
    name = models.CharField(_("name"), max_length=120)
    mapping = models.JSONField(_("mapping"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["source", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "name"], name="column_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(models.Model):
    """A spelling a user resolved once: its folded text always means ``place``."""

    text = models.CharField(_("text"), max_length=200, unique=True)
    original = models.CharField(_("as written"), max_length=200)
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="+", verbose_name=_("place")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        verbose_name = _("place alias")
        verbose_name_plural = _("place aliases")
        ordering = ["text"]

    def __str__(self) -> str:
        return f"{self.original} → {self.place_id}"


class NationalUpload(models.Model):
    """A national file between its upload and its import (mapping, unmatched places)."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="uploads",
        verbose_name=_("edition"),
    )
    file = models.FileField(upload_to="atlas/national/", verbose_name=_("file"))
    file_name = models.CharField(_("file"), max_length=255)
    extension = models.CharField(max_length=8, verbose_name=_("extension"))
    header = models.JSONField(default=list, verbose_name=_("header"))
    mapping = models.JSONField(default=dict, blank=True, verbose_name=_("mapping"))
    unmatched = models.JSONField(default=list, blank=True, verbose_name=_("unmatched"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("uploaded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("national file")
        verbose_name_plural = _("national files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
