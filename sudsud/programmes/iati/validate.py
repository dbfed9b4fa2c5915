"""Checking an ``iati-activities`` document before anyone downloads or imports it.

Two layers:

* the official **2.03 XSD** (structure, order, types), loaded once from the folder
  of the setting ``SUDSUD_IATI_SCHEMA_DIR`` and cached; without it the report
  says clearly that this check could not run;
* the **ruleset** checks the XSD cannot make, taken from the IATI Standard ruleset
  (``rulesets/standard.json``, version 2.03) for the elements we publish, plus
  one of ours (``SUDSUD.1``). Each problem keeps the rule id.

Errors block a download; warnings are shown but do not.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from . import conf
from .rules import RULES, Problem

__all__ = ["Problem", "ValidationReport", "validate_document"]


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    xsd_checked: bool = False
    xsd_note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Problem.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Problem.WARNING]

    @property
    def is_publishable(self) -> bool:
        return not self.errors


@functools.cache
def _load_schema(path: str) -> Any:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(path, parser))


def load_schema() -> tuple[Any, str]:
    """``(XMLSchema, "")`` or ``(None, why it is missing)``."""
    folder = conf.schema_dir()
    if folder is None:
        return None, _("the setting SUDSUD_IATI_SCHEMA_DIR is not set")
    path = Path(folder) / conf.SCHEMA_FILE
    if not path.is_file():
        return None, _("the file %(path)s was not found") % {"path": path}
    return _load_schema(str(path)), ""


def xsd_problems(root: Any, schema: Any) -> list[Problem]:
    if schema.validate(root.getroottree()):
        return []
    return [
        Problem(
            severity=Problem.ERROR,
            rule="XSD",
            message=_("Does not match the IATI 2.03 schema (line %(line)s): %(detail)s")
            % {"line": entry.line, "detail": entry.message},
            path=getattr(entry, "path", "") or "",
        )
        for entry in schema.error_log
    ]


def ruleset_problems(root: Any, *, today: dt.date | None = None) -> list[Problem]:
    today = today or timezone.localdate()
    problems: list[Problem] = []
    for activity in root.iterfind("iati-activity"):
        for rule in RULES:
            problems.extend(rule(activity, today))
    return problems


def validate_document(root: Any, *, today: dt.date | None = None) -> ValidationReport:
    schema, missing = load_schema()
    report = ValidationReport(xsd_checked=schema is not None)
    if schema is None:
        report.xsd_note = _(
            "The check against the official IATI 2.03 schema could not run: "
            "%(reason)s. The ruleset checks ran."
        ) % {"reason": missing}
    else:
        report.problems += xsd_problems(root, schema)
    report.problems += ruleset_problems(root, today=today)
    return report
