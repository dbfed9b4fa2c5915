import factory

from sudsud.core.text import normalise_for_search
from sudsud.organisations.models import Contact, Organisation, OrganisationKind
from sudsud.places.tests.factories import PlaceFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.NGO
    country = factory.SubFactory(PlaceFactory)
    scope_country = None
    name_ar = ""
    acronym = ""
    city = ""
    search_text = factory.LazyAttribute(
        lambda o: normalise_for_search(o.name, o.name_ar, o.acronym, o.city)
    )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Fatou Ndiaye {n}")
    role = "Présidente"
    search_text = factory.LazyAttribute(lambda o: normalise_for_search(o.full_name))
