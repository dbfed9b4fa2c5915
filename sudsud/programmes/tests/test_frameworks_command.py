import pytest
from django.core.management import CommandError, call_command

from sudsud.programmes.models import FrameworkCatalogue


def test_load_framework_imports_the_eutf_catalogue(shared_dir, programme, capsys):
    path = shared_dir / "data/eutf/eutf_common_output_indicators_akvo_2021-12.csv"

    call_command(
        "load_framework",
        str(path),
        code="eutf-cop",
        catalogue_version="2021-12",
        funder="EUTF",
    )
    call_command(
        "load_framework", str(path), code="eutf-cop", catalogue_version="2021-12"
    )

    catalogue = FrameworkCatalogue.objects.get()
    assert catalogue.indicators.count() == 38
    assert "38 indicators" in capsys.readouterr().out


def test_load_framework_new_version_is_separate(shared_dir, db):
    path = shared_dir / "data/eutf/eutf_common_output_indicators_akvo_2021-12.csv"

    call_command(
        "load_framework", str(path), code="eutf-cop", catalogue_version="2021-12"
    )
    call_command(
        "load_framework", str(path), code="eutf-cop", catalogue_version="2022-06"
    )

    assert FrameworkCatalogue.objects.count() == 2


def test_load_framework_reports_bad_rows(tmp_path, db):
    path = tmp_path / "bad.csv"
    path.write_text("number,label_en\n,Jobs\n", encoding="utf-8")

    with pytest.raises(CommandError, match="2"):
        call_command("load_framework", str(path), code="x", catalogue_version="1")
    assert not FrameworkCatalogue.objects.exists()


def test_load_framework_command_line_accepts_version_option(tmp_path, db):
    path = tmp_path / "ok.csv"
    path.write_text("code,label_en\nA,Alpha\n", encoding="utf-8")

    call_command("load_framework", str(path), "--code", "logframe", "--version", "v1")

    assert FrameworkCatalogue.objects.get().version == "v1"
