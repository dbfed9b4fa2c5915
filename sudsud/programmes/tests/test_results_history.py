"""``selectors/results_history.py`` and the indicator page's history: readable
notes, field labels and people's names rather than reprs, columns and ids."""

from decimal import Decimal

import pytest

from sudsud.accounts.models import Role
from sudsud.programmes.selectors.results_history import indicator_history_rows
from sudsud.programmes.services import reporting

from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.fixture
def submitted(make_user, period, countries):
    staff = make_user(
        Role.IMPLEMENTING_STAFF,
        countries=[countries["SEN"]],
        first_name="Awa",
        last_name="Diop",
    )
    update = reporting.indicator_update_save(
        actor=staff,
        period=period,
        country=countries["SEN"],
        value=Decimal(5),
        breakdowns={"country=SEN;sex=female": "5"},
    )
    return reporting.indicator_update_submit(actor=staff, update=update)


def test_breakdown_audit_note_is_a_readable_summary(submitted):
    rows = indicator_history_rows(submitted.period.indicator)

    created = rows[-1].entry
    assert "{" not in created.note
    assert created.note.endswith("Femmes 5")  # the dimension values by name
    assert "Sénégal" in created.note


def test_history_rows_use_field_labels_and_names(submitted, english):
    [submission, _created] = indicator_history_rows(submitted.period.indicator)

    changes = {change.label: change for change in submission.changes}
    assert "submitted_by" not in changes
    assert changes["status"].before == "Draft"
    assert changes["status"].after == "Submitted"
    assert changes["submitted by"].after == "Awa Diop"


def test_indicator_page_shows_a_readable_history(client, submitted, admin_user):
    client.force_login(admin_user)

    content = client.get(submitted.period.indicator.get_absolute_url()).content
    text = content.decode()

    assert "submitted_by" not in text
    assert "<code>" not in text
    assert "Awa Diop" in text
    assert "{&#x27;" not in text
    assert "[{" not in text
