import pytest

from sudsud.accounts.models import Role
from sudsud.programmes.tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    ResultFactory,
)
from sudsud.programmes.tests.factories_frameworks import (
    FrameworkCatalogueFactory,
    FrameworkIndicatorFactory,
    approved_value,
)

URL = "/api/v1/frameworks/"


@pytest.fixture
def catalogue(countries):
    catalogue = FrameworkCatalogueFactory(code="eutf-cop")
    item = FrameworkIndicatorFactory(catalogue=catalogue, code="3.7")
    activity = ActivityFactory(code="ACT-API", countries=[(countries["SEN"], 100)])
    indicator = IndicatorFactory(
        result=ResultFactory(programme=activity.programme, activity=activity)
    )
    indicator.framework_indicators.add(item)
    approved_value(indicator, 2021, 6, country=countries["SEN"])
    return catalogue


def test_frameworks_api_refuses_anonymous(client, db):
    assert client.get(URL).status_code in {401, 403}


def test_frameworks_api_lists_catalogues_with_indicators(client, make_user, catalogue):
    client.force_login(make_user(Role.VIEWER))

    data = client.get(URL).json()

    results = data["results"] if isinstance(data, dict) else data
    assert results[0]["code"] == "eutf-cop"
    assert results[0]["indicators"][0]["code"] == "3.7"


def test_frameworks_api_report_sums_with_sources(client, make_user, catalogue):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(
        f"{URL}{catalogue.pk}/report/", {"start": "2021-01-01", "end": "2021-12-31"}
    )

    line = response.json()[0]
    assert response.status_code == 200
    assert line["framework_indicator"]["code"] == "3.7"
    assert float(line["total"]) == 6
    assert line["sources"][0]["activity_code"] == "ACT-API"
    assert line["sources"][0]["is_demo"] is False


def test_frameworks_api_report_needs_dates(client, make_user, catalogue):
    client.force_login(make_user(Role.VIEWER))

    response = client.get(f"{URL}{catalogue.pk}/report/", {"start": "soon"})

    assert response.status_code == 400
