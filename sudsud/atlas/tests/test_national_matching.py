import pytest

from sudsud.atlas.models import PlaceAlias
from sudsud.atlas.national.mapping import sex_parse
from sudsud.atlas.national.matching import PlaceMatcher
from sudsud.atlas.services.national import place_alias_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text", ["Sénégal", "senegal", "SENEGAL", "السنغال", "SN", "sen", "686"]
)
def test_place_matcher_match_finds_senegal_by_name_or_code(countries, text):
    assert PlaceMatcher().match(text) == countries["SEN"].pk


def test_place_matcher_match_returns_none_for_unknown(countries):
    assert PlaceMatcher().match("Sénégale") is None


def test_place_matcher_match_uses_alias_before_resolve(countries, admin_user):
    place_alias_create(actor=admin_user, text="Rép. du Sénégal", place=countries["SEN"])
    matcher = PlaceMatcher()
    assert matcher.match("REP. DU SENEGAL") == countries["SEN"].pk
    assert PlaceAlias.objects.get().original == "Rép. du Sénégal"


def test_place_matcher_match_caches_values(countries, django_assert_num_queries):
    matcher = PlaceMatcher()
    matcher.match("Mali")
    with django_assert_num_queries(0):
        assert matcher.match("Mali") == countries["MLI"].pk


@pytest.mark.parametrize(
    ("text", "sex"),
    [("F", "female"), ("Femme", "female"), ("أنثى", "female"), ("homme", "male"),
     ("Male", "male"), ("ذكر", "male"), ("Total", "both"), ("both", "both"),
     ("x", None)],
)  # fmt: skip
def test_sex_parse_reads_three_languages(text, sex):
    assert sex_parse(text) == sex
