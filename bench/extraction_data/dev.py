"""Development labelled records (used while writing the extractor). See heldout.py for the others."""

from __future__ import annotations

from bench.extraction_data.model import Page, Record


def _doc(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "reported_improvement_pct": None,
        "goals": None,
        "outcome_measures": [],
        "strength_pages": [],
        "exercise_parameter_pages": [],
        "functional_deficit_pages": [],
        "objective_impairment_pages": [],
        "gap_explanation_page": None,
    }
    base.update(kw)
    return base


def _v(date: str, kind: str, page: int, pain: int | None = None, fn: int | None = None, side: str | None = None):
    return {"date": date, "kind": kind, "pain_nprs": pain, "function_pct": fn, "side_documented": side, "page": page}


D1 = Record(
    name="dev-01-hip-soap",
    pages=[
        Page("""FACSIMILE TRANSMITTAL
To: Prior Authorization    Fax: 555-0100
From: Lakeside Physical Therapy    Date: 08/26/2025
Number of pages: 6
Message: Please review attached records for continued PT authorization."""),
        Page("""Lakeside Physical Therapy
INITIAL EVALUATION
Date of Service: 08/04/2025
Patient: Jordan Ellis    DOB 03/14/1991
Dx: M25.552 Pain in left hip
Subjective: Pt c/o L hip pain following jet ski accident on 7/8/25 with surgical repair of open wound.
Difficulty with pivoting, stairs, sitting, kneeling and floor transfers. Sleep disturbed.
Pain NPRS 7/10. Pt reports current function at 35% of normal.
Pt denies bowel or bladder changes. No fever or chills.
Objective: L hip flexion 95 deg, IR 10 deg, ER 25 deg. Moderate deficits in hip strength compared to contralateral side.
MMT L hip abduction 3+/5, extension 4-/5; R hip 5/5.
LEFS 34/80.
Assessment: Impairments in ROM and strength limiting ADLs.
Plan: 2x/week x 6 weeks. 97162, 97110, 97140."""),
        Page("""Lakeside Physical Therapy
DAILY TREATMENT NOTE
Date of Service: 08/07/2025
S: Pain 6/10 L hip. Sore after HEP.
O: Bridges 3x10, clamshells 3x12 with red band, side-lying hip abduction 2x10.
A: Required tactile cues for form.
P: Progress as tolerated. 97110, 97140."""),
        Page("""Lakeside Physical Therapy
DAILY TREATMENT NOTE
Date of Service: 08/14/2025
S: Pain 5/10.
O: Bridges 3x15, lateral band walks 3 laps green band, step-ups 6 in 3x10, 10 lb kettlebell deadlift 3x8.
P: Continue. 97110, 97140."""),
        Page("""Lakeside Physical Therapy
PROGRESS NOTE
Date of Service: 08/25/2025
S: Pt reports 55% improvement. NPRS 4/10.
O: L hip flexion 110 deg. MMT L hip abduction 4/5. LEFS 49/80.
Short-term goals: STG 1 met, STG 2 not met, STG 3 met.
Long-term goals: LTG 1 in progress, LTG 2 in progress.
Plan: 2x/week for 4 weeks with re-evaluation at 4 weeks."""),
        Page("""Lakeside Physical Therapy - Billing Statement
Account 55102   Statement date 08/26/2025
08/04/2025 97162 PT eval moderate complexity   $180.00
08/07/2025 97110 Therapeutic exercise x2       $120.00
Balance due: $0.00   Thank you for your payment."""),
    ],
    labels={
        "visits": [
            _v("2025-08-04", "evaluation", 2, 7, 35, "left"),
            _v("2025-08-07", "treatment", 3, 6, None, "left"),
            _v("2025-08-14", "treatment", 4, 5),
            _v("2025-08-25", "progress_note", 5, 4, None, "left"),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 4, "page": 5},
        "affected_side": {"value": "left", "page": 2},
        "red_flags": [],
        "documentation": _doc(
            reported_improvement_pct={"value": 55, "page": 5},
            goals={"short_term_met": 2, "short_term_total": 3, "long_term_met": 0, "long_term_total": 2, "page": 5},
            outcome_measures=[
                {"name": "LEFS", "date": "2025-08-04", "score": 34, "page": 2},
                {"name": "LEFS", "date": "2025-08-25", "score": 49, "page": 5},
            ],
            strength_pages=[2, 5],
            exercise_parameter_pages=[3, 4],
            functional_deficit_pages=[2],
            objective_impairment_pages=[2, 5],
        ),
        "side_mentions": [{"side": "left", "page": 2}, {"side": "left", "page": 3}, {"side": "left", "page": 5}],
    },
)

D2 = Record(
    name="dev-02-back-narrative-scanned",
    pages=[
        Page("""Summit Spine & Sport PT
Evaluation narrative.  Visit date: 2025-06-02
Ms. Hale is a 47 year old office manager who presents with low back pain of 3 months duration with
gradual onset. Imaging shows mild degenerative changes at L4-5 and L5-S1. She describes pain of 5/10
that increases with prolonged sitting. She denies saddle anesthesia, bowel or bladder dysfunction,
fever, or unexplained weight loss. There is no history of cancer.
Lumbar extension is limited to 50% and painful; side bending to the right reproduces her symptoms.
She has difficulty sitting longer than 20 minutes, lifting her grandchild and vacuuming.
Oswestry Disability Index: 38%.
Plan of care: physical therapy 2 times per week for 6 weeks including 97161, 97110, 97112."""),
        Page(
            """Summit Spine & Sport PT
Treatment note   Visit date: 2025-06-05
Patient reports pain 5/10 this morning. Performed McKenzie extension in lying, 10 reps every 2 hours,
bird dog 2 sets of 10 reps with 5 second hold, dead bug 2 sets of 8. Tolerated without peripheralization.""",
            scanned=True,
        ),
        Page(
            """Summit Spine & Sport PT
Treatment note   Visit date: 2025-06-09
Pain 4/10. Continued core stabilization and walking program 20 minutes daily.
No radicular symptoms. 97110, 97112.""",
            scanned=True,
        ),
        Page("""Summit Spine & Sport PT
Re-evaluation   Visit date: 2025-07-14
Ms. Hale reports she is 60% better. Pain 2/10. Oswestry Disability Index: 18%.
She has met 2 of 3 short-term goals and 1 of 2 long-term goals.
Lumbar extension now full. Recommend 1x/week x 4 weeks to transition to independent program."""),
    ],
    labels={
        "visits": [
            _v("2025-06-02", "evaluation", 1, 5),
            _v("2025-06-05", "treatment", 2, 5),
            _v("2025-06-09", "treatment", 3, 4),
            _v("2025-07-14", "re_evaluation", 4, 2),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 1, "duration_weeks": 4, "page": 4},
        "affected_side": None,
        "red_flags": [],
        "documentation": _doc(
            reported_improvement_pct={"value": 60, "page": 4},
            goals={"short_term_met": 2, "short_term_total": 3, "long_term_met": 1, "long_term_total": 2, "page": 4},
            outcome_measures=[
                {"name": "ODI", "date": "2025-06-02", "score": 38, "page": 1},
                {"name": "ODI", "date": "2025-07-14", "score": 18, "page": 4},
            ],
            exercise_parameter_pages=[2],
            functional_deficit_pages=[1],
            objective_impairment_pages=[1],
        ),
        "side_mentions": [],
    },
)

D3 = Record(
    name="dev-03-knee-flowsheet",
    pages=[
        Page("""NORTHGATE PT — KNEE EVALUATION
Date of eval: 05/05/2025
Dx: S83.511A Sprain of ACL of right knee
Hx: R ACL reconstruction 03/28/2025 (hamstring autograft). Pt c/o stiffness and difficulty with stairs and squatting.
NPRS 3/10. Incision healing well; no signs of infection. (-) Homans bilaterally. Denies calf pain.
ROM R knee 5-0-110 deg. Quad lag 10 deg. MMT R quad 3+/5, hamstring 4-/5. L knee 0-140, 5/5.
KOOS 48.
Goals: STG1 full extension in 2 wks; STG2 normal gait; LTG1 jog in 4 months.
Plan: 3x/wk x 8 wks."""),
        Page("""NORTHGATE PT — DAILY FLOWSHEET (R knee)
Date | NPRS | Exercises | CPT
05/07/2025 | 3/10 | quad sets 3x10, heel slides 3x10, SLR 3x10 | 97110
05/09/2025 | 3/10 | quad sets, heel slides, stationary bike 10 min | 97110, 97140
05/12/2025 | 2/10 | mini squats 3x12, SLR 3x15 with 2 lb | 97110
05/14/2025 | 2/10 | leg press 3x10 at 40 lb, step ups 3x10 | 97110, 97112
05/16/2025 | 2/10 | leg press 3x10 at 50 lb, balance board 3 x 30 sec | 97110, 97112"""),
        Page("""NORTHGATE PT — PROGRESS REPORT
Date: 06/02/2025
NPRS 1/10. ROM R knee 0-0-128 deg. MMT R quad 4/5. KOOS 66.
Handheld dynamometer knee extension: R 21.4 kg, L 30.2 kg (71% LSI).
STG1 met, STG2 met. LTG1 progressing.
Continue 2x/wk x 6 wks."""),
    ],
    labels={
        "visits": [
            _v("2025-05-05", "evaluation", 1, 3, None, "right"),
            _v("2025-05-07", "treatment", 2, 3),
            _v("2025-05-09", "treatment", 2, 3),
            _v("2025-05-12", "treatment", 2, 2),
            _v("2025-05-14", "treatment", 2, 2),
            _v("2025-05-16", "treatment", 2, 2),
            _v("2025-06-02", "progress_note", 3, 1, None, "right"),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 6, "page": 3},
        "affected_side": {"value": "right", "page": 1},
        "red_flags": [],
        "documentation": _doc(
            goals={"short_term_met": 2, "short_term_total": 2, "long_term_met": 0, "long_term_total": 1, "page": 3},
            outcome_measures=[
                {"name": "KOOS", "date": "2025-05-05", "score": 48, "page": 1},
                {"name": "KOOS", "date": "2025-06-02", "score": 66, "page": 3},
            ],
            strength_pages=[1, 3],
            exercise_parameter_pages=[2],
            functional_deficit_pages=[1],
            objective_impairment_pages=[1, 3],
        ),
        "side_mentions": [{"side": "right", "page": 1}, {"side": "right", "page": 2}, {"side": "right", "page": 3}],
    },
)

D4 = Record(
    name="dev-04-shoulder-other-side-vague",
    pages=[
        Page("""Authorization Request Form
Member: Paul Brandt  DOB 1966-02-20
Diagnosis: M75.102 Rotator cuff syndrome, left shoulder
Requested: 12 visits PT, 97110/97140"""),
        Page("""OUTPATIENT PT NOTE - EVALUATION
DOS 9/8/2025
Pt is a 59 y/o R-hand dominant male with R shoulder pain for 6 wks after lifting luggage.
He reports pain 6/10 with overhead reaching. Pt says he is at about 50% of his usual function.
Limited with reaching overhead, putting on a jacket and sleeping.
R shoulder flexion 120 deg, abduction 95 deg. Weakness noted with resisted ER.
Pt performed shoulder exercises and was given a HEP.
Plan: 2x/wk for 6 wks."""),
        Page("""OUTPATIENT PT NOTE - TREATMENT
DOS 9/10/2025
Pain 5/10 right shoulder. Pt performed shoulder strengthening and stretching, tolerated well. Manual therapy to GH joint.
Function approximately 55%."""),
        Page("""OUTPATIENT PT NOTE - TREATMENT
DOS 9/15/2025
Pain 5/10. Pt performed exercises per flowsheet. Cervical rotation to the left WNL. Pt feels function is 60%."""),
    ],
    labels={
        "visits": [
            _v("2025-09-08", "evaluation", 2, 6, 50, "right"),
            _v("2025-09-10", "treatment", 3, 5, 55, "right"),
            _v("2025-09-15", "treatment", 4, 5, 60),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 2, "duration_weeks": 6, "page": 2},
        "affected_side": {"value": "right", "page": 2},
        "red_flags": [],
        "documentation": _doc(
            functional_deficit_pages=[2],
            objective_impairment_pages=[2],
        ),
        "side_mentions": [{"side": "left", "page": 1}, {"side": "right", "page": 2}, {"side": "right", "page": 3}],
    },
)

D5 = Record(
    name="dev-05-hip-prior-episode-gap",
    pages=[
        Page("""Westfield Therapy Group
DISCHARGE SUMMARY
Date of Service: 03/10/2025
Dates of care: 01/23/2025 to 03/10/2025. Number of visits: 18.
Pt discharged with independent HEP. Function at discharge 80% per patient report. HOOS 78.
Right hip pain resolved with activity modification."""),
        Page("""Westfield Therapy Group
INITIAL EVALUATION (new episode)
Date of Service: 08/25/2025
62 y/o female with 2-year history of gradual-onset R hip pain, returning to PT.
She had a break in therapy between March and August because she was caring for her mother out of state.
Patient is currently able to perform 30% of functional activities. Pain 5/10.
R hip muscular restrictions, hip IR 15 deg, FADIR positive on the R.
Difficulty with walking more than one block and putting on socks.
HOOS 52.
Plan 3x/week for 6 weeks."""),
        Page("""Westfield Therapy Group
Daily note   Date of Service: 08/28/2025
She felt so much better after initial visit. Her R hip isn't hurting now. Pain 2/10.
Hip flexor stretch 3 x 30 sec, bridges 2 x 10."""),
        Page("""Westfield Therapy Group
Daily note   Date of Service: 08/29/2025
Patient reports feeling so sore after last night's PT session/new stretches. Pain 6/10."""),
    ],
    labels={
        "visits": [
            _v("2025-08-25", "evaluation", 2, 5, 30, "right"),
            _v("2025-08-28", "treatment", 3, 2, None, "right"),
            _v("2025-08-29", "treatment", 4, 6),
        ],
        "prior_episodes": [
            {
                "start_date": "2025-01-23",
                "end_date": "2025-03-10",
                "visits": 18,
                "discharge_function_pct": 80,
                "page": 1,
            },
        ],
        "plan": {"frequency_per_week": 3, "duration_weeks": 6, "page": 2},
        # the side the therapist documents at this episode's evaluation (page 1 is the prior episode's discharge)
        "affected_side": {"value": "right", "page": 2},
        "red_flags": [],
        "documentation": _doc(
            outcome_measures=[
                {"name": "HOOS", "date": "2025-03-10", "score": 78, "page": 1},
                {"name": "HOOS", "date": "2025-08-25", "score": 52, "page": 2},
            ],
            exercise_parameter_pages=[3],
            functional_deficit_pages=[2],
            objective_impairment_pages=[2],
            gap_explanation_page=2,
        ),
        "side_mentions": [
            {"side": "right", "page": 1},
            {"side": "right", "page": 2},
            {"side": "right", "page": 3},
        ],
    },
)

D6 = Record(
    name="dev-06-ankle-dvt-tiff",
    tiff=True,
    pages=[
        Page("""Coastal Rehab  -  PT Evaluation
DOS: 10/01/2025
Pt is a 71 y/o female s/p L ankle ORIF 09/12/2025, referred for PT.
Pt c/o increased L calf pain and swelling since yesterday. Calf warm and tender to palpation. (+) Homans sign on the L.
Denies chest pain or shortness of breath. Pain 7/10.
Unable to bear weight through L LE without walker.
Physician contacted re: possible DVT; pt sent for venous duplex today. PT to resume after medical clearance.
FAAM ADL 30%."""),
        Page("""Coastal Rehab  -  Communication log
10/02/2025 Duplex positive for DVT, pt started on anticoagulation. Hold PT x 1 week per MD."""),
    ],
    labels={
        "visits": [_v("2025-10-01", "evaluation", 1, 7, None, "left")],
        "prior_episodes": [],
        "plan": None,
        "affected_side": {"value": "left", "page": 1},
        "red_flags": [{"flag": "dvt", "page": 1}, {"flag": "dvt", "page": 2}],
        "documentation": _doc(
            outcome_measures=[{"name": "FAAM", "date": "2025-10-01", "score": 30, "page": 1}],
            functional_deficit_pages=[1],
        ),
        "side_mentions": [{"side": "left", "page": 1}],
    },
)

D7 = Record(
    name="dev-07-neck-abbrev",
    pages=[
        Page("""PT IE — Cervical
Date: 3/3/25
S: 38 y/o F c/o neck pain & HA x 2 mo, desk worker. NPRS 5/10. Denies dizziness, dysphagia, bilat UE numbness.
No night pain, no wt loss.
O: Cerv rot to the R 50 deg, rot to the L 70 deg. Forward head posture. Deep neck flexor endurance 12 sec.
NDI 32%.
Difficulty with computer work > 30 min, driving (checking blind spot), sleeping.
P: 2x/wk x 4 wks. 97161 97110 97140."""),
        Page("""PT Daily
Date: 3/6/25
NPRS 4/10. Chin tucks 3 x 10 w/ 5 s hold, scap retraction 3x15 w/ yellow TB, UT stretch 3 x 30 s.
97110 97140"""),
        Page("""PT Daily
Date: 3/10/25
NPRS 4/10. Exercises as above, progressed to red TB. Manual: cervical mobs grade III."""),
        Page("""PT Progress Note
Date: 3/31/25
NPRS 2/10. Pt reports 70% improvement. NDI 14%. Cerv rot R 68 deg.
STG 1: met. STG 2: met. LTG 1: met. LTG 2: not met.
Recommend 1x/wk x 3 wks then d/c to HEP."""),
    ],
    labels={
        "visits": [
            _v("2025-03-03", "evaluation", 1, 5),
            _v("2025-03-06", "treatment", 2, 4),
            _v("2025-03-10", "treatment", 3, 4),
            _v("2025-03-31", "progress_note", 4, 2),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 1, "duration_weeks": 3, "page": 4},
        "affected_side": None,
        "red_flags": [],
        "documentation": _doc(
            reported_improvement_pct={"value": 70, "page": 4},
            goals={"short_term_met": 2, "short_term_total": 2, "long_term_met": 1, "long_term_total": 2, "page": 4},
            outcome_measures=[
                {"name": "NDI", "date": "2025-03-03", "score": 32, "page": 1},
                {"name": "NDI", "date": "2025-03-31", "score": 14, "page": 4},
            ],
            exercise_parameter_pages=[2, 3],  # "progressed to red TB" is a load
            functional_deficit_pages=[1],
            objective_impairment_pages=[1, 4],
        ),
        "side_mentions": [],
    },
)

D8 = Record(
    name="dev-08-tka-bilateral-negations",
    pages=[
        Page("""Valley Orthopedic Rehab
POST-OP EVALUATION
Date of Service: 11/03/2025
Pt is 3 wks s/p bilateral TKA (10/13/2025). Incisions clean and dry, no signs of infection.
No signs of DVT; (-) Homans bilaterally; calves soft and non-tender. Pt denies fever.
Pain 6/10 in both knees. Knee flexion L 85 deg, R 90 deg; extension lag 5 deg bilaterally.
Hand-held dynamometry quadriceps: L 9.1 kg, R 10.4 kg.
Difficulty with sit to stand, stairs and walking without a walker.
PSFS average 3.2/10.
Plan: 3x/week x 6 weeks."""),
        Page("""Valley Orthopedic Rehab
Treatment Note
Date of Service: 11/05/2025
Pain 5/10 bilat knees. Heel slides 2x15, SAQ 3x10 with 1 lb, sit to stand 3x8 from raised chair.
Educated pt on signs and symptoms of DVT and infection."""),
        Page("""Valley Orthopedic Rehab
Treatment Note
Date of Service: 11/07/2025
Pain 4/10. Recumbent bike 10 min, step ups 2x10, TKE 3x12 with green band."""),
    ],
    labels={
        "visits": [
            _v("2025-11-03", "evaluation", 1, 6, None, "bilateral"),
            _v("2025-11-05", "treatment", 2, 5, None, "bilateral"),
            _v("2025-11-07", "treatment", 3, 4),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 3, "duration_weeks": 6, "page": 1},
        "affected_side": {"value": "bilateral", "page": 1},
        "red_flags": [],
        "documentation": _doc(
            outcome_measures=[{"name": "PSFS", "date": "2025-11-03", "score": 3.2, "page": 1}],
            strength_pages=[1],
            exercise_parameter_pages=[2, 3],
            functional_deficit_pages=[1],
            objective_impairment_pages=[1],
        ),
        "side_mentions": [{"side": "bilateral", "page": 1}, {"side": "bilateral", "page": 2}],
    },
)

D9 = Record(
    name="dev-09-hip-written-dates",
    pages=[
        Page("""Physical Therapy Initial Evaluation
Date of service: August 4, 2025
Patient is a 29 year old runner with right groin pain for 4 months. Pain rated 4 out of 10 with running.
Unable to run more than 2 miles; pain with sitting cross-legged.
Hip ROM: R flexion 105 degrees, IR 15 degrees; FADIR positive on the right. Hip abduction MMT 4/5 on the right.
HAGOS sport 45. iHOT-12 52.
Goals: STG 1 pain-free ADLs (3 weeks); STG 2 run 3 miles (4 weeks); LTG 1 return to racing (10 weeks).
Plan: 2 visits a week for 8 weeks."""),
        Page("""Physical Therapy Re-Evaluation
Date of service: September 29, 2025
Pain rated 2 out of 10. Running 4 miles without pain. Patient reports 75% improvement.
HAGOS sport 70. iHOT-12 74. Hip abduction MMT 5/5 on the right.
STG 1: Met. STG 2: Met. LTG 1: Not met (progressing).
Plan: continue 1 time per week for 4 weeks."""),
    ],
    labels={
        "visits": [
            _v("2025-08-04", "evaluation", 1, 4, None, "right"),
            _v("2025-09-29", "re_evaluation", 2, 2, None, "right"),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 1, "duration_weeks": 4, "page": 2},
        "affected_side": {"value": "right", "page": 1},
        "red_flags": [],
        "documentation": _doc(
            reported_improvement_pct={"value": 75, "page": 2},
            goals={"short_term_met": 2, "short_term_total": 2, "long_term_met": 0, "long_term_total": 1, "page": 2},
            outcome_measures=[
                {"name": "HAGOS", "date": "2025-08-04", "score": 45, "page": 1},
                {"name": "iHOT-12", "date": "2025-08-04", "score": 52, "page": 1},
                {"name": "HAGOS", "date": "2025-09-29", "score": 70, "page": 2},
                {"name": "iHOT-12", "date": "2025-09-29", "score": 74, "page": 2},
            ],
            strength_pages=[1, 2],
            functional_deficit_pages=[1],
            objective_impairment_pages=[1],
        ),
        "side_mentions": [{"side": "right", "page": 1}, {"side": "right", "page": 2}],
    },
)

D10 = Record(
    name="dev-10-elbow-discharge-redflag-history",
    pages=[
        Page("""Hand & Upper Extremity Therapy
Evaluation     DOS: 04/07/2025
Pt c/o lateral elbow pain L elbow x 10 wks, L-hand dominant carpenter. Pain 6/10 with gripping.
Pt reports night sweats and unexplained weight loss of 15 lb over 2 months; history of lymphoma 2019.
Grip dynamometer: L 18 kg, R 38 kg. QuickDASH 52.3. PSFS 4/10.
Unable to use hammer or carry toolbox.
Plan: refer back to PCP before continuing therapy; 1x/wk x 2 wks pending MD clearance."""),
        Page("""Hand & Upper Extremity Therapy
Discharge     DOS: 04/21/2025
Pt seen by PCP; oncology work-up in progress. Pt discharged from PT at this time.
Pain 5/10. QuickDASH 50."""),
    ],
    labels={
        "visits": [
            _v("2025-04-07", "evaluation", 1, 6, None, "left"),
            _v("2025-04-21", "discharge", 2, 5),
        ],
        "prior_episodes": [],
        "plan": {"frequency_per_week": 1, "duration_weeks": 2, "page": 1},
        "affected_side": {"value": "left", "page": 1},
        "red_flags": [{"flag": "malignancy", "page": 1}, {"flag": "unexplained_weight_loss", "page": 1}],
        "documentation": _doc(
            outcome_measures=[
                {"name": "QuickDASH", "date": "2025-04-07", "score": 52.3, "page": 1},
                {"name": "PSFS", "date": "2025-04-07", "score": 4, "page": 1},
                {"name": "QuickDASH", "date": "2025-04-21", "score": 50, "page": 2},
            ],
            strength_pages=[1],
            functional_deficit_pages=[1],
            objective_impairment_pages=[1],
        ),
        "side_mentions": [{"side": "left", "page": 1}],
    },
)

DEV = [D1, D2, D3, D4, D5, D6, D7, D8, D9, D10]
