"""Checking the rows of an organisations import before anything is written:
values resolved (types, countries, yes/no, parents), scope and duplicates checked,
every error collected with its line number."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_allows_edit
from sudsud.core.tabular import Row
from sudsud.core.text import normalise_for_search
from sudsud.places.models import Place
from sudsud.places.selectors import place_resolve

from .models import Organisation, OrganisationKind
from .selectors import organisation_list_for_user
from .services import iati_taken_message

COLUMNS = [
    "name", "name_ar", "acronym", "kind", "country", "scope_country", "city",
    "parent", "iati_identifier", "registration_number", "website", "email",
    "phone", "is_restricted",
]  # fmt: skip
REQUIRED_COLUMNS = ("name", "kind", "country")
TEXT_COLUMNS = (
    "name_ar", "acronym", "city", "iati_identifier", "registration_number",
    "website", "email", "phone",
)  # fmt: skip
YES = frozenset({"oui", "yes", "1", "true", "vrai", "o", "y", "x", "نعم"})
NO = frozenset({"non", "no", "0", "false", "faux", "n", "", "لا"})
# Spellings accepted in files whatever the interface language (the French labels
# of the programme's documents), on top of the codes and translated labels.
KIND_ALIASES = {
    "ministere": "ministry",
    "agence gouvernementale": "government_agency",
    "agence de mise en oeuvre": "implementing_agency",
    "bailleur": "donor",
    "bailleur de fonds": "donor",
    "collectivite territoriale": "local_authority",
    "collectivite locale": "local_authority",
    "association de la diaspora": "diaspora_association",
    "organisation non gouvernementale": "ngo",
    "ong": "ngo",
    "structure d'accueil": "host_organisation",
    "prestataire de services": "service_provider",
    "universite ou centre de recherche": "university",
    "organisation internationale": "international",
    "autre": "other",
}


@dataclass
class ParsedRow:
    line: int
    fields: dict[str, Any]
    parent_ref: str | None  # None: no parent column; "": no parent
    existing: Organisation | None = None


@dataclass
class ImportContext:
    actor: Any
    by_iati: dict[str, Organisation] = field(default_factory=dict)
    by_key: dict[tuple[str, int], Organisation] = field(default_factory=dict)
    visible_by_ref: dict[str, list[Organisation]] = field(default_factory=dict)
    file_refs: dict[str, int] = field(default_factory=dict)  # ref → row index
    keys_seen: dict[Any, int] = field(default_factory=dict)  # key → line
    places: dict[str, Place | None] = field(default_factory=dict)
    hidden_iati: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, actor: Any) -> "ImportContext":
        """Rows are matched only against what ``actor`` may see: a hidden record
        is never updated, named nor confirmed to exist."""
        context = cls(actor=actor)
        visible = Organisation.objects.select_related("parent")
        if actor is not None:
            visible = organisation_list_for_user(user=actor, archived=None)
            context.hidden_iati = set(
                Organisation.objects.exclude(pk__in=visible.values("pk"))
                .exclude(iati_identifier="")
                .values_list("iati_identifier", flat=True)
            )
        for organisation in visible:
            if organisation.iati_identifier:
                context.by_iati[organisation.iati_identifier] = organisation
            key = (normalise_for_search(organisation.name), organisation.country_id)
            context.by_key[key] = organisation
            for ref in _refs(organisation.name, organisation.iati_identifier):
                context.visible_by_ref.setdefault(ref, []).append(organisation)
        return context

    def place(self, text: str) -> Place | None:
        if text not in self.places:
            self.places[text] = place_resolve(text)
        return self.places[text]


def _refs(name: str, iati_identifier: str) -> list[str]:
    refs = [normalise_for_search(name)]
    if iati_identifier:
        refs.append(normalise_for_search(iati_identifier))
    return refs


def kind_lookup() -> dict[str, str]:
    lookup = dict(KIND_ALIASES)
    for code, label in OrganisationKind.choices:
        lookup[normalise_for_search(code)] = code
        for language in ("fr", "en", "ar"):
            with translation.override(language):
                lookup[normalise_for_search(str(label))] = code
    return lookup


def parse_yes_no(text: str) -> bool | None:
    value = normalise_for_search(text)
    if value in YES:
        return True
    return False if value in NO else None


def line_error(line: int, message: str) -> str:
    return _("Line %(line)d: %(error)s") % {"line": line, "error": message}


def _resolve_places(
    row: Row, context: ImportContext, fields: dict[str, Any], errors: list[str]
) -> None:
    unknown = {
        "country": _("country “%(value)s” unknown."),
        "scope_country": _("responsible country “%(value)s” unknown."),
    }
    for column, message in unknown.items():
        if column not in row.values:
            continue
        text = row.values[column]
        if column == "scope_country" and not text:
            fields[column] = None
            continue
        place = context.place(text)
        if place is None:
            errors.append(line_error(row.line, message % {"value": text}))
        fields[column] = place


def _parse_values(
    row: Row, context: ImportContext, kinds: dict[str, str], errors: list[str]
) -> dict[str, Any]:
    values = row.values
    fields: dict[str, Any] = {"name": values.get("name", "")}
    if not fields["name"]:
        errors.append(line_error(row.line, _("the name is missing.")))
    fields["kind"] = kinds.get(normalise_for_search(values.get("kind", "")))
    if fields["kind"] is None:
        message = _("type “%(value)s” unknown.") % {"value": values.get("kind", "")}
        errors.append(line_error(row.line, message))
    _resolve_places(row, context, fields, errors)
    fields.update({name: values[name] for name in TEXT_COLUMNS if name in values})
    if "is_restricted" in values:
        restricted = parse_yes_no(values["is_restricted"])
        if restricted is None:
            message = _("“%(value)s” is not yes or no (restricted).") % {
                "value": values["is_restricted"]
            }
            errors.append(line_error(row.line, message))
        fields["is_restricted"] = bool(restricted)
    return fields


def _check_model_fields(line: int, fields: dict[str, Any], errors: list[str]) -> None:
    if not fields.get("kind") or not fields.get("country") or not fields["name"]:
        return  # already reported
    try:
        Organisation(**fields).clean_fields(exclude=["parent", "search_text"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = getattr(Organisation._meta.get_field(name), "verbose_name", name)
            for message in messages:
                text = _("%(field)s: %(message)s") % {
                    "field": label,
                    "message": message,
                }
                errors.append(line_error(line, text))


def _match_existing(
    parsed: ParsedRow, context: ImportContext, errors: list[str]
) -> Organisation | None:
    fields = parsed.fields
    iati = fields.get("iati_identifier", "")
    if iati in context.hidden_iati:  # the service's words: nothing about the other
        errors.append(line_error(parsed.line, iati_taken_message(iati)))
    if iati:
        return context.by_iati.get(iati)
    country = fields.get("country")
    key = (normalise_for_search(fields["name"]), country.pk if country else None)
    return context.by_key.get(key)  # type: ignore[arg-type]


def _check_scope(parsed: ParsedRow, context: ImportContext, errors: list[str]) -> None:
    actor = context.actor
    if actor is None:
        return
    targets = [parsed.fields.get("scope_country")]
    if parsed.existing is not None:
        targets.append(parsed.existing.scope_country)
    if "scope_country" not in parsed.fields and parsed.existing is None:
        targets = [None]
    for place in targets:
        if not scope_allows_edit(actor, country_id=place.pk if place else None):
            name = place.name if place else _("programme-wide")
            message = _(
                "you may not manage organisations of the responsible country "
                "“%(country)s”."
            ) % {"country": name}
            errors.append(line_error(parsed.line, message))
            return


def _check_duplicate(
    parsed: ParsedRow, context: ImportContext, errors: list[str]
) -> None:
    fields = parsed.fields
    country = fields.get("country")
    key: Any = fields.get("iati_identifier") or (
        normalise_for_search(fields["name"]),
        country.pk if country else None,
    )
    if key in context.keys_seen:
        message = _("same organisation as line %(other)d.") % {
            "other": context.keys_seen[key]
        }
        errors.append(line_error(parsed.line, message))
    context.keys_seen[key] = parsed.line


def _check_parent(parsed: ParsedRow, context: ImportContext, errors: list[str]) -> None:
    ref = normalise_for_search(parsed.parent_ref or "")
    if not ref or ref in context.file_refs:
        return
    found = context.visible_by_ref.get(ref, [])
    if len(found) != 1:
        message = (
            _("parent organisation “%(value)s” not found.")
            if not found
            else _(
                "parent organisation “%(value)s” is ambiguous; use its IATI identifier."
            )
        )
        errors.append(line_error(parsed.line, message % {"value": parsed.parent_ref}))


def _parse_row(
    row: Row, index: int, context: ImportContext, kinds: dict[str, str]
) -> tuple[ParsedRow, list[str]]:
    errors: list[str] = []
    fields = _parse_values(row, context, kinds, errors)
    parsed = ParsedRow(
        line=row.line, fields=fields, parent_ref=row.values.get("parent")
    )
    if errors:
        return parsed, errors
    _check_model_fields(row.line, fields, errors)
    parsed.existing = _match_existing(parsed, context, errors)
    _check_scope(parsed, context, errors)
    _check_duplicate(parsed, context, errors)
    _check_parent(parsed, context, errors)
    for ref in _refs(fields["name"], fields.get("iati_identifier", "")):
        context.file_refs.setdefault(ref, index)
    return parsed, errors


def validate_rows(rows: list[Row], context: ImportContext) -> list[ParsedRow]:
    """Check every row; raise one ``ValidationError`` listing all errors by line."""
    kinds = kind_lookup()
    parsed_rows: list[ParsedRow] = []
    errors: list[str] = []
    for index, row in enumerate(rows):
        parsed, row_errors = _parse_row(row, index, context, kinds)
        parsed_rows.append(parsed)
        errors.extend(row_errors)
    if errors:
        raise ValidationError(errors)
    return parsed_rows
