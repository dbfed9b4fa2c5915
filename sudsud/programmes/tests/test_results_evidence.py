"""Evidence files: a scoped download, a confirmed removal from drafts only, and a
download URL (never the storage name) in the API."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.models import Evidence
from sudsud.programmes.services import reporting

from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.fixture
def staff(make_user, countries):
    return make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])


@pytest.fixture
def evidence(period, staff, countries):
    update = reporting.indicator_update_save(
        actor=staff, period=period, country=countries["SEN"], value=Decimal(5)
    )
    document = SimpleUploadedFile(
        "liste.csv", b"nom;present\nA;1\n", content_type="text/csv"
    )
    return reporting.evidence_add(
        actor=staff, update=update, caption="Liste", document=document
    )


def test_evidence_download_gives_the_file_to_people_who_see_the_indicator(
    client, make_user, evidence, countries
):
    client.force_login(make_user(Role.VIEWER, countries=[countries["MAR"]]))

    response = client.get(reverse("programmes:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"nom;present")


def test_evidence_download_hides_restricted_activities(
    client, make_user, evidence, countries
):
    activity = evidence.update.period.indicator.result.activity
    activity.is_restricted = True
    activity.save()
    client.force_login(make_user(Role.VIEWER, countries=[countries["MLI"]]))
    url = reverse("programmes:evidence_download", args=[evidence.pk])

    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_pages_link_the_evidence_download(client, staff, evidence, countries):
    client.force_login(staff)
    download = reverse("programmes:evidence_download", args=[evidence.pk])
    remove = reverse("programmes:evidence_remove", args=[evidence.pk])
    form_url = reverse("programmes:update_edit", args=[evidence.update.period_id])

    detail = client.get(evidence.update.period.indicator.get_absolute_url())
    form = client.get(f"{form_url}?country={countries['SEN'].pk}")

    assert download in detail.content.decode()
    assert download in form.content.decode()
    assert remove in form.content.decode()


def test_evidence_remove_asks_then_removes(client, staff, evidence):
    client.force_login(staff)
    url = reverse("programmes:evidence_remove", args=[evidence.pk])

    question = client.get(url)
    response = client.post(url)

    assert question.status_code == 200
    assert 'method="post"' in question.content.decode()
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_evidence_remove_refuses_others_and_locked_updates(
    client, make_user, staff, evidence, countries
):
    url = reverse("programmes:evidence_remove", args=[evidence.pk])
    client.force_login(make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MAR"]]))
    assert client.post(url).status_code == 403

    reporting.indicator_update_submit(actor=staff, update=evidence.update)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_updates_api_gives_a_download_url_not_the_storage_name(staff, evidence):
    api = APIClient()
    api.force_authenticate(staff)

    data = api.get(f"/api/v1/indicator-updates/{evidence.update_id}/").json()

    [item] = data["evidence"]
    download = reverse("programmes:evidence_download", args=[evidence.pk])
    assert item["download_url"].endswith(download)
    assert "programmes/evidence/" not in str(data)
    api.force_login(staff)  # the download is a page: session authentication
    assert api.get(item["download_url"]).status_code == 200


def test_evidence_remove_deletes_the_file_only_once_committed(
    staff, evidence, django_capture_on_commit_callbacks
):
    # A rollback after the removal must leave the row *and* its file.
    name, storage = evidence.document.name, evidence.document.storage

    with django_capture_on_commit_callbacks() as callbacks:
        reporting.evidence_remove(actor=staff, evidence=evidence)

    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert storage.exists(name)
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
