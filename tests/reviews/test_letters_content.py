"""What the two seed letters say (issue #13): facts with pages, relevant citations only, the right notice
for each line of business and review type, a readable member section, length, and an accessible PDF."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import textstat  # type: ignore[import-untyped]
from pypdf import PdfReader

from reviews.letters import content, render
from reviews.models import Case, Letter
from reviews.services.cases import case_import
from reviews.services.determinations import determination_submit

from .letter_lint import text_of
from .letters_support import FIXTURES, import_seed, real_recommendation


def _letter(case: Any, rec: Any, reviewer: Any, **kw: Any) -> tuple[content.LetterContext, str]:
    det = determination_submit(case=case, reviewer=reviewer, recommendation=rec, **kw)
    ctx = content.build_letter_context(det)
    return ctx, text_of(render.render_letter_html(ctx))


def _variant(name: str, reviewer: Any, reference: str, **changes: Any) -> tuple[Case, Any]:
    """A seed case imported under another reference with some fields changed (e.g. the plan)."""
    data = json.loads((FIXTURES / name).read_text())
    data.pop("expected", None)
    data = copy.deepcopy(data)
    data["reference"] = reference
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value
    case = case_import(data=data, assign_to=reviewer)
    return case, real_recommendation(case, reviewer)


# ---------------------------------------------------------------- seed 000: the approval


def test_approval_states_the_seed_reasoning_from_the_case_with_pages(approve_case: Any, reviewer: Any) -> None:
    ctx, text = _letter(approve_case[0], approve_case[1], reviewer)
    # mechanism, date and surgery; age and activity level; frequency; red-flag screen with the pages read
    assert "34-year-old active adult; left hip injury in a jet ski accident on 07/08/2025; surgical repair" in text
    assert "Functional limits documented: pivoting, stairs, sitting, kneeling and floor transfers. (pg 3)" in text
    assert "closed kinetic chain weakness requiring therapist assistance. (pg 15)" in text
    assert "Pain 7/10 on 08/04/2025 and 4/10 on 08/25/2025. (pgs 3, 16)" in text
    assert "55% improvement reported" in text and "(pgs 15, 16)" in text
    assert "Red-flag screen: none documented" in text and "(pgs 3, 8, 10, 12, 15, 16)" in text
    assert "2 visits a week for 4 weeks (8 visits), with a re-evaluation at the end. (pg 16)" in text
    assert "not experimental" in text
    assert "concerns osteoarthritis, which this patient does not have" in text  # the ACR population mismatch


def test_approval_cites_only_what_applies_to_a_young_commercial_hip_patient(approve_case: Any, reviewer: Any) -> None:
    ctx, text = _letter(approve_case[0], approve_case[1], reviewer)
    keys = [r.source_key for r in ctx.references]
    assert keys[0] == content.PLAN_POLICY_KEY  # a commercial letter rests on the plan's criteria version
    assert "ihiprn-2020" in keys and "jospt-nonarthritic-hip-2014" in keys
    for foreign in ("cdc-opioids-2022", "jospt-lbp-2021", "aaos-knee-oa-2021", "acr-oa-2019", "cms-bpm-ch15",
                    "aetna-cpb-0325", "mcg-care-guidelines", "odg-visit-tables"):  # fmt: skip
        assert foreign not in keys, foreign
    assert "Medicare" not in text
    assert "504-511 2020" not in text and "Br J Sports Med 2020;54(9):504-511." in text  # no doubled year


# ---------------------------------------------------------------- seed 001: the Medicare Advantage payment denial


def test_denial_states_the_clinical_course_and_the_documentation_gaps(deny_case: Any, reviewer: Any) -> None:
    ctx, text = _letter(deny_case[0], deny_case[1], reviewer)
    assert "62-year-old adult with a 2-year history of left hip pain (gradual onset). (pg 2)" in text
    assert "Her R hip isn't hurting now." in text and "(pg 6)" in text
    assert "so sore after last night's PT session/new stretches." in text and "(pg 8)" in text
    assert "self-limiting course or to over-treatment, not to a need for a therapist's skills" in text
    assert "Pain at the evaluation is moderate (5/10), not severe" in text
    assert "Function is recorded as 30% on 08/25/2025 without saying 30% of what baseline" in text
    assert "5 months (168 days) later" in text
    assert "M25.552 codes the left side, but the notes describe the right side. (pgs 2, 6, 8)" in text
    assert "hip osteoarthritis (gradual onset at 62), with radiographs first and MRI" in text
    # outcome measures for the hip and this population: not FAAM (foot and ankle), not HAGOS (young adults)
    assert "HOOS" in text and "FAAM" not in text and "HAGOS" not in text
    assert "no objective impairments (pg 2)" not in text


def test_medicare_advantage_denial_rests_on_bpm_and_cites_no_other_payer(deny_case: Any, reviewer: Any) -> None:
    ctx, text = _letter(deny_case[0], deny_case[1], reviewer)
    keys = [r.source_key for r in ctx.references]
    assert keys[0] == "cms-bpm-ch15"
    bpm = ctx.references[0]
    assert "§220.2" in bpm.pinpoints and any(p.startswith("§220.3") for p in bpm.pinpoints)
    assert "Medicare Benefit Policy Manual" in text
    for foreign in ("aetna-cpb-0325", "ihiprn-2020", "jospt-nonarthritic-hip-2014", "acr-oa-2019",
                    "mcg-care-guidelines", "cdc-opioids-2022"):  # fmt: skip
        assert foreign not in keys, foreign
    # the summary and the skilled-need reasoning carry the BPM marker
    assert ctx.provider.summary.markers == (1,)
    # a denial never cites evidence for the denied service as support
    assert not any(cid.endswith(("/exercise", "/c1-exercise", "/manual-therapy")) for cid in ctx.cited_ids)


def test_retrospective_ma_denial_follows_ndmc_and_offers_no_fast_appeal(deny_case: Any, reviewer: Any) -> None:
    ctx, text = _letter(deny_case[0], deny_case[1], reviewer)
    n = ctx.notice
    assert n.kind == "ma_ndmc" and n.payment and n.fast_hours is None and n.decision_days == 60
    for section in ("Notice of Denial of Medical Coverage (or Payment)", "Why did we deny your request?",
                    "You have the right to appeal our decision", "Who can ask for an appeal?",
                    "How to ask for an appeal", "What happens next?", "Get help & more information",
                    "Form CMS-10003-NDMCP", "OMB Approval 0938-0829", "1-800-MEDICARE (1-800-633-4227)",
                    "CMS-1696", "65 calendar days", "within 60 days"):  # fmt: skip
        assert section in text, section
    assert "You cannot get a fast appeal" in text
    assert "Fast appeal:" not in text and "72 hours" not in text and "within 30 days" not in text


def test_prospective_ma_denial_has_standard_and_fast_appeals(reviewer: Any, letters_env: None) -> None:
    case, rec = _variant("seed-deny-hip-restart.json", reviewer, "SEED-0102", review_type="prospective")
    ctx, text = _letter(case, rec, reviewer)
    assert ctx.notice.kind == "ma_ndmc" and not ctx.notice.payment
    assert "There are 2 kinds of appeals" in text and "within 30 days" in text and "within 72 hours" in text


def test_commercial_and_medicaid_denials(reviewer: Any, letters_env: None, settings: Any) -> None:
    settings.UR_LINES_OF_BUSINESS = {
        **settings.UR_LINES_OF_BUSINESS,
        "commercial": {**settings.UR_LINES_OF_BUSINESS["commercial"], "appeal_days": 181},
    }
    case, rec = _variant("seed-deny-hip-restart.json", reviewer, "SEED-0103", member__plan="Commercial PPO")
    ctx, text = _letter(case, rec, reviewer)
    assert ctx.notice.kind == "commercial" and "181 calendar days" in text  # deadlines come from settings
    assert "external review" in text and "502(a)" in text and "no fast appeal for a payment decision" in text
    keys = [r.source_key for r in ctx.references]
    assert "cms-bpm-ch15" not in keys and keys[0] == content.PLAN_POLICY_KEY and "Medicare" not in text

    case, rec = _variant(
        "seed-deny-hip-restart.json", reviewer, "SEED-0104", member__plan="State Medicaid", review_type="concurrent"
    )
    ctx, text = _letter(case, rec, reviewer)
    assert ctx.notice.kind == "medicaid"
    assert "State fair hearing within 120 days" in text and "keep getting it during the appeal" in text
    assert "medical necessity criteria" in text and "fast appeal" in text


# ---------------------------------------------------------------- wrong statements the issue lists


def test_partial_override_gives_the_reviewers_reason_not_the_benchmark(approve_case: Any, reviewer: Any) -> None:
    case, rec = approve_case
    lines = [
        {"code": line.code, "descriptor": line.descriptor, "decision": "partial", "approved_visits": 4, "reason": ""}
        for line in rec.engine_result.lines
    ]
    ctx, text = _letter(
        case,
        rec,
        reviewer,
        accept=False,
        decision="partial",
        lines=lines,
        override_code="home-program-sufficient",
        override_note="Four visits with a home program are enough before the re-evaluation",
    )
    assert "Decision: PARTIALLY APPROVED" in text
    assert "We approved 4 of the 8 physical therapy visits" in text
    wording = "Your reviewer found that you can keep getting better with the home exercises your therapist taught you."
    assert wording in text
    assert "Four visits with a home program" not in text  # the internal note never reaches the letter
    assert "denied as not medically necessary" not in text and "with documented" not in text
    member = " ".join(ctx.member.reasons)
    assert "within what our guidelines expect" not in member and wording in member


def test_single_outcome_measure_administration_is_never_called_a_change(reviewer: Any, letters_env: None) -> None:
    case, rec = _variant(
        "seed-deny-hip-restart.json",
        reviewer,
        "SEED-0105",
        documentation__outcome_measures=[{"name": "LEFS", "date": "2025-08-25", "score": 32}],
    )
    ctx, text = _letter(case, rec, reviewer)
    assert "changed from 32" not in text and "from 32 (2025-08-25) to 32" not in text
    assert "not documented: documented progress" not in text  # the garbled continuation sentence


# ---------------------------------------------------------------- member section


@pytest.mark.parametrize("which", ["approve", "deny"])
def test_member_section_is_short_plain_and_ends_with_what_to_send(
    which: str, approve_case: Any, deny_case: Any, reviewer: Any
) -> None:
    pair = approve_case if which == "approve" else deny_case
    ctx, _ = _letter(pair[0], pair[1], reviewer)
    m = ctx.member
    assert 1 <= len(m.reasons) <= content.MAX_MEMBER_BULLETS
    assert len(set(m.reasons)) == len(m.reasons)
    assert "provider can send" in m.reasons[-1]
    for bullet in m.reasons:
        grade = textstat.flesch_kincaid_grade(bullet)
        assert grade <= 8, (grade, bullet)
    assert textstat.flesch_kincaid_grade(" ".join([m.decision, *m.reasons])) <= 8
    assert not content.MEMBER_FORBIDDEN.search(" ".join([m.decision, *m.reasons, m.basis]))


def test_letters_use_us_spelling(approve_case: Any, deny_case: Any, reviewer: Any) -> None:
    for case, rec in (approve_case, deny_case):
        _ctx, text = _letter(case, rec, reviewer)
        body = text.split("Language assistance, other formats")[0]
        for british in ("judgement", "licence", "favour", "mobilisation", "programme", "recognised", "behaviour"):
            assert british not in body.lower(), british


# ---------------------------------------------------------------- the PDF: length, tags, signature


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def _first_page(pages: list[str], needle: str) -> int:
    return next(i for i, p in enumerate(pages, start=1) if needle in p)


def test_signed_letters_are_tagged_short_and_independently_valid(
    approve_case: Any, deny_case: Any, reviewer: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    for case, rec in (approve_case, deny_case):
        with django_capture_on_commit_callbacks(execute=True):
            det = determination_submit(case=case, reviewer=reviewer, recommendation=rec)
        pdf = bytes(Letter.objects.get(determination=det).pdf)
        path = tmp_path / f"{case.reference}.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info
        assert re.search(r"^Title:\s+\S", info, re.M)
        root: Any = PdfReader(path).trailer["/Root"]
        assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
        sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
        assert "Signature is Valid." in sig and "Total document signed" in sig, sig
        pages = _page_texts(pdf, tmp_path)
        insert = _first_page(pages, "Language assistance, other formats and nondiscrimination")
        if det.decision == "approve":
            assert insert - 1 <= 2, f"approval runs {insert - 1} pages before the insert"
        else:
            start = _first_page(pages, "For the treating provider: clinical rationale")
            end = _first_page(pages, "Electronically signed by")
            assert end - start + 1 <= 2, f"provider section spans pages {start}-{end}"
            assert _first_page(pages, "right to appeal") > end


def test_every_demo_case_letter_is_tagged_and_passes_the_lint(reviewer: Any, letters_env: None, tmp_path: Path) -> None:
    """Every demo fixture the engine decides (not pended) renders a tagged letter; the session lint checks its text."""
    rendered = 0
    for path in sorted(FIXTURES.glob("*.json")):
        case = import_seed(path.name, reviewer)
        rec = real_recommendation(case, reviewer)
        if rec.decision == "pend":
            continue
        ctx, _text = _letter(case, rec, reviewer)
        pdf = render.html_to_pdf(render.render_letter_html(ctx))
        out = tmp_path / f"{case.reference}.pdf"
        out.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), case.reference
        rendered += 1
    assert rendered >= 6
