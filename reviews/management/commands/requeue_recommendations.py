"""Re-enqueue recommendation jobs stuck in "queued" (e.g. after a Redis restart lost the message).

python manage.py requeue_recommendations [--older-than SECONDS] [--no-running]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reviews.services.recommendations import recommendation_requeue


class Command(BaseCommand):
    help = "Re-enqueue recommendation jobs still queued (or running past CELERY_TASK_TIME_LIMIT)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=600, help="only jobs created this many seconds ago")
        parser.add_argument(
            "--no-running", action="store_true", help="leave jobs stuck in 'running' alone (default: requeue them)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = recommendation_requeue(
            older_than_seconds=max(0, options["older_than"]), include_running=not options["no_running"]
        )
        self.stdout.write(f"Re-enqueued {len(ids)} recommendation job(s)" + (f": {ids}" if ids else "."))
