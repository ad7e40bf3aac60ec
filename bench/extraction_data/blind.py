"""Blind held-out records: written by someone who had not seen the extractor (nor its development
or held-out records), from the record shape, the label schema and the issue text only. Never tune
the extractor on these; report them apart ("blind").

Labelling conventions (what a careful reviewer keys):
- a visit is a dated encounter note in the record (evaluation, treatment, progress note,
  re-evaluation, discharge); appointment lists, billing ledgers and dates quoted in a history are
  not visits. Its page is the page where the note (or its flowsheet row) is; pain_nprs is the
  current pain (0-10; a 100 mm VAS is keyed in tenths), function_pct the patient-rated function;
- the plan is the latest plan of care in the record; a range ("2-3x/week for 4-6 weeks") is keyed
  at its upper bound (what the request covers);
- affected_side is the side the treating therapist documents at the evaluation, even where the
  referral's code says the other side; side_mentions include a referral/diagnosis line that gives
  the treated region a side in words; comparison sides, directions and spinal levels are not;
- red flags use the criteria's red-flag keys; negated or ruled-out findings are not keyed;
- outcome measures are keyed as written (NDI as x/50 raw, percentages without the sign).
"""

from __future__ import annotations

from bench.extraction_data.labelling import _doc, _labels, _om, _v
from bench.extraction_data.model import Page, Record


def _emr(clinic: str, patient: str, printed: str, n: int, total: int, body: str) -> str:
    return (
        f"{clinic}  |  Patient: {patient}  |  MRN 00481726\n"
        f"{'-' * 78}\n"
        f"{body.strip()}\n\n"
        f"{'-' * 78}\n"
        f"Printed {printed} by fdesk2   Page {n} of {total}   CONFIDENTIAL - contains PHI"
    )


# ---------------------------------------------------------------- 01: knee, EMR printout, 3 pages
_R01 = "Riverbend Physical Therapy EMR"
R01 = Record(
    name="blind-01-knee-emr-printout",
    pages=[
        Page(
            _emr(
                _R01,
                "LINDGREN, SARA",
                "03/18/25 16:02",
                1,
                3,
                """
PHYSICAL THERAPY INITIAL EVALUATION            DOS: 03/04/25
Referring: Dr. K. Amadi, MD     Dx: M22.2X1 Patellofemoral disorders, right knee

SUBJECTIVE: 34 y/o F c/o R anterior knee pain x 3 mo, gradual onset after
increasing running mileage. Pain NPRS 6/10 today, 8/10 worst (stairs).
Pt rates current function at 50% of normal.
Difficulty descending stairs, unable to squat to pick up her toddler, unable to
run > 5 min. Sitting > 30 min (theater sign) aggravates.
Denies locking, giving way. Denies fever/chills, night pain, unexplained
weight loss. No hx of trauma.

OBJECTIVE:
  AROM knee flexion: R 0-118 deg (painful end range)   L 0-140 deg
  MMT: R quads 4-/5, R hip abduction 4/5, R hip ER 4-/5
  Step-down test: R dynamic valgus, pain reproduced at 30 deg
  Patellar grind (+) R; McMurray (-); Lachman (-)
  KOOS: 54

ASSESSMENT: Findings consistent with R PFPS with proximal weakness.

PLAN: PT 2x/wk x 6 wks: ther ex, neuromuscular re-ed, manual, HEP.
STG (3 wks): 1) NPRS <= 3/10 with stairs  2) independent HEP
LTG (6 wks): 1) return to running 20 min  2) KOOS >= 75
""",
            )
        ),
        Page(
            _emr(
                _R01,
                "LINDGREN, SARA",
                "03/18/25 16:02",
                2,
                3,
                """
DAILY NOTE                                      DOS: 03/07/25
S: R knee pain 5/10, tolerating HEP, sore after stairs at work.
O/A: Ther ex: SLR 3x10 w/ 2# ankle weight, sidelying hip abd 3x12,
     wall sits 5 x 20 sec hold, mini squats 3x12 to 45 deg.
     Cues needed for R knee valgus control.
P: Continue POC.
                                          L. Ortiz, PT, DPT

DAILY NOTE                                      DOS: 03/11/25
S: Pt reports R knee 5/10 after a long shift. No new complaints.
O/A: Ther ex progressed: step-ups 6" box 3x10, clamshells w/ green band 3x15,
     bridges 3x12 w/ 3 sec hold. Tol well, no increase in sx.
P: Continue POC, progress to step-downs next visit.
                                          L. Ortiz, PT, DPT
""",
            )
        ),
        Page(
            _emr(
                _R01,
                "LINDGREN, SARA",
                "03/18/25 16:02",
                3,
                3,
                """
DAILY NOTE                                      DOS: 03/14/25
S: R knee pain 4/10. Was able to do stairs at home w/o handrail.
O/A: Continued ther ex per HEP sheet; added step-downs and lateral walks.
     Manual: patellar mobs. Pt tolerated session well.
P: Continue POC.
                                          L. Ortiz, PT, DPT

*** END OF CLINICAL DOCUMENTATION ***
""",
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-03-04", "evaluation", 1, 6, 50, "right"),
            _v("2025-03-07", "treatment", 2, 5, None, "right"),
            _v("2025-03-11", "treatment", 2, 5, None, "right"),
            _v("2025-03-14", "treatment", 3, 4, None, "right"),
        ],
        plan=(2, 6, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-03-04", 54, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)

# ---------------------------------------------------------------- 02: low back, narrative letter
R02 = Record(
    name="blind-02-back-narrative-letter",
    pages=[
        Page("""Lakeshore Spine & Sport Rehabilitation
1200 Harbor Drive, Suite 4, Milwaukee, WI 53202

February 24, 2025

Utilization Review Department
Attn: Outpatient Therapy Review

RE: Maria Delgado    DOB: 11/02/1966    Member ID: XHT448201937

Dear Reviewer,

I am writing to request continued physical therapy for Ms. Delgado, whom I
re-evaluated today, February 24, 2025, for chronic mechanical low back pain
(M54.50). She began therapy with us in January and has attended 9 visits.

Her average pain is now 3 out of 10, down from 7 out of 10 at the start of
care. Her Oswestry Disability Index is now 30%, a 16-point improvement since
the initial evaluation. She reports that she feels approximately 60% better
overall. She still cannot sit through a full workday without standing breaks
every 40 minutes and is unable to lift her 25 lb grandson from the floor.

On examination today lumbar flexion reaches mid-shin (about 75% of expected)
and extension remains painful at end range. Her home program is bird-dog,
2 sets of 10 with a 5 second hold, and prone press-ups, 10 repetitions every
two to three hours while at work.

She has met two of her three short-term goals and one of her two long-term
goals. She continues to deny saddle numbness or any bowel or bladder change,
and her physician ruled out fracture on plain films in December.

We request that therapy continue twice weekly for four more weeks, after
which we expect to discharge her to an independent program.

Sincerely,

Thomas Becker, PT, DPT, OCS
"""),
        Page("""Lakeshore Spine & Sport Rehabilitation - Initial Evaluation (attached)

Patient: Maria Delgado          Date of evaluation: January 13, 2025

History: 58-year-old office manager with low back pain for about eight months,
worse over the past six weeks after moving house. Pain is central, across the
low back, without radiation below the buttocks. Pain today is 7/10.

Function: She can sit for only 20 minutes, needs to stand to put on socks and
cannot carry laundry up the stairs. The Oswestry Disability Index was 46%.

Screening: she denies numbness, tingling, weakness in the legs, saddle
anesthesia, and bowel or bladder changes. No history of cancer. No fever.

Examination: lumbar flexion to the knees with pain (about 50% of expected),
extension 25% of expected with centralizing response to repeated extension.
Rotation to the left is more restricted than rotation to the right. Segmental
hypomobility at L4-L5 on central PA pressure. Neurological screen intact.

Assessment: chronic low back pain, directional preference for extension.

Plan: physical therapy two times a week for six weeks, including therapeutic
exercise, manual therapy and education.

Thomas Becker, PT, DPT, OCS
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-02-24", "re_evaluation", 1, 3),
            _v("2025-01-13", "evaluation", 2, 7),
        ],
        plan=(2, 4, 1),
        side=None,
        documentation=_doc(
            improvement=(60, 1),
            goals=(2, 3, 1, 2, 1),
            outcomes=[_om("ODI", "2025-02-24", 30, 1), _om("ODI", "2025-01-13", 46, 2)],
            exercise=[1],
            deficits=[1, 2],
            impairments=[1, 2],
        ),
        side_mentions=[],
    ),
)

# ---------------------------------------------------------------- 03: shoulder, flowsheet columns
R03 = Record(
    name="blind-03-shoulder-flowsheet",
    pages=[
        Page("""NORTHGATE ORTHO REHAB                    SHOULDER EVALUATION
Patient: R. Okafor       Acct 22-7781       Date: 4-Mar-25
Dx: M75.102 Rotator cuff syndrome, left shoulder (per referral)

S: 52 y/o M, L shoulder pain x 10 wks, no injury. c/o pain reaching overhead
   and behind back, can't sleep on L side, difficulty donning jacket, unable to
   lift carry-on into overhead bin. NPRS 7/10.
   (-) numbness/tingling, denies neck pain, no night sweats, no wt loss.
O: AROM L shoulder: flex 110, abd 95, ER 30, IR to L3. R shoulder WNL.
   MMT (L): flex 4-/5, abd 4-/5, ER 4-/5, IR 4/5.
   Hawkins-Kennedy (+), Neer (+), painful arc 70-120, drop arm (-).
   QuickDASH 52.3
A: L RC tendinopathy / impingement, good rehab potential.
P: TIW x 4 wks.
   STG: 1) independent HEP  2) NPRS <= 4/10  3) sleep on L side 4 hrs
   LTG: 1) overhead reach w/o pain  2) QuickDASH <= 25
"""),
        Page("""NORTHGATE ORTHO REHAB            TREATMENT FLOWSHEET - SHOULDER
Patient: R. Okafor       Acct 22-7781

Date       Visit  Side  Pain  Intervention                 Params
---------  -----  ----  ----  ---------------------------  -------------------
6-Mar-25   2      L     6/10  ER/IR yellow TB              3x15
                              scap retraction              2x15, 3s hold
                              pendulums                    2 min
8-Mar-25   3      L     6/10  ER/IR yellow TB              3x15
                              wall slides                  2x10
11-Mar-25  4      L     5/10  ER/IR red TB                 3x12
                              sidelying ER 1 lb            3x10
                              GH post glides gr III        3x30 sec
13-Mar-25  5      L     5/10  ER/IR red TB                 3x15
                              rows green TB                3x12

Therapist initials each row: MK / MK / JS / MK
"""),
        Page("""NORTHGATE ORTHO REHAB                    PROGRESS NOTE
Patient: R. Okafor       Acct 22-7781       Date: 1-Apr-25       Visit 10

S: L shoulder pain 3/10, sleeping on L side ~4 hrs. Still guarded reaching
   overhead shelf at work; can don jacket independently now.
O: AROM L shoulder: flex 150, abd 140, ER 55, IR to T12.
   MMT (L): flex 4+/5, abd 4/5, ER 4/5.
   QuickDASH 34.1
Goals: STG 1 and 3 achieved; STG 2 not yet met (pain 3/10 at rest, 5/10
   with reach). LTGs ongoing.
A: Progressing, remaining deficits in overhead strength and end-range ER.
P: Decrease to 2x/wk x 4 wks, progress to overhead loading.
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-03-04", "evaluation", 1, 7, None, "left"),
            _v("2025-03-06", "treatment", 2, 6, None, "left"),
            _v("2025-03-08", "treatment", 2, 6, None, "left"),
            _v("2025-03-11", "treatment", 2, 5, None, "left"),
            _v("2025-03-13", "treatment", 2, 5, None, "left"),
            _v("2025-04-01", "progress_note", 3, 3, None, "left"),
        ],
        plan=(2, 4, 3),
        side=("left", 1),
        documentation=_doc(
            goals=(2, 3, 0, 2, 3),
            outcomes=[_om("QuickDASH", "2025-03-04", 52.3, 1), _om("QuickDASH", "2025-04-01", 34.1, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
    ),
)

# ---------------------------------------------------------------- 04: hip, checkbox form, other side
R04 = Record(
    name="blind-04-hip-checkbox-other-side",
    pages=[
        Page("""FAX COVER SHEET

To:      Utilization Management - Therapy Review
Fax:     (888) 555-0142
From:    Summit Physical Therapy, Front Desk
Phone:   (414) 555-0199
Date:    03/05/2025
Pages:   4 (including cover)

Re:      Prior authorization request - physical therapy

Comments: Please find attached the referral, initial evaluation and a copy
of the member's insurance card. Call with any questions.

CONFIDENTIALITY NOTICE: The documents accompanying this transmission contain
confidential health information that is legally privileged. If you are not
the intended recipient, you are hereby notified that any disclosure, copying,
distribution or action taken in reliance on the contents is prohibited.
"""),
        Page("""WESTSIDE FAMILY MEDICINE - REFERRAL / PRESCRIPTION

Patient: Harold Jensen           DOB: 05/30/1958
Date: 2025-02-26

Diagnosis: M25.551  Pain in right hip
Referral to: Physical Therapy - evaluate and treat
Notes: 66 y/o with hip pain x 4 months, x-ray mild degenerative changes.

Signature: A. Patel, MD      NPI 1234567893
"""),
        Page("""SUMMIT PHYSICAL THERAPY - INITIAL EVALUATION FORM

Patient: Harold Jensen       Date of eval: 2025-03-04
Body region:  [ ] Knee  [X] Hip  [ ] Ankle  [ ] Shoulder  [ ] Spine
Side:         [X] Left  [ ] Right  [ ] Bilateral
Onset:        [ ] Traumatic  [X] Gradual  [ ] Post-op

Pain now (0-10): 5        Worst: 7        Best: 3
Red flags:  [ ] Night pain  [ ] Fever  [ ] Weight loss  [ ] Bowel/bladder
            [X] None reported
Functional limitations:
  [X] Stairs   [X] Walking > 15 min   [ ] Sitting   [X] Putting on shoes/socks
  [ ] Lifting  [ ] Sleep
Outcome measure: HOOS  61
ROM (involved):  Flex 95   IR 10   ER 25   Abd 20
Strength (MMT):  Flex 4/5  Abd 3+/5  Ext 4-/5
Special tests:   FADIR [X]+ [ ]-    FABER [X]+ [ ]-    Scour [X]+ [ ]-
Gait:            [X] Antalgic  [ ] Trendelenburg  [ ] Assistive device

Assessment: Hip pain with mobility deficits, consistent with early hip OA.
Plan of care:
  Frequency: 2-3x/week         Duration: 4-6 weeks
  [X] Ther ex  [X] Manual therapy  [X] Gait training  [ ] Modalities  [X] HEP

Therapist: B. Nguyen, PT            Signature on file
"""),
        Page("""INSURANCE CARD COPY (front / back)

  BLUE VALLEY HEALTH PLAN          PPO
  Member:    HAROLD JENSEN
  Member ID: BVH991204471         Group: 004417
  Rx BIN 610014   PCN BVRX   Rx GRP BV44
  PCP copay $25   Specialist $50   ER $250

  Back: Providers: submit claims to PO Box 2200, Dallas TX 75221
  Prior authorization: 1-800-555-0110   Member services: 1-800-555-0111
"""),
    ],
    labels=_labels(
        visits=[_v("2025-03-04", "evaluation", 3, 5, None, "left")],
        plan=(3, 6, 3),
        side=("left", 3),
        documentation=_doc(
            outcomes=[_om("HOOS", "2025-03-04", 61, 3)],
            strength=[3],
            deficits=[3],
            impairments=[3],
        ),
        side_mentions=[("right", 2), ("left", 3)],
    ),
)

# ---------------------------------------------------------------- 05: ankle, TIFF fax
R05 = Record(
    name="blind-05-ankle-tiff",
    tiff=True,
    pages=[
        Page("""GREENFIELD SPORTS PT - INITIAL EVALUATION
Patient: T. Brooks    Date: 02/10/25    Dx: S93.401A Sprain R ankle

S: 19 y/o soccer player, inversion injury R ankle 01/28/25.
   Pain 6/10 with walking. Unable to jog, limps on stairs, cannot
   stand on R leg > 5 sec.
   X-ray negative for fracture at urgent care.
O: Edema R figure-8: 54.5 cm (L 51.0 cm).
   AROM R ankle DF 5 deg, PF 35 deg, INV 15 deg.
   MMT R evertors 4-/5, R PF 4/5.
   Ant drawer (-), talar tilt (-), squeeze test (-), Thompson (-).
   FAAM ADL: 58%
A: Grade II lateral ankle sprain R.
P: 2x/wk x 4 wks: ROM, strengthening, balance, return-to-sport progression.
"""),
        Page("""GREENFIELD SPORTS PT - TREATMENT NOTES
Patient: T. Brooks

02/13/25  R ankle pain 5/10. Calf raises 3x15, SL balance 3x30 sec,
          band eversion red 3x15. Tol well.  - D. Hart, PTA

02/18/25  R ankle pain 4/10, less limping. Calf raises 3x20,
          SL balance on foam 3x30 sec, lateral hops 2x10.  - D. Hart, PTA
"""),
        Page("""GREENFIELD SPORTS PT - PROGRESS NOTE
Patient: T. Brooks    Date: 03/10/25

S: Pt reports 75% improvement. R ankle pain 2/10 after practice.
O: AROM R DF 15 deg. MMT R evertors 5/5. FAAM ADL: 81%
   Goals: 2/3 STGs met, 1/2 LTGs met.
   Still unable to cut or sprint at full speed in practice.
A: Good progress; needs sport-specific agility before full return.
P: 1x/wk x 2 wks, then D/C to independent program.
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-02-10", "evaluation", 1, 6, None, "right"),
            _v("2025-02-13", "treatment", 2, 5, None, "right"),
            _v("2025-02-18", "treatment", 2, 4, None, "right"),
            _v("2025-03-10", "progress_note", 3, 2, None, "right"),
        ],
        plan=(1, 2, 3),
        side=("right", 1),
        documentation=_doc(
            improvement=(75, 3),
            goals=(2, 3, 1, 2, 3),
            outcomes=[_om("FAAM", "2025-02-10", 58, 1), _om("FAAM", "2025-03-10", 81, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)

# ---------------------------------------------------------------- 06: back, red flag present
R06 = Record(
    name="blind-06-back-cauda-equina",
    pages=[
        Page("""ACME REHAB ASSOCIATES - PT EVALUATION (SOAP)
Pt: L. Fischer    DOS: 2025-02-24    Dx: M51.26 Other IVD displacement, lumbar

S: 47 y/o M c/o LBP x 6 wks after lifting a water heater. Pain central, no
   radiation into the legs. NPRS 7/10. Sitting tolerance 15 min,
   unable to work (warehouse), difficulty sleeping. MRI 02/10/25: L4-L5 disc
   protrusion without stenosis.
   Denies bowel/bladder changes, denies saddle anesthesia. No fever, no hx CA.
O: Lumbar flexion 40% limited, extension 50% limited w/ pain.
   Side glide to the left limited and painful.
   SLR (-), neuro screen WNL (myotomes, dermatomes, DTRs).
   Oswestry Disability Index: 52%
A: Acute LBP with discogenic features, movement coordination impairment.
P: TIW x 4 wks. Ther ex, manual, education on activity pacing.
"""),
        Page("""ACME REHAB ASSOCIATES - DAILY NOTE
Pt: L. Fischer    DOS: 2025-03-03

S: Pt reports that since Saturday 3/1 he has had numbness in the groin and
   inner thighs ("saddle area") and difficulty starting urination. Back pain
   8/10. Also new weakness in his feet.
O: Decreased light touch in the saddle region (S2-S4). Ankle DF MMT 4/5.
A: Signs consistent with possible cauda equina syndrome.
P: Treatment held. Referring MD (Dr. Ames) called at 10:40; pt sent to the
   emergency department for urgent imaging. Will hold POC pending results.
"""),
        Page("""ACME REHAB ASSOCIATES - APPOINTMENT LIST

Patient: L. Fischer

Date        Time    Provider    Status
03/05/25    10:00   J. Wu, PT   Scheduled
03/07/25    10:00   J. Wu, PT   Scheduled
03/10/25    09:15   J. Wu, PT   Scheduled
03/12/25    10:00   J. Wu, PT   Scheduled
03/14/25    10:00   J. Wu, PT   Cancelled - pt hospitalized
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-02-24", "evaluation", 1, 7),
            _v("2025-03-03", "treatment", 2, 8),
        ],
        plan=(3, 4, 1),
        side=None,
        red_flags=[("cauda_equina", 2)],
        documentation=_doc(
            outcomes=[_om("ODI", "2025-02-24", 52, 1)],
            strength=[2],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[],
    ),
)

# ---------------------------------------------------------------- 07: neck, abbreviations, scanned
R07 = Record(
    name="blind-07-neck-scanned-goal-table",
    pages=[
        Page(
            """CITY PT & WELLNESS      INITIAL EVAL - CERVICAL
Name: P. Hall       DOS: 01/06/2025      Dx: M54.2 Cervicalgia

S: 41 y/o F, desk job, c/o neck pain & HA x 2 mo. NPRS 5/10.
   Diff w/ driving (shoulder check), reading > 20 min, sleeping.
   Denies dizziness, denies UE numbness/tingling. No trauma.
O: Cx AROM: flex 35, ext 40, rot R 50, rot L 70, SB R 30, SB L 35.
   Deep neck flexor endurance 12 sec (norm 38).
   MMT cervical flexors 4-/5, mid trap 4-/5.
   Spurling's (-), distraction (-), ULTT1 (-).
   NDI 20/50
A: Mechanical neck pain w/ mobility deficits and HA.
P: 2x/wk x 6 wks. Manual, ther ex, postural ed, HEP.
""",
            scanned=True,
        ),
        Page("""CITY PT & WELLNESS      DAILY NOTES

DOS: 01/09/2025   Pain 5/10. Chin tucks 10 x 10 sec hold, scap retraction
                  2x15 w/ red TB, UT stretch 3 x 30 sec. C-spine mobs gr II.

DOS: 01/14/2025   Pain 4/10, fewer HA. Chin tucks 10 x 10 sec hold,
                  prone T's 2x10, rows green TB 3x12.
"""),
        Page(
            """CITY PT & WELLNESS      RE-EVALUATION
Name: P. Hall       DOS: 02/17/2025

S: NPRS 2/10. Pt rates function at 80%. HA 1x/wk (was daily).
O: Cx rot R 70, rot L 75. DNF endurance 28 sec. MMT cx flexors 4/5.
   NDI 12/50

GOAL STATUS
  Goal                                          Status
  STG 1  Independent with HEP                   Met
  STG 2  Pain <= 3/10 at work                   Met
  LTG 1  Drive with full shoulder check         Partially met
  LTG 2  NDI <= 8/50                            Not met

P: BIW x 3 wks to address remaining endurance deficit, then D/C.
""",
            scanned=True,
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-01-06", "evaluation", 1, 5),
            _v("2025-01-09", "treatment", 2, 5),
            _v("2025-01-14", "treatment", 2, 4),
            _v("2025-02-17", "re_evaluation", 3, 2, 80),
        ],
        plan=(2, 3, 3),
        side=None,
        documentation=_doc(
            goals=(2, 2, 0, 2, 3),
            outcomes=[_om("NDI", "2025-01-06", 20, 1), _om("NDI", "2025-02-17", 12, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1],
            impairments=[1, 3],
        ),
        side_mentions=[],
    ),
)

# ---------------------------------------------------------------- 08: TKA, prior episode with gap
R08 = Record(
    name="blind-08-tka-prior-episode-gap",
    pages=[
        Page("""HOMETOWN REHABILITATION - POST-OPERATIVE EVALUATION

Patient: Evelyn Marsh          Date: March 4, 2025
Surgery: Left total knee arthroplasty, February 20, 2025 (Dr. Lindqvist)

History: 71-year-old retired teacher, 12 days after a left TKA for end-stage
osteoarthritis. Prior episode of physical therapy at this clinic for the left
knee from June 5, 2023 to August 14, 2023 (10 visits), discharged at 70% of
her prior function with a home program. She was not seen between August 2023
and now because she managed with the home program until her surgeon scheduled
the replacement; no new injury in that interval.

Pain: 6/10 with exercise. Walks with a rolling walker, cannot do stairs
reciprocally, cannot get in and out of the car without help.

Screen: calf soft and non-tender, no warmth; (-) Homans; no signs of DVT.
Incision clean and dry, no drainage, afebrile.

Examination: left knee flexion 85 deg, extension lacking 5 deg; quadriceps
MMT 3+/5 with a 5 deg extension lag. Right knee full range and 5/5.
Timed Up and Go 21 seconds with walker. LEFS 28/80.

Plan: therapy three times a week for six weeks (ROM, strengthening, gait
training, stair training, HEP).
"""),
        Page("""HOMETOWN REHABILITATION - TREATMENT NOTE        March 7, 2025

Patient: Evelyn Marsh
Left knee pain 5/10. Heel slides 2x10, quad sets 10 x 5 sec hold, SAQ 2x10
with 1 lb, seated knee flexion stretch 5 x 30 sec. Gait training with walker
150 ft x 2. Ice 10 min at end of session.
"""),
        Page("""HOMETOWN REHABILITATION - TREATMENT NOTE        March 11, 2025

Patient: Evelyn Marsh
Pain 5/10 in the left knee. Continued exercise program; recumbent bike for
range of motion. Stair training with one rail. Pt motivated.
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-03-04", "evaluation", 1, 6, None, "left"),
            _v("2025-03-07", "treatment", 2, 5, None, "left"),
            _v("2025-03-11", "treatment", 3, 5, None, "left"),
        ],
        prior=[
            {
                "start_date": "2023-06-05",
                "end_date": "2023-08-14",
                "visits": 10,
                "discharge_function_pct": 70,
                "page": 1,
            }
        ],
        plan=(3, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-03-04", 28, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
            gap=1,
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
    ),
)

# ---------------------------------------------------------------- 09: hip, 16-page EMR printout
_R09 = "Brightwater PT - WebPT export"
_P09 = "03/26/2025 09:14"
_N09 = 16


def _tx09(n: int, date: str, pain: int, body: str) -> Page:
    return Page(
        _emr(
            _R09,
            "KOWALSKI, ANNA",
            _P09,
            n,
            _N09,
            f"""
TREATMENT NOTE                    Date of service: {date}
Visit type: Treatment     Therapist: S. Romero, PT

Subjective: R hip pain {pain}/10.
{body.strip()}
""",
        ),
        scanned=n in (7, 11),
    )


R09 = Record(
    name="blind-09-hip-16-page-emr",
    pages=[
        Page("""*** FAX ***       From: Brightwater PT  (312) 555-0170     03/26/2025 09:20

TO:    Midwest Health Plan - UM Therapy
ATTN:  Concurrent review
PAGES: 16

Request for additional visits, member A. Kowalski. Attached: demographics,
initial evaluation, treatment notes, progress note, ledger, schedule.

This fax may contain protected health information. If received in error,
notify the sender and destroy all copies.
"""),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                2,
                _N09,
                """
PATIENT DEMOGRAPHICS
Name: KOWALSKI, ANNA       Sex: F      Phone: (312) 555-0133
Address: 410 W Elm St, Chicago IL 60610
Primary insurance: Midwest Health Plan   ID MHP55120988   Group 7719
Secondary: none
Emergency contact: Piotr Kowalski (spouse)
Referring provider: Dr. S. Reyes   Dx: M70.61 Trochanteric bursitis, right hip
""",
            )
        ),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                3,
                _N09,
                """
INITIAL EVALUATION                Date of service: 01/27/2025
Therapist: S. Romero, PT

Subjective: 58 y/o F c/o lateral R hip pain x 5 months, gradual onset.
Pain NPRS 6/10. Patient estimates her function at 40% of her prior level.
Unable to lie on R side, difficulty with stairs and getting out of a car,
walking limited to 10 minutes. Denies groin pain, denies night sweats or
weight loss, no fever. Denies numbness/tingling into the leg.

HOOS (Function in daily living): 48

Goals:
 STG (4 wks): 1. NPRS <= 3/10   2. walk 20 min   3. independent HEP
 LTG (8 wks): 1. sleep on R side all night   2. stairs reciprocally
Plan: 2x/wk x 8 wks - ther ex, manual therapy, dry needling prn, HEP.
""",
            )
        ),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                4,
                _N09,
                """
INITIAL EVALUATION (cont.)        Date of service: 01/27/2025

Objective:
 Hip AROM (involved R): flex 105, IR 25, ER 35, abd 30
 Uninvolved L hip: WNL all planes
 MMT: R glut med 3+/5, R glut max 4/5, R hip ER 4-/5
 Single-leg stance: R 8 sec with Trendelenburg, L 30 sec
 Palpation: TTP R greater trochanter
 Special tests: FABER (+) lateral hip pain, Ober (+), FADIR (-)
Assessment: R greater trochanteric pain syndrome with gluteal tendinopathy.
""",
            )
        ),
        _tx09(
            5,
            "01/29/2025",
            6,
            """
Ther ex: isometric hip abd in supine 5 x 45 sec hold, bridges 3x10,
clamshells 2x15 no band. HEP reviewed.
""",
        ),
        _tx09(
            6,
            "02/03/2025",
            6,
            """
Ther ex: bridges 3x12, sidelying hip abd 3x10, standing hip abd w/ red TB
3x12, step-ups 4" 2x10. Manual: STM R ITB/TFL 8 min.
""",
        ),
        _tx09(
            7,
            "02/05/2025",
            5,
            """
Ther ex: bridges 3x12 w/ 5 sec hold, sidelying hip abd 3x12 w/ 1 lb,
monster walks red TB 3 x 20 ft, step-ups 6" 3x10.
""",
        ),
        _tx09(
            8,
            "02/10/2025",
            5,
            """
Ther ex per flowsheet. Pt tolerated well, no adverse response.
Manual: STM R lateral hip.
""",
        ),
        _tx09(
            9,
            "02/12/2025",
            5,
            """
Ther ex: single-leg bridge 3x8, sidelying abd 3x12 w/ 2 lb, lateral step
downs 3x10, SLS on foam 3 x 30 sec.
""",
        ),
        _tx09(
            10,
            "02/17/2025",
            4,
            """
Ther ex: SL bridge 3x10, hip hikes 3x12, goblet squat 10 lb 3x10,
monster walks green TB 3 x 30 ft.
""",
        ),
        _tx09(
            11,
            "02/19/2025",
            4,
            """
Ther ex: progressed loading. SL RDL 3x8 w/ 10 lb, step-downs 8" 3x10,
side plank 3 x 20 sec.
""",
        ),
        _tx09(
            12,
            "02/24/2025",
            4,
            """
Continued ther ex program, pt independent with most of it. Discussed sleep
positioning with pillow between knees.
""",
        ),
        _tx09(
            13,
            "03/03/2025",
            3,
            """
Ther ex: SL RDL 3x10 w/ 15 lb, lateral lunges 3x8, side plank 3 x 30 sec.
""",
        ),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                14,
                _N09,
                """
PROGRESS NOTE                     Date of service: 03/24/2025
Therapist: S. Romero, PT          Visit 11

Subjective: R hip pain 3/10. Reports 50% improvement overall; walks 20 min,
still wakes when lying on R side. Stairs with rail, step-to on descent.
Objective: R hip MMT glut med 4/5, glut max 4+/5. SLS R 20 sec, no
Trendelenburg. TTP R greater trochanter reduced.
HOOS (Function in daily living): 66

Goal status: STG 1 and 3 achieved, STG 2 in progress. LTG 0 of 2 met.
Assessment: Improving; residual strength and load-tolerance deficits.
Plan: Continue 2x/wk x 4 wks with progressive loading.
""",
            )
        ),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                15,
                _N09,
                """
PATIENT LEDGER
Date        CPT     Units  Description                    Charge   Paid
01/27/2025  97162   1      PT eval moderate complexity    180.00   112.40
01/29/2025  97110   2      Therapeutic exercise           140.00    88.20
02/03/2025  97110   2      Therapeutic exercise           140.00    88.20
02/03/2025  97140   1      Manual therapy                  65.00    41.10
02/05/2025  97110   3      Therapeutic exercise           210.00   132.30
02/10/2025  97110   2      Therapeutic exercise           140.00    88.20
03/24/2025  97164   1      PT re-evaluation               120.00     0.00
Balance due: $ 36.50
""",
            )
        ),
        Page(
            _emr(
                _R09,
                "KOWALSKI, ANNA",
                _P09,
                16,
                _N09,
                """
UPCOMING APPOINTMENTS
Mon 03/31/2025 07:30   S. Romero, PT    Treatment
Wed 04/02/2025 07:30   S. Romero, PT    Treatment
Mon 04/07/2025 07:30   S. Romero, PT    Treatment
Wed 04/09/2025 07:30   S. Romero, PT    Treatment
""",
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-01-27", "evaluation", 3, 6, 40, "right"),
            _v("2025-01-29", "treatment", 5, 6, None, "right"),
            _v("2025-02-03", "treatment", 6, 6, None, "right"),
            _v("2025-02-05", "treatment", 7, 5, None, "right"),
            _v("2025-02-10", "treatment", 8, 5, None, "right"),
            _v("2025-02-12", "treatment", 9, 5, None, "right"),
            _v("2025-02-17", "treatment", 10, 4, None, "right"),
            _v("2025-02-19", "treatment", 11, 4, None, "right"),
            _v("2025-02-24", "treatment", 12, 4, None, "right"),
            _v("2025-03-03", "treatment", 13, 3, None, "right"),
            _v("2025-03-24", "progress_note", 14, 3, None, "right"),
        ],
        plan=(2, 4, 14),
        side=("right", 3),
        documentation=_doc(
            improvement=(50, 14),
            goals=(2, 3, 0, 2, 14),
            outcomes=[_om("HOOS", "2025-01-27", 48, 3), _om("HOOS", "2025-03-24", 66, 14)],
            strength=[4, 14],
            exercise=[5, 6, 7, 9, 10, 11, 13],
            deficits=[3, 14],
            impairments=[4, 14],
        ),
        side_mentions=[("right", p) for p in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)],
    ),
)

# ---------------------------------------------------------------- 10: elbow, discharge summary
R10 = Record(
    name="blind-10-elbow-discharge",
    pages=[
        Page("""PINE RIDGE HAND & UPPER EXTREMITY THERAPY
DISCHARGE SUMMARY

Patient: D. Rossi          Date of discharge: 2025-04-15
Diagnosis: M77.11 Lateral epicondylitis, right elbow
Start of care: 2025-02-03          Total visits: 12

Summary: 44 y/o carpenter treated for R lateral elbow pain. At today's final
visit pain is 1/10 with gripping tools. QuickDASH 18.2 today (45.5 at the
initial evaluation on 2025-02-03). Grip dynamometry (elbow extended): R 32 kg,
L 36 kg; at start of care R 18 kg. Patient reports 90% improvement and has
returned to full duty.
Pt denies numbness/tingling; negative for night pain throughout the episode.

Goals: all STGs (3/3) and LTGs (2/2) met.
HEP: eccentric wrist extension 3x15 with 3 lb, 3 s lowering, daily; forearm
supination/pronation with hammer 2x15.

Discharged to independent HEP. Return to MD as needed.

M. Chen, OTR/L, CHT
"""),
        Page("""PINE RIDGE HAND & UPPER EXTREMITY THERAPY - ACCOUNT STATEMENT

Statement date: 04/20/2025     Account: 5530-118

Date of service   Code    Description                Amount    Ins paid
02/03/2025        97165   OT evaluation, low         145.00    101.50
02/05/2025        97110   Therapeutic exercise        68.00     47.60
02/10/2025        97140   Manual therapy              62.00     43.40
04/15/2025        97110   Therapeutic exercise        68.00     47.60

Patient responsibility: $ 60.00     Please remit by 05/20/2025.
"""),
    ],
    labels=_labels(
        visits=[_v("2025-04-15", "discharge", 1, 1, None, "right")],
        plan=None,
        side=("right", 1),
        documentation=_doc(
            improvement=(90, 1),
            goals=(3, 3, 2, 2, 1),
            outcomes=[_om("QuickDASH", "2025-04-15", 18.2, 1), _om("QuickDASH", "2025-02-03", 45.5, 1)],
            strength=[1],
            exercise=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1)],
    ),
)

# ---------------------------------------------------------------- 11: foot, PSFS and vague % function
R11 = Record(
    name="blind-11-foot-psfs-vague-function",
    pages=[
        Page("""OAKWOOD PHYSIOTHERAPY
Evaluation - Foot/Ankle           Date of Service: Mar 4 2025
Pt: G. Alvarez   Dx: M72.2 Plantar fascial fibromatosis (L foot per MD)

c/o L heel pain x 4 months, worst with first steps in the morning.
Current pain 4/10 (worst 8/10 with first steps).
Functional: cannot stand at work > 1 hr (cashier), stopped daily walks,
difficulty with stairs in the morning.
PSFS (standing at work 3, walking 30 min 4, stairs 4): 3.7
Exam: L ankle DF 0 deg with knee ext (R 10 deg), TTP medial calcaneal
tubercle L, windlass test (+) L. Tarsal tunnel Tinel (-).
Calf non-tender, Homans (-); no swelling.
Plan: 1x/wk x 6 wks, HEP emphasis. Stretching, loading, taping trial.
"""),
        Page("""OAKWOOD PHYSIOTHERAPY
Progress Note - Foot/Ankle        Date of Service: Mar 31 2025
Pt: G. Alvarez

L heel pain 2/10 now, first steps 4/10. Pt feels function is ~70% of normal.
PSFS: 6.3
HEP reviewed: towel curls 3x20, calf stretch 3 x 30 sec hold, heel raises
3x12 with 3 sec lowering.
2 of 3 short-term goals met; long-term goals 1/2.
Plan: continue 1x/wk x 4 wks.
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-03-04", "evaluation", 1, 4, None, "left"),
            _v("2025-03-31", "progress_note", 2, 2, 70, "left"),
        ],
        plan=(1, 4, 2),
        side=("left", 1),
        documentation=_doc(
            goals=(2, 3, 1, 2, 2),
            outcomes=[_om("PSFS", "2025-03-04", 3.7, 1), _om("PSFS", "2025-03-31", 6.3, 2)],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)

# ---------------------------------------------------------------- 12: shoulder, night pain red flag
R12 = Record(
    name="blind-12-shoulder-night-pain-scanned",
    pages=[
        Page("""REFERRAL FOR THERAPY SERVICES

Date: 02/27/2025
Patient: Carol Whitfield         DOB: 09/09/1960
ICD-10: M75.101 Unspecified rotator cuff tear of right shoulder, not trauma
Order: PT eval and treat. Frequency/duration per therapist.
Physician: J. O'Neil, DO
"""),
        Page(
            """Coastal Therapy Group - Initial Evaluation

Date of exam: 2025-03-04.  Carol Whitfield, 64, presents with right shoulder
pain of three months without injury. Pain today VAS 60 mm. She describes the
pain as constant and reports that it wakes her three to four times every
night regardless of position and is not relieved by rest or medication. She
denies fever or chills and denies weight loss. No history of cancer. No recent
infection or injection.

She cannot reach into overhead cupboards, cannot fasten her bra, and has
stopped swimming. QuickDASH 61.4.

Right shoulder AROM: flexion 120, abduction 90, ER 40. Left shoulder
normal. MMT right ER 4/5, abduction 4-/5 (painful). Empty can positive.

Assessment: right shoulder pain with rotator cuff weakness; constant night
pain unrelated to position is not typical of a mechanical cuff problem.
Plan: PT 2x/week x 6 weeks. I have called Dr. O'Neil regarding the night
pain and will begin treatment once she has been seen.
""",
            scanned=True,
        ),
    ],
    labels=_labels(
        visits=[_v("2025-03-04", "evaluation", 2, 6, None, "right")],
        plan=(2, 6, 2),
        side=("right", 2),
        red_flags=[("night_pain", 2)],
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-03-04", 61.4, 2)],
            strength=[2],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)

# ---------------------------------------------------------------- 13: ACL, prior episodes table, DVT
R13 = Record(
    name="blind-13-acl-prior-episodes-dvt",
    pages=[
        Page("""ELEVATE ORTHOPAEDIC PT - POST-OP EVALUATION
Patient: J. Morales       DOS: 01/29/2025
Procedure: R ACL reconstruction (BTB autograft) 01/15/2025

Hx: 27 y/o M, R knee ACL tear 12/08/2024 playing soccer (new injury).
Previous PT at this clinic:
  Episode  Region     Dates                  Visits  D/C status
  1        R knee     01/10/2022-03/01/2022  14      85% function
           (patellar tendinopathy)
  2        R knee     09/05/2023-10/20/2023  8       goals met
           (meniscal irritation, no surgery)

S: R knee pain 5/10. Ambulating WBAT with crutches x 2, brace locked.
   Unable to do stairs reciprocally, unable to drive, sleep disrupted.
   Calf non-tender, denies calf pain; no fever.
O: R knee AROM 5-80 deg, quad lag 10 deg, effusion 2+.
   Quad MMT 3/5, NMES-assisted quad set. L knee 0-140.
   LEFS 22
P: 3x/wk x 8 wks per ACL protocol.
"""),
        Page("""ELEVATE ORTHOPAEDIC PT - DAILY NOTE
Patient: J. Morales       DOS: 02/03/2025

S: R knee pain 6/10, new aching in R calf since yesterday.
O: R calf swollen (circumference 41 cm vs L 38 cm), warm, tender to palpation
   along the posterior calf; Homans (+). Wells score 3.
A: Findings concerning for DVT.
P: Session discontinued. Surgeon's office notified; pt sent for same-day venous
   Doppler. Hold therapy until cleared.
"""),
    ],
    labels=_labels(
        visits=[
            _v("2025-01-29", "evaluation", 1, 5, None, "right"),
            _v("2025-02-03", "treatment", 2, 6, None, "right"),
        ],
        prior=[
            {
                "start_date": "2022-01-10",
                "end_date": "2022-03-01",
                "visits": 14,
                "discharge_function_pct": 85,
                "page": 1,
            },
            {
                "start_date": "2023-09-05",
                "end_date": "2023-10-20",
                "visits": 8,
                "discharge_function_pct": None,
                "page": 1,
            },
        ],
        plan=(3, 8, 1),
        side=("right", 1),
        red_flags=[("dvt", 2)],
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-01-29", 22, 1)],
            strength=[1],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)

BLIND: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13]
