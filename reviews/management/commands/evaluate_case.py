"""Evaluate a ur-case/1 file against the criteria in effect, without saving anything.

python manage.py evaluate_case FILE.json [--json]
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from criteria.engine import evaluate, result_to_dict
from criteria.engine.types import EngineResult
from reviews.case_format import CaseFileError, load_case_file
from reviews.facts import FactsError, facts_from_case_dict
from reviews.services.recommendations import criteria_snapshot_on


def load_case_data(path: str) -> dict[str, Any]:
    """Validate and load a case file; CommandError lists the field-named errors."""
    try:
        data: dict[str, Any] = load_case_file(path)
    except CaseFileError as exc:
        problems: list[object] = [*exc.errors] or [exc]
        raise CommandError(f"{path}: invalid case file:\n" + "\n".join(f"  {e}" for e in problems)) from exc
    return data


def result_json(result: EngineResult) -> dict[str, Any]:
    """The --json document: the stored result plus the short names the CLI promises."""
    out = result_to_dict(result)
    out["criteria_version"] = result.criteria_version_label or None
    return out


class Command(BaseCommand):
    help = "Evaluate a ur-case/1 file (nothing is saved) and print the recommendation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to a ur-case/1 JSON file")
        parser.add_argument("--json", action="store_true", help="print the recommendation as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        data = load_case_data(options["file"])
        try:
            facts = facts_from_case_dict(data)
        except FactsError as exc:
            raise CommandError(f"{options['file']}: invalid case file:\n  {exc}") from exc
        criteria, _ = criteria_snapshot_on(facts.request.start_date)
        result = evaluate(facts, criteria)
        if options["json"]:
            self.stdout.write(json.dumps(result_json(result), indent=2, sort_keys=True))
            return
        self.stdout.write(render_text(facts.reference, result))


def render_text(reference: str, r: EngineResult) -> str:
    lines = [
        f"{reference}: {r.decision.upper()}, {r.approved_visits} of {r.requested_visits} visits",
        f"Key reason: {r.key_reason}",
        f"Criteria: {r.criteria_version_label or 'none in effect'}  |  engine {r.engine_version}  |  "
        f"input sha256 {r.input_hash}",
        "",
        "Service lines:",
    ]
    for line in r.lines:
        reason = f"  ({line.reason})" if line.reason else ""
        lines.append(f"  {line.code:<6} {line.decision:<8} {line.approved_visits:>3}  {line.descriptor}{reason}")
    lines += ["", "Findings:"]
    for f in r.findings:
        lines.append(f"  [{f.outcome}] {f.rule}: {f.text}")
        if f.evidence:
            lines.append(f"      evidence: {'; '.join(f.evidence)}")
        if f.citations:
            lines.append(f"      citations: {', '.join(f.citations)}")
    if r.missing_documentation:
        lines += ["", "If therapy is to continue, the following must be documented:"]
        lines += [f"  ({i}) {item}" for i, item in enumerate(r.missing_documentation, 1)]
    return "\n".join(lines)
