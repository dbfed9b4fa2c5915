import datetime as dt

import pytest

from sudsud.programmes.models import ActivityStatus, ActivityType, PartnerRole
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services.activities_parts import (
    activity_partner_add,
    budget_line_save,
)

from .factories import ActivityFactory
from .factories_activities import add_hidden_senegal_ministry, make_world

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def world(countries):
    return make_world(countries)


def _codes(user, **filters):
    found = sel.activity_search_for_user(
        user=user, filters=sel.ActivityFilters(today=TODAY, **filters)
    )
    return {activity.code for activity in found}


def test_search_hides_a_restricted_senegal_activity_from_a_mali_officer(world):
    assert _codes(world.users["mali"]) == {"A-BIL"}
    assert (
        sel.activity_detail_for_user(user=world.users["mali"], pk=world.restricted.pk)
        is None
    )


def test_search_shows_a_restricted_senegal_activity_to_senegal_and_admin(world):
    assert _codes(world.users["senegal"]) == {"A-BIL", "A-SEN"}
    assert _codes(world.users["admin"]) == {"A-BIL", "A-SEN"}


def test_search_shows_nothing_to_anonymous(world):
    from django.contrib.auth.models import AnonymousUser

    assert _codes(AnonymousUser()) == set()


def test_search_filters_by_country_plan_type_and_status(world, countries):
    admin = world.users["admin"]
    assert _codes(admin, country=countries["MAR"]) == {"A-BIL"}
    assert _codes(admin, plan=world.other_plan) == set()
    assert _codes(admin, activity_type=ActivityType.NATIONAL) == {"A-SEN"}
    assert _codes(admin, status=ActivityStatus.IMPLEMENTATION) == {"A-BIL"}


def test_search_filters_by_domain_implementer_and_lead_ministry(world, countries):
    admin = world.users["admin"]
    activity_partner_add(
        actor=None, activity=world.restricted, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    assert _codes(admin, domain=world.domain) == {"A-BIL"}
    assert _codes(admin, domain=world.other_domain) == set()
    assert _codes(admin, implementer=world.giz) == {"A-BIL"}
    assert _codes(admin, lead_ministry=world.ministries["SEN"]) == {"A-SEN"}


def test_search_filters_by_overlapping_period(world):
    world.bilateral.planned_start = dt.date(2024, 1, 1)
    world.bilateral.planned_end = dt.date(2024, 12, 31)
    world.bilateral.save()
    world.restricted.planned_start = dt.date(2025, 3, 1)
    world.restricted.planned_end = dt.date(2026, 3, 1)
    world.restricted.save()
    admin = world.users["admin"]
    assert _codes(admin, period_from=dt.date(2025, 1, 1)) == {"A-SEN"}
    assert _codes(admin, period_to=dt.date(2024, 6, 1)) == {"A-BIL"}
    assert _codes(
        admin, period_from=dt.date(2024, 12, 1), period_to=dt.date(2025, 3, 1)
    ) == {"A-BIL", "A-SEN"}


def test_search_late_finds_overdue_and_unstarted_activities(world):
    plan = world.plan
    ActivityFactory(plan=plan, code="OVERDUE", planned_end=dt.date(2025, 1, 1),
                    status=ActivityStatus.IMPLEMENTATION)  # fmt: skip
    ActivityFactory(plan=plan, code="CLOSED", planned_end=dt.date(2025, 1, 1),
                    status=ActivityStatus.CLOSED)  # fmt: skip
    ActivityFactory(plan=plan, code="UNSTARTED", planned_start=dt.date(2025, 1, 1),
                    status=ActivityStatus.PIPELINE)  # fmt: skip
    ActivityFactory(plan=plan, code="FUTURE", planned_end=dt.date(2026, 1, 1),
                    status=ActivityStatus.IMPLEMENTATION)  # fmt: skip
    assert _codes(world.users["admin"], schedule="late") == {"OVERDUE", "UNSTARTED"}
    rows = sel.activity_search_for_user(
        user=world.users["admin"], filters=sel.ActivityFilters(today=TODAY)
    )
    assert {a.code for a in rows if a.is_late} == {"OVERDUE", "UNSTARTED"}


def test_search_text_ignores_accents_and_case(world):
    assert _codes(world.users["admin"], q="ECHANGES senegal") == {"A-BIL"}
    assert _codes(world.users["admin"], q="Sénégal") == {"A-BIL", "A-SEN"}
    assert _codes(world.users["mali"], q="confidentielle") == set()


def test_search_has_no_duplicate_rows_for_multi_country_activities(world, countries):
    found = sel.activity_search_for_user(
        user=world.users["senegal"],
        filters=sel.ActivityFilters(country=countries["SEN"]),
    )
    assert len(list(found)) == 2


def test_search_query_count_does_not_grow_with_rows(
    world, django_assert_max_num_queries
):
    for number in range(10):
        ActivityFactory(plan=world.plan, code=f"BULK-{number}")
    with django_assert_max_num_queries(8):
        rows = list(sel.activity_search_for_user(user=world.users["senegal"]))
        for activity in rows:
            list(activity.country_shares.all())
            list(activity.implementers.all())


def test_budget_summary_totals_by_funder_implementer_and_year(world):
    from decimal import Decimal

    for funder, year, planned in ((world.bmz, 2025, 100), (world.eu, 2025, 50),
                                  (world.bmz, 2026, 25)):  # fmt: skip
        budget_line_save(actor=None, activity=world.bilateral, funder=funder,
                         implementer=world.giz, year=year, planned=Decimal(planned))  # fmt: skip
    detail = sel.activity_detail_for_user(
        user=world.users["admin"], pk=world.bilateral.pk
    )
    summary = sel.budget_summary(
        list(detail.budget_lines.all()), detail.visible_organisation_ids
    )
    assert summary.total.planned == 175
    assert dict(summary.by_funder)["BMZ"].planned == 125
    assert dict(summary.by_year)[2025].planned == 150
    assert dict(summary.by_implementer)["GIZ"].planned == 175


def test_sign_offs_list_each_country_with_its_lead(world, countries):
    activity_partner_add(
        actor=None, activity=world.bilateral, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    detail = sel.activity_detail_for_user(
        user=world.users["admin"], pk=world.bilateral.pk
    )
    states = {s.country.iso3: s.partner for s in sel.activity_sign_offs(detail)}
    assert states["MAR"] is None
    assert states["SEN"].organisation == world.ministries["SEN"]


def test_plan_overview_counts_only_visible_activities(world):
    counts = {
        p.code: p.activity_count
        for p in sel.plan_overview_for_user(user=world.users["mali"])
    }
    assert counts == {"PA-MAR-SEN": 1, "PA-MAR-MLI": 0}


def test_budget_summary_adds_up_hidden_organisations_without_naming_them(world):
    from decimal import Decimal

    from django.utils import translation

    hidden = add_hidden_senegal_ministry(world)
    budget_line_save(actor=None, activity=world.bilateral, funder=hidden,
                     implementer=world.giz, year=2025, planned=Decimal(40))  # fmt: skip
    budget_line_save(actor=None, activity=world.bilateral, funder=world.bmz,
                     implementer=world.giz, year=2025, planned=Decimal(60))  # fmt: skip
    detail = sel.activity_detail_for_user(
        user=world.users["morocco"], pk=world.bilateral.pk
    )
    with translation.override("en"):
        summary = sel.budget_summary(
            list(detail.budget_lines.all()), detail.visible_organisation_ids
        )
    funders = dict(summary.by_funder)
    assert set(funders) == {"BMZ", "Restricted record"}
    assert funders["Restricted record"].planned == 40
    assert summary.total.planned == 100


def test_organisations_visible_in_leaves_out_hidden_ones(world):
    hidden = add_hidden_senegal_ministry(world)
    mali = sel.organisations_visible_in(
        user=world.users["mali"],
        activities=sel.activity_search_for_user(user=world.users["mali"]),
    )
    senegal = sel.organisations_visible_in(
        user=world.users["senegal"],
        activities=sel.activity_search_for_user(user=world.users["senegal"]),
    )
    assert world.giz.pk in mali
    assert hidden.pk not in mali
    assert hidden.pk in senegal
