# ruff: noqa: F811  (pytest fixtures imported from test_letters_support are used as parameters)
"""The full path with the real engine and criteria: `determination_letter` then `verify_letter`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from reviews.letters import content
from reviews.models import Letter
from reviews.services.cases import case_import

from .letters_support import FIXTURES, pdf_text


@pytest.fixture
def seeded(letters_env: None, reviewer: Any) -> None:
    # letters_env loads the starter criteria and the real guideline library; load_criteria is idempotent.
    call_command("load_criteria", stdout=io.StringIO())
    for name in ("seed-approve-hip-traumatic.json", "seed-deny-hip-restart.json"):
        data = json.loads((FIXTURES / name).read_text())
        data.pop("expected", None)
        case_import(data=data, assign_to=reviewer)


def _run(reference: str, tmp_path: Path) -> tuple[str, Letter, Path]:
    out = tmp_path / f"{reference}.pdf"
    call_command("determination_letter", reference, "--reviewer", "reviewer", "--out", str(out), stdout=io.StringIO())
    letter = Letter.objects.get(case__reference=reference)
    assert out.read_bytes() == bytes(letter.pdf)
    return pdf_text(out.read_bytes(), tmp_path), letter, out


def _check_common(text: str, letter: Letter, tmp_path: Path) -> None:
    ctx = content.build_letter_context(letter.determination, version=letter.version)
    for element, markers in content.required_notice_markers(ctx).items():
        for marker in markers:
            assert " ".join(marker.split()) in text, f"notice element {element!r}: {marker!r} missing"
    used = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for n in group.split(", ")}
    assert used == set(range(1, len(ctx.references) + 1))
    out = io.StringIO()
    path = tmp_path / "verify.pdf"
    path.write_bytes(bytes(letter.pdf))
    call_command("verify_letter", str(path), stdout=out)
    assert "VALID" in out.getvalue()


def test_determination_letter_command_seed_approve(seeded: None, tmp_path: Path) -> None:
    text, letter, _ = _run("SEED-0001", tmp_path)
    assert "Decision: APPROVED" in text
    for code in ("97110", "97140", "97164"):
        assert code in text
    assert "Therapeutic exercise" in text and "Manual therapy" in text
    assert "6 done + 8 requested = 14 visits, within the plan's 14-visit guideline" in text
    assert "08/27/2025 to 09/23/2025" in text and "08/26/2025" in text
    _check_common(text, letter, tmp_path)


def test_determination_letter_command_seed_deny(seeded: None, tmp_path: Path) -> None:
    text, letter, _ = _run("SEED-0002", tmp_path)
    assert "Decision: DENIED" in text
    for code in ("97162", "97110", "97140"):
        assert code in text
    assert "18 prior + 3 requested = 21 visits" in text and "would total 36" in text
    assert "08/25/2025 to 08/29/2025" in text and "09/15/2025" in text
    assert "What the provider can send" in text
    assert "why therapy stopped and restarted" in text and "load, sets, repetitions and rest" in text
    _check_common(text, letter, tmp_path)
