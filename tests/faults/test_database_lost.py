"""The app's PostgreSQL backend terminated in the middle of a request and of a task.

The request fails cleanly (503 with a message, nothing half-saved) and a retry succeeds once; the
task is retried (UrTask retries OperationalError/InterfaceError) and stores its result once.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.verify import verify_chain
from reviews.models import CaseStatus, Determination, Letter
from tests.support import preview_token_in

from .scenarios import case_with_recommendation, submit_determination
from .support import terminate_backends, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _own_backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def _terminate_pid(pid: int) -> None:
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_backend_terminated_mid_request_saves_nothing_and_a_retry_works(redis, reviewer) -> None:
    case = case_with_recommendation(reviewer)
    client = Client()
    client.force_login(reviewer)
    submitted_before = AuditEvent.objects.filter(action="determination.submitted").count()

    def cut_connection(sender: Any, **kwargs: Any) -> None:
        _terminate_pid(_own_backend_pid())  # the request's own backend, inside its transaction

    accept = reverse("reviews:decision_accept", args=[case.public_id])
    token = preview_token_in(client.post(accept, {}))
    pre_save.connect(cut_connection, sender=Determination, dispatch_uid="fault-cut")
    try:
        response = client.post(accept, {"preview_token": token})
    finally:
        pre_save.disconnect(dispatch_uid="fault-cut", sender=Determination)
    assert response.status_code == 503
    assert "was not kept" in response.content.decode() and response["Retry-After"] == "5"

    connection.close()  # this test's view of the database: a fresh connection
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDATION_READY
    assert not Determination.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(action="determination.submitted").count() == submitted_before
    assert verify_chain().ok

    response = client.post(accept, {"preview_token": token})  # the same preview's retry
    assert response.status_code == 302
    assert Determination.objects.filter(case=case).count() == 1


def test_backend_terminated_mid_letter_task_is_retried_and_stored_once(worker_factory, reviewer) -> None:
    case = case_with_recommendation(reviewer)
    worker = worker_factory(pause="save:reviews.Letter")
    determination = submit_determination(case, reviewer)
    worker.wait_paused()
    terminated = terminate_backends(except_pid=_own_backend_pid())
    assert terminated, "the worker had no database connection to cut"
    worker.release()
    letter = wait_until(
        lambda: Letter.objects.filter(determination=determination).first(),
        timeout=90,
        what=f"the retried letter task\n{worker.tail()}",
    )
    assert Letter.objects.filter(case=case).count() == 1 and letter.version == 1
    assert AuditEvent.objects.filter(action="letter.generated").count() == 1
    assert "Retry in" in worker.log.read_text() or "OperationalError" in worker.log.read_text()
    assert verify_chain().ok
