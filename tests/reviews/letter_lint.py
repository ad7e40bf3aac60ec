"""Letter lint: what no determination letter may print, checked on every letter the suite renders.

tests/conftest.py wraps `reviews.letters.render.render_letter_html` for the whole session and runs
`lint_letter` on each rendered letter when the session ends (a failure is reported as an error of
the session fixture, naming the case and the problem).
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

# Provenance, verification and other internal wording that belongs in the criteria book, never a letter.
INTERNAL = re.compile(
    r"unverified|recalled|example value|provenance|verification status|not fully seen|partly verified|"
    r"by analogy|AI-generated|licensed value|must be replaced|\[[UPV]\]|\bMCG\b|\bODG\b|droracle|"
    r"replace with|not a clinical documentation rule|licen[cs]ee",
    re.I,
)
MARKER = re.compile(r"\[(\d+(?:,\s*\d+)*)\]")
TAG = re.compile(r"<[^>]+>")
MAX_MARKERS = 3


def text_of(html: str) -> str:
    body = html.split("<body>", 1)[-1]
    return " ".join(html_lib.unescape(TAG.sub(" ", body)).split())


def sentences(text: str) -> list[str]:
    # A sentence ends at . ! ? followed by a space and a capital or digit; markers stay with their sentence.
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"])|(?<=\])\s+(?=[A-Z(])", text) if s]


def marker_count(sentence: str) -> int:
    return sum(len(m.split(",")) for m in MARKER.findall(sentence))


def lint_letter(ctx: Any, html: str) -> list[str]:
    """Problems in one rendered letter ([] when clean)."""
    from guidelines.applicability import applies
    from guidelines.selectors import recommendations_by_citation_id

    problems: list[str] = []
    text = text_of(html)
    for m in INTERNAL.finditer(text):
        problems.append(f"internal wording {m.group(0)!r}: ...{text[max(0, m.start() - 60) : m.end() + 40]}...")
    for s in sentences(text):
        if marker_count(s) > MAX_MARKERS:
            problems.append(f"{marker_count(s)} markers in one sentence: {s[:160]}")
    numbers = {int(n) for m in MARKER.findall(text) for n in m.split(",")}
    refs = {r.number for r in ctx.references}
    if numbers - refs:
        problems.append(f"markers without a reference: {sorted(numbers - refs)}")
    if refs - numbers:
        problems.append(f"references never cited: {sorted(refs - numbers)}")
    library = recommendations_by_citation_id(ctx.cited_ids)
    patient = ctx.patient
    for cid in ctx.cited_ids:
        rec = library.get(cid)
        if rec is None:
            problems.append(f"cited {cid} is not in the library")
            continue
        app = rec.applicability
        regions = set(app.body_regions)
        if "lower_limb" in regions:
            regions |= {"hip", "knee", "ankle_foot"}
        if regions and "any" not in regions and patient.region not in regions:
            problems.append(f"cited {cid} ({sorted(app.body_regions)}) outside the patient's region {patient.region}")
        if (app.age_min is not None and patient.age < app.age_min) or (
            app.age_max is not None and patient.age > app.age_max
        ):
            problems.append(f"cited {cid} (ages {app.age_min}-{app.age_max}) for a {patient.age}-year-old")
        if app.populations and not (app.populations & patient.populations):
            problems.append(f"cited {cid} ({sorted(app.populations)}) outside {sorted(patient.populations)}")
        if app.lines_of_business and patient.line_of_business not in app.lines_of_business:
            problems.append(f"cited {cid} for line of business {patient.line_of_business}")
        if not rec.citable:
            problems.append(f"cited {cid}: licensed, unverified or another payer's policy")
        if ctx.decision != "approve" and app.stance == "supports" and rec.services & set(ctx.codes):
            problems.append(f"denial cites {cid}, which supports a denied service")
        assert applies(app, patient) or problems  # the production filter agrees with the lint
    if len(ctx.member.reasons) > 5:
        problems.append(f"member section has {len(ctx.member.reasons)} bullets")
    return problems
