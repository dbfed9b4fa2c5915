import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from sudsud.accounts.models import Role
from sudsud.programmes.tests.factories import OrganisationFactory, ProgrammeFactory

CURRENT = "/programme/"


@pytest.fixture
def senegal_coordinator(make_user, seats):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[seats["SEN"]])


def _memorandum(programme, iso3):
    return programme.memoranda.get(second_country__iso3=iso3)


def test_current_url_is_the_navigation_entry():
    assert reverse("programmes:programme_detail_current") == CURRENT


def test_programme_detail_current_asks_anonymous_visitors_to_sign_in(client, programme):
    response = client.get(CURRENT)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_programme_detail_current_without_programme_explains_setup(client, make_user):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(CURRENT)

    assert response.status_code == 200
    assert b"load_reference_data" in response.content
    assert b"make setup" in response.content


def test_programme_detail_current_shows_the_reference_sheet(
    client, programme, make_user
):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(CURRENT)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Coopération Sud-Sud en matière de migration" in content
    assert "T05-EUTF-NOA-MA-06" in content
    assert "Expertise France" in content
    assert "GIZ" in content
    assert content.count("badge badge-warn") == 4 + 3  # lead ministries + memoranda
    assert "Mobilisation des diasporas" in content
    assert reverse("programmes:programme_update", args=[programme.code]) not in content


def test_programme_detail_shows_the_funding_total(client, programme, make_user):
    client.force_login(make_user(Role.VIEWER))

    with translation.override("en"):
        response = client.get(CURRENT, HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert "8,613,500" in content
    assert "1,722,700" in content
    assert "10,336,200" in content


def test_programme_detail_current_picks_the_first_programme_by_code(
    client, programme, make_user
):
    ProgrammeFactory(code="A-EARLIER", name_fr="Programme antérieur")
    client.force_login(make_user(Role.VIEWER))

    response = client.get(CURRENT)

    assert "Programme antérieur" in response.content.decode()


def test_programme_detail_in_arabic_shows_arabic_domain_names(
    client, programme, make_user
):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(CURRENT, HTTP_ACCEPT_LANGUAGE="ar")

    content = response.content.decode()
    assert 'dir="rtl"' in content
    assert "تعبئة الجاليات" in content
    # No Arabic name for the programme yet: French is the fallback.
    assert "Coopération Sud-Sud en matière de migration" in content


def test_programme_detail_in_english_shows_english_names(client, programme, make_user):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(CURRENT, HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert "South–South Migration Cooperation" in content
    assert "Diaspora mobilisation" in content


def test_programme_detail_unknown_code_is_404(client, programme, make_user):
    client.force_login(make_user(Role.VIEWER))

    assert client.get("/programme/NOPE/").status_code == 404


def test_programme_detail_links_only_what_the_coordinator_may_edit(
    client, programme, senegal_coordinator
):
    client.force_login(senegal_coordinator)

    content = client.get(CURRENT).content.decode()

    assert (
        reverse("programmes:memorandum_update", args=[_memorandum(programme, "SEN").pk])
        in content
    )
    assert (
        reverse("programmes:memorandum_update", args=[_memorandum(programme, "MLI").pk])
        not in content
    )


def test_programme_update_page_saves_for_admin(client, programme, admin_user):
    client.force_login(admin_user)
    url = reverse("programmes:programme_update", args=[programme.code])

    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name_fr": programme.name_fr,
            "name_en": programme.name_en,
            "name_ar": "التعاون جنوب-جنوب في مجال الهجرة",
            "start_date": "2017-05-23",
            "end_date": "2021-12-06",
        },
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name_ar == "التعاون جنوب-جنوب في مجال الهجرة"


def test_programme_update_page_shows_errors_and_saves_nothing(
    client, programme, admin_user
):
    client.force_login(admin_user)
    url = reverse("programmes:programme_update", args=[programme.code])

    response = client.post(
        url,
        {"name_fr": "Nouveau", "start_date": "2020-01-01", "end_date": "2019-01-01"},
    )

    assert response.status_code == 200
    assert b"errorlist" in response.content
    programme.refresh_from_db()
    assert programme.name_fr == "Coopération Sud-Sud en matière de migration"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COUNTRY_COORDINATOR])
def test_programme_update_page_refuses_non_admins(
    client, programme, make_user, seats, role
):
    client.force_login(make_user(role, countries=[seats["MAR"]]))

    url = reverse("programmes:programme_update", args=[programme.code])

    assert client.get(url).status_code == 403


def test_memorandum_update_page_for_coordinator(
    client, programme, senegal_coordinator, seats
):
    ministry = OrganisationFactory(
        country=seats["SEN"], name="Ministère de l'Intérieur"
    )
    memorandum = _memorandum(programme, "SEN")
    client.force_login(senegal_coordinator)
    url = reverse("programmes:memorandum_update", args=[memorandum.pk])

    assert "Ministère de l&#x27;Intérieur" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title_fr": memorandum.title_fr,
            "signed_on": "2018-03-01",
            "signatory_ministries": [ministry.pk],
            "document": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 test"),
        },
    )

    assert response.status_code == 302
    memorandum.refresh_from_db()
    assert memorandum.signed_on == dt.date(2018, 3, 1)
    assert list(memorandum.signatory_ministries.all()) == [ministry]
    download = client.get(
        reverse("programmes:memorandum_document", args=[memorandum.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_memorandum_update_page_shows_upload_errors(client, programme, admin_user):
    memorandum = _memorandum(programme, "SEN")
    client.force_login(admin_user)
    url = reverse("programmes:memorandum_update", args=[memorandum.pk])

    response = client.post(
        url,
        {"title_fr": "T", "document": SimpleUploadedFile("mou.exe", b"MZ")},
    )

    assert response.status_code == 200
    assert b"errorlist" in response.content
    memorandum.refresh_from_db()
    assert memorandum.title_fr != "T"


def test_memorandum_update_page_refuses_other_countries(
    client, programme, senegal_coordinator
):
    client.force_login(senegal_coordinator)
    url = reverse(
        "programmes:memorandum_update", args=[_memorandum(programme, "MLI").pk]
    )

    assert client.get(url).status_code == 403
    assert client.post(url, {"title_fr": "x"}).status_code == 403


def test_memorandum_document_without_file_is_404(client, programme, admin_user):
    client.force_login(admin_user)
    url = reverse(
        "programmes:memorandum_document", args=[_memorandum(programme, "MLI").pk]
    )

    assert client.get(url).status_code == 404


def test_partner_country_update_page_sets_lead_ministry(
    client, programme, senegal_coordinator, seats
):
    ministry = OrganisationFactory(country=seats["SEN"])
    partner = programme.partner_countries.get(country=seats["SEN"])
    client.force_login(senegal_coordinator)
    url = reverse("programmes:partnercountry_update", args=[partner.pk])

    response = client.post(url, {"lead_ministry": ministry.pk, "notes": ""})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.lead_ministry == ministry


def test_partner_country_update_page_refuses_viewers(
    client, programme, make_user, seats
):
    partner = programme.partner_countries.get(country=seats["SEN"])
    client.force_login(make_user(Role.VIEWER, countries=[seats["SEN"]]))

    url = reverse("programmes:partnercountry_update", args=[partner.pk])

    assert client.get(url).status_code == 403


def test_domain_update_page_for_admin_only(
    client, programme, admin_user, senegal_coordinator
):
    domain = programme.domains.get(code="access-to-rights")
    url = reverse("programmes:domain_update", args=[domain.pk])
    client.force_login(senegal_coordinator)
    assert client.get(url).status_code == 403

    client.force_login(admin_user)
    response = client.post(
        url, {"name_fr": domain.name_fr, "name_ar": "الحقوق", "order": 2}
    )

    assert response.status_code == 302
    domain.refresh_from_db()
    assert domain.name_ar == "الحقوق"


def test_programme_page_offers_the_exports_only_to_those_who_may_export(
    client, programme, make_user
):
    exports = reverse("programmes:data_exports")
    client.force_login(make_user(Role.VIEWER))
    assert exports not in client.get(CURRENT).content.decode()
    client.force_login(make_user(Role.PROGRAMME_ADMIN))
    assert exports in client.get(CURRENT).content.decode()
