"""The IATI ruleset checks (2.03 ``standard.json``) that apply to what we publish
and that the XSD cannot make. Each rule reads one ``iati-activity`` element and
yields problems carrying the rule's id; the messages are the user's language."""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.utils.translation import gettext as _

NUMERIC_MEASURES = "@measure='1' or @measure='2' or @measure='3' or @measure='4'"
FORBIDDEN_IN_IDENTIFIER = re.compile(r"[/&|?]")


@dataclass(frozen=True)
class Problem:
    ERROR: ClassVar[str] = "error"
    WARNING: ClassVar[str] = "warning"

    severity: str
    rule: str
    message: str
    path: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == self.ERROR


Rule = Callable[[Any, dt.date], Iterable[Problem]]


def _problem(
    element: Any, rule: str, message: str, *, warning: bool = False
) -> Problem:
    return Problem(
        severity=Problem.WARNING if warning else Problem.ERROR,
        rule=rule,
        message=message,
        path=element.getroottree().getpath(element),
    )


def _date(element: Any, xpath: str) -> dt.date | None:
    found = element.xpath(xpath)
    try:
        return dt.date.fromisoformat(str(found[0])[:10]) if found else None
    except ValueError:
        return None  # the XSD reports malformed dates


def _decimal(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None


def identifiers(activity: Any, today: dt.date) -> Iterator[Problem]:
    identifier = (activity.findtext("iati-identifier") or "").strip()
    org_ref = (activity.xpath("string(reporting-org/@ref)") or "").strip()
    if not org_ref:
        yield _problem(
            activity,
            "1.1.21",
            _(
                "The reporting organisation has no identifier: set "
                "SUDSUD_IATI_REPORTING_ORG_REF (docs/configuration.md) before "
                "publishing; activity identifiers begin with it."
            ),
        )
    elif identifier and identifier == org_ref:
        yield _problem(
            activity,
            "1.1.3",
            _("The activity identifier is the reporting organisation's identifier."),
        )
    elif org_ref and not identifier.startswith(f"{org_ref}-"):
        yield _problem(
            activity,
            "1.1.21",
            _(
                "The activity identifier should begin with the reporting "
                "organisation's identifier and a hyphen (%(prefix)s-…)."
            )
            % {"prefix": org_ref},
            warning=True,
        )
    if FORBIDDEN_IN_IDENTIFIER.search(identifier):
        yield _problem(
            activity,
            "1.3.13",
            _("The activity identifier must not contain /, &, | or ?."),
            warning=True,
        )


def texts(activity: Any, today: dt.date) -> Iterator[Problem]:
    for tag, rule, message in (
        ("title", "4.3.1", _("The title has no text.")),
        ("description", "4.4.1", _("The description has no text.")),
    ):
        elements = activity.findall(tag)
        if tag == "title" and not elements:
            yield _problem(activity, rule, message)
        for element in elements:
            if not "".join(element.xpath("narrative/text()")).strip():
                yield _problem(element, rule, message)


def start_date(activity: Any, today: dt.date) -> Iterator[Problem]:
    if not activity.xpath("activity-date[@type='1' or @type='2']"):
        yield _problem(
            activity,
            "6.11.1",
            _("The activity has neither a planned nor an actual start date."),
        )


def date_order(activity: Any, today: dt.date) -> Iterator[Problem]:
    def day(kind: str) -> dt.date | None:
        return _date(activity, f"activity-date[@type='{kind}']/@iso-date")

    for start, end, rule, message in (
        ("1", "3", "11.1.2", _("The planned start date is after the planned end.")),
        ("2", "4", "11.1.3", _("The actual start date is after the actual end.")),
    ):
        first, last = day(start), day(end)
        if first and last and first > last:
            yield _problem(activity, rule, message)
    for kind, rule, message in (
        ("2", "11.1.4", _("The actual start date is in the future.")),
        ("4", "11.1.5", _("The actual end date is in the future.")),
    ):
        when = day(kind)
        if when and when > today:
            yield _problem(activity, rule, message)


def last_updated(activity: Any, today: dt.date) -> Iterator[Problem]:
    when = _date(activity, "@last-updated-datetime")
    if when and when > today:
        yield _problem(
            activity, "11.1.1", _("The activity's last update date is in the future.")
        )


def sectors(activity: Any, today: dt.date) -> Iterator[Problem]:
    if not activity.xpath("sector or transaction/sector"):
        yield _problem(activity, "6.2.2", _("The activity has no sector."))
        return
    dac = activity.xpath(
        "sector[@vocabulary='1' or @vocabulary='' or not(@vocabulary)]"
    )
    single = len(dac) == 1 and dac[0].get("percentage") not in (None, "")
    if single and _decimal(dac[0].get("percentage")) != Decimal(100):
        yield _problem(
            dac[0],
            "2.1.4",
            _("A single sector must have no percentage, or a percentage of 100."),
        )


def _percentages(activity: Any, elements: list[Any]) -> Iterator[Problem]:
    pairs = [
        (e, _decimal(e.get("percentage"))) for e in elements if e.get("percentage")
    ]
    values = [value for _, value in pairs]
    for element, value in pairs:
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            yield _problem(
                element,
                "12.1.1",
                _("A country or region percentage must be between 0 and 100."),
            )
    if len(elements) > 1 and len(values) < len(elements):
        yield _problem(
            activity,
            "3.1.1",
            _("Several recipient countries are given: each needs a percentage."),
        )
    elif len(elements) > 1 and sum(v or 0 for v in values) != Decimal(100):
        total = sum(v or 0 for v in values)
        yield _problem(
            activity,
            "3.1.2",
            _(
                "The recipient country and region percentages add up to %(total)s %%, "
                "not 100 %%."
            )
            % {"total": f"{Decimal(total).normalize():f}"},
        )


def recipients(activity: Any, today: dt.date) -> Iterator[Problem]:
    elements = activity.findall("recipient-country") + activity.findall(
        "recipient-region"
    )
    if len(elements) == 1 and elements[0].get("percentage"):
        if _decimal(elements[0].get("percentage")) != Decimal(100):
            yield _problem(
                elements[0],
                "3.1.4",
                _(
                    "A single recipient country must have no percentage, "
                    "or a percentage of 100."
                ),
            )
        return
    yield from _percentages(activity, elements)


def budgets(activity: Any, today: dt.date) -> Iterator[Problem]:
    for element in activity.findall("budget"):
        start = _date(element, "period-start/@iso-date")
        end = _date(element, "period-end/@iso-date")
        if not (start and end):
            continue
        if start > end:
            yield _problem(
                element, "8.6.3", _("The budget period ends before it starts.")
            )
        elif end >= _one_year_after(start):
            yield _problem(
                element, "7.5.3", _("The budget period is longer than one year.")
            )


def _one_year_after(start: dt.date) -> dt.date:
    try:
        return start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28) + dt.timedelta(days=1)


def currency(activity: Any, today: dt.date) -> Iterator[Problem]:
    if activity.get("default-currency"):
        return
    for value in activity.xpath(".//value[not(@currency)]"):
        yield _problem(
            value,
            "7.8.1",
            _("The activity has no default currency and this value has none."),
        )


def indicator_periods(activity: Any, today: dt.date) -> Iterator[Problem]:
    for element in activity.xpath("result/indicator/period"):
        start = _date(element, "period-start/@iso-date")
        end = _date(element, "period-end/@iso-date")
        if start and end and start > end:
            yield _problem(
                element, "8.6.1", _("The indicator period ends before it starts.")
            )


def numeric_values(activity: Any, today: dt.date) -> Iterator[Problem]:
    numeric = f"result/indicator[{NUMERIC_MEASURES}]"
    for xpath, rule, message in (
        ("baseline", "8.8.1", _("The baseline of a numeric indicator has no value.")),
        ("period/target", "8.9.1", _("A target of a numeric indicator has no value.")),
        (
            "period/actual",
            "8.10.1",
            _("An actual of a numeric indicator has no value."),
        ),
    ):
        for element in activity.xpath(f"{numeric}/{xpath}[not(@value)]"):
            yield _problem(element, rule, message)
    for element in activity.xpath(f"{numeric}/period[not(target) and not(actual)]"):
        yield _problem(
            element,
            "SUDSUD.1",
            _(
                "The period %(start)s – %(end)s of a numeric indicator has neither "
                "a target nor an actual value."
            )
            % {
                "start": element.xpath("string(period-start/@iso-date)"),
                "end": element.xpath("string(period-end/@iso-date)"),
            },
            warning=True,
        )


RULES: list[Rule] = [
    identifiers,
    texts,
    start_date,
    date_order,
    last_updated,
    sectors,
    recipients,
    budgets,
    currency,
    indicator_periods,
    numeric_values,
]
