"""Browser flow: deny -> peer-to-peer missed -> appeal -> overturn -> new signed letter -> dashboard figure changes.

Each step is done by the role that owns it: the reviewer denies and records the missed call
windows, intake staff record the peer-to-peer request and the appeal, the supervisor assigns the
appeal, the appeals reviewer (a physician, as Medicare Advantage requires) overturns it. The
letters are signed by the real Celery worker. The audit chain verifies afterwards.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from appeals.models import Appeal, NoticeLetter, P2PStatus, PeerToPeer
from audit.verify import verify_chain
from reviews.models import Case, Letter

from .support import TASK_TIMEOUT_MS, login, logout

pytestmark = [pytest.mark.e2e, pytest.mark.services]


def _local(dt: Any) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _after_appeal_cell(page: Any) -> str:
    page.goto("/oversight/")
    return page.locator('#cms-table td[data-key="standard_approved_after_appeal"]').inner_text()


def _poll(page: Any, url: str, locator: Any) -> None:
    deadline = time.monotonic() + TASK_TIMEOUT_MS / 1000
    while True:
        page.goto(url)
        if locator.count() or time.monotonic() > deadline:
            break
        page.wait_for_timeout(1000)
    expect(locator.first).to_be_visible()


def test_denial_missed_p2p_appeal_overturn_new_letter_dashboard(demo: None, page: Any, snap: Any) -> None:
    # SEED-0002 is a retrospective review in its file; as a concurrent (prior-authorization) request it counts
    # in the CMS-0057-F figures, which is what this flow checks.
    Case.objects.filter(reference="SEED-0002").update(review_type="concurrent")
    case = Case.objects.get(reference="SEED-0002")

    login(page, "supervisor")
    before = _after_appeal_cell(page)
    assert before.startswith("1 (25.0%)"), before  # the demo's one overturned appeal (DEMO-0108)
    logout(page)

    # 1. The reviewer denies (review confirmed, recommendation by the worker, accepted).
    login(page, "reviewer")
    page.goto(f"/cases/{case.public_id}/?tab=review")
    page.locator("form.ur-review-form").get_by_label("Reported improvement (%)").fill("0")
    page.locator("form.ur-review-form").get_by_role("button", name="Confirm review").first.click()
    expect(page.get_by_role("status").filter(has_text="Review confirmed and saved.")).to_be_visible()
    page.get_by_role("tab", name="Recommendation").click()
    page.get_by_role("button", name=re.compile(r"Run|Compute|Recompute", re.I)).first.click()
    expect(page.locator("#case-panel").get_by_text(re.compile(r"\bdeny\b", re.I)).first).to_be_visible(
        timeout=TASK_TIMEOUT_MS
    )
    page.get_by_role("tab", name="Decision").click()
    page.get_by_role("button", name="Accept: preview the letter").click()
    page.locator("#letter-preview").get_by_role("button", name="Sign and send this letter").click()
    _poll(page, f"/cases/{case.public_id}/?tab=letters", page.get_by_role("link", name=re.compile("Download PDF")))
    snap(page, "denied-letter-v1")
    logout(page)

    # 2. Intake records the provider's peer-to-peer request with two call windows (phoned in 3 hours ago).
    now = timezone.now()
    login(page, "intake")
    page.goto(f"/cases/{case.public_id}/")
    page.get_by_role("link", name="Peer-to-peer, appeals & extensions").click()
    page.get_by_role("link", name="Record a peer-to-peer request").click()
    page.get_by_label("Provider contact (who takes the call)").fill("Dr. Lee, Hip Clinic")
    page.get_by_label("Provider phone").fill("555-0188")
    page.get_by_label("Reviewer taking the call").select_option(label="reviewer")
    page.get_by_label("Request received (UTC)").fill(_local(now - timedelta(hours=3)))
    page.get_by_label("Window 1 from (UTC)").fill(_local(now - timedelta(hours=2)))
    page.get_by_label("Window 1 to (UTC)").fill(_local(now - timedelta(hours=1)))
    page.get_by_label("Window 2 from (UTC)").fill(_local(now - timedelta(minutes=30)))
    page.get_by_label("Window 2 to (UTC)").fill(_local(now + timedelta(minutes=30)))
    page.get_by_role("button", name="Record request").click()
    expect(page.get_by_text("Peer-to-peer recorded with 2 call windows offered.")).to_be_visible()
    p2p_url = page.url
    logout(page)

    # 3. Nobody reached: the reviewer records both windows as missed; the request is missed, not done.
    login(page, "reviewer")
    page.goto(p2p_url)
    page.get_by_role("button", name="Record window 1 as missed").click()
    page.get_by_role("button", name="Record window 2 as missed").click()
    expect(page.locator("#p2p-status")).to_have_text(re.compile("Missed"))
    snap(page, "p2p-missed")
    assert PeerToPeer.objects.get(case=case).status == P2PStatus.MISSED
    logout(page)

    # 4. Intake records the provider's appeal (a new case linked to the denial).
    login(page, "intake")
    page.goto(f"/appeals/cases/{case.public_id}/")
    page.get_by_role("link", name="Record an appeal").click()
    page.get_by_label("Appeal from").select_option("provider")
    page.get_by_label("Name of the person appealing").fill("Hip Clinic")
    page.get_by_label("Why they disagree").fill("The new injury in June restarts the visit count.")
    page.get_by_role("button", name="Record appeal").click()
    expect(page.get_by_role("heading", name=re.compile(r"Appeal SEED-0002-A1"))).to_be_visible()
    appeal_url = page.url
    logout(page)

    # 5. The supervisor assigns it; the original reviewer is shown as ineligible, the appeals physician is not.
    login(page, "supervisor")
    page.goto(appeal_url)
    expect(page.get_by_text("eligible").first).to_be_visible()
    page.get_by_label("Appeals reviewer").select_option(label="appeals")
    page.get_by_role("button", name="Assign appeal").click()
    expect(page.get_by_text("Appeal assigned.")).to_be_visible()
    logout(page)

    # 6. The appeals reviewer overturns it and signs.
    login(page, "appeals")
    page.goto(appeal_url)
    page.get_by_role("radio", name="Overturned", exact=True).check()
    page.get_by_label("Rationale (quoted in the letter)").fill(
        "The June fall is a new injury after the prior episode ended, so the visit count starts afresh."
    )
    page.get_by_role("button", name="Decide and sign").click()
    expect(page.locator("#appeal-outcome")).to_contain_text("Overturned")
    _poll(page, appeal_url, page.get_by_role("link", name=re.compile("Appeal-decision letter")))
    snap(page, "appeal-overturned")
    logout(page)

    # 7. The member and provider were told anew: letter v2 supersedes v1; the dashboard figure moved.
    login(page, "supervisor")
    _poll(page, f"/cases/{case.public_id}/?tab=letters", page.get_by_text(re.compile(r"v2|version 2", re.I)))
    snap(page, "letters-v2")
    letters = list(Letter.objects.filter(case=case).order_by("version"))
    assert [lt.version for lt in letters] == [1, 2] and letters[1].supersedes_id == letters[0].pk
    assert letters[1].determination.decision == "approve"
    appeal = Appeal.objects.get(original_case=case)
    assert NoticeLetter.objects.filter(appeal=appeal).exists()
    after = _after_appeal_cell(page)
    snap(page, "dashboard-after")
    assert after.startswith("2 (40.0%)"), after  # 2 of 5 standard requests now approved after appeal
    logout(page)

    assert verify_chain().ok
