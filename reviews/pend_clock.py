"""The decision clock while a case is pended for information, by line of business. Pure: no Django.

- Medicare Advantage (42 CFR 422.568(b)(1)(i), 422.572(b)) and Medicaid managed care
  (42 CFR 438.210(d)(1)(ii)): when the plan needs more information and the extension is in the
  member's interest, it may extend the time frame by up to 14 calendar days, once, when it asks for
  the information. The clock keeps running; the request notice states the new decision date.
- Commercial / ERISA (29 CFR 2560.503-1(f)(4)): the period for deciding is tolled from the date the
  request for information is sent until the information is received; the provider has at least 45
  days to answer (48 hours for an urgent, expedited request). The due time moves by the time the
  case waited when the information arrives.

A second pend on a case never extends it again: `already_extended` is true when the due time is past
the original time frame (a pend or an extension notice moved it before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vocabulary import LineOfBusiness, Urgency

EXTENSION = "extension"
TOLLING = "tolling"
DAY = 86400


@dataclass(frozen=True)
class PendRule:
    line_of_business: str
    kind: str  # extension | tolling
    extension: timedelta  # added to the due time when the information is requested (extension rule)
    respond_within: timedelta  # how long the provider has to send the information
    words: str  # one sentence for the notice and the case page


def pend_rule(line_of_business: str, urgency: str) -> PendRule:
    """The rule for a pend of a case of this line of business and urgency (unknown: commercial)."""
    lob = line_of_business if line_of_business in LineOfBusiness.values() else LineOfBusiness.COMMERCIAL.value
    if lob in (LineOfBusiness.MEDICARE_ADVANTAGE, LineOfBusiness.MEDICAID):
        return PendRule(
            line_of_business=lob,
            kind=EXTENSION,
            extension=timedelta(days=14),
            respond_within=timedelta(days=14),
            words="The time frame for our decision is extended by up to 14 calendar days while we wait for this information.",
        )
    urgent = urgency == Urgency.EXPEDITED
    return PendRule(
        line_of_business=lob,
        kind=TOLLING,
        extension=timedelta(0),
        respond_within=timedelta(hours=48) if urgent else timedelta(days=45),
        words="The time frame for our decision is paused from the date of this request until we receive the information.",
    )


@dataclass(frozen=True)
class PendClock:
    """What a pend does to the clock when the information is requested."""

    rule: PendRule
    due_before: datetime
    due_after: datetime  # the decision due time while pended (tolling: unchanged until the answer)
    respond_by: datetime  # the date the notice asks the information by
    extended: bool


def clock_on_request(
    *, line_of_business: str, urgency: str, due_at: datetime, requested_at: datetime, already_extended: bool
) -> PendClock:
    rule = pend_rule(line_of_business, urgency)
    extended = rule.kind == EXTENSION and not already_extended
    due_after = due_at + rule.extension if extended else due_at
    respond_by = requested_at + rule.respond_within
    if rule.kind == EXTENSION and due_after > requested_at:
        # The answer must come in time to decide by the due time. A case already past its due time
        # (even extended) still gets a real date to answer by, never one in the past.
        respond_by = min(respond_by, due_after)
    return PendClock(rule=rule, due_before=due_at, due_after=due_after, respond_by=respond_by, extended=extended)


def due_on_receipt(
    *, line_of_business: str, urgency: str, due_at: datetime, requested_at: datetime, received_at: datetime
) -> datetime:
    """The due time once the information arrives: tolling adds the time the case waited; an extension
    rule leaves the (already extended) due time as it is."""
    rule = pend_rule(line_of_business, urgency)
    if rule.kind != TOLLING:
        return due_at
    return due_at + max(received_at - requested_at, timedelta(0))


def pend_age_days(*, requested_at: datetime, until: datetime) -> float:
    """How long a pend has waited (or waited), in days."""
    return max((until - requested_at).total_seconds(), 0.0) / DAY


def response_overdue(*, respond_by: datetime | None, now: datetime) -> bool:
    """True when the information was due from the provider and has not arrived."""
    return respond_by is not None and now > respond_by
