from django import forms
from django.utils.translation import gettext_lazy as _

from .national.mapping import REPORT_KIND_LABELS
from .undesa.layout import KIND_LABELS, KNOWN_EDITIONS


class UndesaImportForm(forms.Form):
    file = forms.FileField(
        label=_("UN DESA workbook (XLSX)"),
        help_text=_(
            "The official International Migrant Stock workbook by origin, by "
            "destination, or by destination and origin, as downloaded from UN DESA."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    edition = forms.ChoiceField(
        label=_("Edition"),
        required=False,
        choices=[("", _("Read it from the workbook"))]
        + [(code, code) for code in KNOWN_EDITIONS],
    )


class ImportFilterForm(forms.Form):
    q = forms.CharField(label=_("File name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        required=False,
        choices=[
            ("", _("All")),
            *list(KIND_LABELS.items()),
            *list(REPORT_KIND_LABELS.items()),
        ],
    )
    edition = forms.ChoiceField(
        label=_("Edition"),
        required=False,
        choices=[("", _("All"))] + [(code, code) for code in KNOWN_EDITIONS],
    )
