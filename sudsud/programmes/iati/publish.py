"""Building the programme's IATI file for a person, with its validation report."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.urls import NoReverseMatch

from sudsud.programmes.models import Programme
from sudsud.programmes.permissions_iati import can_export_iati
from sudsud.programmes.selectors.iati import (
    iati_activity_list_for_user,
    iati_programme_for_user,
    iati_programme_results,
)
from sudsud.programmes.selectors.rollup import indicator_period_values_many

from . import conf
from .export import ExportData, ExportDocument, OrgRef, build_document, loaded
from .rules import Problem
from .validate import ValidationReport, validate_document


@dataclass
class ProblemGroup:
    """The problems of one activity (or of the programme), with where to fix them."""

    identifier: str
    label: str
    url: str
    problems: list[tuple[Problem, str, str]]  # (problem, fix label, fix url)


@dataclass
class Publication:
    programme: Programme
    document: ExportDocument
    report: ValidationReport
    activity_count: int

    def content(self) -> bytes:
        return self.document.to_bytes()

    def filename(self) -> str:
        return f"iati-{self.programme.code}.xml"

    def groups(self) -> list[ProblemGroup]:
        return group_problems(self.document, self.report.problems)


def _reporting_org(programme: Any) -> OrgRef:
    """The publisher: the settings, else the first implementer with an IATI
    identifier; its name from the settings or from that implementer."""
    ref, name = conf.reporting_org_ref(), conf.reporting_org_name()
    implementers = [
        i.organisation
        for i in programme.iati_implementers
        if i.organisation.iati_identifier
    ]
    same = [o for o in implementers if not ref or o.iati_identifier == ref]
    if same:
        ref, name = same[0].iati_identifier, name or same[0].name
    return OrgRef(name=name or ref, ref=ref, type="10")


def export_data(*, user: Any, programme: Programme) -> ExportData:
    activities = list(iati_activity_list_for_user(user=user, programme=programme))
    programme_results = iati_programme_results(programme=programme)
    indicator_ids = [
        indicator.pk
        for result in programme_results
        + [r for a in activities for r in loaded(a, "iati_results")]
        for indicator in loaded(result, "iati_indicators")
    ]
    return ExportData(
        programme=programme,
        activities=activities,
        programme_results=programme_results,
        values=indicator_period_values_many(indicator_ids),
        reporting_org=_reporting_org(programme),
        sector=conf.sector_code(),
    )


BUILD_STEPS = 3  # read the records, build the document, validate it


def iati_publication_for_user(
    *,
    user: Any,
    code: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Publication | None:
    """The IATI file of the programme (by code, or THE programme), validated.
    ``None`` when there is no such programme; ``PermissionDenied`` for roles that
    do not edit. ``progress`` is told ``(step, BUILD_STEPS)`` (background job)."""
    if not can_export_iati(user):
        raise PermissionDenied
    programme = iati_programme_for_user(user=user, code=code)
    if programme is None:
        return None
    step = progress or (lambda done, total: None)
    data = export_data(user=user, programme=programme)
    step(1, BUILD_STEPS)
    document = build_document(data)
    step(2, BUILD_STEPS)
    report = validate_document(document.root)
    step(3, BUILD_STEPS)
    return Publication(
        programme=programme,
        document=document,
        report=report,
        activity_count=len(data.activities),
    )


def problem_rows(publication: Publication) -> list[dict[str, str]]:
    """Every problem as plain data (API, job result), with the page that fixes it."""
    return [
        {
            "identifier": group.identifier,
            "severity": problem.severity,
            "rule": problem.rule,
            "message": problem.message,
            "fix_label": label,
            "fix_url": url,
        }
        for group in publication.groups()
        for problem, label, url in group.problems
    ]


def _url(record: Model) -> str:
    try:
        return record.get_absolute_url()  # type: ignore[attr-defined]
    except (AttributeError, NoReverseMatch):
        return ""  # the page that fixes it does not exist (yet)


def _fix(document: ExportDocument, path: str) -> tuple[str, str]:
    """``(label, url)`` of the closest record above the element at ``path`` that
    has a page (an indicator, an activity, the programme)."""
    label = ""
    while path:
        record = document.sources.get(path)
        if record is not None:
            label = label or str(record)
            url = _url(record)
            if url:
                return str(record), url
        path = path.rpartition("/")[0]
    return label, ""


def _activity_path(path: str) -> str:
    """``/iati-activities/iati-activity[3]/result[1]`` → its activity's path."""
    parts = path.split("/")
    return "/".join(parts[:3]) if len(parts) >= 3 else ""


def _group(document: ExportDocument, activity_path: str) -> ProblemGroup:
    identifier = ""
    if activity_path:
        identifier = document.root.xpath(f"string({activity_path}/iati-identifier)")
    label, url = _fix(document, activity_path)
    return ProblemGroup(identifier=identifier, label=label, url=url, problems=[])


def group_problems(
    document: ExportDocument, problems: list[Problem]
) -> list[ProblemGroup]:
    """Problems per activity, in document order, each with its fixing page."""
    groups: dict[str, ProblemGroup] = {}
    for problem in problems:
        activity_path = _activity_path(problem.path)
        if activity_path not in groups:
            groups[activity_path] = _group(document, activity_path)
        label, url = _fix(document, problem.path)
        groups[activity_path].problems.append((problem, label, url))
    return list(groups.values())
