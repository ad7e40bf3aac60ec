"""Clock arithmetic for appeals and extensions (pure: no Django, no database, no clock).

A clock in *days* is calendar days in the plan's time zone: it ends at the same wall-clock time
N days later, whatever the month lengths and whether a DST change falls in between (so it may be
23 or 25 elapsed hours short or long). A clock in *hours* is elapsed time (72 hours is 72 hours,
even across a DST change). Inputs and outputs are aware datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

EXTENSION_REASONS = ("member_request", "plan_justification")


class ClockConfigError(ValueError):
    """A clock rule in settings is malformed (names the rule)."""


@dataclass(frozen=True)
class ClockRule:
    """How long a decision may take, and how far (and why) it may be extended."""

    days: int = 0
    hours: int = 0
    extension_days: int = 0
    extension_reasons: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, name: str, raw: dict[str, Any]) -> ClockRule:
        days, hours = int(raw.get("days") or 0), int(raw.get("hours") or 0)
        if (days > 0) == (hours > 0):
            raise ClockConfigError(f"{name}: give exactly one of 'days' or 'hours' (a positive number)")
        reasons = tuple(raw.get("extension_reasons") or ())
        unknown = set(reasons) - set(EXTENSION_REASONS)
        if unknown:
            raise ClockConfigError(f"{name}: unknown extension reason(s) {sorted(unknown)}")
        return cls(
            days=days, hours=hours, extension_days=int(raw.get("extension_days") or 0), extension_reasons=reasons
        )

    @property
    def label(self) -> str:
        return f"{self.days} calendar days" if self.days else f"{self.hours} hours"


def add_calendar_days(start: datetime, days: int, tz: ZoneInfo) -> datetime:
    """`start` plus `days` calendar days at the same wall-clock time in `tz` (DST-aware)."""
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    local = start.astimezone(tz)
    # Arithmetic on the naive wall-clock time, then re-attach the zone: fold=0 picks the first of an
    # ambiguous hour; a non-existent (spring-forward) time is normalised by the round trip via UTC.
    wall = local.replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def due_at(start: datetime, rule: ClockRule, tz: ZoneInfo) -> datetime:
    """When a clock started at `start` runs out under `rule`."""
    if rule.days:
        return add_calendar_days(start, rule.days, tz)
    # Elapsed time: add in UTC (aware arithmetic within one zone would add wall-clock time).
    return (start.astimezone(UTC) + timedelta(hours=rule.hours)).astimezone(tz)


def extended_due_at(current_due: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The due time moved by an extension of `days` calendar days."""
    return add_calendar_days(current_due, days, tz)


def extension_refusal(rule: ClockRule, *, days: int, reason_kind: str, already_extended: bool) -> str | None:
    """Why an extension is not allowed under `rule` (None when it is)."""
    if rule.extension_days <= 0:
        return "The rules for this line of business and kind of review do not allow an extension."
    if already_extended:
        return "This time frame has already been extended once; the rules allow one extension."
    if reason_kind not in rule.extension_reasons:
        allowed = " or ".join(r.replace("_", " ") for r in rule.extension_reasons)
        return f"An extension here needs one of these grounds: {allowed}."
    if not 1 <= days <= rule.extension_days:
        return f"An extension here may be 1 to {rule.extension_days} days."
    return None
