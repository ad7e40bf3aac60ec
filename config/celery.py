"""The Celery app. Settings come from Django settings (CELERY_* names).

Reliability (docs/reliability.md): acks_late + task_reject_on_worker_lost put the message of a task
whose worker died back in the queue; Celery beat (`celery -A config beat`) runs the sweeper every
UR_SWEEP_SECONDS; and every worker asks for one sweep as soon as it is ready, so work stored while
Redis was down (relay.UnsentTask) or whose message was lost is sent again after a restart.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("urdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@worker_ready.connect(weak=False)
def sweep_at_worker_start(sender: Any = None, **kwargs: Any) -> None:
    try:
        app.send_task("reviews.sweep_pending_work")
    except Exception:  # noqa: BLE001 - the periodic sweep still runs; a worker must start regardless
        logger.warning("could not request the start-up sweep")
