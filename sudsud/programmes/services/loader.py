"""Loading the programme's reference facts (``programmes.reference``).

Idempotent and respectful of administrators' work: it creates what is missing and
never changes a row that exists, so a lead ministry, a signature date or a
corrected amount entered on the site survives every later run.
"""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import audit_created
from sudsud.organisations.models import Organisation
from sudsud.organisations.services import organisation_create
from sudsud.places.models import Place
from sudsud.places.selectors import place_resolve
from sudsud.programmes import reference as ref
from sudsud.programmes.models import (
    Domain,
    Memorandum,
    PartnerCountry,
    Programme,
    ProgrammeFunding,
    ProgrammeImplementer,
)

M = TypeVar("M", bound=models.Model)
COUNT_KEYS = (
    "programmes",
    "organisations",
    "fundings",
    "implementers",
    "partner_countries",
    "memoranda",
    "domains",
)


class MissingPlacesError(Exception):
    """The countries the programme refers to are not loaded yet."""


class _Loader:
    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.counts = dict.fromkeys(COUNT_KEYS, 0)
        self.places = _places(ref.REQUIRED_ISO3)

    def create(self, key: str, instance: M) -> M:
        instance.full_clean()
        instance.save()
        audit_created(
            actor=self.actor, instance=instance, note="programme reference data"
        )
        self.counts[key] += 1
        return instance


def _places(iso3_codes: tuple[str, ...]) -> dict[str, Place]:
    found = {code: place_resolve(code) for code in iso3_codes}
    missing = [code for code, place in found.items() if place is None]
    if missing:
        raise MissingPlacesError(
            _(
                "These countries are not loaded: %(codes)s. Run “python manage.py "
                "load_places” (or “make setup”) first, then load the programme again."
            )
            % {"codes": ", ".join(missing)}
        )
    return {code: place for code, place in found.items() if place is not None}


def _find_organisation(fact: ref.OrganisationFact) -> Organisation | None:
    names = {fact.name, fact.acronym, *fact.aliases}
    wanted = Q()
    for name in names:
        wanted |= Q(name__iexact=name) | Q(acronym__iexact=name)
    return Organisation.objects.filter(wanted).order_by("pk").first()


def _organisations(loader: _Loader) -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for fact in ref.ORGANISATIONS:
        organisation = _find_organisation(fact)
        if organisation is None:
            organisation = organisation_create(
                actor=loader.actor,
                name=fact.name,
                kind=fact.kind,
                country=loader.places[fact.seat_iso3],
                acronym=fact.acronym,
                description=_("Source: %(source)s") % {"source": fact.source},
            )
            loader.counts["organisations"] += 1
        found[fact.key] = organisation
    return found


def _programme(loader: _Loader) -> Programme:
    fact = ref.PROGRAMME
    existing = Programme.objects.filter(code=fact.code).first()
    if existing is not None:
        return existing
    programme = Programme(
        code=fact.code,
        name_fr=fact.name_fr,
        name_en=fact.name_en,
        description_fr=fact.description_fr,
        description_en=fact.description_en,
        start_date=fact.start_date,
        end_date=fact.end_date,
        currency=fact.currency,
        source=fact.source,
    )
    return loader.create("programmes", programme)


def _fundings_and_implementers(
    loader: _Loader, programme: Programme, organisations: dict[str, Organisation]
) -> None:
    for fact in ref.FUNDINGS:
        funder = organisations[fact.funder]
        fundings = programme.fundings.filter(funder=funder, kind=fact.kind)
        if not fundings.exists():
            loader.create(
                "fundings",
                ProgrammeFunding(
                    programme=programme,
                    funder=funder,
                    amount=fact.amount,
                    currency=programme.currency,
                    kind=fact.kind,
                    note=fact.note,
                    source=fact.source,
                ),
            )
    for key, source in ref.IMPLEMENTERS:
        organisation = organisations[key]
        if not programme.implementers.filter(organisation=organisation).exists():
            implementer = ProgrammeImplementer(
                programme=programme, organisation=organisation, source=source
            )
            loader.create("implementers", implementer)


def _partner_countries(loader: _Loader, programme: Programme) -> None:
    for fact in ref.COUNTRIES:
        country = loader.places[fact.iso3]
        if programme.partner_countries.filter(country=country).exists():
            continue
        has_coordinator = programme.partner_countries.filter(is_coordinating=True)
        partner = PartnerCountry(
            programme=programme,
            country=country,
            is_coordinating=fact.is_coordinating and not has_coordinator.exists(),
            notes=fact.notes,
            source=fact.source,
        )
        loader.create("partner_countries", partner)


def _memoranda(loader: _Loader, programme: Programme) -> None:
    for fact in ref.MEMORANDA:
        first, second = loader.places[fact.first_iso3], loader.places[fact.second_iso3]
        pair = Q(first_country=first, second_country=second) | Q(
            first_country=second, second_country=first
        )
        if programme.memoranda.filter(pair).exists():
            continue
        memorandum = Memorandum(
            programme=programme,
            first_country=first,
            second_country=second,
            title_fr=fact.title_fr,
            title_en=fact.title_en,
            source=fact.source,
        )
        loader.create("memoranda", memorandum)


def _domains(loader: _Loader, programme: Programme) -> None:
    for fact in ref.DOMAINS:
        if programme.domains.filter(code=fact.code).exists():
            continue
        domain = Domain(
            programme=programme,
            code=fact.code,
            order=fact.order,
            name_fr=fact.name_fr,
            name_en=fact.name_en,
            name_ar=fact.name_ar,
            description_fr=fact.description_fr,
            description_en=fact.description_en,
            source=fact.source,
        )
        loader.create("domains", domain)


@transaction.atomic
def programme_load_reference(*, actor: Any = None) -> dict[str, int]:
    """Create the programme and its reference rows where missing; return how many
    rows of each kind were created (all zero on a second run).

    ``actor=None`` is the system; a person must be a programme administrator.
    Raises ``MissingPlacesError`` when the countries are not loaded."""
    if actor is not None and not scope_for(actor).is_programme_admin:
        raise PermissionDenied(_("Only programme administrators load reference data."))
    loader = _Loader(actor)
    organisations = _organisations(loader)
    programme = _programme(loader)
    _fundings_and_implementers(loader, programme, organisations)
    _partner_countries(loader, programme)
    _memoranda(loader, programme)
    _domains(loader, programme)
    return loader.counts
