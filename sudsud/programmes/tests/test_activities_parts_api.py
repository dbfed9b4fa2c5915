"""``/api/v1/activities/{id}/partners/``, ``budget-lines/`` and ``deliverables/``:
the same services, permissions and validation as the pages."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from sudsud.core.models import AuditEntry
from sudsud.programmes.models import (
    ActivityPartner,
    BudgetLine,
    Deliverable,
    PartnerRole,
)

from .factories_activities import (
    BudgetLineFactory,
    DeliverableFactory,
    add_hidden_senegal_ministry,
    make_world,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def world(countries):
    return make_world(countries)


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(activity, part, pk=None, suffix=""):
    url = f"/api/v1/activities/{activity.pk}/{part}/"
    return f"{url}{pk}/{suffix}" if pk is not None else url


# --- Partners -----------------------------------------------------------------------


def _lead(world, iso="SEN"):
    return {"organisation": world.ministries[iso].pk, "role": "lead_ministry",
            "country": iso}  # fmt: skip


def test_partner_list_hides_organisations_the_reader_may_not_see(world):
    add_hidden_senegal_ministry(world)
    rows = _api(world.users["mali"]).get(_url(world.bilateral, "partners")).json()
    assert [row["organisation"]["hidden"] for row in rows] == [True]
    rows = _api(world.users["senegal"]).get(_url(world.bilateral, "partners")).json()
    assert rows[0]["organisation"]["hidden"] is False


def test_partner_add_through_the_api(world):
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "partners"), _lead(world), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["country"] == "SEN"
    assert response.json()["signed_off_at"] is None
    partner = ActivityPartner.objects.get(pk=response.json()["id"])
    assert partner.organisation == world.ministries["SEN"]
    assert AuditEntry.objects.filter(
        action="create",
        object_id=str(partner.pk),
        content_type__model="activitypartner",
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "MLI"}, "country"),  # not a country of the activity
        ({"organisation": 999_999}, "organisation"),
        ({"role": "sponsor"}, "role"),
        ({"country": None}, "country"),  # a lead ministry names its country
    ],
)
def test_partner_add_with_bad_input_is_400_and_saves_nothing(world, changes, field):
    payload = {**_lead(world), **changes}
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "partners"), payload, format="json", **EN
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not ActivityPartner.objects.exists()


def test_partner_writes_by_an_out_of_scope_officer_are_403(world):
    mali = _api(world.users["mali"])
    url = _url(world.bilateral, "partners")
    assert mali.get(url).status_code == 200  # the activity is open to read
    assert mali.post(url, _lead(world), format="json").status_code == 403
    assert mali.post(url, {"role": "x"}, format="json").status_code == 403
    assert not ActivityPartner.objects.exists()
    partner = ActivityPartner.objects.create(
        activity=world.bilateral, organisation=world.giz, role=PartnerRole.PARTNER
    )
    assert mali.delete(_url(world.bilateral, "partners", partner.pk)).status_code == 403
    assert ActivityPartner.objects.filter(pk=partner.pk).exists()


def test_partners_of_a_restricted_activity_out_of_scope_are_404(world):
    url = _url(world.restricted, "partners")
    assert _api(world.users["mali"]).get(url).status_code == 404
    assert _api(world.users["mali"]).post(url, {}, format="json").status_code == 404


def test_partner_remove_through_the_api(world):
    partner = ActivityPartner.objects.create(
        activity=world.bilateral, organisation=world.giz, role=PartnerRole.PARTNER
    )
    url = _url(world.bilateral, "partners", partner.pk)
    # Through another activity's address: not found.
    elsewhere = _url(world.restricted, "partners", partner.pk)
    assert _api(world.users["admin"]).delete(elsewhere).status_code == 404
    assert _api(world.users["senegal"]).delete(url).status_code == 204
    assert not ActivityPartner.objects.exists()


def test_partner_sign_off_answers_the_partner(world):
    partner = ActivityPartner.objects.create(
        activity=world.bilateral, organisation=world.ministries["MAR"],
        role=PartnerRole.LEAD_MINISTRY, country=world.countries["MAR"],
    )  # fmt: skip
    url = _url(world.bilateral, "partners", partner.pk, "sign-off/")
    assert _api(world.users["senegal"]).post(url).status_code == 403
    response = _api(world.users["morocco"]).post(url)
    assert response.status_code == 200
    assert response.json()["id"] == partner.pk
    assert response.json()["signed_off_at"] is not None


# --- Budget lines -------------------------------------------------------------------


def _line(world, **changes):
    data = {"funder": world.eu.pk, "implementer": world.giz.pk, "year": 2025,
            "planned": "1000.50", "committed": "200", "spent": "0"}  # fmt: skip
    return {**data, **changes}


def _signed_lead(world):
    return ActivityPartner.objects.create(
        activity=world.bilateral, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=world.countries["SEN"],
        signed_off_at=timezone.now(),
    )  # fmt: skip


def test_budget_line_add_through_the_api_clears_sign_offs(world):
    lead = _signed_lead(world)
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "budget-lines"), _line(world), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["planned"] == "1000.50"
    assert response.json()["funder"]["acronym"] == "FFU / EUTF"
    line = BudgetLine.objects.get()
    assert (line.planned, line.committed, line.spent) == (
        Decimal("1000.50"), Decimal(200), Decimal(0),
    )  # fmt: skip
    lead.refresh_from_db()
    assert lead.signed_off_at is None
    rows = _api(world.users["mali"]).get(_url(world.bilateral, "budget-lines")).json()
    assert [row["id"] for row in rows] == [line.pk]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planned": "-5"}, "planned"),
        ({"year": 1990}, "year"),
        ({"funder": "giz"}, "funder"),
        ({"implementer": None}, "implementer"),
        ({"planned": "1e400"}, "planned"),
    ],
)
def test_budget_line_add_with_bad_input_is_400_and_saves_nothing(world, changes, field):
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "budget-lines"), _line(world, **changes), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not BudgetLine.objects.exists()


def test_budget_line_refuses_a_funder_outside_the_funders(world):
    payload = _line(world, funder=world.ef.pk)  # an implementing agency
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "budget-lines"), payload, format="json"
    )
    assert response.status_code == 400
    assert "funder" in response.json()


def test_budget_line_duplicate_is_400_with_the_services_message(world):
    BudgetLineFactory(activity=world.bilateral, funder=world.eu, implementer=world.giz)
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "budget-lines"), _line(world), format="json", **EN
    )
    assert response.status_code == 400
    assert "already a budget line" in response.json()["year"][0]
    assert BudgetLine.objects.count() == 1


def test_budget_line_put_patch_and_delete(world):
    line = BudgetLineFactory(
        activity=world.bilateral, funder=world.eu, implementer=world.giz
    )
    senegal = _api(world.users["senegal"])
    url = _url(world.bilateral, "budget-lines", line.pk)
    response = senegal.put(url, _line(world, year=2026), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["year"] == 2026
    assert senegal.put(url, {"year": 2027}, format="json").status_code == 400
    response = senegal.patch(url, {"spent": "12.30"}, format="json")
    assert response.status_code == 200
    line.refresh_from_db()
    assert (line.year, line.planned, line.spent) == (
        2026, Decimal("1000.50"), Decimal("12.30"),
    )  # fmt: skip
    assert senegal.delete(url).status_code == 204
    assert not BudgetLine.objects.exists()


def test_budget_line_writes_by_an_out_of_scope_officer_are_403(world):
    line = BudgetLineFactory(
        activity=world.bilateral, funder=world.eu, implementer=world.giz
    )
    mali = _api(world.users["mali"])
    url = _url(world.bilateral, "budget-lines", line.pk)
    assert (
        mali.post(
            _url(world.bilateral, "budget-lines"),
            _line(world, year=2026),
            format="json",
        ).status_code
        == 403
    )
    assert mali.patch(url, {"planned": "1"}, format="json").status_code == 403
    assert mali.put(url, _line(world), format="json").status_code == 403
    assert mali.delete(url).status_code == 403
    line.refresh_from_db()
    assert line.planned == Decimal(1000)
    assert BudgetLine.objects.count() == 1


# --- Deliverables -------------------------------------------------------------------


def test_deliverable_add_with_a_document_through_multipart(world):
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "deliverables"),
        {"title": "Guide", "due_date": "2025-06-30",
         "document": SimpleUploadedFile("guide final.pdf", b"%PDF-1.4")},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    deliverable = Deliverable.objects.get()
    assert deliverable.document.name.endswith(".pdf")
    url = response.json()["document_url"]
    assert (
        url
        == f"/programme/activities/{world.bilateral.pk}/deliverables/{deliverable.pk}/document/"
    )
    assert "programmes/deliverables" not in str(response.json())
    client = APIClient()
    client.force_login(world.users["mali"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "Script", "document": ("x.exe", b"MZ")}, "document"),
        ({"title": "Vide", "document": ("vide.pdf", b"")}, "document"),
        ({"description": "sans titre"}, "title"),
        ({"title": "Lien", "link": "not a link"}, "link"),
        ({"title": "Date", "due_date": "2025-02-30"}, "due_date"),
    ],
)
def test_deliverable_add_with_bad_input_is_400_and_saves_nothing(world, payload, field):
    data = dict(payload)
    if "document" in data:
        name, content = data["document"]
        data["document"] = SimpleUploadedFile(name, content)
    response = _api(world.users["senegal"]).post(
        _url(world.bilateral, "deliverables"), data, format="multipart"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Deliverable.objects.exists()


def test_deliverable_patch_replaces_then_removes_the_document(
    world, django_capture_on_commit_callbacks
):
    deliverable = DeliverableFactory(activity=world.bilateral, title="Avant")
    senegal = _api(world.users["senegal"])
    url = _url(world.bilateral, "deliverables", deliverable.pk)
    response = senegal.patch(url, {"title": "Après"}, format="json")
    assert response.status_code == 200
    assert response.json()["document_url"] is None
    response = senegal.patch(
        url, {"document": SimpleUploadedFile("v1.pdf", b"%PDF")}, format="multipart"
    )
    assert response.json()["title"] == "Après"
    deliverable.refresh_from_db()
    stored = deliverable.document.name
    storage = deliverable.document.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = senegal.patch(url, {"remove_document": True}, format="json")
    assert response.json()["document_url"] is None
    assert not storage.exists(stored)


def test_deliverable_delete_removes_its_file_after_commit(
    world, django_capture_on_commit_callbacks
):
    deliverable = DeliverableFactory(activity=world.bilateral)
    deliverable.document.save("r.pdf", SimpleUploadedFile("r.pdf", b"%PDF"))
    stored, storage = deliverable.document.name, deliverable.document.storage
    url = _url(world.bilateral, "deliverables", deliverable.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert _api(world.users["admin"]).delete(url).status_code == 204
    assert not Deliverable.objects.exists()
    assert not storage.exists(stored)


def test_deliverable_writes_by_an_out_of_scope_officer_are_403(world):
    deliverable = DeliverableFactory(activity=world.bilateral, title="Garde")
    mali = _api(world.users["mali"])
    url = _url(world.bilateral, "deliverables", deliverable.pk)
    document = SimpleUploadedFile("a.pdf", b"%PDF")
    assert mali.post(
        _url(world.bilateral, "deliverables"), {"title": "X", "document": document},
        format="multipart",
    ).status_code == 403  # fmt: skip
    assert mali.patch(url, {"title": "Pris"}, format="json").status_code == 403
    assert mali.delete(url).status_code == 403
    assert mali.put(url, {"title": "Pris"}, format="json").status_code == 405
    assert list(Deliverable.objects.values_list("title", flat=True)) == ["Garde"]


def test_schema_describes_the_nested_endpoints(db):
    from drf_spectacular.generators import SchemaGenerator

    from sudsud.programmes.api import urls_activities

    schema = SchemaGenerator(patterns=urls_activities.urlpatterns).get_schema(
        request=None, public=True
    )
    paths = schema["paths"]
    assert set(paths["/activities/{activity_pk}/partners/"]) == {"get", "post"}
    assert "post" in paths["/activities/{activity_pk}/partners/{id}/sign-off/"]
    assert {"put", "patch", "delete"} <= set(
        paths["/activities/{activity_pk}/budget-lines/{id}/"]
    )
    create = paths["/activities/{activity_pk}/deliverables/"]["post"]
    assert "multipart/form-data" in create["requestBody"]["content"]
    assert "409" in paths["/activities/{id}/"]["delete"]["responses"]


# --- Queries ------------------------------------------------------------------------


def _list_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.json()), len(queries)


def _add_rows(world, count):
    from .factories import OrganisationFactory

    for n in range(count):
        funder = OrganisationFactory(kind=world.eu.kind, country=world.eu.country)
        BudgetLineFactory(
            activity=world.bilateral, funder=funder, implementer=world.giz,
            year=2020 + n,
        )  # fmt: skip
        ActivityPartner.objects.create(
            activity=world.bilateral, organisation=funder, role=PartnerRole.PARTNER,
            country=world.countries["SEN"],
        )  # fmt: skip
        deliverable = DeliverableFactory(activity=world.bilateral)
        deliverable.document.save(f"d{n}.pdf", SimpleUploadedFile("d.pdf", b"%PDF"))


@pytest.mark.parametrize("part", ["partners", "budget-lines", "deliverables"])
def test_part_lists_take_as_many_queries_for_one_row_as_for_many(world, part):
    client = _api(world.users["mali"])
    url = _url(world.bilateral, part)
    client.get(url)  # caches warmed (content types, the reader's scope)
    _add_rows(world, 1)
    few_rows, few = _list_queries(client, url)
    _add_rows(world, 4)
    many_rows, many = _list_queries(client, url)
    assert (few_rows, many_rows) == (1, 5)
    assert many == few
