"""The IATI import writes through the services of the pages and the API: the same
permission checks, search text and audit entries; nothing written on a re-import;
hostile numbers refused with a message rather than a crash."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from sudsud.accounts.models import Role
from sudsud.core.models import AuditAction, AuditEntry
from sudsud.organisations.models import OrganisationKind
from sudsud.programmes.iati.publish import iati_publication_for_user
from sudsud.programmes.models import (
    Activity,
    ActivityCountry,
    ActivityPartner,
    ActivityType,
    BudgetLine,
    Dimension,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    PartnerRole,
    Result,
    UpdateStatus,
)
from sudsud.programmes.selectors.activities import (
    ActivityFilters,
    activity_search_for_user,
)
from sudsud.programmes.selectors.results import result_list_for_user
from sudsud.programmes.services import iati as iati_service
from sudsud.programmes.services.activities import (
    activity_create,
    activity_search_text,
)
from sudsud.programmes.services.iati import iati_import
from sudsud.programmes.services.results import dimensions_ensure

from . import factories_iati
from .factories import (
    ActivityFactory,
    OrganisationFactory,
    PartnerCountryFactory,
    ProgrammeFactory,
)
from .factories_iati import small_programme

iati_settings = factories_iati.iati_settings

pytestmark = pytest.mark.django_db

TITLE_FR = "Formation des agents consulaires au Sénégal"
RESULT_FR = "Les capacités consulaires sont renforcées"
RESULT = """<result type="2"><title><narrative>{title}</narrative></title>
    <indicator measure="1" ascending="1">
      <title><narrative>Nombre d'agents formés</narrative></title>
      <baseline year="2024" value="0"/>
      <period><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/>
        <target value="{target}"/>
        <target value="30"><dimension name="country" value="SEN"/>
          <dimension name="sex" value="female"/></target>
        <actual value="40"/>
        <actual value="15"><dimension name="country" value="SEN"/>
          <dimension name="sex" value="female"/></actual>
      </period>
    </indicator>
  </result>"""


def _activity(
    identifier: str = "XM-T-MA-SN-01",
    countries: str = '<recipient-country code="MA" percentage="40"/>'
    '<recipient-country code="SN" percentage="60"/>',
    target: str = "100",
    results: bool = True,
) -> str:
    return f"""<iati-activity xml:lang="fr" default-currency="EUR">
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="XM-T"><narrative>T</narrative></reporting-org>
  <title><narrative>{TITLE_FR}</narrative>
    <narrative xml:lang="en">Training consular staff</narrative></title>
  <description><narrative>Échanges entre ministères.</narrative>
    <narrative xml:lang="en">Peer exchanges between chancelleries.</narrative></description>
  <participating-org role="1" ref="XI-FUNDER"/>
  <participating-org role="4" ref="XM-IMPL"/>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2025-01-01"/>
  <activity-date type="3" iso-date="2026-12-31"/>
  {countries}
  <budget><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/>
    <value currency="EUR">120000</value></budget>
  {RESULT.format(title=RESULT_FR, target=target) if results else ""}
</iati-activity>"""


def _file(*activities: str) -> bytes:
    body = "".join(activities)
    return f'<iati-activities version="2.03">{body}</iati-activities>'.encode()


@pytest.fixture
def programme(countries, iati_settings):
    """THE programme, with Morocco and Senegal as partners (so "country=SEN" is a
    value of the built-in dimension) and the file's two organisations."""
    programme = ProgrammeFactory(code="SSM")
    for iso3 in ("MAR", "SEN"):
        PartnerCountryFactory(programme=programme, country=countries[iso3])
    for ref in ("XI-FUNDER", "XM-IMPL"):
        OrganisationFactory(iati_identifier=ref, country=countries["FRA"])
    return programme


def _entry(instance, action=AuditAction.CREATE) -> AuditEntry:
    return AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        action=action,
    )


# --- Same search text and audit entries as the services ----------------------------


def test_imported_activity_is_found_by_the_activity_search_with_accents_folded(
    programme, admin_user
):
    iati_import(actor=admin_user, content=_file(_activity()))
    activity = Activity.objects.get(code="MA-SN-01")
    assert activity.search_text == activity_search_text(activity)
    for words in ("senegal FORMATION", "chancelleries"):  # English description too
        filters = ActivityFilters(q=words)
        found = activity_search_for_user(user=admin_user, filters=filters)
        assert list(found) == [activity], words


def test_imported_results_are_found_by_the_results_search(programme, admin_user):
    iati_import(actor=admin_user, content=_file(_activity()))
    result = Result.objects.get()
    assert list(result_list_for_user(user=admin_user, q="capacites")) == [result]
    assert list(result_list_for_user(user=admin_user, q="agents formes")) == [result]


def test_imported_activity_has_the_audit_entry_of_activity_create(
    programme, admin_user, countries
):
    iati_import(actor=admin_user, content=_file(_activity()))
    imported = Activity.objects.get(code="MA-SN-01")
    by_hand = activity_create(
        actor=admin_user,
        programme=programme,
        countries=[(countries["MAR"], Decimal(40)), (countries["SEN"], Decimal(60))],
        code="BY-HAND",
        activity_type=ActivityType.BILATERAL,
        title_fr=TITLE_FR,
        title_en="Training consular staff",
        description_fr="Échanges entre ministères.",
        description_en="Peer exchanges between chancelleries.",
        status=2,
        planned_start=dt.date(2025, 1, 1),
        planned_end=dt.date(2026, 12, 31),
    )
    volatile = {"id", "code", "created_at", "updated_at"}

    def changes(activity):
        entry = _entry(activity)
        return {k: v for k, v in entry.changes.items() if k not in volatile}

    assert changes(imported) == changes(by_hand)
    assert changes(imported)["countries"] == [[], [["MAR", "40"], ["SEN", "60"]]]
    # The shares are in the activity's entry, not in entries of their own.
    shares = ContentType.objects.get_for_model(ActivityCountry)
    assert not AuditEntry.objects.filter(content_type=shares).exists()


def test_import_audits_each_record_as_its_service_does(programme, admin_user, english):
    iati_import(actor=admin_user, content=_file(_activity()))
    line = BudgetLine.objects.get()
    assert line.planned == 120000
    assert _entry(line).actor == admin_user
    indicator = Indicator.objects.get()
    assert sorted(d.code for d in indicator.dimensions.all()) == ["country", "sex"]
    assert _entry(indicator).note == "country, sex"  # indicator_create's note
    period = IndicatorPeriod.objects.get()
    assert _entry(period).note == "Breakdown changed: Senegal · Women 30"
    update = IndicatorUpdate.objects.get()
    assert update.status == UpdateStatus.APPROVED
    assert update.reviewed_by == admin_user
    entry = _entry(update)
    assert entry.note == "imported"
    assert entry.changes["breakdowns"] == [{}, {"country=SEN;sex=female": "15.0000"}]


# --- Idempotence -------------------------------------------------------------------


def test_reimport_writes_no_audit_entry(programme, admin_user):
    content = _file(
        _activity(), _activity("XM-T-SN-02", '<recipient-country code="SN"/>')
    )
    first = iati_import(actor=admin_user, content=content)
    assert first.counts()["created"] == 2
    entries = AuditEntry.objects.count()
    report = iati_import(actor=admin_user, content=content)
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert AuditEntry.objects.count() == entries


def test_reimport_of_a_changed_target_writes_only_that_change(
    programme, admin_user, english
):
    iati_import(actor=admin_user, content=_file(_activity()))
    entries = AuditEntry.objects.count()
    report = iati_import(actor=admin_user, content=_file(_activity(target="120")))
    assert report.counts()["updated"] == 1
    assert AuditEntry.objects.count() == entries + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.object_id == str(IndicatorPeriod.objects.get().pk)
    assert entry.changes == {"target_value": ["100.0000", "120.0000"]}
    # indicator_period_save's own note, since the period has an approved actual.
    assert entry.note == "Target changed after an actual was approved."


def test_round_trip_of_an_indicator_with_breakdowns_changes_nothing(
    countries, iati_settings, admin_user
):
    small = small_programme(countries)
    dimensions_ensure()
    small.indicator.dimensions.set(Dimension.objects.all())
    content = iati_publication_for_user(user=admin_user).content()
    entries = AuditEntry.objects.count()
    report = iati_import(actor=admin_user, content=content, programme=small.programme)
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 1}
    assert not [w for w in report.warnings if "breakdowns" in w]
    assert AuditEntry.objects.count() == entries


def test_national_activity_given_two_countries_becomes_bilateral(
    programme, admin_user, countries
):
    ActivityFactory(
        plan=None,
        programme=programme,
        code="MA-SN-01",
        countries=[(countries["MAR"], 100)],
    )
    report = iati_import(actor=admin_user, content=_file(_activity()))
    assert report.counts()["updated"] == 1
    activity = Activity.objects.get(code="MA-SN-01")
    assert activity.activity_type == ActivityType.BILATERAL
    assert _entry(activity, AuditAction.UPDATE).changes["activity_type"] == [
        "national",
        "bilateral",
    ]


def test_changed_title_clears_the_sign_offs_as_on_the_activity_page(
    programme, admin_user, countries
):
    activity = ActivityFactory(
        plan=None,
        programme=programme,
        code="SN-08",
        title_fr="Ancien titre",
        countries=[(countries["SEN"], 100)],
    )
    ministry = OrganisationFactory(
        kind=OrganisationKind.MINISTRY, country=countries["SEN"]
    )
    partner = ActivityPartner.objects.create(
        activity=activity,
        organisation=ministry,
        role=PartnerRole.LEAD_MINISTRY,
        country=countries["SEN"],
        signed_off_at=timezone.now(),
    )
    content = _file(
        _activity("XM-T-SN-08", '<recipient-country code="SN"/>', results=False)
    )
    iati_import(actor=admin_user, content=content)
    partner.refresh_from_db()
    assert partner.signed_off_at is None
    assert _entry(partner, AuditAction.UPDATE).note.startswith("sign-off cleared")


# --- Breakdowns the services would refuse ----------------------------------------


def test_breakdowns_by_an_unknown_dimension_are_left_out_with_a_warning(
    programme, admin_user, english
):
    content = _file(_activity()).replace(b'name="country"', b'name="age"')
    report = iati_import(actor=admin_user, content=content)
    indicator = Indicator.objects.get()
    assert [d.code for d in indicator.dimensions.all()] == ["sex"]
    assert not IndicatorPeriod.objects.get().target_breakdowns.exists()
    assert not IndicatorUpdate.objects.get().breakdowns.exists()
    assert any("target breakdowns" in w and "age" in w for w in report.warnings)
    assert any("actual breakdowns" in w for w in report.warnings)
    # A second import warns again but changes nothing.
    assert iati_import(actor=admin_user, content=content).counts()["unchanged"] == 1


# --- Permissions of the importing person -------------------------------------------


@pytest.fixture
def coordinator_may_import(monkeypatch):
    """Today only programme administrators (who edit everywhere) import; were the
    import opened to others, the services still check each record."""
    monkeypatch.setattr(iati_service, "can_import_iati", lambda user: True)


def test_person_without_rights_on_a_country_is_refused_and_nothing_saved(
    programme, make_user, countries, coordinator_may_import, english
):
    senegal = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    entries = AuditEntry.objects.count()
    content = _file(
        _activity("XM-T-SN-03", '<recipient-country code="SN"/>', results=False),
        _activity("XM-T-ML-04", '<recipient-country code="ML"/>', results=False),
    )
    with pytest.raises(ValidationError) as error:
        iati_import(actor=senegal, content=content)
    message = error.value.messages[0]
    assert "XM-T-ML-04" in message
    assert "countries of your scope" in message
    assert not Activity.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_person_without_rights_on_an_existing_activity_is_refused(
    programme, make_user, countries, coordinator_may_import, english
):
    ActivityFactory(
        plan=None,
        programme=programme,
        code="ML-05",
        title_fr="Avant",
        countries=[(countries["MLI"], 100)],
    )
    senegal = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    content = _file(
        _activity("XM-T-ML-05", '<recipient-country code="ML"/>', results=False)
    )
    with pytest.raises(ValidationError) as error:
        iati_import(actor=senegal, content=content)
    assert "You may not edit this activity." in error.value.messages[0]
    assert Activity.objects.get(code="ML-05").title_fr == "Avant"


def test_approved_actuals_are_imported_by_programme_administrators_only(
    programme, make_user, countries, coordinator_may_import, english
):
    senegal = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    content = _file(_activity("XM-T-SN-06", '<recipient-country code="SN"/>'))
    with pytest.raises(ValidationError) as error:
        iati_import(actor=senegal, content=content)
    assert "import approved actuals" in error.value.messages[0]
    assert not Activity.objects.exists()


# --- Hostile numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (b">120000<", b">1e40<", "digits before the decimal point"),
        (b">120000<", b">-5<", "not negative"),
        (b'year="2024" value="0"', b'year="2024" value="1e30"', "baseline_value"),
        (b'<actual value="40"/>', b'<actual value="-1E+999999"/>', "value"),
    ],
)
def test_absurd_amounts_are_refused_with_a_message(
    programme, admin_user, english, old, new, words
):
    content = _file(_activity()).replace(old, new)
    assert new in content
    with pytest.raises(ValidationError) as error:
        iati_import(actor=admin_user, content=content)
    assert "XM-T-MA-SN-01" in error.value.messages[0]
    assert words in error.value.messages[0]
    assert not Activity.objects.exists()


def test_absurd_percentages_leave_the_countries_out_with_a_warning(
    programme, admin_user, english
):
    countries = (
        '<recipient-country code="MA" percentage="1e40"/>'
        '<recipient-country code="SN" percentage="-1e40"/>'
    )
    report = iati_import(
        actor=admin_user, content=_file(_activity("XM-T-X-07", countries))
    )
    assert any("do not add up to 100" in w for w in report.warnings)
    assert not Activity.objects.get(code="X-07").country_shares.exists()


# --- Four eyes ----------------------------------------------------------------------


def _own_submission(admin_user):
    """The imported overall actual of an activity without countries (reported
    overall), reopened, changed and submitted again by the administrator who
    imported it."""
    from sudsud.programmes.services import reporting

    iati_import(actor=admin_user, content=_file(_activity(countries="")))
    update = IndicatorUpdate.objects.get(country__isnull=True)
    reporting.indicator_update_reopen(actor=admin_user, update=update, reason="typo")
    update = reporting.indicator_update_save(
        actor=admin_user, period=update.period, country=None, value=Decimal(41)
    )
    return reporting.indicator_update_submit(actor=admin_user, update=update)


def test_reimport_does_not_approve_an_actual_the_importer_submitted(
    programme, admin_user, english
):
    update = _own_submission(admin_user)
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        iati_import(actor=admin_user, content=_file(_activity(countries="")))
    assert "XM-T-MA-SN-01" in error.value.messages[0]
    assert "You submitted the overall actual" in error.value.messages[0]
    update.refresh_from_db()
    assert (update.status, update.value) == (UpdateStatus.SUBMITTED, Decimal(41))
    assert AuditEntry.objects.count() == entries


def test_reimport_by_another_administrator_approves_the_submitted_actual(
    programme, admin_user, make_user
):
    update = _own_submission(admin_user)
    other = make_user(Role.PROGRAMME_ADMIN)
    report = iati_import(actor=other, content=_file(_activity(countries="")))
    assert report.counts()["updated"] == 1
    update.refresh_from_db()
    assert (update.status, update.value) == (UpdateStatus.APPROVED, Decimal(40))
    assert update.reviewed_by == other
