import factory

from sudsud.accounts.models import Role, User
from sudsud.core.text import normalise_for_search

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Awa"
    last_name = factory.Sequence(lambda n: f"Diallo{n}")
    role = Role.VIEWER
    search_text = factory.LazyAttribute(
        lambda o: normalise_for_search(o.first_name, o.last_name, o.username, o.email)
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
