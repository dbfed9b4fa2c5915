"""The upload form of the IATI import page."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from sudsud.core.uploads import validate_upload


class IatiImportForm(forms.Form):
    file = forms.FileField(
        label=_("IATI file (XML)"),
        help_text=_(
            "An iati-activities file, version 2.0x (1.0x is read as far as possible)."
        ),
    )

    def clean_file(self) -> Any:
        file: UploadedFile = self.cleaned_data["file"]
        validate_upload(file, extensions=("xml",))
        return file
