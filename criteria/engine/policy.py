"""The default decision policy (DESIGN.md, "The recommendation"): decision, approved visits, lines.

The engine recommends; a person decides. Advisory and info findings never enter here.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary import ADVERSE_DECISIONS

from .analysis import EVALUATION_CODES, EXPERIMENTAL, Analysis
from .types import Decision, ServiceLine


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    approved_visits: int
    basis: str  # no_criteria | unknown_service | red_flag | within | beyond_extension | beyond_partial | beyond_deny | within_deny | services_denied
    lines: tuple[ServiceLine, ...]

    @property
    def documentation_matters(self) -> bool:
        """Documentation gaps are concerns when they bear on a denial or visits past the benchmark."""
        return self.decision in ADVERSE_DECISIONS or self.basis.startswith("beyond")


def _clinical_decision(a: Analysis) -> tuple[Decision, int, str]:
    if a.criteria is None or a.benchmark is None:
        return "pend", 0, "no_criteria"
    if a.unknown_services:
        return "pend", 0, "unknown_service"
    if a.facts.clinical.red_flags:
        return "pend", 0, "red_flag"
    base_ok = a.initial_met or a.continuation_met
    if not a.beyond:
        return ("approve", a.requested, "within") if base_ok else ("deny", 0, "within_deny")
    if a.extension_met:
        return "approve", a.requested, "beyond_extension"
    if base_ok and a.remaining > 0:
        return "partial", min(a.remaining, a.requested), "beyond_partial"
    return "deny", 0, "beyond_deny"


def decide(a: Analysis) -> Outcome:
    decision, approved, basis = _clinical_decision(a)
    denied = {entry.code: entry for entry in a.denied_services}
    deliverable = [code for code in a.services if code not in denied]
    if denied and decision in ("approve", "partial"):
        if not deliverable:
            decision, approved, basis = "deny", 0, "services_denied"
        elif decision == "approve":
            decision = "partial"
    lines = []
    for code in a.services:
        entry = a.criteria.service(code) if a.criteria is not None else None
        descriptor = entry.descriptor if entry is not None else ""
        if code in denied:
            why = (
                "experimental or investigational in the service catalogue"
                if denied[code].status == EXPERIMENTAL
                else "not covered in the service catalogue"
            )
            lines.append(ServiceLine(code, descriptor, "deny", 0, why))
        elif a.criteria is not None and entry is None:
            lines.append(ServiceLine(code, descriptor, "pend", 0, "not in the service catalogue"))
        else:
            # A request partial only because another line is denied approves this line in full.
            line_decision: Decision = "approve" if decision == "partial" and approved >= a.requested else decision
            visits = min(1, approved) if code in EVALUATION_CODES else approved
            lines.append(ServiceLine(code, descriptor, line_decision, visits, ""))
    return Outcome(decision, approved, basis, tuple(lines))
