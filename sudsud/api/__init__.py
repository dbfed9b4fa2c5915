"""The REST API's wiring under ``/api/v1/``: each domain app's ``api_urls``, the
OpenAPI schema, its documentation page, pagination and token issuing."""
