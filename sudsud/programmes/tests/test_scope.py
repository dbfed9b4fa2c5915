"""The country-scope rule for the organisations the programme names: a ministry
restricted to Senegal is never shown to, nor accepted from, someone outside
Senegal's scope; its slot reads "Restricted record"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.organisations.models import Organisation
from sudsud.programmes.models import PartnerCountry
from sudsud.programmes.services import memorandum_update, partner_country_update
from sudsud.programmes.tests.factories import OrganisationFactory

CODE = "T05-EUTF-NOA-MA-06"
SECRET = "Ministère confidentiel des Sénégalais de l’extérieur"
RESTRICTED = "Restricted record"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def secret(seats):
    return OrganisationFactory(
        name=SECRET,
        acronym="MCSE",
        country=seats["SEN"],
        scope_country=seats["SEN"],
        is_restricted=True,
    )


@pytest.fixture
def moroccan(seats):
    return OrganisationFactory(name="Ministère marocain public", country=seats["MAR"])


@pytest.fixture
def restricted_programme(programme, secret, moroccan):
    """Senegal's lead ministry and a signatory of Morocco–Senegal are restricted."""
    senegal = programme.partner_countries.get(country__iso3="SEN")
    partner_country_update(actor=None, partner_country=senegal, lead_ministry=secret)
    memorandum_update(
        actor=None,
        memorandum=_memorandum(programme, "SEN"),
        signatory_ministries=[secret, moroccan],
    )
    return programme


@pytest.fixture
def mali_officer(make_user, seats):
    return make_user(Role.MINISTRY_OFFICER, countries=[seats["MLI"]])


@pytest.fixture
def morocco_coordinator(make_user, seats):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[seats["MAR"]])


@pytest.fixture
def api():
    return APIClient()


def _memorandum(programme, iso3):
    return programme.memoranda.get(second_country__iso3=iso3)


def _edit_urls(programme):
    urls = [reverse("programmes:programme_update", args=[programme.code])]
    urls += [
        reverse("programmes:partnercountry_update", args=[p.pk])
        for p in programme.partner_countries.all()
    ]
    urls += [
        reverse("programmes:memorandum_update", args=[m.pk])
        for m in programme.memoranda.all()
    ]
    urls += [
        reverse("programmes:domain_update", args=[d.pk])
        for d in programme.domains.all()
    ]
    return urls


def _api_urls(programme):
    return [
        "/api/v1/programmes/",
        f"/api/v1/programmes/{CODE}/",
        *(f"/api/v1/memoranda/{m.pk}/" for m in programme.memoranda.all()),
    ]


def _senegal(data):
    return next(p for p in data["partner_countries"] if p["country"]["iso3"] == "SEN")


def _mar_sen(data):
    return next(m for m in data["memoranda"] if m["second_country"]["iso3"] == "SEN")


def test_scope_programme_page_hides_the_restricted_ministry_from_mali(
    client, restricted_programme, mali_officer
):
    client.force_login(mali_officer)

    response = client.get("/programme/", **EN)

    content = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in content
    assert "MCSE" not in content
    assert content.count(RESTRICTED) == 2  # lead ministry, signatory
    assert "Ministère marocain public" in content


def test_scope_edit_pages_never_show_the_restricted_ministry_to_mali(
    client, restricted_programme, mali_officer
):
    client.force_login(mali_officer)

    responses = [client.get(url, **EN) for url in _edit_urls(restricted_programme)]

    assert {r.status_code for r in responses} == {403}
    assert all(SECRET not in r.content.decode() for r in responses)


def test_scope_api_hides_the_restricted_ministry_from_mali(
    api, restricted_programme, mali_officer, secret
):
    api.force_authenticate(mali_officer)

    responses = [api.get(url, **EN) for url in _api_urls(restricted_programme)]

    assert {r.status_code for r in responses} == {200}
    assert all(SECRET not in r.content.decode() for r in responses)
    assert all(f'"id":{secret.pk},' not in r.content.decode() for r in responses)
    detail = responses[1].json()
    hidden = {"id": None, "name": RESTRICTED, "acronym": "", "hidden": True}
    assert _senegal(detail)["lead_ministry"] == hidden
    signatories = _mar_sen(detail)["signatory_ministries"]
    assert [s["name"] for s in signatories] == ["Ministère marocain public", RESTRICTED]


def test_scope_api_patch_with_a_hidden_id_is_refused_as_nonexistent(
    api, restricted_programme, mali_officer, secret
):
    api.force_authenticate(mali_officer)
    url = f"/api/v1/memoranda/{_memorandum(restricted_programme, 'MLI').pk}/"
    missing = Organisation.objects.order_by("-pk").first().pk + 1000

    hidden = api.patch(url, {"signatory_ministries": [secret.pk]}, format="json", **EN)
    absent = api.patch(url, {"signatory_ministries": [missing]}, format="json", **EN)

    assert hidden.status_code == absent.status_code == 400
    message = hidden.json()["signatory_ministries"][0]
    assert message == absent.json()["signatory_ministries"][0].replace(
        str(missing), str(secret.pk)
    )
    assert "does not exist" in message
    assert not _memorandum(restricted_programme, "MLI").signatory_ministries.exists()


def test_scope_api_patch_by_coordinator_keeps_the_hidden_signatory(
    api, restricted_programme, morocco_coordinator, secret, moroccan
):
    api.force_authenticate(morocco_coordinator)
    memorandum = _memorandum(restricted_programme, "SEN")
    url = f"/api/v1/memoranda/{memorandum.pk}/"

    refused = api.patch(url, {"signatory_ministries": [secret.pk]}, format="json")
    emptied = api.patch(url, {"signatory_ministries": []}, format="json", **EN)

    assert refused.status_code == 400
    assert emptied.status_code == 200
    assert SECRET not in emptied.content.decode()
    assert [s["name"] for s in emptied.json()["signatory_ministries"]] == [RESTRICTED]
    assert list(memorandum.signatory_ministries.all()) == [secret]


def test_scope_memorandum_form_hides_and_keeps_the_restricted_signatory(
    client, restricted_programme, morocco_coordinator, secret, moroccan
):
    client.force_login(morocco_coordinator)
    memorandum = _memorandum(restricted_programme, "SEN")
    url = reverse("programmes:memorandum_update", args=[memorandum.pk])
    fields = {"title_fr": memorandum.title_fr, "signed_on": "", "notes": ""}

    page = client.get(url, **EN)
    probe = client.post(url, {**fields, "signatory_ministries": [secret.pk]}, **EN)
    saved = client.post(url, fields, **EN)

    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    assert "Ministère marocain public" in page.content.decode()
    assert probe.status_code == 200
    assert "Select a valid choice" in probe.content.decode()
    assert SECRET not in probe.content.decode()
    assert saved.status_code == 302
    assert list(memorandum.signatory_ministries.all()) == [secret]


@pytest.fixture
def mali_scoped_ministry(seats):
    """A Senegalese ministry that only Mali's team sees."""
    return OrganisationFactory(
        name="Ministère sénégalais suivi par le Mali",
        country=seats["SEN"],
        scope_country=seats["MLI"],
        is_restricted=True,
    )


@pytest.fixture
def senegal_coordinator(make_user, seats):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[seats["SEN"]])


def test_scope_partner_country_update_refuses_a_hidden_ministry(
    programme, senegal_coordinator, mali_scoped_ministry, english
):
    senegal = programme.partner_countries.get(country__iso3="SEN")

    with pytest.raises(ValidationError) as error:
        partner_country_update(
            actor=senegal_coordinator,
            partner_country=senegal,
            lead_ministry=mali_scoped_ministry,
        )

    assert "Select a valid choice" in str(error.value.message_dict["lead_ministry"])
    senegal.refresh_from_db()
    assert senegal.lead_ministry is None


def test_scope_partner_country_form_keeps_a_hidden_lead_ministry(
    client, programme, senegal_coordinator, mali_scoped_ministry, english
):
    senegal = programme.partner_countries.get(country__iso3="SEN")
    partner_country_update(
        actor=None, partner_country=senegal, lead_ministry=mali_scoped_ministry
    )
    client.force_login(senegal_coordinator)
    url = reverse("programmes:partnercountry_update", args=[senegal.pk])

    page = client.get(url, **EN)
    saved = client.post(url, {"notes": "Suivi par le Mali."}, **EN)

    assert mali_scoped_ministry.name not in page.content.decode()
    assert RESTRICTED in page.content.decode()
    assert 'name="lead_ministry"' not in page.content.decode()
    assert saved.status_code == 302
    senegal.refresh_from_db()
    assert (senegal.lead_ministry, senegal.notes) == (
        mali_scoped_ministry,
        "Suivi par le Mali.",
    )
    with pytest.raises(ValidationError):
        partner_country_update(
            actor=senegal_coordinator, partner_country=senegal, lead_ministry=None
        )


def test_scope_ministry_choices_leave_out_hidden_ministries(
    client, programme, senegal_coordinator, mali_scoped_ministry, secret
):
    senegal = programme.partner_countries.get(country__iso3="SEN")
    client.force_login(senegal_coordinator)

    page = client.get(reverse("programmes:partnercountry_update", args=[senegal.pk]))

    assert SECRET in page.content.decode()
    assert mali_scoped_ministry.name not in page.content.decode()


@pytest.mark.parametrize("role", [Role.COUNTRY_COORDINATOR, Role.PROGRAMME_ADMIN])
def test_scope_senegal_coordinator_and_admin_see_the_ministry(
    client, api, restricted_programme, make_user, seats, secret, role
):
    user = make_user(role, countries=[seats["SEN"]])
    client.force_login(user)
    api.force_authenticate(user)

    page = client.get("/programme/", **EN)
    detail = api.get(f"/api/v1/programmes/{CODE}/").json()

    assert SECRET in page.content.decode()
    assert RESTRICTED not in page.content.decode()
    assert _senegal(detail)["lead_ministry"]["id"] == secret.pk
    signatories = _mar_sen(detail)["signatory_ministries"]
    assert {s["id"] for s in signatories} == {secret.pk, _moroccan_id()}


def _moroccan_id():
    return Organisation.objects.get(name="Ministère marocain public").pk


def test_scope_restricted_implementer_is_hidden_on_page_and_api(
    client, api, programme, mali_officer, seats
):
    Organisation.objects.filter(acronym="GIZ").update(
        is_restricted=True, scope_country=seats["SEN"]
    )
    client.force_login(mali_officer)
    api.force_authenticate(mali_officer)

    page = client.get("/programme/", **EN).content.decode()
    detail = api.get(f"/api/v1/programmes/{CODE}/", **EN).json()

    assert "Deutsche Gesellschaft" not in page
    assert "(GIZ)" not in page
    assert RESTRICTED in page
    names = {i["organisation"]["name"] for i in detail["implementers"]}
    assert names == {"Expertise France", RESTRICTED}


def _count_queries(callable_):
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def test_scope_query_counts_stay_flat(
    client,
    api,
    restricted_programme,
    mali_officer,
    seats,
    django_assert_max_num_queries,
):
    client.force_login(mali_officer)
    api.force_authenticate(mali_officer)
    memorandum = _memorandum(restricted_programme, "SEN")
    pages = ["/programme/", *_api_urls(restricted_programme)]
    fetch = [
        lambda url=url: (client if url == "/programme/" else api).get(url)
        for url in pages
    ]
    before = [_count_queries(f) for f in fetch]

    for _ in range(4):
        hidden = OrganisationFactory(
            country=seats["SEN"], scope_country=seats["SEN"], is_restricted=True
        )
        memorandum.signatory_ministries.add(
            hidden, OrganisationFactory(country=seats["MAR"])
        )
    PartnerCountry.objects.filter(country__iso3="MAR").update(
        lead_ministry=OrganisationFactory(country=seats["MAR"])
    )

    for get, budget in zip(fetch, before, strict=True):
        with django_assert_max_num_queries(budget):
            assert get().status_code == 200
