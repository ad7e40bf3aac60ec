"""The demo data's CMS-0057-F table agrees with a hand count (appeals/demo.py's docstring)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appeals.models import Appeal, AppealStatus, Extension, IREForwarding, NoticeLetter, P2PStatus, PeerToPeer
from oversight.models import QualityAuditSample
from oversight.selectors import Period, dashboard


@pytest.fixture
def demo(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: None) -> str:
    settings.UR_PKI_DIR = str(tmp_path / "pki")
    monkeypatch.delenv("UR_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_cms_table_matches_the_hand_count(demo: str, client: Client) -> None:
    today = timezone.localdate()
    cms = dashboard(Period(today - timedelta(days=29), today)).cms
    # Hand count: DEMO-0106 approve, 0107 partial, 0108 deny (overturned on appeal), 0111 approve (extended)
    # are standard; 0109 approve and 0110 approve are expedited. A partial counts as approved.
    assert (cms["decisions"], cms["standard_decisions"], cms["expedited_decisions"]) == (6, 4, 2)
    assert (cms["standard_approved"], cms["standard_approved_pct"]) == (3, 75.0)
    assert (cms["standard_denied"], cms["standard_denied_pct"]) == (1, 25.0)
    assert (cms["standard_approved_after_appeal"], cms["standard_approved_after_appeal_pct"]) == (1, 25.0)
    assert (cms["extended"], cms["extended_approved"], cms["extended_approved_pct"]) == (1, 1, 16.7)
    assert (cms["expedited_approved_pct"], cms["expedited_denied_pct"]) == (100.0, 0.0)

    assert "appeal DEMO-0108-A1 of DEMO-0108: overturned by appeals" in demo
    assert Appeal.objects.get(case__reference="DEMO-0107-A1").status == AppealStatus.FORWARDED_TO_IRE
    assert IREForwarding.objects.count() == 1
    assert NoticeLetter.objects.count() == 3  # two appeal decisions, one extension notice
    assert Extension.objects.get().case.reference == "DEMO-0111"
    assert PeerToPeer.objects.get().status == P2PStatus.MISSED
    assert QualityAuditSample.objects.get().reason == "appeal_overturned"

    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="supervisor"))
    page = client.get(reverse("oversight:dashboard")).content.decode()
    assert 'data-key="standard_approved_after_appeal">1 (25.0%)' in page
    assert 'data-key="extended_approved">1 (16.7%)' in page
    public = client.get(reverse("oversight:cms_public_csv")).content.decode()
    assert "standard_approved_after_appeal_pct" in public and ",1,25.0" in public


def test_demo_is_still_idempotent(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = (Appeal.objects.count(), Extension.objects.count(), PeerToPeer.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Appeal.objects.count(), Extension.objects.count(), PeerToPeer.objects.count()) == counts == (2, 1, 1)
