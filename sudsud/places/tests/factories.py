import factory

from sudsud.core.text import normalise_for_search
from sudsud.places.models import (
    Grouping,
    GroupingKind,
    GroupingMembership,
    Place,
    PlaceKind,
)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 100 + n)
    kind = PlaceKind.COUNTRY
    name_fr = factory.Sequence(lambda n: f"Pays {n}")
    name_en = factory.Sequence(lambda n: f"Country {n}")
    name_ar = ""
    iso2 = ""
    iso3 = ""
    search_text = factory.LazyAttribute(
        lambda o: normalise_for_search(o.name_fr, o.name_en, o.name_ar, o.iso2, o.iso3)
    )


class GroupingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grouping

    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = GroupingKind.ECONOMIC
    name_fr = factory.Sequence(lambda n: f"Groupe {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    name_ar = ""
    search_text = factory.LazyAttribute(
        lambda o: normalise_for_search(o.name_fr, o.name_en, o.name_ar, o.slug)
    )


class GroupingMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupingMembership

    grouping = factory.SubFactory(GroupingFactory)
    place = factory.SubFactory(PlaceFactory)
    start_date = None
    end_date = None
