from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sudsud.accounts.models import Role, User


def run(*args):
    out = StringIO()
    call_command("ensure_demo_admin", *args, stdout=out)
    return out.getvalue()


def test_ensure_demo_admin_creates_admin_and_shows_password_once(db):
    output = run()
    admin = User.objects.get(username="admin")
    password = next(
        line.split(": ", 1)[1]
        for line in output.splitlines()
        if line.startswith("Password")
    )
    assert admin.check_password(password)
    assert admin.is_staff
    assert admin.is_superuser
    assert admin.programme_wide
    assert admin.role == Role.PROGRAMME_ADMIN
    assert "will not be shown again" in output
    assert "manage.py changepassword admin" in output


def test_ensure_demo_admin_is_idempotent(db):
    run()
    first_hash = User.objects.get(username="admin").password
    output = run()
    assert "already exists" in output
    assert "Password" not in output
    assert User.objects.filter(username="admin").count() == 1
    assert User.objects.get(username="admin").password == first_hash


def test_ensure_demo_admin_refuses_production_settings(db, settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError):
        run()
    assert not User.objects.filter(username="admin").exists()
    run("--force")
    assert User.objects.filter(username="admin").exists()
