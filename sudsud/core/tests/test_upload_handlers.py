import io

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from sudsud.core.upload_handlers import SizeLimitedUploadHandler


def test_handler_refuses_a_request_that_announces_too_many_bytes(settings):
    settings.SUDSUD_MAX_REQUEST_BYTES = 100
    handler = SizeLimitedUploadHandler(RequestFactory().post("/"))
    with pytest.raises(RequestDataTooBig):
        handler.handle_raw_input(io.BytesIO(), {}, 101, "--x")


def test_handler_refuses_a_file_that_grows_past_the_ceiling(settings):
    settings.SUDSUD_MAX_REQUEST_BYTES = 100
    handler = SizeLimitedUploadHandler(RequestFactory().post("/"))
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"x" * 60, 60)


@pytest.mark.django_db
def test_an_oversized_upload_to_a_real_page_gets_the_explanatory_400_page(
    admin_client, settings
):
    settings.SUDSUD_MAX_REQUEST_BYTES = 2048
    big = SimpleUploadedFile("big.csv", b"x" * 4096)
    response = admin_client.post("/organisations/import/", {"file": big})
    assert response.status_code == 400
    assert "Requête refusée" in response.content.decode()
