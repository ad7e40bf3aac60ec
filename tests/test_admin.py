"""Every model registered in the admin has a working changelist (after the demo data is loaded)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_admin_changelist_renders_for_every_registered_model(client, settings, tmp_path):
    settings.UR_PKI_DIR = tmp_path / "pki"
    call_command("load_demo", verbosity=0)
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x-long-password-1"))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, f"{url} -> {response.status_code}"
