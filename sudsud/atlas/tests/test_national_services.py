import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sudsud.accounts.models import Role
from sudsud.atlas.models import ColumnMapping, ImportReport, StockValue
from sudsud.atlas.national.mapping import PERSON, Mapping
from sudsud.atlas.services import national as services

pytestmark = pytest.mark.django_db

AGGREGATED = Mapping(
    columns={"destination": "pays", "year": "annee", "sex": "sexe", "count": "n"},
    fixed={"origin": "Sénégal"},
)


def _edition(actor):
    source = services.national_source_create(
        actor=actor,
        fields={
            "code": "registre-consulaire",
            "name_fr": "Registre consulaire",
            "name_en": "Consular register",
            "definition": "registered_nationals",
            "licence": "Etalab 2.0",
            "citation": "MAESE, Registre consulaire",
        },
    )
    return services.national_edition_create(
        actor=actor, source=source, code="Registre consulaire 2021", published_year=2021
    )


def _upload(actor, text, mapping, name="data.csv", edition=None):
    upload = services.national_upload_create(
        actor=actor,
        edition=edition or _edition(actor),
        upload=SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
    )
    return services.national_upload_map(actor=actor, upload=upload, mapping=mapping)


def _value(**filters):
    return StockValue.objects.get(age_group="", subnational="", **filters)


def test_national_import_aggregated_stores_values_and_suppresses(
    countries, admin_user, english
):
    text = "pays;annee;sexe;n\nFrance;2021;F;120\nMaroc;2021;homme;3\n"
    upload = _upload(admin_user, text, AGGREGATED)

    result = services.national_import(actor=admin_user, upload=upload)

    assert result.report.values_stored == 2
    assert _value(destination=countries["FRA"], sex="female").value == 120
    small = _value(destination=countries["MAR"], sex="male")
    assert (small.value, small.flag) == (None, "suppressed")
    assert "1 cells under 5" in result.report.warnings[0]


def test_national_import_same_file_twice_changes_nothing(countries, admin_user):
    text = "pays,annee,sexe,n\nFrance,2021,F,12\n"
    upload = _upload(admin_user, text, AGGREGATED)
    services.national_import(actor=admin_user, upload=upload)
    second = _upload(admin_user, text, AGGREGATED, edition=upload.edition)

    again = services.national_import(actor=admin_user, upload=second)

    assert again.unchanged is True
    assert ImportReport.objects.count() == 1
    assert StockValue.objects.count() == 1


def test_national_import_errors_name_lines_and_write_nothing(
    countries, admin_user, english
):
    text = "pays,annee,sexe,n\nFrance,2021,F,12\nFrance,20x1,F,3\nMali,2021,?,4\n"
    upload = _upload(admin_user, text, AGGREGATED)

    with pytest.raises(ValidationError) as exc:
        services.national_import(actor=admin_user, upload=upload)

    assert "Line 3: “20x1” is not a year." in exc.value.messages
    assert "Line 4: “?” is not a sex we know." in exc.value.messages
    assert StockValue.objects.count() == 0


def test_national_import_unmatched_values_listed_then_resolved(countries, admin_user):
    text = "pays,annee,sexe,n\nFrance,2021,F,12\nRépublique française,2021,M,9\n"
    upload = _upload(admin_user, text, AGGREGATED)

    result = services.national_import(actor=admin_user, upload=upload)

    assert result.report is None
    assert result.unmatched == [{"value": "République française", "line": 3}]
    assert StockValue.objects.count() == 0
    services.national_unmatched_resolve(
        actor=admin_user,
        upload=upload,
        choices=[("République française", countries["FRA"])],
    )
    done = services.national_import(actor=admin_user, upload=upload)
    assert done.report.values_stored == 3  # women, men, and both added


def test_national_import_person_level_counts_and_suppresses(
    countries, admin_user, english
):
    rows = ["nat,residence,annee,sexe,age"]
    rows += ["SEN,FRA,2021,F,30"] * 7 + ["SEN,FRA,2021,M,40"] * 2
    mapping = Mapping(
        layout=PERSON,
        columns={
            "origin": "nat", "destination": "residence", "year": "annee",
            "sex": "sexe", "age": "age",
        },
    )  # fmt: skip
    upload = _upload(admin_user, "\n".join(rows), mapping)

    result = services.national_import(actor=admin_user, upload=upload)

    assert result.report.rows_read == 9
    assert result.report.kind == "national_person"
    assert _value(sex="both").value == 9
    assert _value(sex="male").value is None  # 2 men
    # 7 women would give the 2 men away (9 − 7): suppressed too, with what shows it.
    assert _value(sex="female").value is None
    detailed = StockValue.objects.get(sex="female", age_group="25-34")
    assert (detailed.value, detailed.flag) == (None, "suppressed")
    assert not StockValue.objects.filter(value__lt=5).exists()
    small, others = result.report.warnings
    assert small == "3 cells under 5 people were suppressed."  # men; both at 35-44
    assert "worked out by subtraction" in others


def test_column_mapping_save_then_reuse_replaces_content(countries, admin_user):
    edition = _edition(admin_user)
    saved = services.column_mapping_save(
        actor=admin_user, source=edition.source, name="Registre", mapping=AGGREGATED
    )
    other = Mapping(columns={**AGGREGATED.columns, "count": "total"})
    again = services.column_mapping_save(
        actor=admin_user, source=edition.source, name="Registre", mapping=other
    )

    assert again.pk == saved.pk
    assert ColumnMapping.objects.get().mapping["columns"]["count"] == "total"


def test_national_upload_map_refuses_missing_fields(countries, admin_user, english):
    with pytest.raises(ValidationError) as exc:
        _upload(admin_user, "pays,annee\nFrance,2021\n", Mapping(columns={"year": "x"}))

    assert "The file has no column “x”." in exc.value.messages


@pytest.mark.parametrize(
    "role", [Role.VIEWER, Role.COUNTRY_COORDINATOR, Role.MINISTRY_OFFICER]
)
def test_national_source_create_refuses_other_roles(make_user, role):
    with pytest.raises(PermissionDenied):
        services.national_source_create(actor=make_user(role), fields={})


def test_national_source_create_allows_data_analyst(make_user):
    analyst = make_user(Role.DATA_ANALYST)
    edition = _edition(analyst)
    assert edition.source.is_national is True


def test_national_import_does_not_keep_the_uploaded_file(
    countries, admin_user, django_capture_on_commit_callbacks
):
    upload = _upload(admin_user, "pays,annee,sexe,n\nFrance,2021,F,12\n", AGGREGATED)
    name, storage = upload.file.name, upload.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.national_import(actor=admin_user, upload=upload)

    upload.refresh_from_db()
    assert not upload.file
    assert not storage.exists(name)


def test_national_import_is_all_or_nothing(countries, admin_user, monkeypatch):
    first = _upload(admin_user, "pays,annee,sexe,n\nFrance,2021,F,120\n", AGGREGATED)
    services.national_import(actor=admin_user, upload=first)
    second = _upload(
        admin_user, "pays,annee,sexe,n\nMaroc,2021,F,70\n", AGGREGATED,
        edition=first.edition,
    )  # fmt: skip

    def fail() -> None:
        raise RuntimeError("disk full")  # after the old values were deleted

    monkeypatch.setattr(services, "refresh_statistics", fail)
    with pytest.raises(RuntimeError):
        services.national_import(actor=admin_user, upload=second)

    assert _value(destination=countries["FRA"], sex="female").value == 120
    assert not StockValue.objects.filter(destination=countries["MAR"]).exists()
    assert ImportReport.objects.count() == 1


def test_national_import_of_a_file_without_figures_changes_nothing(
    countries, admin_user, english
):
    first = _upload(admin_user, "pays,annee,sexe,n\nFrance,2021,F,120\n", AGGREGATED)
    services.national_import(actor=admin_user, upload=first)
    empty = _upload(
        admin_user, "pays,annee,sexe,n\n", AGGREGATED, edition=first.edition
    )

    with pytest.raises(ValidationError, match="no row of figures"):
        services.national_import(actor=admin_user, upload=empty)

    assert _value(destination=countries["FRA"], sex="female").value == 120
    assert ImportReport.objects.count() == 1


def test_national_upload_map_forgets_the_previous_unmatched_values(
    countries, admin_user
):
    upload = _upload(admin_user, "pays,annee,sexe,n\nFranse,2021,F,12\n", AGGREGATED)
    assert services.national_import(actor=admin_user, upload=upload).unmatched
    remapped = services.national_upload_map(
        actor=admin_user, upload=upload, mapping=AGGREGATED
    )
    assert remapped.unmatched == []


def test_national_import_adds_both_sexes_when_a_file_gives_men_and_women(
    countries, admin_user, english
):
    text = (
        "pays,annee,sexe,n\nFrance,2021,F,120\nFrance,2021,M,100\n"
        "Maroc,2021,F,30\nMaroc,2021,M,20\nMaroc,2021,total,55\n"  # its own total
        "Mali,2021,F,9\n"  # women only: no total can be made
    )
    upload = _upload(admin_user, text, AGGREGATED)

    result = services.national_import(actor=admin_user, upload=upload)

    assert _value(destination=countries["FRA"], sex="both").value == 220
    assert _value(destination=countries["MAR"], sex="both").value == 55
    assert not StockValue.objects.filter(destination=countries["MLI"], sex="both")
    assert "1 both-sexes total was computed as men + women." in result.report.warnings
