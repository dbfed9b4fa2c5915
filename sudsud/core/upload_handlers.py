"""Refuse oversized uploads while they are read, not after they are stored."""

from typing import IO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class SizeLimitedUploadHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: raises ``RequestDataTooBig`` (answered with
    400) as soon as a request announces, or a file reaches, more than
    ``SUDSUD_MAX_REQUEST_BYTES``; the handlers after it never see the extra bytes."""

    def handle_raw_input(
        self,
        input_data: IO[bytes],
        META: dict[str, str],  # noqa: N803 - Django's signature
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        if content_length > settings.SUDSUD_MAX_REQUEST_BYTES:
            raise RequestDataTooBig("Upload larger than SUDSUD_MAX_REQUEST_BYTES.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > settings.SUDSUD_MAX_REQUEST_BYTES:
            raise RequestDataTooBig("Upload larger than SUDSUD_MAX_REQUEST_BYTES.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
