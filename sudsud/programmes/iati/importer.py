"""Reading an uploaded ``iati-activities`` file into plain records, safely.

Nothing here touches the database: ``parse_iati_file`` either returns a
``ParsedFile`` (with warnings) or raises ``IatiFileError`` with a message for
the person who uploaded the file. Hostile files are refused before or while
parsing: any DOCTYPE or entity declaration (billion laughs, external
entities), no network, no DTD, no huge trees, a size ceiling.

Versions 2.0x are read fully (and checked against the 2.03 XSD when the setting
``SUDSUD_IATI_SCHEMA_DIR`` is set); 1.0x files are read as far as possible, with
a warning.
"""

import re
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree

from .parsing import ParsedFile, parse_activity
from .validate import load_schema, xsd_problems

DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
MAX_REPORTED_ERRORS = 20
REQUIRED_ORDER = ("iati-identifier", "reporting-org", "title")


class IatiFileError(Exception):
    """The file cannot be imported; ``messages`` say why, in the user's language."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _check_size(content: bytes) -> None:
    limit = settings.SUDSUD_MAX_UPLOAD_BYTES
    if len(content) > limit:
        raise IatiFileError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(limit)}
        )
    if not content.strip():
        raise IatiFileError(_("The file is empty."))


def _refuse_declarations() -> IatiFileError:
    return IatiFileError(
        _(
            "The file declares a document type or entities (DOCTYPE, ENTITY): "
            "such files are refused for safety. Export it again without them."
        )
    )


def _parse_xml(content: bytes) -> Any:
    if DECLARATION.search(content):
        raise _refuse_declarations()
    try:
        tree = etree.fromstring(content, _parser()).getroottree()
    except etree.XMLSyntaxError as error:
        raise IatiFileError(
            _("The file is not well-formed XML (line %(line)s): %(detail)s")
            % {"line": error.lineno or "?", "detail": error.msg}
        ) from error
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _refuse_declarations()  # e.g. a declaration in UTF-16
    return tree.getroot()


def _check_root(root: Any) -> str:
    if root.tag != "iati-activities":
        raise IatiFileError(
            _(
                "This is not an IATI activity file: its root element is "
                "“%(tag)s”, not “iati-activities”."
            )
            % {"tag": str(root.tag)[:80]}
        )
    version = (root.get("version") or "").strip()
    if not re.fullmatch(r"[12]\.0\d", version):
        raise IatiFileError(
            _("IATI version “%(version)s” is not supported (2.0x and 1.0x are).")
            % {"version": version or "?"}
        )
    return version


def _check_structure(root: Any) -> list[str]:
    """What the XSD would refuse first, checked even without it: the required
    leading elements of each activity, in order."""
    errors = []
    for number, activity in enumerate(root.iterfind("iati-activity"), start=1):
        tags = [child.tag for child in activity if isinstance(child.tag, str)]
        if tags[:3] != list(REQUIRED_ORDER):
            errors.append(
                _(
                    "Activity %(number)s (line %(line)s) must begin with "
                    "iati-identifier, reporting-org and title, in that order."
                )
                % {"number": number, "line": activity.sourceline}
            )
    return errors


def _schema_errors(root: Any, warnings: list[str]) -> list[str]:
    schema, missing = load_schema()
    if schema is None:
        warnings.append(
            _("The file could not be checked against the IATI 2.03 schema: %(reason)s.")
            % {"reason": missing}
        )
        return []
    return [problem.message for problem in xsd_problems(root, schema)]


def check_iati_upload(content: bytes) -> None:
    """The quick checks of an upload, before it is queued: size, no declarations,
    well-formed XML, an ``iati-activities`` root of a supported version. The job
    then reads the file fully (structure, XSD, activities)."""
    _check_size(content)
    _check_root(_parse_xml(content))


def parse_iati_file(content: bytes) -> ParsedFile:
    _check_size(content)
    root = _parse_xml(content)
    version = _check_root(root)
    warnings: list[str] = []
    if version.startswith("1."):
        warnings.append(
            _(
                "This file uses IATI version %(version)s: it was read as far as "
                "possible; check the imported activities."
            )
            % {"version": version}
        )
        errors: list[str] = []
    else:
        errors = _check_structure(root) or _schema_errors(root, warnings)
    if errors:
        raise IatiFileError(*errors[:MAX_REPORTED_ERRORS])
    activities = [parse_activity(a, version) for a in root.iterfind("iati-activity")]
    if not activities:
        raise IatiFileError(_("The file contains no activity."))
    return ParsedFile(version=version, activities=activities, warnings=warnings)
