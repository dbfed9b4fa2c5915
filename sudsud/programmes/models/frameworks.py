"""Donor results frameworks (EUTF common output indicators, BMZ, the programme's
own logframe): versioned catalogues of indicators that programme indicators map to,
so one reported figure counts in every report that needs it."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sudsud.organisations.models import Organisation


class FrameworkCatalogue(models.Model):
    code = models.SlugField(_("code"), max_length=60)
    version = models.CharField(_("version"), max_length=40)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funder"),
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("donor framework")
        verbose_name_plural = _("donor frameworks")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="framework_catalogue_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "fr")[:2] == "en" else self.name_fr


class FrameworkIndicator(models.Model):
    catalogue = models.ForeignKey(
        FrameworkCatalogue,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("catalogue"),
    )
    code = models.CharField(_("code"), max_length=20)
    label_en = models.CharField(_("label (English)"), max_length=500)
    label_fr = models.CharField(_("label (French)"), max_length=500, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("framework indicator")
        verbose_name_plural = _("framework indicators")
        ordering = ["catalogue", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "code"], name="framework_indicator_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        if (get_language() or "fr")[:2] == "fr" and self.label_fr:
            return self.label_fr
        return self.label_en
