"""What every UR Desk task shares: one base class, one set of transient errors, one way to send a task.

Import rule (one direction, no cycle): **services import their tasks at module top** and send them
with ``task.delay_on_commit(...)`` (Celery's transaction-aware send: the message leaves only when the
surrounding transaction commits, at once outside one, so a worker never reads a row that is not
there yet, and a rolled-back request sends nothing). **A task's body imports its service lazily**
(inside the function): that is the only function-level import a task module has, and task modules
import nothing from ``reviews.services`` at module level. Nothing in app code calls ``.delay()`` or
``.apply_async()`` directly (``tests/test_layers.py`` checks it).

Time limits are not set per task: every task runs under ``CELERY_TASK_SOFT_TIME_LIMIT`` /
``CELERY_TASK_TIME_LIMIT`` from settings, and ``stuck_after_seconds`` (used by
``requeue_recommendations``) derives from the same hard limit.
"""

from __future__ import annotations

from typing import Any

from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import InterfaceError, OperationalError

from relay.outbox import send_task_on_commit

__all__ = ["TRANSIENT_ERRORS", "UrTask", "stuck_after_seconds"]

# The only errors a task retries: a database, broker, network or disk hiccup (ConnectionError and
# TimeoutError are OSErrors). Anything else fails the job at once.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError, OSError)


class UrTask(DjangoTask):
    """Base of every task (``@shared_task(base=UrTask)``): late ack, retry transient errors with backoff.

    ``delay_on_commit`` / ``apply_async_on_commit`` never fail the request when Redis is down: the
    message is stored in PostgreSQL (relay.UnsentTask) and sent by the relay (docs/reliability.md).
    """

    acks_late = True
    autoretry_for = TRANSIENT_ERRORS
    max_retries = 3
    retry_backoff = True
    retry_backoff_max = 60
    retry_jitter = True

    # celery-types says these return an AsyncResult; Celery's DjangoTask returns None, and so do these.
    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        send_task_on_commit(self, args, kwargs)

    def apply_async_on_commit(  # type: ignore[override]
        self, args: tuple[Any, ...] | None = None, kwargs: dict[str, Any] | None = None, **options: Any
    ) -> None:
        if options:  # routing options are not stored with an unsent message: say so rather than drop them
            raise TypeError(f"apply_async_on_commit options are not supported ({sorted(options)})")
        send_task_on_commit(self, tuple(args or ()), kwargs)


def stuck_after_seconds() -> int:
    """A job running longer than this is dead: the worker's hard time limit has killed it by then."""
    return int(settings.CELERY_TASK_TIME_LIMIT)
