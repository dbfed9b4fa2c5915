import pytest
from django.core.management import CommandError, call_command

from sudsud.atlas.models import StockValue

from .undesa_workbooks import destination_2020, series

pytestmark = pytest.mark.django_db


def test_import_undesa_command_imports_then_says_unchanged(tmp_path, countries, capsys):
    path = tmp_path / "dest.xlsx"
    path.write_bytes(destination_2020([["Senegal", "", 686, "B", *series(40)]]))

    call_command("import_undesa", str(path), "--edition", "Rev.2020")
    call_command("import_undesa", str(path))

    out = capsys.readouterr().out.splitlines()
    assert "21" in out[0]
    assert "Rev.2020" in out[-1]
    assert out[-1] != out[0]
    assert StockValue.objects.count() == 21


def test_import_undesa_command_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"not a spreadsheet")

    with pytest.raises(CommandError):
        call_command("import_undesa", str(path))
    with pytest.raises(CommandError):
        call_command("import_undesa", str(tmp_path / "absent.xlsx"))
