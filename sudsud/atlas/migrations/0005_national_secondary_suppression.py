"""Apply secondary suppression to national values imported before it existed.

Editions of national sources with at least one suppressed cell were imported with
the small-cell rule; their shown cells may give a suppressed one away by
subtraction. Suppressed cells count as 0 (their figure is not stored) and the rule
of ``atlas.national.aggregate.suppressed_cells`` hides what would reveal them.
Editions without suppressed cells (figures published by their source, or no
small cell) are left as they are. Importing the same file again would not do
this: it is recognised and left unchanged.
"""

from django.db import migrations

SUPPRESSED = "suppressed"


def resuppress(apps, schema_editor):
    # The application's rule, imported here on purpose: this migration applies
    # whatever rule the running version enforces on new imports.
    from sudsud.atlas.national.aggregate import suppressed_cells

    StockValue = apps.get_model("atlas", "StockValue")
    national = StockValue.objects.filter(edition__source__is_national=True)
    editions = national.filter(flag=SUPPRESSED).values_list("edition_id", flat=True)
    for edition_id in sorted(set(editions)):
        rows = national.filter(edition_id=edition_id).values_list(
            "pk", "year", "origin_id", "destination_id", "sex", "age_group",
            "subnational", "value",
        )  # fmt: skip
        counts, pks = {}, {}
        for pk, year, origin, destination, sex, age, sub, value in rows:
            key = (year, origin, destination, sex, age, sub)
            counts[key] = value or 0
            pks[key] = pk
        newly = [
            pks[key]
            for key in suppressed_cells(counts, known=False)
            if counts[key] and counts[key] >= 5
        ]
        national.filter(pk__in=newly).update(value=None, flag=SUPPRESSED)


class Migration(migrations.Migration):
    dependencies = [("atlas", "0004_stock_value_indexes_for_bulk_loads")]

    operations = [migrations.RunPython(resuppress, migrations.RunPython.noop)]
