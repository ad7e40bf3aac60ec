"""Sending Celery tasks so that a broker outage never loses work and never becomes a 500.

`send_task_on_commit(task, *args)` sends after the surrounding transaction commits (the worker
must see the rows). When Redis refuses the message, the send is stored as an `UnsentTask` row
in PostgreSQL instead, the request carries on (the caller can tell the user "queued, will run when
the task service is back"), and `relay_unsent()` sends it later: at every worker start and every
UR_SWEEP_SECONDS from Celery beat (reviews.tasks.recovery).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from celery import current_app
from django.db import DatabaseError, transaction
from kombu.exceptions import KombuError
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from .models import UnsentTask

logger = logging.getLogger(__name__)

# What a refused or failed publish raises (kombu wraps most redis errors in its OperationalError).
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuOperationalError, KombuError, RedisError, OSError)

# Task names the current request could not send; read by the view to word its message.
_unsent: ContextVar[list[str] | None] = ContextVar("relay_unsent_in_request", default=None)

QUEUED_NOTE = "queued: it will run when the task service is back (it will be retried automatically)"


def queued_note(what: str) -> str:
    """The user-facing sentence for work stored while the task service is unreachable."""
    return f"{what} is {QUEUED_NOTE}."


@contextmanager
def tracking_unsent() -> Iterator[list[str]]:
    """Collect the tasks that could not be sent while the block runs (one request)."""
    bucket: list[str] = []
    token = _unsent.set(bucket)
    try:
        yield bucket
    finally:
        _unsent.reset(token)


def unsent_in_request() -> list[str]:
    return list(_unsent.get() or [])


def send_task(
    task: Any, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None, *, store: bool = True
) -> bool:
    """Send now (this is the one place that calls apply_async: always after commit); on a broker
    error store the message for the relay (unless `store=False`) and return False. Never raises a
    broker error."""
    kwargs = kwargs or {}
    try:
        task.apply_async(args=args, kwargs=kwargs)
        return True
    except BROKER_ERRORS as exc:
        error = type(exc).__name__[:200]
        logger.warning(
            "task service unreachable; %s %s (%s)", task.name, "stored for the relay" if store else "not sent", error
        )
        if not store:
            return False
        bucket = _unsent.get()
        if bucket is not None:
            bucket.append(task.name)
        try:
            UnsentTask.objects.create(task=task.name, args=list(args), kwargs=kwargs, last_error=error)
        except DatabaseError:  # the work itself is committed; the state sweeper still finds it
            logger.error("could not store the unsent %s either", task.name)
        return False


def send_task_on_commit(task: Any, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> None:
    """Send `task` once the current transaction commits (at once outside one); see send_task."""
    transaction.on_commit(functools.partial(send_task, task, tuple(args), dict(kwargs or {})))


def relay_unsent(*, limit: int = 500) -> int:
    """Send stored messages, oldest first; stop at the first broker error. Returns how many were sent.

    Each row is locked (SKIP LOCKED) while it is sent and deleted in the same transaction, so two
    relays never send one row twice; a crash between the send and the commit can send a message
    twice, which every task tolerates (they are idempotent).
    """
    sent = 0
    for pk in list(UnsentTask.objects.order_by("id").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            row = UnsentTask.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None:
                continue
            try:
                current_app.tasks[row.task].apply_async(args=row.args, kwargs=row.kwargs)
            except BROKER_ERRORS as exc:
                UnsentTask.objects.filter(pk=pk).update(attempts=row.attempts + 1, last_error=type(exc).__name__[:200])
                logger.warning("relay: task service still unreachable (%s unsent)", UnsentTask.objects.count())
                return sent
            row.delete()
            sent += 1
    if sent:
        logger.info("relay: sent %s stored task message(s)", sent)
    return sent


def waiting_for_broker(task_name: str, first_arg: Any = None, *, arg_index: int = 0) -> bool:
    """Whether a message of `task_name` (with `first_arg` at `arg_index`) is stored, waiting for Redis."""
    for args in UnsentTask.objects.filter(task=task_name).values_list("args", flat=True):
        if first_arg is None or (len(args) > arg_index and args[arg_index] == first_arg):
            return True
    return False
