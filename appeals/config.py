"""Appeal and extension rules read from settings, as typed values (the pure modules take these)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from .clocks import ClockRule


def plan_tz() -> ZoneInfo:
    return ZoneInfo(settings.UR_PLAN_TIME_ZONE)


def specialty_groups() -> dict[str, list[str]]:
    return dict(settings.UR_SPECIALTY_GROUPS)


def appeal_rule(line_of_business: str, kind: str, urgency: str) -> ClockRule | None:
    """The appeal clock for (line of business, pre_service | payment, standard | expedited); None if none applies."""
    raw = settings.UR_APPEAL_CLOCKS.get(line_of_business, {}).get(kind, {}).get(urgency)
    if raw is None:
        return None
    return ClockRule.from_config(f"UR_APPEAL_CLOCKS[{line_of_business}][{kind}][{urgency}]", raw)


def initial_extension_rule(line_of_business: str, urgency: str) -> ClockRule:
    """Extension rule for a prior-authorization decision clock (its length is reviews' DUE_WINDOWS)."""
    raw = settings.UR_INITIAL_EXTENSIONS.get(line_of_business, {}).get(urgency) or {}
    # The length is not used here; ClockRule needs one, so carry a placeholder of one hour.
    return ClockRule.from_config(f"UR_INITIAL_EXTENSIONS[{line_of_business}][{urgency}]", {"hours": 1, **raw})


def appeal_filing_days(line_of_business: str) -> int:
    lob: dict[str, Any] = settings.UR_LINES_OF_BUSINESS.get(line_of_business, {})
    return int(lob.get("appeal_days", 60))


def lob_label(line_of_business: str) -> str:
    return str(settings.UR_LINES_OF_BUSINESS.get(line_of_business, {}).get("label", line_of_business))
