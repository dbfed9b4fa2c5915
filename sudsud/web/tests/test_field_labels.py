"""Every field of the platform's models has a translatable label: forms, history
pages and the admin show it, and French comes first (a field without one shows
its English attribute name, "Activity", "Submitted by")."""

from django.apps import apps
from django.utils.functional import Promise


def test_every_model_field_has_a_translatable_label():
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("sudsud.")
        for field in model._meta.get_fields()
        if not field.auto_created
        and hasattr(field, "verbose_name")
        and field.name != "id"
        and not isinstance(field.verbose_name, Promise)
    ]
    assert untranslated == []
