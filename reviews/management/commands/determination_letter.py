"""`python manage.py determination_letter REFERENCE --reviewer USERNAME --out PATH`

The whole path in one command: run the recommendation, record the reviewer's acceptance as the
determination, render and sign the letter, and write the signed PDF.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.models import Case, Recommendation, RecommendationJob
from reviews.models.decisions import JobStatus
from reviews.services.determinations import determination_submit
from reviews.services.letters import letter_issue
from reviews.services.recommendations import RecommendationError, recommendation_compute, recommendation_request

WAIT_SECONDS = 120


def _run_recommendation(case: Case, actor: Any) -> Recommendation:
    """Request a recommendation and wait for it (computed here, or by a worker that claimed it first)."""
    try:
        job = recommendation_request(case=case, actor=actor)
    except RecommendationError as exc:
        raise CommandError(str(exc)) from exc
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            return recommendation_compute(job_id=job.pk)
        except RecommendationError as exc:
            job = RecommendationJob.objects.get(pk=job.pk)
            if job.status == JobStatus.FAILED:
                raise CommandError(f"the recommendation failed: {job.error}") from exc
            if job.status == JobStatus.DONE and job.recommendation_id:
                return job.recommendation  # type: ignore[return-value]
        if time.monotonic() > deadline:
            raise CommandError(f"the recommendation did not finish within {WAIT_SECONDS} s")
        time.sleep(0.2)


class Command(BaseCommand):
    help = "Run the recommendation, record the reviewer's acceptance, and write the signed determination letter."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="The case reference, e.g. SEED-0002")
        parser.add_argument("--reviewer", required=True, help="Username of the reviewer who decides and signs")
        parser.add_argument("--out", required=True, help="Where to write the signed PDF")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if not out.parent.exists():
            raise CommandError(f"--out: directory {out.parent} does not exist")
        try:
            case = Case.objects.select_related("member").get(reference=options["reference"])
        except Case.DoesNotExist:
            raise CommandError(f"reference: no case {options['reference']!r}") from None
        try:
            reviewer = get_user_model().objects.get(username=options["reviewer"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"--reviewer: no user named {options['reviewer']!r}") from None

        recommendation = _run_recommendation(case, reviewer)
        case.refresh_from_db()
        self.stdout.write(
            f"recommendation: {recommendation.decision} ({recommendation.approved_visits} of "
            f"{recommendation.requested_visits} visits)"
        )
        try:
            determination = determination_submit(case=case, reviewer=reviewer, recommendation=recommendation)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--reviewer: {exc}") from exc
        # The task may already have issued it (eager mode or a fast worker): letter_issue is idempotent.
        letter = letter_issue(determination=determination)
        out.write_bytes(bytes(letter.pdf))
        self.stdout.write(
            self.style.SUCCESS(
                f"determination v{determination.version}: {determination.decision}; letter v{letter.version} "
                f"signed by {reviewer.username}, {letter.size} bytes, sha256 {letter.sha256} -> {out}"
            )
        )
