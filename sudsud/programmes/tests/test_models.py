import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from sudsud.programmes.models import Memorandum, PartnerCountry
from sudsud.programmes.tests.factories import (
    DomainFactory,
    MemorandumFactory,
    PartnerCountryFactory,
    ProgrammeFactory,
)


def test_memorandum_reversed_pair_is_a_duplicate(countries):
    memorandum = MemorandumFactory(
        first_country=countries["MAR"], second_country=countries["SEN"]
    )
    reversed_pair = Memorandum(
        programme=memorandum.programme,
        first_country=countries["SEN"],
        second_country=countries["MAR"],
        title_fr="Doublon",
    )

    with pytest.raises(ValidationError):
        reversed_pair.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        reversed_pair.save()


def test_memorandum_needs_two_different_countries(countries):
    memorandum = Memorandum(
        programme=ProgrammeFactory(),
        first_country=countries["MAR"],
        second_country=countries["MAR"],
        title_fr="Seul",
    )

    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="two different countries"),
    ):
        memorandum.full_clean()


def test_partner_country_only_one_coordinator(countries):
    first = PartnerCountryFactory(country=countries["MAR"], is_coordinating=True)
    second = PartnerCountry(
        programme=first.programme, country=countries["SEN"], is_coordinating=True
    )

    with pytest.raises(ValidationError):
        second.full_clean()


def test_domain_name_follows_the_active_language_with_french_fallback(db):
    domain = DomainFactory(name_fr="Mobilité Sud-Sud", name_en="South–South mobility")

    with translation.override("en"):
        assert str(domain) == "South–South mobility"
    with translation.override("ar"):
        assert str(domain) == "Mobilité Sud-Sud"


def test_programme_str_and_url(db):
    programme = ProgrammeFactory(code="T05-X", name_fr="Programme X")

    with translation.override("fr"):
        assert str(programme) == "T05-X — Programme X"
    assert programme.get_absolute_url() == "/programme/T05-X/"
