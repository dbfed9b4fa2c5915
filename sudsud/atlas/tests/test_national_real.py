"""The real 2020 bilateral extract (``../shared``) through the national path."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum

from sudsud.atlas.models import Definition, StockValue
from sudsud.atlas.national.mapping import Mapping
from sudsud.atlas.services.national import (
    national_edition_create,
    national_import,
    national_source_create,
    national_upload_create,
    national_upload_map,
)
from sudsud.places.models import GroupingMembership, Place
from sudsud.places.selectors import valid_on
from sudsud.places.services import places_load_reference

pytestmark = pytest.mark.django_db

EXTRACT = "ims2020_bilateral_by_sex_origins_SEN_MLI_CIV_MAR.csv"
WIDE = Mapping(
    columns={"origin": "orig_iso3", "destination": "dest_iso3", "year": "year"},
    sex_columns={"both": "total", "male": "male", "female": "female"},
    published=True,
)


def test_national_import_real_2020_extract_gives_senegal_emigrants(shared_dir):
    places_load_reference(actor=None)
    source = national_source_create(
        actor=None,
        fields={
            "code": "undesa-ims-2020-extract",
            "name_fr": "UN DESA IMS 2020, extrait bilatéral",
            "name_en": "UN DESA IMS 2020, bilateral extract",
            "definition": Definition.MIXED,
            "licence": "CC BY 3.0 IGO",
        },
    )
    edition = national_edition_create(
        actor=None, source=source, code="Rev.2020", published_year=2020
    )
    data = (shared_dir / "data" / "undesa" / EXTRACT).read_bytes()
    upload = national_upload_create(
        actor=None,
        edition=edition,
        upload=SimpleUploadedFile(EXTRACT, data, content_type="text/csv"),
    )
    national_upload_map(actor=None, upload=upload, mapping=WIDE)

    result = national_import(actor=None, upload=upload)

    assert result.unmatched == []
    assert result.report.rows_read == 1594
    senegal = Place.objects.get(iso3="SEN")
    emigrants = StockValue.objects.filter(
        edition=edition, origin=senegal, year=2020, sex="both"
    )
    total = emigrants.aggregate(total=Sum("value"))["total"]
    assert total == 693_765
    oecd = GroupingMembership.objects.filter(
        valid_on(dt.date(2020, 1, 1)), grouping__slug="oecd"
    ).values("place_id")
    in_oecd = emigrants.filter(destination__in=oecd).aggregate(total=Sum("value"))
    assert round(100 * in_oecd["total"] / total) == 58
    second = national_upload_create(
        actor=None,
        edition=edition,
        upload=SimpleUploadedFile(EXTRACT, data, content_type="text/csv"),
    )
    national_upload_map(actor=None, upload=second, mapping=WIDE)
    again = national_import(actor=None, upload=second)
    assert again.unchanged is True
    assert StockValue.objects.filter(edition=edition).count() == (
        result.report.values_stored
    )
