"""OperationOutcome: one issue per problem, each naming the element by FHIRPath. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Issue:
    """One problem: where (`expression`, FHIRPath such as ``Bundle.entry[0].resource.item[1].quantity``) and what."""

    expression: str
    message: str
    code: str = "invalid"  # IssueType: invalid | required | structure | value | not-found | security | ...
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.expression}: {self.message}"


class FhirError(Exception):
    """A request we refuse; `status` is the HTTP status, `issues` go into the OperationOutcome."""

    def __init__(self, issues: list[Issue] | Issue, status: int = 400) -> None:
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        self.status = status
        super().__init__("; ".join(str(i) for i in self.issues))


def operation_outcome(issues: list[Issue]) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": issue.severity,
                "code": issue.code,
                "diagnostics": issue.message,
                **({"expression": [issue.expression]} if issue.expression else {}),
            }
            for issue in issues
        ],
    }
