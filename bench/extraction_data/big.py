"""The 20-page fax used for timing (5 pages faxed as images), labelled like the others."""

from __future__ import annotations

from datetime import date, timedelta

from bench.extraction_data.model import Page, Record

_EXERCISES = [
    "Clamshells 3x12 with red band, bridges 3x10, side-lying abduction 2x15.",
    "Step-ups 6 in 3x10, lateral band walks 3 laps green band, hip hinge with 10 lb kettlebell 3x8.",
    "Bike 8 min, single-leg bridge 3x8, monster walks with blue band 3 laps.",
    "Hip flexor stretch 3 x 30 sec hold, prone hip extension 3x10 with 2 lb.",
]


def _build() -> Record:
    pages: list[Page] = []
    visits: list[dict[str, object]] = []
    ex_pages: list[int] = []
    sides: list[dict[str, object]] = []
    pages.append(
        Page(
            "FAX\nTo: UM Department   From: Brookside Physical Therapy\nDate: 10/20/2025   Pages: 20\n"
            "Re: continued PT authorization, member K. Osei\nThis fax may contain PHI. If received in error notify sender."
        )
    )
    pages.append(
        Page(
            "INSURANCE CARD - FRONT AND BACK\nNorthwind Health  Silver HMO\nMember ID NWH-5521907  Group 7781\n"
            "PCP copay $25  Specialist $50  Rehab $35\nClaims: PO Box 4410, Springfield",
            scanned=True,
        )
    )
    pages.append(
        Page(
            "Brookside Physical Therapy\nINITIAL EVALUATION\nDate of Service: 08/18/2025\n"
            "Pt is a 44 y/o male with R hip pain for 3 months after a fall while hiking.\n"
            "Pt c/o pain 6/10 with walking and stairs. Denies numbness, tingling, fever or night pain.\n"
            "Difficulty with stairs, prolonged walking, and getting out of a car.\n"
            "Pt states he is able to perform about 45% of his normal function.\n"
            "R hip flexion 100 deg, IR 12 deg. MMT R hip abduction 3+/5, extension 4-/5; L hip 5/5.\n"
            "LEFS 41/80."
        )
    )
    visits.append(
        {
            "date": "2025-08-18",
            "kind": "evaluation",
            "pain_nprs": 6,
            "function_pct": 45,
            "side_documented": "right",
            "page": 3,
        }
    )
    sides.append({"side": "right", "page": 3})
    pages.append(
        Page(
            "Brookside Physical Therapy\nInitial evaluation (continued)\n"
            "Assessment: decreased hip strength and ROM limiting community ambulation.\n"
            "Goals: STG 1 pain < 3/10 in 3 wks; STG 2 stairs reciprocal in 4 wks; LTG 1 hike 3 miles in 8 wks.\n"
            "Plan: 2x/wk x 8 wks. 97162, 97110, 97140."
        )
    )
    start = date(2025, 8, 20)
    scanned_notes = {6, 9, 13}
    pain = 6
    number = 5
    for k in range(13):
        day = start + timedelta(days=k * 3 + (k // 2))
        pain_now = max(2, pain - k // 3)
        text = (
            f"Brookside Physical Therapy\nDaily Note\nDOS: {day.strftime('%m/%d/%Y')}\n"
            f"S: Pain {pain_now}/10 R hip.\nO: {_EXERCISES[k % len(_EXERCISES)]}\nA: Tolerated well.\nP: Continue POC. 97110, 97140."
        )
        pages.append(Page(text, scanned=number in scanned_notes))
        visits.append(
            {
                "date": day.isoformat(),
                "kind": "treatment",
                "pain_nprs": pain_now,
                "function_pct": None,
                "side_documented": "right",
                "page": number,
            }
        )
        ex_pages.append(number)
        sides.append({"side": "right", "page": number})
        number += 1
    pages.append(
        Page(
            "Brookside Physical Therapy\nPROGRESS NOTE\nDate of Service: 10/17/2025\n"
            "Pt reports 65% improvement. NPRS 3/10.\nR hip flexion 115 deg. MMT R hip abduction 4/5. LEFS 58/80.\n"
            "STG 1: met. STG 2: met. LTG 1: progressing.\nPlan: continue 2x/week for 4 weeks.",
            scanned=True,
        )
    )
    visits.append(
        {
            "date": "2025-10-17",
            "kind": "progress_note",
            "pain_nprs": 3,
            "function_pct": None,
            "side_documented": "right",
            "page": 18,
        }
    )
    sides.append({"side": "right", "page": 18})
    pages.append(
        Page(
            "Brookside Physical Therapy - Patient Statement\nStatement date 10/18/2025\n"
            "08/18/2025 97162 PT evaluation  $190.00\n08/20/2025 97110 x2  $110.00\nBalance due $35.00"
        )
    )
    pages.append(
        Page("PHYSICIAN REFERRAL\nDx: M25.551 Pain in right hip\nPT evaluate and treat. Signed: R. Lindqvist MD")
    )
    sides.append({"side": "right", "page": 20})
    labels = {
        "visits": visits,
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 4, "page": 18},
        "affected_side": {"value": "right", "page": 3},
        "red_flags": [],
        "documentation": {
            "reported_improvement_pct": {"value": 65, "page": 18},
            "goals": {"short_term_met": 2, "short_term_total": 2, "long_term_met": 0, "long_term_total": 1, "page": 18},
            "outcome_measures": [
                {"name": "LEFS", "date": "2025-08-18", "score": 41, "page": 3},
                {"name": "LEFS", "date": "2025-10-17", "score": 58, "page": 18},
            ],
            "strength_pages": [3, 18],
            "exercise_parameter_pages": ex_pages,
            "functional_deficit_pages": [3],
            "objective_impairment_pages": [3, 4, 18],
            "gap_explanation_page": None,
        },
        "side_mentions": sides,
    }
    return Record(name="big-20-page-fax", pages=pages, labels=labels)


BIG = _build()
