"""Recovery of every kind of background work whose message was lost (docs/reliability.md).

The status of each piece of work lives in PostgreSQL, so the work can always be found again:

- recommendation jobs still queued (or running past the hard time limit);
- determinations submitted but without a letter;
- uploaded records whose text extraction is still pending;
- whatever other apps register with relay.sweeper (pas: notifications never attempted);
- (and messages the broker refused: relay.UnsentTask, sent first).

`sweep_pending_work()` re-sends each once it is older than the grace period (UR_SWEEP_GRACE_SECONDS,
longer than the broker's redelivery of a dead worker's messages, so a message that is still in
Redis is normally not sent twice). Every task is idempotent, so a second send stores nothing twice.
It runs at each worker start (config/celery.py) and every UR_SWEEP_SECONDS from Celery beat.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audit.services import record_event
from relay.models import UnsentTask
from relay.outbox import relay_unsent, send_task
from relay.sweeper import registered_finders
from reviews.models import ClinicalDocument, Determination, Letter, RecommendationJob
from reviews.models.decisions import DeterminationStatus, JobStatus
from reviews.tasks.base import stuck_after_seconds
from reviews.tasks.documents import extract_document_text_task
from reviews.tasks.letters import issue_letter_task
from reviews.tasks.recommendations import compute_recommendation_task

logger = logging.getLogger(__name__)


@dataclass
class SweepReport:
    relayed: int = 0
    resent: dict[str, list[int]] = field(default_factory=dict)
    broker_down: bool = False

    @property
    def total(self) -> int:
        return self.relayed + sum(len(ids) for ids in self.resent.values())


def _pending(grace_seconds: int) -> dict[str, list[int]]:
    now = timezone.now()
    cutoff = now - timedelta(seconds=grace_seconds)
    stale_running = now - timedelta(seconds=stuck_after_seconds() + grace_seconds)
    RecommendationJob.objects.filter(status=JobStatus.RUNNING, started_at__lt=stale_running).update(
        status=JobStatus.QUEUED
    )
    return {
        "recommendation": list(
            RecommendationJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=cutoff)
            .order_by("id")
            .values_list("pk", flat=True)
        ),
        "letter": list(
            Determination.objects.filter(status=DeterminationStatus.SUBMITTED, decided_at__lt=cutoff)
            .exclude(Exists(Letter.objects.filter(determination=OuterRef("pk"))))
            .order_by("id")
            .values_list("pk", flat=True)
        ),
        "extraction": list(
            ClinicalDocument.objects.filter(
                extraction_status=ClinicalDocument.ExtractionStatus.PENDING, uploaded_at__lt=cutoff
            )
            .order_by("id")
            .values_list("pk", flat=True)
        ),
    }


def _send(kind: str, pk: int) -> bool:
    """Send one piece of work again; False when the broker refused it (its state is already stored)."""
    if kind == "recommendation":
        case_id = RecommendationJob.objects.filter(pk=pk).values_list("case_id", flat=True).first()
        return case_id is None or send_task(compute_recommendation_task, (case_id, pk), store=False)
    if kind == "letter":
        return send_task(issue_letter_task, (pk,), store=False)
    return send_task(extract_document_text_task, (pk,), store=False)


def sweep_pending_work(*, grace_seconds: int | None = None) -> SweepReport:
    """Send stored messages, then re-send work still pending after the grace period."""
    grace = settings.UR_SWEEP_GRACE_SECONDS if grace_seconds is None else grace_seconds
    report = SweepReport(relayed=relay_unsent())
    if report.relayed == 0 and _unsent_left():
        report.broker_down = True
        return report
    for kind, ids in _pending(grace).items():
        for pk in ids:
            if not _send(kind, pk):
                report.broker_down = True
                break
            report.resent.setdefault(kind, []).append(pk)
        if report.broker_down:
            break
    # Other apps' pending work (pas notifications), registered with relay.sweeper.
    for kind, finder in registered_finders().items():
        if report.broker_down:
            break
        for task_name, args in finder(grace):
            if not send_task(current_app.tasks[task_name], tuple(args), store=False):
                report.broker_down = True
                break
            report.resent.setdefault(kind, []).append(int(args[0]) if args else 0)  # type: ignore[call-overload]
    if report.resent:
        # A marked retry: the work itself is audited once, when it finally runs.
        record_event("work.resent", summary={"grace_seconds": grace, **report.resent})
        logger.info("sweeper re-sent %s", {k: len(v) for k, v in report.resent.items()})
    return report


def _unsent_left() -> bool:
    return UnsentTask.objects.exists()
