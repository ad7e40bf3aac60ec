from __future__ import annotations

from django.db import models


class UnsentTask(models.Model):
    """A task message the broker refused (Redis down): kept in PostgreSQL until the relay sends it.

    Written only by relay.outbox.send_task, after the transaction that created the work has
    committed; deleted once the broker accepted the message. Arguments are ids, never PHI.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=200, blank=True)
    last_attempt_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
