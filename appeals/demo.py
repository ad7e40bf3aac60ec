"""Demo data for appeals, peer-to-peer and extensions, run by `manage.py load_demo` (idempotent).

Hand count the dashboard's CMS-0057-F table should show on a fresh demo (last 30 days, partial
approvals counted as approved): 6 prior-authorization decisions, 4 standard and 2 expedited;
standard approved 3 (75.0%), denied 1 (25.0%), approved after appeal 1 (25.0%: DEMO-0108,
denied then overturned); extended then approved 1 of 6 (16.7%: DEMO-0111, extended 14 days at
the member's request, then approved); expedited approved 2 (100.0%), denied 0. DEMO-0107's
partial approval (Medicare Advantage) is appealed by the member, upheld, and forwarded to the IRE.
DEMO-0101 (open) has a peer-to-peer whose two call windows were both missed.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from reviews.models import Case, Letter
from reviews.services.letters import letter_issue
from vocabulary import Decision

from .models import Appeal, NoticeKind, NoticeLetter, PeerToPeer
from .services.appeals import appeal_assign, appeal_decide, appeal_file
from .services.extensions import extension_grant
from .services.letters import notice_issue
from .services.p2p import current_determination, p2p_request, p2p_window_missed

EXTEND = ("DEMO-0111", "member_request", 14, "The member asked for time to send the surgeon's post-operative note.")
MISSED_P2P = "DEMO-0101"
APPEALS = (
    # (case, requester kind, requester name, reason, outcome, rationale)
    (
        "DEMO-0108",
        "provider",
        "Riverside Physical Therapy",
        "The re-evaluation on page 4 documents strength testing and a new functional goal the review missed.",
        "overturned",
        "The re-evaluation documents objective strength deficits (4-/5 external rotation) and an unmet work goal; "
        "the continuation criteria are met for the requested visits.",
    ),
    (
        "DEMO-0107",
        "member",
        "The member",
        "I still cannot sit through a work shift and want the full course of therapy.",
        "upheld",
        "The visits approved cover the course the guideline supports; the record shows no outcome measure improving "
        "by its minimal clinically important difference that would justify visits beyond the benchmark.",
    ),
)


WORKER_WAIT_SECONDS = 60


def _settle(find: Any, issue: Any) -> None:
    """Make sure a queued letter or notice exists: wait for a real worker, or issue it here.

    On-commit callbacks do not run inside a test's transaction, and a real worker signs on its own
    (signing here too would do the work twice); with eager Celery the call below finds it done.
    """
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        deadline = time.monotonic() + WORKER_WAIT_SECONDS
        while not find() and time.monotonic() < deadline:
            time.sleep(0.2)
    if not find():
        issue()


def _settle_appeal(appeal: Appeal) -> None:
    """The overturn's new determination letter, the appeal-decision letter and (MA upheld) the IRE packet."""
    amended = appeal.amended_determination
    if amended is not None:
        _settle(
            lambda: Letter.objects.filter(determination=amended).exists(), lambda: letter_issue(determination=amended)
        )

    def done() -> bool:
        if not NoticeLetter.objects.filter(appeal=appeal).exists():
            return False
        return appeal.outcome == "overturned" or Appeal.objects.filter(pk=appeal.pk, status="forwarded_to_ire").exists()

    _settle(done, lambda: notice_issue(kind=NoticeKind.APPEAL_DECISION, object_id=appeal.pk))


def _user(name: str) -> User | None:
    return User.objects.filter(username=name).first()


def before_decisions(out: Any) -> None:
    """Before the demo decisions: extend DEMO-0111's clock (it is approved afterwards)."""
    reference, reason_kind, days, reason = EXTEND
    case = Case.objects.filter(reference=reference).select_related("assigned_reviewer").first()
    if case is None or case.assigned_reviewer is None or case.extensions.exists() or not case.is_open:
        return
    ext = extension_grant(case=case, actor=case.assigned_reviewer, reason_kind=reason_kind, reason=reason, days=days)
    _settle(
        lambda: NoticeLetter.objects.filter(extension=ext).exists(),
        lambda: notice_issue(kind=NoticeKind.EXTENSION_NOTICE, object_id=ext.pk),
    )
    out.write(f"extended {reference} by {ext.days} days ({reason_kind})")


def after_decisions(out: Any) -> None:
    """After the demo decisions: a missed peer-to-peer, an overturned appeal and an upheld MA appeal."""
    supervisor, intake, appeals = _user("supervisor"), _user("intake"), _user("appeals")
    if supervisor is None or appeals is None:
        return
    recorder = intake or supervisor
    case = Case.objects.filter(reference=MISSED_P2P).select_related("assigned_reviewer").first()
    if case is not None and case.assigned_reviewer is not None and not PeerToPeer.objects.filter(case=case).exists():
        now = timezone.now()
        p2p = p2p_request(
            case=case,
            actor=recorder,
            peer=case.assigned_reviewer,
            provider_contact="Front desk, Lakeside Rehab",
            provider_phone="555-0177",
            requested_at=now - timedelta(hours=30),
            windows=[
                (now - timedelta(hours=26), now - timedelta(hours=25)),
                (now - timedelta(hours=4), now - timedelta(hours=3)),
            ],
        )
        for window in p2p.windows.all():
            p2p_window_missed(p2p=p2p, window=window, actor=case.assigned_reviewer)
        out.write(f"peer-to-peer on {MISSED_P2P}: both call windows missed")
    for reference, kind, name, reason, outcome, rationale in APPEALS:
        original = Case.objects.filter(reference=reference).first()
        if original is None or Appeal.objects.filter(original_case=original).exists():
            continue
        determination = current_determination(original)
        if determination is None or determination.decision == Decision.APPROVE:
            continue
        appeal = appeal_file(
            determination=determination, actor=recorder, requester_kind=kind, requester_name=name, reason=reason
        )
        appeal_assign(appeal=appeal, reviewer=appeals, actor=supervisor)
        appeal = appeal_decide(appeal=appeal, actor=appeals, outcome=outcome, rationale=rationale)
        _settle_appeal(appeal)
        out.write(f"appeal {appeal.case.reference} of {reference}: {outcome} by {appeals.username}")
