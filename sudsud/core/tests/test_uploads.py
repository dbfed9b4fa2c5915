import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sudsud.core.uploads import validate_upload


def test_validate_upload_returns_the_extension():
    upload = SimpleUploadedFile("Organisations.XLSX", b"data")
    assert validate_upload(upload, extensions=("csv", "xlsx")) == "xlsx"


def test_validate_upload_refuses_files_over_the_limit(settings):
    settings.SUDSUD_MAX_UPLOAD_BYTES = 10
    upload = SimpleUploadedFile("big.csv", b"x" * 11)
    with pytest.raises(ValidationError) as error:
        validate_upload(upload, extensions=("csv",))
    assert error.value.code == "too_large"


def test_validate_upload_refuses_other_types():
    upload = SimpleUploadedFile("script.exe", b"MZ")
    with pytest.raises(ValidationError) as error:
        validate_upload(upload, extensions=("csv", "xlsx"))
    assert error.value.code == "bad_type"


def test_validate_upload_refuses_empty_files():
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("empty.csv", b""), extensions=("csv",))
    assert error.value.code == "empty"


def test_validate_upload_message_is_in_the_active_language(settings):
    from django.utils import translation

    settings.SUDSUD_MAX_UPLOAD_BYTES = 1
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("a.csv", b"ab"), extensions=("csv",))
    assert "fichier" in error.value.messages[0].lower()
