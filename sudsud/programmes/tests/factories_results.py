"""What the results tests build: a bilateral Morocco–Senegal activity with a result,
an indicator broken down by country and sex, and a 2025 period."""

from decimal import Decimal

from sudsud.programmes.models import (
    ActivityType,
    Dimension,
    IndicatorKind,
    IndicatorPeriod,
)
from sudsud.programmes.services.results import dimensions_ensure

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    PartnerCountryFactory,
    ProgrammeFactory,
    ResultFactory,
)


def bilateral_period(
    countries,
    *,
    dimensions=("country", "sex"),
    kind=IndicatorKind.QUANTITATIVE,
    **period_fields,
) -> IndicatorPeriod:
    """A period of an indicator of a Morocco–Senegal activity (50 % each)."""
    programme = ProgrammeFactory()
    for place in (countries["MAR"], countries["SEN"], countries["MLI"]):
        PartnerCountryFactory(programme=programme, country=place)
    dimensions_ensure()
    plan = ActionPlanFactory(programme=programme)
    plan.countries.set([countries["MAR"], countries["SEN"]])
    activity = ActivityFactory(
        plan=plan,
        activity_type=ActivityType.BILATERAL,
        countries=[(countries["MAR"], Decimal(50)), (countries["SEN"], Decimal(50))],
    )
    result = ResultFactory(programme=programme, activity=activity)
    indicator = IndicatorFactory(result=result, kind=kind)
    indicator.dimensions.set(Dimension.objects.filter(code__in=dimensions))
    return IndicatorPeriodFactory(indicator=indicator, **period_fields)
