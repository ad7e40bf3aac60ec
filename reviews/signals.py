"""Outward hooks of the reviews domain, for apps above it (e.g. `pas`) that must hear about decisions
without reviews importing them. Each is sent inside the transaction that made the change, so a
receiver's writes commit or roll back with it; receivers enqueue slow work with on_commit.

- determination_recorded(determination): a reviewer recorded a Determination (letter still to come).
- letter_stored(letter): the signed letter of a determination was stored.
- case_pended(case, pend_request): the case was pended for the listed information.
"""

from __future__ import annotations

from django.dispatch import Signal

determination_recorded = Signal()
letter_stored = Signal()
case_pended = Signal()
