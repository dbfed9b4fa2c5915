"""The IATI import: the shared samples, hostile files, idempotence, the command."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from sudsud.accounts.models import Role
from sudsud.core.models import AuditEntry
from sudsud.programmes.iati.publish import iati_publication_for_user
from sudsud.programmes.models import (
    Activity,
    ActivityStatus,
    BudgetLine,
    IndicatorUpdate,
    UpdateStatus,
)
from sudsud.programmes.services.iati import iati_import

from . import factories_iati
from .factories import OrganisationFactory, ProgrammeFactory
from .factories_iati import small_programme

# Shared fixtures of the IATI tests.
iati_settings = factories_iati.iati_settings
iati_schema = factories_iati.iati_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(shared_dir):
    return shared_dir / "iati/samples"


@pytest.fixture
def target(countries, iati_schema):
    return ProgrammeFactory(code="SSM")


def _import(admin_user, content):
    return iati_import(actor=admin_user, content=content)


def test_import_activity_with_results_sample(target, admin_user, samples, countries):
    for ref in ("XI-IATI-EC_INTPA", "XM-EXAMPLE"):
        OrganisationFactory(iati_identifier=ref, country=countries["FRA"])
    content = (samples / "activity-with-results.xml").read_bytes()
    report = _import(admin_user, content)
    assert report.counts()["created"] == 1
    activity = Activity.objects.get(code="SSM-MA-SN-001")  # XM-EXAMPLE- stripped
    assert activity.title_en == "Morocco–Senegal action plan: diaspora mobilisation"
    assert activity.status == ActivityStatus.IMPLEMENTATION
    assert str(activity.planned_start) == "2021-01-01"
    assert {c.country.iso3: c.share for c in activity.country_shares.all()} == {
        "MAR": Decimal(50),
        "SEN": Decimal(50),
    }
    assert BudgetLine.objects.get(activity=activity, year=2021).planned == 250000
    update = IndicatorUpdate.objects.get(period__indicator__result__activity=activity)
    assert update.status == UpdateStatus.APPROVED
    assert {b.key: b.value for b in update.breakdowns.all()} == {"sex=female": 37}
    assert update.period.target_breakdowns.get().value == 40
    assert AuditEntry.objects.filter(note="imported").exists()


def test_import_again_changes_nothing(target, admin_user, samples):
    content = (samples / "activity-with-results.xml").read_bytes()
    _import(admin_user, content)
    entries = AuditEntry.objects.count()
    report = _import(admin_user, content)
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": 1, "skipped": 0}
    assert AuditEntry.objects.count() == entries


def test_import_updates_a_changed_activity(target, admin_user, samples):
    content = (samples / "minimal-activity.xml").read_bytes()
    _import(admin_user, content)
    changed = content.replace(b'activity-status code="2"', b'activity-status code="3"')
    report = _import(admin_user, changed)
    assert report.counts()["updated"] == 1
    assert Activity.objects.get().status == ActivityStatus.FINALISATION


@pytest.mark.parametrize(
    "name", ["minimal-activity.xml", "minimal-activity-ruleset-ok.xml"]
)
def test_import_minimal_samples(target, admin_user, samples, name):
    report = _import(admin_user, (samples / name).read_bytes())
    assert report.counts()["created"] == 1
    assert Activity.objects.get().code == "SSM-001"


def test_import_broken_sample_is_refused_and_saves_nothing(target, admin_user, samples):
    with pytest.raises(ValidationError) as error:
        _import(admin_user, (samples / "broken-activity.xml").read_bytes())
    assert "reporting-org" in " ".join(error.value.messages)
    assert not Activity.objects.exists()


def test_import_official_example_with_warnings(target, admin_user, samples, english):
    content = (samples / "official-iati-2.03-example-annotated.xml").read_bytes()
    report = _import(admin_user, content)
    assert report.counts()["created"] == 1
    assert any("AF, AG" in warning for warning in report.warnings)


def test_import_version_1_with_a_warning(target, admin_user, english):
    content = b"""<iati-activities version="1.05"><iati-activity>
      <iati-identifier>XM-OLD-1</iati-identifier><reporting-org ref="XM-OLD"/>
      <title>Ancienne activite</title>
      <activity-date type="start-planned" iso-date="2012-04-15"/>
      <recipient-country code="ML"/></iati-activity></iati-activities>"""
    report = _import(admin_user, content)
    assert "1.05" in report.warnings[0]
    activity = Activity.objects.get(code="1")
    assert activity.title_fr == "Ancienne activite"
    assert str(activity.planned_start) == "2012-04-15"
    assert activity.country_shares.get().share == 100


def test_import_skips_the_programme_parent_and_round_trips(
    countries, iati_schema, admin_user
):
    small = small_programme(countries)
    content = iati_publication_for_user(user=admin_user).content()
    report = iati_import(actor=admin_user, content=content, programme=small.programme)
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": 2, "skipped": 1}


HOSTILE = {
    "malformed": b"<iati-activities version='2.03'><iati-activity>",
    "billion laughs": b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><iati-activities version="2.03">&lol2;</iati-activities>""",
    "external entity": b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03">&e;</iati-activities>""",
    "wrong root": b"<iati-organisations version='2.03'/>",
    "unknown version": b"<iati-activities version='9.9'/>",
    "empty": b"   ",
    "utf16 doctype": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "c">]><iati-activities version="2.03"/>'.encode(
        "utf-16"
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_import_refuses_hostile_files(target, admin_user, name):
    with pytest.raises(ValidationError):
        _import(admin_user, HOSTILE[name])
    assert not Activity.objects.exists()


def test_import_refuses_a_file_over_the_limit(target, admin_user, settings, english):
    settings.SUDSUD_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        _import(
            admin_user,
            b"<iati-activities version='2.03'>" + b" " * 200 + b"</iati-activities>",
        )
    assert "too large" in error.value.messages[0]


def test_import_is_all_or_nothing(target, admin_user, samples):
    """The second activity fails while being written: the first is not kept."""
    good = (samples / "minimal-activity.xml").read_bytes()
    activity = good.split(b"<iati-activities", 1)[1].split(b">", 1)[1]
    activity = activity.replace(b"</iati-activities>", b"")
    bad = activity.replace(b"SSM-001", b"SSM-002").replace(
        b'<activity-date type="1" iso-date="2021-01-01"/>',
        b'<activity-date type="1" iso-date="2021-01-01"/>'
        b'<activity-date type="3" iso-date="2020-01-01"/>',
    )
    both = good.replace(b"</iati-activities>", bad + b"</iati-activities>")
    assert both.count(b"<iati-activity ") == 2
    with pytest.raises(ValidationError) as error:
        _import(admin_user, both)
    assert "SSM-002" in error.value.messages[0]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.COUNTRY_COORDINATOR, Role.IMPLEMENTING_STAFF, Role.VIEWER]
)
def test_import_is_for_programme_admins_only(target, make_user, samples, role):
    with pytest.raises(PermissionDenied):
        iati_import(
            actor=make_user(role),
            content=(samples / "minimal-activity.xml").read_bytes(),
        )


def test_command_imports_a_file(target, samples, capsys):
    call_command("iati_import", str(samples / "minimal-activity.xml"))
    assert "created=1" in capsys.readouterr().out
    assert Activity.objects.filter(code="SSM-001").exists()


def test_command_reports_a_broken_file(target, samples):
    with pytest.raises(CommandError):
        call_command("iati_import", str(samples / "broken-activity.xml"))


def test_identifiers_without_a_reporting_ref_have_no_leading_hyphen(settings):
    from types import SimpleNamespace

    from sudsud.programmes.iati.export.items import ExportData
    from sudsud.programmes.services.iati import activity_code

    settings.SUDSUD_IATI_REPORTING_ORG_REF = ""
    data = SimpleNamespace(reporting_org=SimpleNamespace(ref=""))
    assert ExportData.identifier(data, "DEMO-001") == "DEMO-001"  # type: ignore[arg-type]
    data.reporting_org.ref = "XM-DAC-5-7"
    assert ExportData.identifier(data, "DEMO-001") == "XM-DAC-5-7-DEMO-001"  # type: ignore[arg-type]
    # Files exported before this fix wrote "-<code>" under an empty ref.
    old = SimpleNamespace(identifier="-DEMO-001", reporting_ref="")
    assert activity_code(old) == "DEMO-001"  # type: ignore[arg-type]
    other = SimpleNamespace(identifier="-DEMO-001", reporting_ref="XM-1")
    assert activity_code(other) == "-DEMO-001"  # type: ignore[arg-type]
