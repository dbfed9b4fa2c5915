import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry, Job, JobStatus
from sudsud.core.selectors import audit_entries_for
from sudsud.organisations.models import Contact, Organisation

from .factories import ContactFactory, OrganisationFactory
from .test_imports import GOOD_ROWS, csv_file

LIST_URL = reverse("organisations:organisation_list")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_organisation_list_requires_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_organisation_list_searches_without_accents(admin_client, countries):
    OrganisationFactory(
        name="Association des Sénégalais de Tanger", country=countries["MAR"]
    )
    OrganisationFactory(name="Haut Conseil des Maliens", country=countries["MLI"])
    response = admin_client.get(LIST_URL, {"q": "senegalais"})
    assert response.status_code == 200
    assert "Association des Sénégalais de Tanger" in response.text
    assert "Haut Conseil des Maliens" not in response.text


def test_organisation_list_htmx_returns_only_the_results(admin_client, countries):
    OrganisationFactory(name="Haut Conseil des Maliens", country=countries["MLI"])
    response = admin_client.get(LIST_URL, {"q": "maliens"}, HTTP_HX_REQUEST="true")
    assert "Haut Conseil des Maliens" in response.text
    assert "<html" not in response.text


def test_organisation_list_empty_state_says_what_to_do(admin_client):
    response = admin_client.get(LIST_URL, {"q": "zzz"})
    assert reverse("organisations:organisation_create") in response.text
    assert 'class="empty"' in response.text


def test_organisation_list_paginates_by_25(admin_client, countries):
    OrganisationFactory.create_batch(30, country=countries["MLI"])
    first = admin_client.get(LIST_URL)
    second = admin_client.get(LIST_URL, {"page": 2})
    assert len(first.context["organisations"]) == 25
    assert len(second.context["organisations"]) == 5


def test_organisation_list_hides_restricted_record_from_mali_user(
    client, mali_staff, senegal_restricted
):
    client.force_login(mali_staff)
    response = client.get(LIST_URL, {"q": "senegalais"})
    assert senegal_restricted.name not in response.text


def test_organisation_detail_is_404_for_mali_user(
    client, mali_staff, senegal_restricted
):
    client.force_login(mali_staff)
    response = client.get(senegal_restricted.get_absolute_url())
    assert response.status_code == 404
    assert senegal_restricted.name not in response.text


def test_organisation_detail_shows_contacts_and_history_to_scoped_user(
    client, senegal_staff, senegal_restricted
):
    ContactFactory(organisation=senegal_restricted, full_name="Awa Diop")
    client.force_login(senegal_staff)
    response = client.get(senegal_restricted.get_absolute_url())
    assert response.status_code == 200
    assert "Awa Diop" in response.text
    assert (
        reverse("organisations:organisation_update", args=[senegal_restricted.pk])
        in response.text
    )


def test_organisation_detail_hides_contacts_of_other_country(
    client, mali_staff, countries
):
    organisation = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    ContactFactory(organisation=organisation, full_name="Awa Diop")
    client.force_login(mali_staff)
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert "Awa Diop" not in response.text


def test_organisation_create_form_saves_and_redirects(admin_client, countries):
    response = admin_client.post(
        reverse("organisations:organisation_create"),
        {"name": "Association des Sénégalais de Tanger", "kind": "diaspora_association",
         "country": countries["MAR"].pk, "scope_country": countries["SEN"].pk},
    )  # fmt: skip
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()


def test_organisation_create_form_limits_responsible_countries(
    client, mali_staff, countries
):
    client.force_login(mali_staff)
    response = client.get(reverse("organisations:organisation_create"))
    choices = list(response.context["form"].fields["scope_country"].queryset)
    assert choices == [countries["MLI"]]
    refused = client.post(
        reverse("organisations:organisation_create"),
        {"name": "X", "kind": "ngo", "country": countries["SEN"].pk,
         "scope_country": countries["SEN"].pk},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "scope_country" in refused.context["form"].errors
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.DATA_ANALYST])
def test_organisation_create_refused_to_readers(client, make_user, countries, role):
    client.force_login(make_user(role, countries=[countries["MLI"]]))
    assert client.get(reverse("organisations:organisation_create")).status_code == 403
    assert client.get(reverse("organisations:organisation_import")).status_code == 403


def test_organisation_update_shows_parent_error(admin_client, countries):
    parent = OrganisationFactory(country=countries["MLI"])
    child = OrganisationFactory(country=countries["MLI"], parent=parent)
    response = admin_client.post(
        reverse("organisations:organisation_update", args=[parent.pk]),
        {"name": parent.name, "kind": "ngo", "country": countries["MLI"].pk,
         "parent": child.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_organisation_update_refused_to_other_country(client, mali_staff, countries):
    organisation = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    client.force_login(mali_staff)
    url = reverse("organisations:organisation_update", args=[organisation.pk])
    assert client.get(url).status_code == 403


def test_organisation_archive_asks_then_archives(admin_client, countries):
    organisation = OrganisationFactory(country=countries["MLI"])
    url = reverse("organisations:organisation_archive", args=[organisation.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.text
    organisation.refresh_from_db()
    assert not organisation.is_archived
    admin_client.post(url)
    organisation.refresh_from_db()
    assert organisation.is_archived
    admin_client.post(
        reverse("organisations:organisation_restore", args=[organisation.pk])
    )
    organisation.refresh_from_db()
    assert not organisation.is_archived


def test_contact_add_edit_delete(admin_client, countries):
    organisation = OrganisationFactory(country=countries["MLI"])
    admin_client.post(
        reverse("organisations:contact_create", args=[organisation.pk]),
        {"full_name": "Awa Diop", "role": "Présidente"},
    )
    contact = Contact.objects.get()
    admin_client.post(
        reverse("organisations:contact_update", args=[contact.pk]),
        {"full_name": "Awa Diop", "role": "Trésorière"},
    )
    contact.refresh_from_db()
    assert contact.role == "Trésorière"
    delete_url = reverse("organisations:contact_delete", args=[contact.pk])
    assert admin_client.get(delete_url).status_code == 200
    assert Contact.objects.exists()
    admin_client.post(delete_url)
    assert not Contact.objects.exists()


def test_contact_form_rejects_mandate_end_before_start(admin_client, countries):
    organisation = OrganisationFactory(country=countries["MLI"])
    response = admin_client.post(
        reverse("organisations:contact_create", args=[organisation.pk]),
        {
            "full_name": "Awa",
            "mandate_start": "2025-05-01",
            "mandate_end": "2025-01-01",
        },
    )
    assert "mandate_end" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_export_csv_follows_filters_and_scope(
    client, make_user, countries, senegal_restricted
):
    OrganisationFactory(name="=HYPERLINK(evil)", country=countries["MLI"])
    OrganisationFactory(name="Autre", country=countries["MAR"])
    client.force_login(make_user(Role.DATA_ANALYST, countries=[countries["MLI"]]))
    response = client.get(
        reverse("organisations:organisation_export", args=["csv"]),
        {"country": countries["MLI"].pk},
    )
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=HYPERLINK(evil)" in text
    assert "Autre" not in text
    everything = client.get(reverse("organisations:organisation_export", args=["xlsx"]))
    assert everything.status_code == 200
    assert senegal_restricted.name.encode() not in everything.content


def test_export_refused_to_viewer(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    url = reverse("organisations:organisation_export", args=["csv"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_import_template_downloads(admin_client, extension):
    url = reverse("organisations:organisation_import_template", args=[extension])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_import_template_xlsx_lists_type_codes_on_second_sheet(admin_client):
    from openpyxl import load_workbook

    url = reverse("organisations:organisation_import_template", args=["xlsx"])
    workbook = load_workbook(io.BytesIO(admin_client.get(url).content))
    first, second = workbook.worksheets
    assert first["A1"].value == "name"
    assert first.max_row == 2
    codes = [row[0] for row in second.iter_rows(min_row=2, values_only=True)]
    assert "diaspora_association" in codes


def _upload(client, data, name, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("organisations:organisation_import"),
            {"file": SimpleUploadedFile(name, data)},
        )


def test_import_runs_as_background_job(
    admin_client, countries, django_capture_on_commit_callbacks
):
    response = _upload(
        admin_client,
        csv_file(*GOOD_ROWS),
        "orgs.csv",
        django_capture_on_commit_callbacks,
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("web:job_detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED
    assert "3" in job.result["summary"]
    assert job.result["next_url"] == LIST_URL
    assert Organisation.objects.count() == 3


def test_import_job_lists_errors_and_saves_nothing(
    admin_client, countries, django_capture_on_commit_callbacks
):
    rows = [GOOD_ROWS[0], {"name": "A", "kind": "ngo", "country": "Senegall"}]
    _upload(
        admin_client, csv_file(*rows), "orgs.csv", django_capture_on_commit_callbacks
    )
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert any("Senegall" in error for error in job.result["errors"])
    assert not Organisation.objects.exists()


def test_import_job_refuses_fake_xlsx(
    admin_client, countries, django_capture_on_commit_callbacks
):
    _upload(
        admin_client,
        b"name,kind\nnot,really",
        "orgs.xlsx",
        django_capture_on_commit_callbacks,
    )
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.result["errors"]


def test_import_refuses_wrong_extension(
    admin_client, django_capture_on_commit_callbacks
):
    response = _upload(
        admin_client, b"x", "orgs.exe", django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Job.objects.exists()


def test_import_refuses_too_large_file(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.SUDSUD_MAX_UPLOAD_BYTES = 100
    response = _upload(
        admin_client, b"x" * 500, "orgs.csv", django_capture_on_commit_callbacks
    )
    assert "file" in response.context["form"].errors
    assert not Job.objects.exists()


def test_organisation_detail_shows_parent_only_to_who_may_see_it(
    client, make_user, countries, hidden_ministry, mali_child
):
    link = f'href="{hidden_ministry.get_absolute_url()}"'
    senegal = make_user(Role.VIEWER, countries=[countries["SEN"]])
    client.force_login(senegal)
    response = client.get(mali_child.get_absolute_url())
    assert link in response.text
    assert hidden_ministry.name in response.text


def test_organisation_detail_lists_only_visible_children(
    client, mali_officer, countries
):
    office = OrganisationFactory(
        country=countries["MLI"], scope_country=countries["MLI"]
    )
    OrganisationFactory(
        name="Cellule Confidentielle", country=countries["SEN"],
        scope_country=countries["SEN"], is_restricted=True, parent=office,
    )  # fmt: skip
    OrganisationFactory(name="Cellule Ouverte", country=countries["MLI"], parent=office)
    client.force_login(mali_officer)
    response = client.get(office.get_absolute_url())
    assert "Cellule Ouverte" in response.text
    assert "Cellule Confidentielle" not in response.text


@pytest.fixture
def audited_office(admin_user, countries):
    from sudsud.organisations import services

    office = services.organisation_create(
        actor=admin_user, name="Bureau", kind="ngo", country=countries["MLI"],
        scope_country=countries["MLI"],
    )  # fmt: skip
    services.organisation_update(actor=admin_user, organisation=office, phone="1")
    # One entry that changed one field, one that changed two (whatever the core
    # records besides, such as the update time).
    entries = list(audit_entries_for(office).order_by("pk"))
    AuditEntry.objects.filter(pk=entries[0].pk).update(changes={"city": ["", "A"]})
    AuditEntry.objects.filter(pk=entries[1].pk).update(
        changes={"city": ["", "A"], "phone": ["", "1"]}
    )
    return office


def test_organisation_detail_hides_history_from_readers(
    client, make_user, countries, audited_office
):
    for user in (
        make_user(Role.VIEWER, countries=[countries["MLI"]]),
        make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]]),
    ):
        client.force_login(user)
        response = client.get(
            audited_office.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        assert "History" not in response.text
        assert "admin" not in response.text


def test_organisation_detail_shows_history_to_editors_with_plurals(
    client, mali_officer, audited_office
):
    client.force_login(mali_officer)
    response = client.get(audited_office.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "History" in response.text
    assert "admin" in response.text
    assert "(1 field)" in response.text
    assert "(2 fields)" in response.text


def test_organisation_form_never_offers_nor_drops_a_hidden_parent(
    client, mali_officer, countries, hidden_ministry, mali_child
):
    client.force_login(mali_officer)
    url = reverse("organisations:organisation_update", args=[mali_child.pk])
    assert "parent" not in client.get(url).context["form"].fields
    response = client.post(
        url,
        {"name": mali_child.name, "kind": "ngo", "country": countries["MLI"].pk,
         "scope_country": countries["MLI"].pk, "city": "Bamako",
         "parent": ""},
    )  # fmt: skip
    assert response.status_code == 302
    mali_child.refresh_from_db()
    assert mali_child.city == "Bamako"
    assert mali_child.parent == hidden_ministry
    create = client.get(reverse("organisations:organisation_create"))
    assert hidden_ministry not in create.context["form"].fields["parent"].queryset
