"""Held-out labelled records: written before the extractor was tuned; never used to tune it.

Each record is a list of pages (text, and whether the page is faxed as an image) plus its labels.
The labels say what a careful reviewer would key from the record, with the 1-based page.
"""

from __future__ import annotations

from bench.extraction_data.model import Page, Record

H1 = Record(
    name="held-01-knee-soap-faxed",
    tiff=False,
    pages=[
        Page(
            """FAX COVER SHEET
To: Utilization Review Dept      From: Riverbend Physical Therapy
Date: 09/02/2025   Pages (including cover): 5
Re: Authorization request - continued PT
CONFIDENTIALITY NOTICE: This facsimile contains protected health information.
If you received this in error, call 555-0134 and destroy all copies."""
        ),
        Page(
            """Riverbend Physical Therapy - Initial Evaluation
Patient: Dana Whitfield   DOB: 04/11/1978   MRN 22871
Date of Service: 08/05/2025
Referring Dx: M17.11 Unilateral primary osteoarthritis, right knee
S: Pt c/o R knee pain x 8 months, gradual onset, worse with stairs and prolonged walking.
Pain NPRS 6/10 at rest, 8/10 at worst. Pt denies numbness, tingling, fever or night sweats.
Difficulty with stairs, squatting, getting in and out of the car and walking > 15 minutes.
Pt reports she is able to perform about 40% of her normal function.
O: R knee flexion AROM 105 deg, extension -5 deg. L knee WNL.
MMT: R quad 4-/5, R hip abd 4/5; L LE 5/5 throughout.
LEFS 38/80.
A: Pt presents with decreased R knee ROM and quad weakness consistent with knee OA.
P: 2x/wk x 6 wks: ther ex, manual therapy, HEP. CPT 97161, 97110, 97140."""
        ),
        Page(
            """Daily Note
DOS: 08/12/2025
S: Knee "a little better". NPRS 5/10.
O: Quad sets 3x10, SLR 3x10 with 2 lb ankle weight, mini squats 2x15, bike 8 min.
A: Tolerated well, no increase in symptoms.
P: Continue POC. Billed 97110 x2, 97140 x1."""
        ),
        Page(
            """Daily Note
DOS: 08/19/2025
S: Pain 4/10. Walking to the mailbox without limping.
O: Step-ups 4 inch 3x12, sit to stand 3x10 holding 5 lb, TKE with green band 3x15, 5 sec hold.
A: Improving tolerance to loading. Billed 97110, 97140."""
        ),
        Page(
            """Progress Note
DOS: 08/29/2025
S: Pt reports 50% improvement since starting therapy. NPRS 3/10.
O: R knee flexion AROM 118 deg. MMT R quad 4/5. LEFS 51/80 (was 38/80 on 08/05/2025).
Goals: STG 1 (pain < 4/10) - met. STG 2 (stairs reciprocal with rail) - met. STG 3 (AROM 120 deg) - not met.
LTG 1 (community ambulation 30 min) - progressing. LTG 2 (LEFS > 60) - progressing.
Plan: continue 2x/week for 4 weeks. Billed 97164, 97110.""",
            scanned=True,
        ),
    ],
    labels={
        "visits": [
            {
                "date": "2025-08-05",
                "kind": "evaluation",
                "pain_nprs": 6,
                "function_pct": 40,
                "side_documented": "right",
                "page": 2,
            },
            {
                "date": "2025-08-12",
                "kind": "treatment",
                "pain_nprs": 5,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
            {
                "date": "2025-08-19",
                "kind": "treatment",
                "pain_nprs": 4,
                "function_pct": None,
                "side_documented": None,
                "page": 4,
            },
            {
                "date": "2025-08-29",
                "kind": "progress_note",
                "pain_nprs": 3,
                "function_pct": None,
                "side_documented": "right",
                "page": 5,
            },
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 4, "page": 5},
        "affected_side": {"value": "right", "page": 2},
        "red_flags": [],
        "documentation": {
            "reported_improvement_pct": {"value": 50, "page": 5},
            "goals": {"short_term_met": 2, "short_term_total": 3, "long_term_met": 0, "long_term_total": 2, "page": 5},
            "outcome_measures": [
                {"name": "LEFS", "date": "2025-08-05", "score": 38, "page": 2},
                {"name": "LEFS", "date": "2025-08-29", "score": 51, "page": 5},
            ],
            "strength_pages": [2, 5],
            "exercise_parameter_pages": [3, 4],
            "functional_deficit_pages": [2],
            "objective_impairment_pages": [2, 5],
            "gap_explanation_page": None,
        },
        "side_mentions": [{"side": "right", "page": 2}, {"side": "right", "page": 5}],
    },
)

H2 = Record(
    name="held-02-back-narrative-redflag",
    tiff=False,
    pages=[
        Page(
            """PHYSICAL THERAPY EVALUATION - NARRATIVE
Name: Marcus Oyelaran      Visit date: Sept 3, 2025
History: Mr. Oyelaran is a 54-year-old warehouse supervisor referred for low back pain with
radiating symptoms into the left leg after lifting a pallet on 08/20/2025. MRI reports an L4-L5
disc protrusion. He rates his pain 7 out of 10. He reports new difficulty controlling his bladder
over the past two days and numbness in the saddle region. He denies fever or unexplained weight loss.
Examination: Lumbar flexion limited to 40%, rotation to the left provokes pain. Decreased sensation
L5 dermatome on the left leg. Straight leg raise positive on the left at 35 degrees.
Oswestry Disability Index 46%.
Assessment: Findings concerning for cauda equina syndrome. Patient was referred to the emergency
department today; therapy deferred pending medical clearance."""
        ),
        Page(
            """Addendum - telephone call
Date: 09/04/2025
Spoke with patient's spouse; patient is being evaluated at St. Anne ED. Will hold PT.
No treatment rendered."""
        ),
        Page(
            """Member ID Card (copy)
Acme Health Plan - Gold PPO
Member: MARCUS OYELARAN   ID: AHP99812773   Group: 44120
Copay: Specialist $40   PT $30   RxBIN 610014
Customer Service 1-800-555-0199""",
            scanned=True,
        ),
    ],
    labels={
        "visits": [
            {
                "date": "2025-09-03",
                "kind": "evaluation",
                "pain_nprs": 7,
                "function_pct": None,
                "side_documented": "left",
                "page": 1,
            },
        ],
        "prior_episodes": [],
        "plan": None,
        "affected_side": {"value": "left", "page": 1},
        "red_flags": [{"flag": "cauda_equina", "page": 1}],
        "documentation": {
            "reported_improvement_pct": None,
            "goals": None,
            "outcome_measures": [{"name": "ODI", "date": "2025-09-03", "score": 46, "page": 1}],
            "strength_pages": [],
            "exercise_parameter_pages": [],
            "functional_deficit_pages": [],
            "objective_impairment_pages": [1],
            "gap_explanation_page": None,
        },
        "side_mentions": [{"side": "left", "page": 1}],
    },
)

H3 = Record(
    name="held-03-shoulder-prior-episode-tiff",
    tiff=True,
    pages=[
        Page(
            """Harbor Rehab Associates
PHYSICAL THERAPY DISCHARGE SUMMARY
Patient: Lena Marquez    DOS: 02/14/2025
Episode of care: 12/02/2024 - 02/14/2025. Total visits attended: 16.
Diagnosis: Left shoulder impingement (M75.42)
Status at discharge: Pt able to perform 85% of normal function, QuickDASH 18.
Discharged to independent HEP, goals met."""
        ),
        Page(
            """Harbor Rehab Associates
PHYSICAL THERAPY RE-EVALUATION
Patient: Lena Marquez    Date of Service: 08/18/2025
Subjective: Returns with recurrence of L shoulder pain after painting her house 07/30/2025.
Gap in care since February because symptoms had resolved and she was independent with her HEP.
Pain 5/10. Difficulty reaching overhead, fastening bra, and sleeping on left side.
Objective: L shoulder flexion 130 deg, abduction 110 deg, painful arc. MMT L shoulder ER 4-/5.
R shoulder within normal limits. Hand-held dynamometry ER: L 8.2 kg, R 12.5 kg.
QuickDASH 43.2.
Plan: 2 times per week for 6 weeks. 97164, 97110, 97140."""
        ),
        Page(
            """Treatment Note   DOS 08/21/2025
Pain 4/10. ER with yellow band 3 x 15, scaption to 90 deg 2 x 12 with 1 lb, sleeper stretch 3 x 30 sec hold.
Patient tolerated well. 97110 x 2."""
        ),
    ],
    labels={
        "visits": [
            {
                "date": "2025-08-18",
                "kind": "re_evaluation",
                "pain_nprs": 5,
                "function_pct": None,
                "side_documented": "left",
                "page": 2,
            },
            {
                "date": "2025-08-21",
                "kind": "treatment",
                "pain_nprs": 4,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
        ],
        "prior_episodes": [
            {
                "start_date": "2024-12-02",
                "end_date": "2025-02-14",
                "visits": 16,
                "discharge_function_pct": 85,
                "page": 1,
            },
        ],
        "plan": {"frequency_per_week": 2, "duration_weeks": 6, "page": 2},
        # the side the therapist documents at this episode's re-evaluation (page 1 is the prior episode's discharge)
        "affected_side": {"value": "left", "page": 2},
        "red_flags": [],
        "documentation": {
            "reported_improvement_pct": None,
            "goals": None,
            "outcome_measures": [
                {"name": "QuickDASH", "date": "2025-02-14", "score": 18, "page": 1},
                {"name": "QuickDASH", "date": "2025-08-18", "score": 43.2, "page": 2},
            ],
            "strength_pages": [2],
            "exercise_parameter_pages": [3],
            "functional_deficit_pages": [2],
            "objective_impairment_pages": [2],
            "gap_explanation_page": 2,
        },
        "side_mentions": [{"side": "left", "page": 1}, {"side": "left", "page": 2}],
    },
)

H4 = Record(
    name="held-04-ankle-flowsheet-other-side",
    tiff=False,
    pages=[
        Page(
            """REFERRAL / ORDER
Dx: S93.402A Sprain of unspecified ligament of left ankle, initial encounter
Order: PT eval and treat. Physician: K. Abara MD  NPI 1407916270"""
        ),
        Page(
            """INITIAL EVAL    Date: 7/14/25
CC: R ankle inversion sprain playing basketball 07/06/25. Pt c/o lateral ankle pain 6/10.
Unable to run, hop or descend stairs reciprocally. Uses R ankle brace.
Neg anterior drawer. (-) Homans. No signs of DVT. Pt denies numbness.
R ankle DF 5 deg vs L 15 deg. PF strength R 4/5.
FAAM ADL 62%.
STG: independent HEP in 2 wks. LTG: return to basketball in 8 wks.
POC: 3x/wk x 4 wks.""",
            scanned=True,
        ),
        Page(
            """TREATMENT FLOWSHEET - ANKLE
Date      | Pain | Interventions                                  | Codes
7/16/25   | 5/10 | heel raises 3x15, band eversion 3x12 red TB    | 97110, 97112
7/18/25   | 5/10 | heel raises 3x15, SL balance 3 x 30 s          | 97110, 97112
7/21/25   | 4/10 | single leg hops 2x10, lateral shuffles         | 97110, 97530
7/23/25   | 3/10 | agility ladder, hops 3x10                      | 97530"""
        ),
        Page(
            """PROGRESS NOTE   Date: 8/8/25
Pt reports 70% improvement. Pain 2/10 with running.
R ankle DF 13 deg. FAAM ADL 88%, FAAM Sports 65%.
STG met. LTG not yet met - return to full basketball.
Recommend 2x/wk x 3 wks to complete return to sport."""
        ),
    ],
    labels={
        "visits": [
            {
                "date": "2025-07-14",
                "kind": "evaluation",
                "pain_nprs": 6,
                "function_pct": None,
                "side_documented": "right",
                "page": 2,
            },
            {
                "date": "2025-07-16",
                "kind": "treatment",
                "pain_nprs": 5,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
            {
                "date": "2025-07-18",
                "kind": "treatment",
                "pain_nprs": 5,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
            {
                "date": "2025-07-21",
                "kind": "treatment",
                "pain_nprs": 4,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
            {
                "date": "2025-07-23",
                "kind": "treatment",
                "pain_nprs": 3,
                "function_pct": None,
                "side_documented": None,
                "page": 3,
            },
            {
                "date": "2025-08-08",
                "kind": "progress_note",
                "pain_nprs": 2,
                "function_pct": None,
                "side_documented": "right",
                "page": 4,
            },
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 3, "page": 4},
        "affected_side": {"value": "right", "page": 2},
        "red_flags": [],
        "documentation": {
            "reported_improvement_pct": {"value": 70, "page": 4},
            "goals": {"short_term_met": 1, "short_term_total": 1, "long_term_met": 0, "long_term_total": 1, "page": 4},
            "outcome_measures": [
                {"name": "FAAM", "date": "2025-07-14", "score": 62, "page": 2},
                {"name": "FAAM", "date": "2025-08-08", "score": 88, "page": 4},
                {"name": "FAAM", "date": "2025-08-08", "score": 65, "page": 4},
            ],
            "strength_pages": [2],
            "exercise_parameter_pages": [3],
            "functional_deficit_pages": [2],
            "objective_impairment_pages": [2, 4],
            "gap_explanation_page": None,
        },
        "side_mentions": [{"side": "left", "page": 1}, {"side": "right", "page": 2}, {"side": "right", "page": 4}],
    },
)

HELDOUT = [H1, H2, H3, H4]
