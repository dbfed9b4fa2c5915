import pytest
from django.http import Http404
from rest_framework.test import APIClient

from sudsud.api.exceptions import api_exception_handler

pytestmark = pytest.mark.django_db


def test_missing_object_says_not_found_in_the_request_language(admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    url = "/api/v1/atlas/national/uploads/999999/"
    french = api.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 404
    assert french.json()["detail"] != "No NationalUpload matches the given query."
    assert "NationalUpload" not in french.json()["detail"]
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "Not found."


def test_our_own_not_found_messages_are_kept():
    response = api_exception_handler(Http404("The map is not available."), {})
    assert response.status_code == 404
    assert response.data["detail"] == "The map is not available."
    generic = api_exception_handler(Http404("No Job matches the given query."), {})
    assert "Job" not in str(generic.data["detail"])
