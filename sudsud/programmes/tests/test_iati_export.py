"""The IATI export: document shape, XSD validity, ruleset, query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from sudsud.programmes.iati.export import ELEMENTS
from sudsud.programmes.iati.publish import iati_publication_for_user
from sudsud.programmes.iati.validate import validate_document
from sudsud.programmes.models import Activity, ActivityCountry

from . import factories_iati
from .factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ResultFactory,
)
from .factories_iati import small_programme

# Shared fixtures of the IATI tests.
iati_settings = factories_iati.iati_settings
iati_schema = factories_iati.iati_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(countries, iati_settings):
    return small_programme(countries)


def _root(user):
    return iati_publication_for_user(user=user).document.root


def test_export_validates_against_the_official_xsd(small, admin_user, iati_schema):
    publication = iati_publication_for_user(user=admin_user)
    assert publication.report.xsd_checked
    assert publication.report.problems == []
    assert publication.report.is_publishable


def test_export_without_schema_says_the_xsd_check_did_not_run(
    small, admin_user, english
):
    report = iati_publication_for_user(user=admin_user).report
    assert not report.xsd_checked
    assert "SUDSUD_IATI_SCHEMA_DIR" in report.xsd_note
    assert report.is_publishable  # the ruleset checks still ran, and passed


def test_export_links_parent_and_children_both_ways(small, admin_user):
    root = _root(admin_user)
    parent, *children = root.findall("iati-activity")
    assert parent.findtext("iati-identifier") == "DE-1-SSM-TEST"
    assert parent.get("hierarchy") == "1"
    assert sorted(parent.xpath("related-activity[@type='2']/@ref")) == [
        "DE-1-MA-02",
        "DE-1-MA-SN-01",
    ]
    for child in children:
        assert child.get("hierarchy") == "2"
        assert child.xpath("related-activity[@type='1']/@ref") == ["DE-1-SSM-TEST"]


def test_export_activity_elements(small, admin_user):
    activity = _root(admin_user).xpath(
        "iati-activity[iati-identifier='DE-1-MA-SN-01']"
    )[0]
    assert activity.xpath("reporting-org/@ref") == ["DE-1"]
    assert activity.xpath("title/narrative[@xml:lang='en']/text()") == [
        "Activity MA-SN-01"
    ]
    assert activity.xpath("participating-org[@role='1']/@ref") == ["XI-IATI-EC_INTPA"]
    assert activity.xpath("participating-org[@role='2']/narrative/text()") == [
        "Ministère SEN"
    ]
    assert activity.xpath("participating-org[@role='4']/@ref") == ["DE-1"]
    assert activity.xpath("activity-date/@type") == ["1", "2", "3"]
    assert activity.xpath("recipient-country/@code") == ["SN", "MA"]
    assert (
        sum(Decimal(p) for p in activity.xpath("recipient-country/@percentage")) == 100
    )
    assert activity.xpath("sector/@code") == ["15190"]
    assert activity.xpath("budget/value/text()") == ["120000", "80000.5"]
    assert activity.xpath("budget/value/@currency") == ["EUR", "EUR"]


def test_export_results_with_dimensions_and_approved_actuals_only(small, admin_user):
    indicator = _root(admin_user).xpath("//result/indicator")[0]
    assert indicator.xpath("reference[@vocabulary='99']/@code") == ["2.2"]
    assert indicator.xpath("baseline/@value") == ["0"]
    period = indicator.find("period")
    assert period.xpath("target[not(dimension)]/@value") == ["100"]
    assert period.xpath("actual[not(dimension)]/@value") == ["40"]  # not the draft 999
    female = period.xpath("actual[dimension[@name='sex' and @value='female']]")[0]
    assert female.get("value") == "15"
    assert female.xpath("dimension[@name='country']/@value") == ["SEN"]


def test_export_sector_code_is_in_the_shared_codelist(shared_dir):
    import json

    sectors = json.loads((shared_dir / "iati/codelists/json/Sector.json").read_text())
    assert "migration" in sectors["items"]["15190"]["name_en"].lower()


def test_export_leaves_restricted_activities_out(small, admin_user):
    Activity.objects.filter(code="MA-02").update(is_restricted=True)
    identifiers = _root(admin_user).xpath("//iati-identifier/text()")
    assert "DE-1-MA-02" not in identifiers


def test_elements_follow_the_xsd_order():
    names = [writer.__name__ for writer in ELEMENTS]
    assert names.index("reporting_org") < names.index("title") < names.index("result")


def test_export_query_count_does_not_grow_with_activities(small, admin_user, countries):
    iati_publication_for_user(user=admin_user)  # the user's scope is cached once
    with CaptureQueriesContext(connection) as few:
        iati_publication_for_user(user=admin_user)
    for number in range(5):
        activity = ActivityFactory(
            plan=small.plan,
            code=f"MORE-{number}",
            planned_start=dt.date(2025, 1, 1),
            countries=[(countries["MLI"], 100)],
        )
        result = ResultFactory(
            programme=small.programme, activity=activity, code=f"RM{number}"
        )
        IndicatorPeriodFactory(indicator=IndicatorFactory(result=result))
    with CaptureQueriesContext(connection) as many:
        publication = iati_publication_for_user(user=admin_user)
    assert publication.activity_count == 7
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Ruleset: each check fails on a crafted bad case --------------------------------


def _mutate(root, xpath, change):
    for element in root.xpath(xpath):
        change(element)
    return root


def _remove(element):
    element.getparent().remove(element)


def _no_currency(activity):
    activity.attrib.pop("default-currency")
    for value in activity.xpath("budget/value"):
        value.attrib.pop("currency")


def _set(name, value):
    return lambda element: element.set(name, value)


BAD_CASES = [
    ("6.2.2", "//iati-activity[2]/sector", _remove),
    ("6.11.1", "//iati-activity[2]/activity-date[@type='1' or @type='2']", _remove),
    ("3.1.2", "//iati-activity[3]/recipient-country[1]", _set("percentage", "70")),
    ("3.1.4", "//iati-activity[2]/recipient-country", _set("percentage", "90")),
    ("12.1.1", "//iati-activity[3]/recipient-country[1]", _set("percentage", "160")),
    (
        "7.5.3",
        "//iati-activity[2]/budget[1]/period-end",
        _set("iso-date", "2026-06-30"),
    ),
    (
        "8.6.3",
        "//iati-activity[2]/budget[1]/period-end",
        _set("iso-date", "2024-06-30"),
    ),
    ("8.6.1", "//indicator/period/period-end", _set("iso-date", "2024-01-01")),
    ("8.9.1", "//indicator/period/target[1]", lambda e: e.attrib.pop("value")),
    ("8.10.1", "//indicator/period/actual[1]", lambda e: e.attrib.pop("value")),
    ("8.8.1", "//indicator/baseline", lambda e: e.attrib.pop("value")),
    (
        "11.1.2",
        "//iati-activity[2]/activity-date[@type='3']",
        _set("iso-date", "2020-01-01"),
    ),
    (
        "11.1.4",
        "//iati-activity[2]/activity-date[@type='2']",
        _set("iso-date", "2999-01-01"),
    ),
    (
        "11.1.1",
        "//iati-activity[2]",
        _set("last-updated-datetime", "2999-01-01T00:00:00Z"),
    ),
    (
        "1.1.3",
        "//iati-activity[2]/iati-identifier",
        lambda e: setattr(e, "text", "DE-1"),
    ),
    (
        "1.1.21",
        "//iati-activity[2]/iati-identifier",
        lambda e: setattr(e, "text", "XX-9"),
    ),
    (
        "1.3.13",
        "//iati-activity[2]/iati-identifier",
        lambda e: setattr(e, "text", "DE-1-A/B"),
    ),
    ("4.3.1", "//iati-activity[2]/title/narrative", lambda e: setattr(e, "text", " ")),
    ("2.1.4", "//iati-activity[2]/sector", _set("percentage", "50")),
    ("7.8.1", "//iati-activity[2]", _no_currency),
]


@pytest.mark.parametrize(
    ("rule", "xpath", "change"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_ruleset_check_fails_on_a_crafted_bad_case(
    small, admin_user, rule, xpath, change
):
    root = _root(admin_user)
    assert rule not in {p.rule for p in validate_document(root).problems}
    _mutate(root, xpath, change)
    assert rule in {p.rule for p in validate_document(root).problems}


def test_ruleset_warns_about_a_numeric_period_without_values(small, admin_user):
    IndicatorPeriodFactory(
        indicator=small.indicator,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        target_value=None,
    )
    report = iati_publication_for_user(user=admin_user).report
    assert [p.rule for p in report.warnings] == ["SUDSUD.1"]
    assert report.is_publishable  # warnings do not block


def test_xsd_reports_a_broken_document(small, admin_user, iati_schema):
    root = _root(admin_user)
    _mutate(root, "//iati-activity[2]/title", _remove)
    assert "XSD" in {p.rule for p in validate_document(root).errors}


def test_share_sum_problem_points_at_the_activity_page(small, admin_user, monkeypatch):
    ActivityCountry.objects.filter(activity=small.bilateral).update(share=Decimal(30))
    monkeypatch.setattr(Activity, "get_absolute_url", lambda self: f"/a/{self.pk}/")
    publication = iati_publication_for_user(user=admin_user)
    [group] = [g for g in publication.groups() if g.identifier == "DE-1-MA-SN-01"]
    [(problem, _label, url)] = group.problems
    assert problem.rule == "3.1.2"
    assert url == f"/a/{small.bilateral.pk}/"
    assert not publication.report.is_publishable


def test_indicator_problem_points_at_the_indicator_page(small, admin_user, monkeypatch):
    monkeypatch.setattr(
        type(small.indicator), "get_absolute_url", lambda self: f"/i/{self.pk}/"
    )
    root_pub = iati_publication_for_user(user=admin_user)
    root = root_pub.document.root
    _mutate(root, "//indicator/period/target[1]", lambda e: e.attrib.pop("value"))
    from sudsud.programmes.iati.publish import group_problems

    problems = validate_document(root).problems
    [group] = group_problems(root_pub.document, problems)
    assert group.problems[0][2] == f"/i/{small.indicator.pk}/"


def test_document_is_well_formed_bytes(small, admin_user):
    content = iati_publication_for_user(user=admin_user).content()
    assert content.startswith(b"<?xml")
    assert etree.fromstring(content).get("version") == "2.03"


def test_ruleset_says_when_the_reporting_organisation_has_no_identifier(
    small, admin_user
):
    root = _root(admin_user)
    for org in root.iter("reporting-org"):
        org.set("ref", "")
    problems = validate_document(root).problems
    missing = [p for p in problems if "SUDSUD_IATI_REPORTING_ORG_REF" in p.message]
    assert missing
    assert all(p.severity == p.ERROR for p in missing)
