"""The national-source import through the API: the same steps as the pages."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.atlas.models import ColumnMapping, NationalUpload, Source, StockValue
from sudsud.atlas.services import national as national_services
from sudsud.core.models import AuditEntry, Job, JobStatus

pytestmark = pytest.mark.django_db
BASE = "/api/v1/atlas/national"
SOURCE = {
    "code": "registre", "name_fr": "Registre consulaire", "name_en": "Register",
    "definition": "registered_nationals", "licence": "Etalab 2.0", "citation": "MAESE",
}  # fmt: skip
MAPPING = {
    "layout": "aggregated",
    "columns": {"destination": "pays", "year": "annee", "sex": "sexe", "count": "n"},
    "fixed": {"origin": "SEN"},
}
CSV = b"pays,annee,sexe,n\nFrance,2021,F,12\nFranse,2021,M,8\n"


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def _edition(api):
    source = api.post(f"{BASE}/sources/", SOURCE, format="json")
    assert source.status_code == 201, source.content
    edition = api.post(
        f"{BASE}/sources/{source.json()['id']}/editions/",
        {"code": "Registre 2021", "published_year": 2021},
        format="json",
    )
    assert edition.status_code == 201, edition.content
    return edition.json()["id"]


def _upload(api, edition_id, data=CSV):
    file = SimpleUploadedFile("registre.csv", data, content_type="text/csv")
    return api.post(
        f"{BASE}/uploads/", {"edition": edition_id, "file": file}, format="multipart"
    )


def test_api_national_import_end_to_end(
    api, countries, django_capture_on_commit_callbacks
):
    edition_id = _edition(api)
    uploaded = _upload(api, edition_id)
    assert uploaded.status_code == 201, uploaded.content
    upload = uploaded.json()
    assert upload["header"] == ["pays", "annee", "sexe", "n"]
    assert upload["file_kept"] is True

    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            f"{BASE}/uploads/{upload['id']}/import/",
            {"mapping": MAPPING, "save_as": "Registre"},
            format="json",
        )
    assert started.status_code == 202, started.content
    job = api.get(started["Location"]).json()
    assert job["status"] == JobStatus.SUCCEEDED
    assert job["result"]["unmatched"] == 1  # "Franse"
    detail = api.get(f"{BASE}/uploads/{upload['id']}/").json()
    assert detail["unmatched"] == [{"value": "Franse", "line": 3}]

    with django_capture_on_commit_callbacks(execute=True):
        answered = api.post(
            f"{BASE}/uploads/{upload['id']}/places/",
            {"places": [{"value": "Franse", "place": "FRA"}]},
            format="json",
        )
    assert answered.status_code == 202, answered.content
    job = api.get(answered["Location"]).json()
    assert job["status"] == JobStatus.SUCCEEDED, job
    assert job["result"]["report_id"]
    france = StockValue.objects.filter(edition_id=edition_id, destination__iso3="FRA")
    assert sorted(france.values_list("sex", "value")) == [
        ("both", 20),
        ("female", 12),
        ("male", 8),
    ]
    assert api.get(f"{BASE}/uploads/{upload['id']}/").json()["file_kept"] is False
    source_id = Source.objects.get(code="registre").pk
    saved = api.get(f"{BASE}/sources/{source_id}/mappings/").json()
    assert [mapping["name"] for mapping in saved] == ["Registre"]


def test_api_national_import_with_a_saved_mapping(
    api, countries, django_capture_on_commit_callbacks
):
    edition_id = _edition(api)
    source = Source.objects.get(code="registre")
    saved = ColumnMapping.objects.create(source=source, name="R", mapping=MAPPING)
    upload = _upload(api, edition_id, b"pays,annee,sexe,n\nFrance,2021,F,12\n").json()
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            f"{BASE}/uploads/{upload['id']}/import/",
            {"saved_mapping": saved.pk},
            format="json",
        )
    assert started.status_code == 202
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    assert StockValue.objects.filter(edition_id=edition_id).count() == 1


def test_api_national_bad_mapping_is_refused_in_french(api, countries):
    upload = _upload(api, _edition(api)).json()
    bad = {"layout": "aggregated", "columns": {"destination": "country"}}
    response = api.post(
        f"{BASE}/uploads/{upload['id']}/import/",
        {"mapping": bad},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    errors = " ".join(response.json()["mapping"])
    assert "Le fichier ne contient pas de colonne «\xa0country\xa0»" in errors
    assert "Année" in errors  # a required field with neither column nor value
    assert not Job.objects.exists()
    assert NationalUpload.objects.get().mapping == {}  # nothing half-saved


def test_api_national_import_needs_one_mapping(api, countries):
    upload = _upload(api, _edition(api)).json()
    url = f"{BASE}/uploads/{upload['id']}/import/"
    assert api.post(url, {}, format="json").status_code == 400
    both = {"mapping": MAPPING, "saved_mapping": 1}
    assert api.post(url, both, format="json").status_code == 400
    missing = api.post(url, {"saved_mapping": 999}, format="json")
    assert missing.status_code == 400
    assert "saved_mapping" in missing.json()


def test_api_national_places_must_answer_every_value(api, countries):
    upload = _upload(api, _edition(api)).json()
    NationalUpload.objects.filter(pk=upload["id"]).update(
        unmatched=[{"value": "Franse", "line": 3}, {"value": "Itali", "line": 4}]
    )
    url = f"{BASE}/uploads/{upload['id']}/places/"
    answers = [{"value": "Franse", "place": "Atlantis"}, {"value": "X", "place": "FRA"}]
    response = api.post(url, {"places": answers}, format="json")
    assert response.status_code == 400
    errors = response.json()["places"]
    assert set(errors) == {"Franse", "Itali", "X"}
    assert not Job.objects.exists()


def test_api_national_upload_refuses_bad_files_and_editions(api, countries):
    edition_id = _edition(api)
    not_csv = _upload(api, edition_id, b"\x00\x01PK\x03\x04 not a table")
    assert not_csv.status_code == 400
    assert "file" in not_csv.json()
    no_edition = _upload(api, 9999)
    assert no_edition.status_code == 400
    assert "edition" in no_edition.json()
    assert not NationalUpload.objects.exists()


def test_api_national_delete_abandons_the_upload(api, countries):
    upload = _upload(api, _edition(api)).json()
    response = api.delete(f"{BASE}/uploads/{upload['id']}/")
    assert response.status_code == 204
    assert not NationalUpload.objects.exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MINISTRY_OFFICER])
def test_api_national_writes_are_refused_to_other_roles(
    api, countries, make_user, role
):
    upload = _upload(api, _edition(api)).json()
    other = APIClient()
    other.force_authenticate(make_user(role))
    assert other.post(f"{BASE}/sources/", SOURCE, format="json").status_code == 403
    source_id = Source.objects.get().pk
    edition = {"code": "X", "published_year": 2022}
    url = f"{BASE}/sources/{source_id}/editions/"
    assert other.post(url, edition, format="json").status_code == 403
    assert other.get(f"{BASE}/uploads/{upload['id']}/").status_code == 403
    assert other.delete(f"{BASE}/uploads/{upload['id']}/").status_code == 403
    assert NationalUpload.objects.count() == 1
    # Sources themselves are readable by every signed-in user, as on the pages.
    listed = other.get(f"{BASE}/sources/").json()
    assert [source["code"] for source in listed["results"]] == ["registre"]


def test_api_national_sources_search_and_duplicate_code(api):
    _edition(api)
    again = api.post(f"{BASE}/sources/", SOURCE, format="json")
    assert again.status_code == 400
    assert "code" in again.json()
    assert api.get(f"{BASE}/sources/", {"q": "consul"}).json()["count"] == 1
    assert api.get(f"{BASE}/sources/", {"q": "enquête"}).json()["count"] == 0


def test_api_requires_sign_in():
    assert APIClient().get(f"{BASE}/sources/").status_code in (401, 403)


def test_api_national_saved_mappings_are_for_managers_only(api, make_user):
    _edition(api)
    viewer = APIClient()
    viewer.force_authenticate(make_user(Role.VIEWER))
    url = f"{BASE}/sources/{Source.objects.get().pk}/mappings/"
    assert viewer.get(url).status_code == 403
    assert api.get(url).status_code == 200


def test_api_national_duplicate_edition_is_a_non_field_error(api):
    _edition(api)
    url = f"{BASE}/sources/{Source.objects.get().pk}/editions/"
    again = api.post(url, {"code": "Registre 2021", "published_year": 2021})
    assert again.status_code == 400
    assert list(again.json()) == ["non_field_errors"]


def test_api_national_mapping_is_not_kept_when_saving_it_fails(
    api, countries, monkeypatch
):
    upload = _upload(api, _edition(api)).json()

    def refuse(**kwargs):
        raise DjangoValidationError("Nom déjà pris.")

    monkeypatch.setattr(national_services, "column_mapping_save", refuse)
    response = api.post(
        f"{BASE}/uploads/{upload['id']}/import/",
        {"mapping": MAPPING, "save_as": "Registre"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["mapping"] == ["Nom déjà pris."]
    assert NationalUpload.objects.get().mapping == {}  # rolled back with the save
    assert not Job.objects.exists()


def test_api_national_imported_upload_cannot_be_imported_or_deleted_again(
    api, countries, django_capture_on_commit_callbacks
):
    upload = _upload(api, _edition(api), b"pays,annee,sexe,n\nFrance,2021,F,12\n")
    url = f"{BASE}/uploads/{upload.json()['id']}/"
    with django_capture_on_commit_callbacks(execute=True):
        api.post(f"{url}import/", {"mapping": MAPPING}, format="json")
    assert api.get(url).json()["file_kept"] is False
    again = api.post(f"{url}import/", {"mapping": MAPPING}, format="json")
    assert again.status_code == 400
    assert "non_field_errors" in again.json()
    places = api.post(f"{url}places/", {"places": []}, format="json")
    assert places.status_code == 400
    assert api.delete(url).status_code == 400
    assert NationalUpload.objects.count() == 1


def test_api_national_delete_is_refused_while_importing(api, countries):
    upload = _upload(api, _edition(api)).json()
    url = f"{BASE}/uploads/{upload['id']}/"
    # Queued, not run: the worker has not taken it yet.
    queued = api.post(f"{url}import/", {"mapping": MAPPING}, format="json")
    assert queued.status_code == 202
    response = api.delete(url)
    assert response.status_code == 409
    assert "en cours d’import" in response.json()["detail"]
    assert NationalUpload.objects.count() == 1
    # A second import of the same file, a double submit, is refused the same way.
    twice = api.post(f"{url}import/", {"mapping": MAPPING}, format="json")
    assert twice.status_code == 409
    assert Job.objects.count() == 1


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ("pays", "must be an object"),
        ({**MAPPING, "layout": "wide"}, "Unknown kind of file “wide”"),
        ({**MAPPING, "colums": {}}, "Unknown key “colums”"),
        ({**MAPPING, "columns": {"pays": "pays"}}, "Unknown field “pays”"),
        ({**MAPPING, "fixed": {"origin": ["SEN"]}}, "must map names to texts"),
        ({**MAPPING, "layout": ["person"]}, "Unknown kind of file"),
        ({**MAPPING, "layout": "person", "published": True}, "Only aggregated"),
        ({**MAPPING, "published": "yes"}, "true or false"),
    ],
)
def test_api_national_mapping_is_read_strictly(api, countries, mapping, expected):
    upload = _upload(api, _edition(api)).json()
    response = api.post(
        f"{BASE}/uploads/{upload['id']}/import/",
        {"mapping": mapping},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert expected in " ".join(response.json()["mapping"])
    assert not Job.objects.exists()


def test_api_national_fixed_year_may_be_a_json_number(
    api, countries, django_capture_on_commit_callbacks
):
    upload = _upload(api, _edition(api), b"pays,sexe,n\nFrance,F,12\n").json()
    mapping = {
        "columns": {"destination": "pays", "sex": "sexe", "count": "n"},
        "fixed": {"origin": "SEN", "year": 2021},
    }
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            f"{BASE}/uploads/{upload['id']}/import/",
            {"mapping": mapping},
            format="json",
        )
    assert started.status_code == 202, started.content
    assert StockValue.objects.get(sex="female").year == 2021
