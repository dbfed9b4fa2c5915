import importlib

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_support_admin_offers_nothing_that_bypasses_the_services():
    importlib.import_module(settings.ROOT_URLCONF)  # where the admin is wired
    registered = {model._meta.label for model in admin.site._registry}
    assert not registered & {
        "authtoken.TokenProxy",
        "otp_totp.TOTPDevice",
        "django_tasks_db.DBTaskResult",
        "auth.Group",
    }
    assert "core.AuditEntry" in registered


def test_support_admin_audit_entries_are_read_only(admin_client, admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    response = admin_client.get(reverse("admin:core_auditentry_add"))
    assert response.status_code == 403


def test_support_admin_login_goes_through_the_platform_sign_in(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
