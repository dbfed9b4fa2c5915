import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.atlas.models import Definition, NationalUpload, Source, StockValue
from sudsud.core.models import Job

pytestmark = pytest.mark.django_db

SOURCE = {
    "code": "registre", "name_fr": "Registre consulaire", "name_en": "Register",
    "definition": Definition.REGISTERED_NATIONALS, "licence": "Etalab 2.0",
    "citation": "MAESE",
}  # fmt: skip


def test_national_pages_walk_from_source_to_import(
    client, countries, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = client.post(reverse("atlas:national_source_create"), SOURCE)
    source = Source.objects.get(code="registre")
    assert response.url == reverse("atlas:national_source_detail", args=[source.pk])
    client.post(
        reverse("atlas:national_edition_create", args=[source.pk]),
        {"code": "Registre consulaire 2021", "published_year": 2021},
    )
    edition = source.editions.get()
    data = b"pays,annee,sexe,n\nFrance,2021,F,12\nFranse,2021,M,8\n"
    client.post(
        reverse("atlas:national_upload", args=[edition.pk]),
        {"file": SimpleUploadedFile("r.csv", data, content_type="text/csv")},
    )
    upload = NationalUpload.objects.get()
    mapping_url = reverse("atlas:national_mapping", args=[upload.pk])
    assert client.get(mapping_url).status_code == 200
    fields = {"layout": "aggregated", "fixed_origin": "SEN", "col_destination": "pays",
              "col_year": "annee", "col_sex": "sexe", "col_count": "n",
              "save_as": "Registre"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mapping_url, fields)
    assert response.status_code == 302
    assert NationalUpload.objects.get().unmatched[0]["value"] == "Franse"
    unmatched_url = reverse("atlas:national_unmatched", args=[upload.pk])
    assert client.get(unmatched_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(unmatched_url, {"place_0": countries["FRA"].pk})
    assert StockValue.objects.filter(edition=edition).count() == 3  # with both
    saved = source.column_mappings.get()
    # The imported file's steps are over: its mapping page sends back to the source.
    done = client.get(mapping_url)
    assert done.url == reverse("atlas:national_source_detail", args=[source.pk])
    # The next file starts from the saved mapping.
    client.post(
        reverse("atlas:national_upload", args=[edition.pk]),
        {"file": SimpleUploadedFile("r2.csv", data, content_type="text/csv")},
    )
    next_upload = NationalUpload.objects.exclude(pk=upload.pk).get()
    next_url = reverse("atlas:national_mapping", args=[next_upload.pk])
    page = client.get(next_url, {"saved": saved.pk})
    assert page.context["form"].initial["col_count"] == "n"


def test_national_source_list_shows_empty_state(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    response = client.get(reverse("atlas:national_source_list"))
    assert response.status_code == 200
    assert not response.context["can_manage"]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.IMPLEMENTING_STAFF])
def test_national_source_create_page_refuses_other_roles(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("atlas:national_source_create")).status_code == 403


def test_national_source_list_requires_sign_in(client):
    response = client.get(reverse("atlas:national_source_list"))
    assert response.status_code == 302


def test_national_pages_of_an_imported_file_send_back_to_the_source(
    client, countries, admin_user, django_capture_on_commit_callbacks
):
    from sudsud.atlas.national.mapping import Mapping
    from sudsud.atlas.services import national as services

    source = services.national_source_create(actor=admin_user, fields=SOURCE)
    edition = services.national_edition_create(
        actor=admin_user, source=source, code="R 2021", published_year=2021
    )
    upload = services.national_upload_create(
        actor=admin_user,
        edition=edition,
        upload=SimpleUploadedFile("r.csv", b"pays,annee,sexe,n\nFrance,2021,F,12\n"),
    )
    mapping = Mapping(
        columns={"destination": "pays", "year": "annee", "sex": "sexe", "count": "n"},
        fixed={"origin": "SEN"},
    )
    services.national_upload_map(actor=admin_user, upload=upload, mapping=mapping)
    client.force_login(admin_user)
    mapping_url = reverse("atlas:national_mapping", args=[upload.pk])
    fields = {"layout": "aggregated", "fixed_origin": "SEN", "col_destination": "pays",
              "col_year": "annee", "col_sex": "sexe", "col_count": "n"}  # fmt: skip

    # Queued and not yet run: a second submit (a double click) is refused.
    first = client.post(mapping_url, fields)
    assert first.status_code == 302
    second = client.post(mapping_url, fields)
    assert second.status_code == 200
    assert "en cours d’import" in second.content.decode()
    assert Job.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.national_import(actor=admin_user, upload=upload)
    back = reverse("atlas:national_source_detail", args=[source.pk])
    for name in ("national_mapping", "national_unmatched", "national_upload_discard"):
        url = reverse(f"atlas:{name}", args=[upload.pk])
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == back, name
        assert "déjà été importé" in response.content.decode()
    assert client.post(mapping_url, fields).url == back
    assert Job.objects.count() == 1


def test_source_page_lists_the_files_waiting_for_their_import(client, admin_user):
    from sudsud.atlas.services import national as services

    source = services.national_source_create(actor=admin_user, fields=SOURCE)
    edition = services.national_edition_create(
        actor=admin_user, source=source, code="R 2021", published_year=2021
    )
    url = reverse("atlas:national_source_detail", args=[source.pk])
    client.force_login(admin_user)
    assert "Aucun fichier en attente" in client.get(url).content.decode()

    upload = services.national_upload_create(
        actor=admin_user,
        edition=edition,
        upload=SimpleUploadedFile(
            "attente.csv", b"pays,annee,sexe,n\nFrance,2021,F,12\n"
        ),
    )
    page = client.get(url).content.decode()
    assert "attente.csv" in page
    assert reverse("atlas:national_mapping", args=[upload.pk]) in page
    assert reverse("atlas:national_upload_discard", args=[upload.pk]) in page
    assert "7 jours" in page


def test_source_page_names_the_source_in_the_page_language(
    client, make_user, admin_user
):
    from sudsud.atlas.services import national as services

    source = services.national_source_create(actor=admin_user, fields=SOURCE)
    edition = services.national_edition_create(
        actor=admin_user, source=source, code="R 2021", published_year=2021
    )
    services.national_upload_create(
        actor=admin_user,
        edition=edition,
        upload=SimpleUploadedFile(
            "waiting.csv", b"pays,annee,sexe,n\nFrance,2021,F,12\n"
        ),
    )
    client.force_login(make_user(Role.VIEWER))
    url = reverse("atlas:national_source_detail", args=[source.pk])
    assert "<h1>Registre consulaire</h1>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "<h1>Register</h1>" in english
    assert "waiting.csv" not in english  # the waiting files are for managers only
    assert "Files waiting" not in english


def test_edition_year_must_be_plausible(client, admin_user):
    from sudsud.atlas.services import national as services

    source = services.national_source_create(actor=admin_user, fields=SOURCE)
    client.force_login(admin_user)
    url = reverse("atlas:national_edition_create", args=[source.pk])
    for year in (1800, 3000):
        response = client.post(url, {"code": f"R {year}", "published_year": year})
        assert response.status_code == 200
    assert not source.editions.exists()
