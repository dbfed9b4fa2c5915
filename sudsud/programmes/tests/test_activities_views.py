import pytest
from django.urls import reverse

from sudsud.programmes.models import Activity, ActivityPartner, PartnerRole
from sudsud.programmes.services.activities_parts import activity_partner_add

from .factories_activities import (
    HIDDEN_NAME,
    add_hidden_senegal_ministry,
    make_world,
    scoped_user,
)


@pytest.fixture
def world(countries):
    return make_world(countries)


def _get(client, user, name, *args, **kwargs):
    client.force_login(user)
    return client.get(reverse(f"programmes:{name}", args=args), **kwargs)


def test_plan_list_and_detail_show_plans_and_their_activities(client, world):
    response = _get(client, world.users["mali"], "plan_list")
    assert response.status_code == 200
    assert "PA-MAR-SEN" in response.content.decode()
    detail = _get(
        client, world.users["mali"], "plan_detail", world.plan.pk
    ).content.decode()
    assert "A-BIL" in detail
    assert "A-SEN" not in detail  # restricted to Senegal


def test_activity_list_filters_and_refreshes_partially_with_htmx(client, world):
    client.force_login(world.users["senegal"])
    url = reverse("programmes:activity_list")
    page = client.get(url, {"q": "confidentielle"}).content.decode()
    assert "A-SEN" in page
    assert "A-BIL" not in page
    partial = client.get(url, {"type": "bilateral"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "A-BIL" in body
    assert "<html" not in body


def test_activity_list_shows_an_empty_state(client, world):
    page = _get(client, world.users["mali"], "activity_list", data={"q": "zzzz"})
    assert (
        "No activity matches." in page.content.decode()
        or "Aucune" in page.content.decode()
    )


def test_activity_list_ignores_garbage_filters(client, world):
    client.force_login(world.users["admin"])
    response = client.get(reverse("programmes:activity_list"),
                          {"status": "x", "period_from": "nope", "page": "zz"})  # fmt: skip
    assert response.status_code == 200


def test_activity_detail_is_404_for_a_restricted_activity_out_of_scope(client, world):
    assert (
        _get(
            client, world.users["mali"], "activity_detail", world.restricted.pk
        ).status_code
        == 404
    )
    assert (
        _get(
            client, world.users["senegal"], "activity_detail", world.restricted.pk
        ).status_code
        == 200
    )


def test_activity_detail_shows_history_to_editors_only(client, world):
    from sudsud.programmes.services.activities import activity_update

    activity_update(
        actor=world.users["admin"], activity=world.bilateral, title_fr="Titre modifié"
    )
    editor = _get(client, world.users["senegal"], "activity_detail", world.bilateral.pk)
    assert 'id="history"' in editor.content.decode()
    outsider = _get(client, world.users["mali"], "activity_detail", world.bilateral.pk)
    assert 'id="history"' not in outsider.content.decode()


def test_activity_edit_is_refused_to_a_mali_officer(client, world):
    assert (
        _get(
            client, world.users["mali"], "activity_update", world.bilateral.pk
        ).status_code
        == 403
    )
    client.force_login(world.users["mali"])
    response = client.post(
        reverse("programmes:activity_update", args=[world.bilateral.pk]), {}
    )
    assert response.status_code == 403


def _activity_post(world, **overrides):
    data = {
        "plan": world.plan.pk, "code": "V-1", "title_fr": "Nouvelle activité",
        "activity_type": "bilateral", "status": "1", "domains": [world.domain.pk],
        "implementers": [world.giz.pk], "country_1": "MAR", "share_1": "50",
        "country_2": "SEN", "share_2": "50",
    }  # fmt: skip
    return {**data, **overrides}


def test_activity_create_form_saves_through_the_service(client, world):
    client.force_login(world.users["senegal"])
    response = client.post(reverse("programmes:activity_create"), _activity_post(world))
    activity = Activity.objects.get(code="V-1")
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.country_shares.count() == 2


def test_activity_create_form_with_bad_shares_saves_nothing(client, world):
    client.force_login(world.users["senegal"])
    response = client.post(reverse("programmes:activity_create"),
                           _activity_post(world, share_2="30"))  # fmt: skip
    assert response.status_code == 200
    assert "100" in response.content.decode()
    assert not Activity.objects.filter(code="V-1").exists()


def test_activity_edit_form_prefills_countries_and_saves(client, world):
    page = _get(client, world.users["senegal"], "activity_update", world.bilateral.pk)
    assert 'value="50"' in page.content.decode()
    response = client.post(
        reverse("programmes:activity_update", args=[world.bilateral.pk]),
        _activity_post(world, code="A-BIL", share_1="60", share_2="40"),
    )
    assert response.status_code == 302
    shares = {s.country.iso3: s.share for s in world.bilateral.country_shares.all()}
    assert shares == {"MAR": 60, "SEN": 40}


def test_sign_off_page_confirms_then_signs(client, world, countries):
    partner = activity_partner_add(
        actor=None, activity=world.bilateral, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    args = [world.bilateral.pk, partner.pk]
    assert (
        _get(client, world.users["morocco"], "activity_sign_off", *args).status_code
        == 403
    )
    assert (
        _get(client, world.users["senegal"], "activity_sign_off", *args).status_code
        == 200
    )
    response = client.post(reverse("programmes:activity_sign_off", args=args))
    assert response.status_code == 302
    assert ActivityPartner.objects.get(pk=partner.pk).signed_off_at is not None


def test_partner_budget_and_deliverable_forms_save(client, world, countries):
    client.force_login(world.users["senegal"])
    pk = world.bilateral.pk
    client.post(reverse("programmes:activity_partner_add", args=[pk]), {
        "organisation": world.ministries["SEN"].pk, "role": "lead_ministry",
        "country": countries["SEN"].pk,
    })  # fmt: skip
    client.post(reverse("programmes:budget_line_create", args=[pk]), {
        "funder": world.bmz.pk, "implementer": world.giz.pk, "year": 2025,
        "planned": "1000", "committed": "0", "spent": "0",
    })  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("programmes:deliverable_create", args=[pk]), {
        "title": "Guide", "document": SimpleUploadedFile("guide.pdf", b"%PDF-1.4"),
    })  # fmt: skip
    assert world.bilateral.partners.count() == 1
    assert world.bilateral.budget_lines.get().planned == 1000
    deliverable = world.bilateral.deliverables.get()
    download = client.get(
        reverse("programmes:deliverable_document", args=[pk, deliverable.pk])
    )
    assert download.status_code == 200
    page = client.get(world.bilateral.get_absolute_url()).content.decode()
    assert "Guide" in page
    assert "BMZ" in page


def test_budget_line_delete_asks_then_deletes(client, world):
    from decimal import Decimal

    from sudsud.programmes.services.activities_parts import budget_line_save

    line = budget_line_save(actor=None, activity=world.bilateral, funder=world.bmz,
                            implementer=world.giz, year=2025, planned=Decimal(5))  # fmt: skip
    args = [world.bilateral.pk, line.pk]
    assert (
        _get(client, world.users["senegal"], "budget_line_delete", *args).status_code
        == 200
    )
    client.post(reverse("programmes:budget_line_delete", args=args))
    assert not world.bilateral.budget_lines.exists()


def test_plan_create_is_refused_to_an_officer_and_open_to_a_coordinator(
    client, world, countries
):
    assert _get(client, world.users["senegal"], "plan_create").status_code == 403
    client.force_login(world.users["coordinator_sen"])
    response = client.post(reverse("programmes:plan_create"), {
        "code": "PA-NEW", "title_fr": "Nouveau plan",
        "countries": [countries["SEN"].pk, countries["MAR"].pk],
    })  # fmt: skip
    assert response.status_code == 302


def test_export_csv_excludes_restricted_activities_out_of_scope(client, world):
    client.force_login(world.users["analyst"])
    response = client.get(reverse("programmes:activity_export", args=["csv"]))
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "A-BIL" in body
    assert "A-SEN" not in body


def test_export_is_refused_to_a_viewer(client, world):
    assert (
        _get(client, world.users["viewer"], "activity_export", "xlsx").status_code
        == 403
    )


def test_programme_page_links_to_plans_and_activities(client, world):
    page = _get(client, world.users["viewer"], "programme_detail", world.programme.code)
    assert reverse("programmes:plan_list") in page.content.decode()


def test_pages_redirect_anonymous_visitors(client, world):
    response = client.get(reverse("programmes:activity_list"))
    assert response.status_code == 302


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_export_writes_restricted_record_for_a_hidden_ministry(
    client, world, extension
):
    import io

    from openpyxl import load_workbook

    from sudsud.accounts.models import Role

    add_hidden_senegal_ministry(world)
    coordinator = scoped_user(world, Role.COUNTRY_COORDINATOR, "MLI", language="en")
    for user in (coordinator, world.users["analyst"], world.users["mali"]):
        response = _get(
            client, user, "activity_export", extension, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200
        if extension == "csv":
            body = response.content.decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            body = repr(list(sheet.iter_rows(values_only=True)))
        assert HIDDEN_NAME not in body
        assert "MSC" not in body
        assert "Restricted record" in body


def test_detail_budget_totals_do_not_name_a_hidden_funder(client, world):
    from decimal import Decimal

    from sudsud.programmes.services.activities_parts import budget_line_save

    hidden = add_hidden_senegal_ministry(world)
    budget_line_save(actor=None, activity=world.bilateral, funder=hidden,
                     implementer=world.giz, year=2025, planned=Decimal(5))  # fmt: skip
    page = _get(
        client, world.users["morocco"], "activity_detail", world.bilateral.pk
    ).content.decode()
    assert "A-BIL" in page
    assert HIDDEN_NAME not in page
    assert "MSC" not in page
    senegal = _get(
        client, world.users["senegal"], "activity_detail", world.bilateral.pk
    ).content.decode()
    assert "Total MSC" in senegal


def test_partner_remove_page_does_not_name_a_hidden_ministry(client, world):
    hidden = add_hidden_senegal_ministry(world)
    partner = world.bilateral.partners.get(organisation=hidden)
    args = [world.bilateral.pk, partner.pk]
    response = _get(client, world.users["morocco"], "activity_partner_remove", *args)
    assert response.status_code == 200
    assert HIDDEN_NAME not in response.content.decode()
    shown = _get(client, world.users["senegal"], "activity_partner_remove", *args)
    assert HIDDEN_NAME in shown.content.decode()


def test_sign_off_page_is_refused_to_implementing_staff(client, world, countries):
    from sudsud.accounts.models import Role

    partner = activity_partner_add(
        actor=None, activity=world.bilateral, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    staff = scoped_user(world, Role.IMPLEMENTING_STAFF, "SEN")
    args = [world.bilateral.pk, partner.pk]
    assert _get(client, staff, "activity_sign_off", *args).status_code == 403
    client.post(reverse("programmes:activity_sign_off", args=args))
    assert ActivityPartner.objects.get(pk=partner.pk).signed_off_at is None
    page = _get(client, staff, "activity_detail", world.bilateral.pk).content.decode()
    assert reverse("programmes:activity_sign_off", args=args) not in page


@pytest.mark.parametrize("path", ["export.pdf", "export.CSV", "export.csv.zip"])
def test_export_of_an_unknown_format_is_not_found(client, world, path):
    client.force_login(world.users["analyst"])
    assert client.get(f"/programme/activities/{path}").status_code == 404
