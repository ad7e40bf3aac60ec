"""Third blind held-out records ("blind3"): written by helper b3, who had not seen the extractor, its
tests, its scorer, or any other labelled record (development, held-out, blind, blind2, big) or their
labels; written from the record shape (model.py), blind2.py's docstring and label helpers, the
renderer (generate.py), the ur-case/1 schema, the criteria's red-flag keys and outcome measure names,
and the labelling conventions in the brief only. Never tune the extractor on these; report them apart.

Labelling conventions (those of blind.py / blind2.py):
- a visit is a dated encounter note (evaluation, treatment, progress_note, re_evaluation, discharge);
  appointment lists, billing ledgers, authorization forms, referral dates and dates quoted in a
  history or in a before/after table are not visits. Its page is the page of the note (or its
  flowsheet row). pain_nprs is current pain 0-10 (a 100 mm VAS in tenths); function_pct is the
  patient-rated function %; side_documented is the side the note itself gives the treated region.
- prior episodes: an earlier, finished episode of care for the same region, on the page describing it.
- the plan is the latest plan of care in the record; a range is keyed at its upper bound; no plan
  where the therapist puts care on hold or discharges.
- affected_side is the side the treating therapist documents at the evaluation (or, where the record
  has no evaluation, in the therapist's own first note), even when the referral says the other side.
- side_mentions: every (side, page) where the page gives the treated region a side in words or
  abbreviation (R/L/Lt/bilat; a referral, diagnosis or authorization line counts); the uninvolved
  comparison side, hand dominance, movement directions and spinal levels are not mentions.
- red flags by the criteria's keys; negated, ruled-out, resolved, unchecked or "none" findings are
  not keyed.
- outcome measures keyed as written by the criteria's names (KOOS JR -> KOOS, HOOS JR -> HOOS,
  FAAM-ADL -> FAAM), each with its own date and the page it is written on (an earlier score in a
  before/after table keyed with its own date, on the table's page); NDI as x/50 raw unless written
  as %; percentages without the sign. Pain ratings (NPRS/VAS) are keyed as the visit's pain, not as
  outcome measures. Measures the criteria do not list (FOTO, Berg, 6MWT, grip) are not keyed.
- documentation pages: strength = graded MMT or dynamometry; exercise parameters = sets x reps, load,
  hold, duration; functional deficits = stated activity limitations; objective impairments = measured
  ROM, special tests, girth, sensation, strength; gap = the page explaining a gap in care.
"""

from __future__ import annotations

import textwrap

from bench.extraction_data.labelling import _doc, _ep, _labels, _om, _v
from bench.extraction_data.model import Page, Record


def _fax(n: int, total: int, stamp: str = "DEC-01-2026 08:41") -> str:
    return f"{stamp}  FROM: 555 730 2218   TO: UR INTAKE              P.{n:03d}/{total:03d}\n"


def _fp(n: int, total: int, text: str) -> Page:
    """A faxed page: the fax machine's header line, then the block."""
    return Page(_fax(n, total) + textwrap.dedent(text).strip("\n"))


def _p(text: str, scanned: bool = False) -> Page:
    """A page from an indented triple-quoted block (common indent and the first newline removed)."""
    return Page(textwrap.dedent(text).strip("\n"), scanned=scanned)


# --- 01: hospital EMR printout, right knee OA: eval + 2 daily notes, fax cover, appointment list -----


def _rb(n: int, body: str) -> str:
    head = (
        "RIVERBEND HEALTH SYSTEM | Outpatient Rehabilitation | Printed 10/09/2025 14:22\n"
        "Patient: DOE, MARGARET A   MRN 00418827   DOB 03/14/1958\n"
        "------------------------------------------------------------------------\n"
    )
    foot = f"\n------------------------------------------------------------------------\nPage {n} of 5   CONFIDENTIAL"
    return head + textwrap.dedent(body).strip("\n") + foot


R01 = Record(
    name="blind3-01-emr-knee-oa",
    pages=[
        _p("""
            RIVERBEND HEALTH SYSTEM - OUTPATIENT REHAB
            FACSIMILE TRANSMITTAL

            To:      Utilization Review Dept., Harborline Health Plan
            Fax:     (555) 730-2200
            From:    Rehab Medical Records
            Date:    10/09/2025
            Pages:   5 (including cover)
            Re:      Requested PT documentation, member DOE, MARGARET

            The documents accompanying this facsimile contain confidential
            health information. If you received this in error, call
            (555) 730-2218 and destroy all copies.
        """),
        Page(
            _rb(
                2,
                """
            PHYSICAL THERAPY INITIAL EVALUATION
            Date of Service: 09/30/2025      Therapist: K. Brandt, PT, DPT
            Referring dx: M17.11 Unilateral primary osteoarthritis, right knee

            SUBJECTIVE
            67 y/o F c/o R knee pain x 8 months, gradual onset, worse with
            stairs and walking. Current pain NPRS 6/10, worst 8/10.
            Denies numbness/tingling. Denies fever, chills or unexplained
            weight loss. No calf pain.
            Functional limitations: unable to descend stairs reciprocally;
            walking tolerance 10 min; difficulty rising from a low chair.

            OBJECTIVE
            AROM R knee: flexion 105 deg, extension -8 deg. L knee WNL.
            MMT (R): quadriceps 4-/5, hamstrings 4/5, hip abductors 4/5.
            Medial joint line tenderness; trace effusion. Homans negative.
            KOOS JR: 48.6

            ASSESSMENT
            Signs consistent with R knee OA with quad weakness and ROM loss.

            PLAN
            Frequency: 2-3x/week    Duration: 6 weeks
            Interventions: 97110, 97140, 97112, 97530. HEP issued.
        """,
            )
        ),
        Page(
            _rb(
                3,
                """
            DAILY TREATMENT NOTE
            Date of Service: 10/02/2025      Therapist: K. Brandt, PT, DPT

            S: Pt reports R knee "a little looser". NPRS 5/10.
            O/Interventions:
              Recumbent bike 8 min, seat 7
              LAQ 3x10 with 2# ankle weight
              SLR 3x10
              Mini squats 2x15 to 30 deg
              Step-ups 4" step 2x10, 30 s rest between sets
              Manual: tibiofemoral mobs grade III x 8 min
            A: Tolerated well, no increase in symptoms.
            P: Progress per POC.
            Timed minutes 45 / Total time 50
        """,
            )
        ),
        Page(
            _rb(
                4,
                """
            DAILY TREATMENT NOTE
            Date of Service: 10/07/2025      Therapist: J. Ocampo, PTA

            S: NPRS 4/10 today. No new complaints.
            O/Interventions:
              Recumbent bike 10 min
              LAQ 3x12 with 3# ankle weight
              Sit to stand from 18" chair 3x8
              Step-ups 6" step 2x10
              Terminal knee extension, green band, 3x15, 3 s hold
            A: Progressed load; good form.
            P: Continue per POC; supervising PT K. Brandt.
            Timed minutes 40 / Total time 45
        """,
            )
        ),
        Page(
            _rb(
                5,
                """
            APPOINTMENT HISTORY / SCHEDULE
            Date        Time    Type                  Status
            09/30/2025  09:00   PT Evaluation         Arrived
            10/02/2025  09:00   PT Follow-up          Arrived
            10/07/2025  10:30   PT Follow-up          Arrived
            10/09/2025  10:30   PT Follow-up          Scheduled
            10/14/2025  09:00   PT Follow-up          Scheduled
            10/16/2025  09:00   PT Follow-up          Scheduled
        """,
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-30", "evaluation", 2, 6, None, "right"),
            _v("2025-10-02", "treatment", 3, 5, None, "right"),
            _v("2025-10-07", "treatment", 4, 4, None, None),
        ],
        plan=(3, 6, 2),
        side=("right", 2),
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-09-30", 48.6, 2)],
            strength=[2],
            exercise=[3, 4],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("right", 2), ("right", 3)],
    ),
)


# --- 02: narrative letter to the insurer, left frozen shoulder re-evaluation; insurance card --------

R02 = Record(
    name="blind3-02-letter-shoulder",
    pages=[
        _p("""
            COASTAL MOTION PHYSICAL THERAPY
            418 Harbor Blvd, Suite 2 - Port Lewis - (555) 301-7740

            November 4, 2025

            Utilization Management
            Harborline Health Plan

            Re: Linda Park, DOB 06/02/1961
                Left shoulder adhesive capsulitis (M75.02)

            Dear Reviewer,

            I am writing to request continued physical therapy for Ms. Park,
            whom I re-evaluated today. She was first seen here on Sept. 9,
            2025, and has attended 14 visits since then.

            Ms. Park tells me she is about 40% better overall. Her pain is
            now 3/10 at rest (it was 7/10 in September), and she rates the
            function of her left shoulder at 60% of normal. She denies night
            pain, fever or weight loss. Even so, she still cannot reach an
            overhead kitchen shelf, fasten her bra behind her back, or carry
            a laundry basket with both hands.

            Her SPADI has improved from 68 at the initial evaluation (Sept.
            9, 2025) to 42 today. She has met 2 of her 3 short-term goals;
            neither of her 2 long-term goals has been met yet.

            (continued)
        """),
        _p("""
            Linda Park - page 2

            Objective findings, left shoulder (initial / today):
              Flexion (AROM)             95 deg    /   135 deg
              Abduction (AROM)           70 deg    /   110 deg
              External rotation at 0     10 deg    /    35 deg
              ER strength (MMT)          4-/5      /   4/5
              Abduction strength (MMT)   3+/5      /   4/5
            The right shoulder is full and pain-free (flexion 170 deg).

            Her current program:
              - Pulley flexion, 3 sets of 10, 5-second hold
              - Supine cane ER, 3 x 10, 10-second hold
              - Sleeper stretch 3 x 30 seconds
              - Rows with red band, 3 x 15, 1 minute rest
              - Joint mobilization, grade III-IV posterior and inferior glides

            I am requesting 2 visits per week for 4 more weeks, after which I
            expect to discharge her to a home program.

            Sincerely,

            Dana Whitfield, PT, OCS
            NPI 1487720915
        """),
        _p("""
            [COPY OF INSURANCE CARD - FRONT]

            HARBORLINE HEALTH PLAN            PPO
            Member:  LINDA PARK
            Member ID:  HHP88201745        Group:  40221
            PCP Copay $25   Specialist $45   PT/OT $40
            Rx BIN 004336  PCN ADV  GRP RX4022

            [BACK]
            Providers: submit claims to PO Box 1190, Port Lewis
            Prior authorization: (555) 730-2200
        """),
    ],
    labels=_labels(
        visits=[_v("2025-11-04", "re_evaluation", 1, 3, 60, "left")],
        plan=(2, 4, 2),
        side=("left", 1),
        documentation=_doc(
            improvement=(40, 1),
            goals=(2, 3, 0, 2, 1),
            outcomes=[_om("SPADI", "2025-09-09", 68, 1), _om("SPADI", "2025-11-04", 42, 1)],
            strength=[2],
            exercise=[2],
            deficits=[1],
            impairments=[2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 03: lumbar radiculopathy eval with cauda equina signs; referral order; billing ledger ----------

R03 = Record(
    name="blind3-03-lumbar-cauda-equina",
    pages=[
        _p("""
            ORTHOPEDIC & SPINE ASSOCIATES
            PHYSICAL THERAPY ORDER

            Date: 10/08/25
            Patient: Marcus Bell     DOB: 01/22/1981
            Dx: M54.17 Radiculopathy, lumbosacral region
                M51.26 Other intervertebral disc displacement, lumbar
            Left L5 radiculopathy, 3 weeks.
            Order: PT evaluate and treat. McKenzie / core stabilization.
            Precautions: none.

            Physician: Alan Roth, MD       NPI 1932210456
            Signature on file
        """),
        _p("""
            Northgate Physical Therapy - INITIAL EVALUATION
            Patient: Marcus Bell        Date: 10/14/2025
            Therapist: S. Nakamura, PT

            S: 44 y/o M warehouse lead with 3 wk hx of LBP radiating into the
            L posterior thigh and lateral calf to the dorsum of the foot.
            NPRS 8/10. Over the last 2 days he has had difficulty starting
            his urine stream and reports "numbness when wiping". He notes
            the L foot "slapping" more since last week. Denies fever. No
            history of cancer.
            Function: sitting tolerance 10 min; unable to work; needs help
            putting on socks.

            O: MMT L EHL 3/5 (4/5 at Dr. Roth's exam 10/08), L ankle DF 4-/5,
            R LE 5/5 throughout. Decreased light touch L L5 dermatome and
            perianal region. SLR (+) on the L at 35 deg. Lumbar flexion
            about 30% of normal, extension 50%. Patellar reflexes 2+,
            L Achilles 1+.
            ODI 46%

            A: Saddle sensory change with new voiding difficulty and
            worsening L5 weakness: possible cauda equina syndrome and a
            progressive neurological deficit. Not appropriate for PT today.
            Pt sent to Mercy General ED; Dr. Roth notified by phone 11:40.

            P: PT on hold pending medical clearance. Re-evaluate on return.

            S. Nakamura, PT  Lic. 40-22917
        """),
        _p("""
            NORTHGATE PHYSICAL THERAPY - PATIENT LEDGER
            Account: BELL, MARCUS    Acct# 22190

            DOS         CPT     Units  Description              Charge
            10/14/2025  97161   1      PT eval, low complexity  $145.00
            10/14/2025  --      --     Copay received            -$40.00
                                                      Balance:  $105.00

            Insurance billed 10/15/2025: Harborline Health Plan
        """),
    ],
    labels=_labels(
        visits=[_v("2025-10-14", "evaluation", 2, 8, None, "left")],
        plan=None,
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("ODI", "2025-10-14", 46, 2)],
            strength=[2],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
        red_flags=[("cauda_equina", 2), ("progressive_neuro_deficit", 2)],
    ),
)


# --- 04: cervical radiculopathy: typed eval, scanned flowsheet (no year in rows), scanned progress ---

R04 = Record(
    name="blind3-04-cervical-flowsheet",
    pages=[
        _p("""
            VALLEY SPINE & SPORT PHYSICAL THERAPY
            INITIAL EVALUATION                                 3-Nov-2025
            Pt: Teresa Quinn   DOB 11/30/1975   Dx: M54.12 cervical radiculopathy

            History: 6 wks of R-sided neck pain radiating to the R lateral
            forearm and thumb after a long drive. NPRS 6/10.
            Pt rates current function at 50%.
            Denies bowel/bladder changes, gait disturbance, dizziness.
            No hx of CA.
            Limitations: cannot check blind spot when driving; wakes 2-3x
            per night when lying on R side; computer work limited to 20 min.

            Exam:
              Cervical AROM: flex 40, ext 30, rotation to the left 60,
              rotation to the right 45 (reproduces arm sx), SB R 20
              Spurling (+) R; ULTT1 (median) (+) R; distraction relieves
              MMT R: biceps 4/5, wrist extensors 4-/5, triceps 5/5
              Reflex: R brachioradialis 1+, others 2+
            NDI: 22/50

            Assessment: R C6 radiculopathy, good rehab potential.
            Plan: 2x/wk x 6 wks - traction, manual tx, ther ex, HEP.

            M. Ferreira, PT, DPT
        """),
        _p(
            """
            VALLEY SPINE & SPORT PT    DAILY FLOWSHEET    2025
            Pt: QUINN, T.

            Date  | Pain | Tx codes          | Exercise                  | By
            ------+------+-------------------+---------------------------+----
            11/05 | 5/10 | 97140 97110 97012 | chin tuck 3x10 5s hold    | MF
                  |      |                   | scap retract RTB 2x15     |
            11/07 | 5/10 | 97140 97110 97012 | chin tuck 3x10 5s hold    | MF
                  |      |                   | UT stretch 3x30s          |
            11/10 | 4/10 | 97140 97110       | nerve glide 2x10          | MF
                  |      |                   | rows GTB 3x12             |
            11/12 | 4/10 | 97140 97110 97012 | rows GTB 3x15             | JL
            11/14 | 3/10 | 97140 97110       | prone Y/T 2x10 1 lb       | MF

            MF = M. Ferreira PT   JL = J. Lutz PTA
        """,
            scanned=True,
        ),
        _p(
            """
            VALLEY SPINE & SPORT PHYSICAL THERAPY
            PROGRESS NOTE                             Date: 11/17/2025
            Pt: Teresa Quinn

            S: R arm symptoms now intermittent, only after 45+ min at the
            computer. NPRS 3/10. Pt rates function at 70%.
            Still difficulty with computer work over 45 min and sleeping
            on the R side.
            O: Cervical rotation to the right 65 deg. Spurling (+) R, milder.
            MMT R wrist extensors 4/5, biceps 5/5.
            NDI 14/50
            Goals: STG 2/3 met. LTG 0/2 met.
            Plan: Continue 2x/wk x 4 wks, wean traction, progress
            strengthening.

            M. Ferreira, PT, DPT
        """,
            scanned=True,
        ),
        _p("""
            VALLEY SPINE & SPORT - UPCOMING APPOINTMENTS
            Patient: QUINN, TERESA

            Wed 11/19/2025   8:00 AM   Ferreira
            Fri 11/21/2025   8:00 AM   Ferreira
            Tue 11/25/2025   4:15 PM   Lutz
            Mon 12/01/2025   8:00 AM   Ferreira

            Please call 24 hrs ahead to cancel: (555) 402-1188
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-11-03", "evaluation", 1, 6, 50, "right"),
            _v("2025-11-05", "treatment", 2, 5),
            _v("2025-11-07", "treatment", 2, 5),
            _v("2025-11-10", "treatment", 2, 4),
            _v("2025-11-12", "treatment", 2, 4),
            _v("2025-11-14", "treatment", 2, 3),
            _v("2025-11-17", "progress_note", 3, 3, 70, "right"),
        ],
        plan=(2, 4, 3),
        side=("right", 1),
        documentation=_doc(
            goals=(2, 3, 0, 2, 3),
            outcomes=[_om("NDI", "2025-11-03", 22, 1), _om("NDI", "2025-11-17", 14, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("right", 1), ("right", 3)],
    ),
)


# --- 05: ankle sprain, whole record a TIFF fax: eval, treatment, re-eval with a reduced plan --------

R05 = Record(
    name="blind3-05-tiff-ankle-sprain",
    tiff=True,
    pages=[
        _fp(
            1,
            3,
            """
            LAKESIDE SPORTS REHAB
            PT EVALUATION                         DOS: 2025-08-18
            Name: Jordan Ellis   Age 19   Dx: S93.402A sprain of L ankle

            Hx: Inversion injury to the L ankle 2025-08-09 playing
            basketball. Able to bear weight immediately after with a limp.
            Ottawa ankle rules negative, no bony tenderness at the
            malleoli, navicular or 5th metatarsal base; fracture not
            suspected. Pain 5/10 now.
            Limits: cannot jog; stairs step-to pattern; limps after
            15 min of walking.

            Objective:
              L ankle DF 0 deg (R 15 deg), PF 35 deg
              Figure-8 girth L 2 cm greater than R
              Anterior drawer (+) L, talar tilt (+) L
              MMT L evertors 4-/5, PF 4/5 (10 single-leg heel raises)
            FAAM-ADL: 54.8

            Plan: 2x/week for 6 weeks; balance, strengthening,
            return to sport progression.
            C. Bauer, PT, ATC
        """,
        ),
        _fp(
            2,
            3,
            """
            LAKESIDE SPORTS REHAB - TREATMENT NOTE
            DOS: 08/21/25
            L ankle less swollen today. Pain 4/10.
            Towel scrunches 3 x 20
            Eversion, red Theraband, 3 x 15
            Single-leg balance on foam 4 x 30 s
            Heel raises 2 x 15, double leg -> single leg
            Ice 10 min after session
            C. Bauer, PT
        """,
        ),
        _fp(
            3,
            3,
            """
            LAKESIDE SPORTS REHAB
            RE-EVALUATION                         DOS: 9/15/25
            Jordan Ellis

            S: Pain 2/10. Reports 70% improvement overall. Jogging on
            level ground without pain. Still unable to cut or pivot
            for basketball.
            O: L ankle DF 10 deg, figure-8 girth equal. MMT L evertors
            4+/5. Y-balance anterior reach 8 cm short of R.
            FAAM-ADL: 78.6
            Goals: short-term 3 of 3 met; long-term 1 of 2 met.
            Plan: Decrease to 1x/week x 3 weeks for agility and
            return-to-sport drills, then discharge.
            C. Bauer, PT, ATC
        """,
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-08-18", "evaluation", 1, 5, None, "left"),
            _v("2025-08-21", "treatment", 2, 4, None, "left"),
            _v("2025-09-15", "re_evaluation", 3, 2, None, "left"),
        ],
        plan=(1, 3, 3),
        side=("left", 1),
        documentation=_doc(
            improvement=(70, 3),
            goals=(3, 3, 1, 2, 3),
            outcomes=[_om("FAAM", "2025-08-18", 54.8, 1), _om("FAAM", "2025-09-15", 78.6, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
    ),
)


# --- 06: post-op right THA: surgeon summary, eval with a true DVT concern, treatment, ledger --------

R06 = Record(
    name="blind3-06-post-op-hip-dvt",
    pages=[
        _p("""
            CASCADE ORTHOPAEDICS
            OPERATIVE SUMMARY / THERAPY REFERRAL

            Patient: Harold Jensen    DOB 04/09/1952
            Procedure: Right total hip arthroplasty, posterior approach
            Date of surgery: 10/06/2025     Surgeon: N. Okafor, MD
            Dx: Z96.641 Presence of right artificial hip joint
            Weight bearing: WBAT with walker
            Precautions: posterior hip precautions x 6 weeks
            DVT prophylaxis: aspirin 81 mg BID x 4 weeks
            Outpatient physical therapy: evaluate and treat.
        """),
        _p("""
            PINE STREET PHYSICAL THERAPY
            Outpatient Evaluation - 10/20/2025
            Harold Jensen, 73 M.  Referring: N. Okafor, MD

            Subjective: s/p R THA 10/06/25. Pain 4/10 at the hip. Reports
            a deep ache in the R calf since 10/18.
            Functional status: ambulates 150 ft with a rolling walker;
            needs help with lower-body dressing; cannot do stairs
            without a rail.

            Objective:
              Incision well healed, no erythema or drainage; afebrile.
              R calf swollen, warm and tender to palpation; calf girth
              R 41 cm, L 38 cm. Wells score 3.
              R hip flexion 80 deg, abduction 20 deg (within precautions)
              MMT R hip abductors 3/5, quadriceps 4/5
            HOOS JR: 52.3

            Assessment: Post-op deconditioning and weakness; calf findings
            concerning for DVT. Dr. Okafor's office called at 14:10, pt
            sent for a same-day venous duplex.
            Plan: once cleared, 2x/wk for 8 weeks: gait, strengthening,
            balance, transfers.

            P. Lindqvist, PT, DPT
        """),
        _p("""
            PINE STREET PHYSICAL THERAPY - DAILY NOTE
            Oct. 27, 2025

            Venous duplex 10/20 negative for DVT per Dr. Okafor; cleared to
            continue therapy. R hip pain 3/10.
            Heel slides 2 x 15
            Short-arc quads 2 x 15 with 1 lb
            Standing hip abduction 2 x 10 at the counter
            Sit-to-stand from 20 in chair 3 x 8
            Gait training with single-point cane 300 ft
            Reviewed hip precautions.
            P. Lindqvist, PT, DPT
        """),
        _p("""
            PINE STREET PHYSICAL THERAPY - ACCOUNT LEDGER
            JENSEN, HAROLD

            Date        Code   Description                 Units  Amount
            10/20/2025  97162  PT eval, moderate           1      165.00
            10/27/2025  97110  Therapeutic exercise        2      120.00
            10/27/2025  97116  Gait training               1       55.00
                                                    Total:       340.00
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-20", "evaluation", 2, 4, None, "right"),
            _v("2025-10-27", "treatment", 3, 3, None, "right"),
        ],
        plan=(2, 8, 2),
        side=("right", 2),
        documentation=_doc(
            outcomes=[_om("HOOS", "2025-10-20", 52.3, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
        red_flags=[("dvt", 2)],
    ),
)


# --- 07: wrist fracture, checkbox form; referral codes the RIGHT side, therapist documents LEFT ----

R07 = Record(
    name="blind3-07-checkbox-wrist-side-mismatch",
    pages=[
        _p("""
            BAYSIDE HAND & UPPER EXTREMITY SURGERY
            REFERRAL FOR THERAPY                     Date: 09/24/2025

            Patient: Priya Raman        DOB: 07/17/1969
            Diagnosis: S52.571D Other intra-articular fracture of lower end
            of right radius, subsequent encounter
            s/p ORIF 08/28/2025
            Orders: PT/OT eval & treat. AROM/PROM, progressive
            strengthening as tolerated. No lifting > 5 lb until 10/28.
            Physician: G. Lin, MD
        """),
        _p("""
            HARBORVIEW REHAB - UPPER EXTREMITY EVALUATION FORM
            Date: 9/30/25          Patient: Priya Raman

            Involved side:  [ ] Right   [X] Left
            Dominant hand:  [X] Right   [ ] Left
            Side on the referral is a clerical error per Dr. Lin's office;
            op report: LEFT distal radius ORIF.

            Pain (0-10):  now 5   worst 8   best 3
            Screen:  [ ] Fever/chills  [ ] Night pain  [ ] Unexplained wt loss
                     [ ] Numbness/tingling   [X] None of the above

            Difficulty with:  [X] Dressing  [X] Opening jars  [X] Typing
                              [ ] Driving   [X] Carrying groceries

            AROM (deg)       Flex  Ext  Sup  Pron  RD  UD
            Involved          30    25   45   70   10  15
            Grip (Jamar, pos 2): involved 8 kg, uninvolved 30 kg
            Edema: figure-8 wrist +1.5 cm

            QuickDASH: 61.4

            Frequency: [ ] 1x  [X] 2x  [ ] 3x per week
            Duration:  [ ] 4   [X] 6   [ ] 8 weeks
            Therapist: E. Santos, PT, CHT
        """),
        _p("""
            HARBORVIEW REHAB - DAILY NOTE           10/2/25
            Priya Raman

            L wrist pain 4/10 today. AROM ext 30 deg, sup 55 deg.
            Putty squeeze, yellow, 3 x 10
            Wrist flex/ext with 1 lb, 2 x 15
            Pronation/supination with hammer 2 x 10
            Paraffin 10 min, retrograde massage for edema
            E. Santos, PT, CHT
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-30", "evaluation", 2, 5, None, "left"),
            _v("2025-10-02", "treatment", 3, 4, None, "left"),
        ],
        plan=(2, 6, 2),
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-09-30", 61.4, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2, 3],
        ),
        side_mentions=[("right", 1), ("left", 2), ("left", 3)],
    ),
)


# --- 08: ACL reconstruction, 8 pages: prior episode for the same knee, in-episode gap explained -----


def _ms(body: str, n: int) -> str:
    return f"MERIDIAN SPORTS & ORTHO PT   |   ANDERSON, KYLE   |   DOB 02/11/1999   |   pg {n}\n\n" + textwrap.dedent(
        body
    ).strip("\n")


R08 = Record(
    name="blind3-08-acl-prior-episode-gap",
    pages=[
        _p("""
            *** FAX ***   MERIDIAN SPORTS & ORTHO PT

            DATE: 09/05/2025          NUMBER OF PAGES: 8
            TO: Harborline Health Plan - UM Nurse Review
            FROM: Front desk, Meridian Sports & Ortho PT
            SUBJECT: Auth request - ANDERSON, KYLE - continued PT

            Notes: eval, daily notes and progress note attached.
            Call with questions (555) 617-0032.
        """),
        Page(
            _ms(
                """
            INITIAL EVALUATION                     Date of eval: 08/04/2025
            Dx: Z98.890, S83.512D  s/p L ACL reconstruction (BTB autograft)
            07/22/2025, Dr. F. Castillo

            History: 26 y/o M, injured the L knee playing soccer 06/28/2025.
            Pt was seen at this clinic for L patellofemoral pain from
            01/06/2025 to 03/14/2025 (12 visits) and was discharged at 85%
            function, independent with HEP.
            Current pain 4/10 (NPRS).
            Functional: PWB with bilateral axillary crutches, unable to
            drive, unable to stand > 15 min at work.

            Exam (L knee):
              AROM flexion 85 deg, extension lag 5 deg
              Effusion 2+ (stroke test)
              Quad lag with SLR; MMT quadriceps 3+/5, hamstrings 4-/5
              Incisions healing, no drainage, no calf tenderness,
              no signs of DVT
            KOOS: 41      LEFS: 28/80

            Plan: 3x/week x 4 weeks, then reassess. Post-op ACL protocol.
            T. Mwangi, PT, DPT, SCS
        """,
                2,
            )
        ),
        Page(
            _ms(
                """
            DAILY NOTE - Aug 6, 2025
            S: L knee sore after work; 4/10.
            Quad sets 3 x 10, 5 s hold
            Heel slides 3 x 10
            SLR 3 x 10 (lag decreasing)
            Patellar mobs, all directions, 5 min
            NMES quads 10 min, 10 s on / 50 s off
            Flexion today 92 deg.
            T. Mwangi, PT, DPT
        """,
                3,
            )
        ),
        Page(
            _ms(
                """
            DAILY NOTE - Aug 8, 2025
            S: Pain 3/10. Weaning to one crutch.
            Stationary bike, rocking -> full revolutions, 10 min
            Mini squats 3 x 12
            Weight shifts 3 x 1 min
            Prone hangs 3 x 2 min
            T. Mwangi, PT, DPT
        """,
                4,
            )
        ),
        Page(
            _ms(
                """
            DAILY NOTE - Aug 13, 2025
            S: Pain 3/10. Ambulating without crutches at home.
            Bike 12 min
            Leg press 2 x 15 @ 40 lb (double leg, 0-60 deg)
            Step-ups 4 in 3 x 10
            Single-leg stance 5 x 20 s
            HEP progressed; next visit per schedule.
            A. Greer, PTA
        """,
                5,
            )
        ),
        Page(
            _ms(
                """
            PROGRESS NOTE                                  09/03/2025
            Interim: Pt not seen 8/13 - 9/1 because he traveled out of state
            for a family funeral; he continued the HEP daily while away.

            S: NPRS 2/10. Reports he is 60% better since the evaluation.
            Still unable to descend stairs reciprocally; no running yet.
            O: L knee AROM 0-125 deg, no extension lag, trace effusion.
            MMT quadriceps 4/5, hamstrings 4+/5.
            KOOS: 63      LEFS: 47/80
            Goals: STG 3 of 4 met; LTG 0 of 3 met.
            Plan: 2x/wk x 8 wks - strengthening, neuromuscular control,
            begin running progression at 12 weeks post-op if criteria met.
            T. Mwangi, PT, DPT, SCS
        """,
                6,
            )
        ),
        Page(
            _ms(
                """
            SCHEDULED VISITS
            09/08/2025 Mon 7:30a  Mwangi
            09/11/2025 Thu 7:30a  Mwangi
            09/15/2025 Mon 7:30a  Greer
            09/18/2025 Thu 7:30a  Mwangi
            No-shows this episode: 0    Cancellations: 2 (travel)
        """,
                7,
            )
        ),
        Page(
            _ms(
                """
            INSURANCE ON FILE
            Primary: Harborline Health Plan - Choice POS
            Subscriber: ANDERSON, KYLE   ID HHP55610298   Group 71003
            Visit limit: 30 combined PT/OT per calendar year
            Visits used this year (all episodes): 18
            Secondary: none
        """,
                8,
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-08-04", "evaluation", 2, 4, None, "left"),
            _v("2025-08-06", "treatment", 3, 4, None, "left"),
            _v("2025-08-08", "treatment", 4, 3),
            _v("2025-08-13", "treatment", 5, 3),
            _v("2025-09-03", "progress_note", 6, 2, None, "left"),
        ],
        prior=[_ep("2025-01-06", "2025-03-14", 12, 2, 85)],
        plan=(2, 8, 6),
        side=("left", 2),
        documentation=_doc(
            improvement=(60, 6),
            goals=(3, 4, 0, 3, 6),
            outcomes=[
                _om("KOOS", "2025-08-04", 41, 2),
                _om("LEFS", "2025-08-04", 28, 2),
                _om("KOOS", "2025-09-03", 63, 6),
                _om("LEFS", "2025-09-03", 47, 6),
            ],
            strength=[2, 6],
            exercise=[3, 4, 5],
            deficits=[2, 6],
            impairments=[2, 3, 6],
            gap=6,
        ),
        side_mentions=[("left", 2), ("left", 3), ("left", 6)],
    ),
)


# --- 09: lumbar stenosis, Medicare progress report + recert; true unexplained weight loss -----------

R09 = Record(
    name="blind3-09-medicare-progress-stenosis",
    pages=[
        _p("""
            ELMWOOD REHABILITATION SERVICES
            PROGRESS REPORT (10th visit)            Report date: 12/01/2025
            Beneficiary: Walter Grimes      MBI 4TX7-QP2-MM81
            Dx: M48.062 Spinal stenosis, lumbar region, with neurogenic
            claudication
            Reporting period: 10/20/2025 - 12/01/2025

            Seen today, 12/01/2025, for visit #10 and this progress report.

            Subjective: LBP with bilateral buttock and thigh pain on walking,
            eased by sitting or leaning on a cart. Pain 5/10 today (7/10 at
            the evaluation). Walking tolerance up from 5 to 15 minutes;
            still cannot walk through the grocery store without sitting
            and stands only 10 min at the sink.
            Pt reports unintentional weight loss of about 15 lb over the past
            2 months with no change in diet or activity; PCP (Dr. Hale)
            notified 11/24 and labs ordered.
            Denies saddle anesthesia or bowel/bladder changes. Pedal pulses
            2+ bilaterally, feet warm; not a vascular pattern.

            Clinician: R. Osei, PT
        """),
        _p("""
            Walter Grimes - Progress report, page 2

            Objective comparison          Eval 10/20/2025     12/01/2025
            ODI                           42%                 30%
            Lumbar flexion (fingertip)    32 cm to floor      20 cm
            Hip flexor MMT               4-/5                4/5
            Gluteus medius MMT           3+/5                4-/5
            Treadmill, level              5 min               15 min

            Goals                                   Status
            STG 1  Independent with HEP             Met
            STG 2  Walk 10 min without sitting      Met
            STG 3  Pain <= 5/10 with ADLs           Met
            LTG 1  Walk 30 min for community        Not met
            LTG 2  Stand 30 min for meal prep       Not met
            LTG 3  Return to golf, 9 holes          Met (cart)

            Assessment: Good progress toward goals.
        """),
        _p("""
            PLAN OF CARE - RECERTIFICATION
            Walter Grimes     Dx: M48.062, bilateral LE neurogenic claudication
            Certification period: 12/01/2025 - 01/11/2026
            Frequency: 2 x/week      Duration: 6 weeks
            Interventions: 97110, 97112, 97140, 97530

            Home / clinic program:
              Recumbent bike 10 min, level 3
              Posterior pelvic tilt 2 x 15, 5 s hold
              Single knee to chest 3 x 30 s each
              Bridges 3 x 10
              Treadmill walking 15 min, 3% incline, 1.8 mph

            Therapist: R. Osei, PT        Date: 12/01/2025
            Physician certification: I have reviewed this plan of care.
            ____________________________  Date: ________
            K. Hale, MD
        """),
    ],
    labels=_labels(
        visits=[_v("2025-12-01", "progress_note", 1, 5, None, "bilateral")],
        plan=(2, 6, 3),
        side=("bilateral", 1),
        documentation=_doc(
            goals=(3, 3, 1, 3, 2),
            outcomes=[_om("ODI", "2025-10-20", 42, 2), _om("ODI", "2025-12-01", 30, 2)],
            strength=[2],
            exercise=[3],
            deficits=[1],
            impairments=[2],
        ),
        side_mentions=[("bilateral", 1), ("bilateral", 3)],
        red_flags=[("unexplained_weight_loss", 1)],
    ),
)


# --- 10: terse handwritten-style scanned notes, R rotator cuff repair; no year on the notes; infection


def _mv(body: str) -> Page:
    return Page(
        "MTN VIEW PT  -  R. Alvarez PT  -  2025  -  pt: S. Whitaker\n\n" + textwrap.dedent(body).strip("\n"), True
    )


R10 = Record(
    name="blind3-10-scanned-terse-rcr-infection",
    pages=[
        _mv("""
            11/3  IE   R shldr s/p arthroscopic RCR (supraspinatus)
                  10/1 Dr Patel
            S: pain 5/10. sling x 6 wk. sleeps in recliner.
               can't dress self, can't reach to wash hair
            O: PROM flex 100  abd 70  ER 30  IR NT
               AROM / MMT NT per protocol
               incisions clean & dry, no s/s infection
            A: post-op stiffness, progressing per protocol
            P: 3x/wk x 6 wk. PROM per protocol, HEP pendulums.
                                               - RA
        """),
        _mv("""
            11/5  tx: pendulums 2x30s, PROM flex/ER,
                  scap sets 2x10 5s hold
                  pain 4/10                    - RA

            11/7  tx: same + table slides 2x10
                  PROM flex 115 ER 35
                  pain 4/10                    - RA
        """),
        _mv("""
            11/10 pt c/o incision pain & chills since last nite.
                  T 101.2 F in clinic. R shoulder ant portal red,
                  warm, yellow drainage.
                  no tx performed.
                  called Dr Patel office -> pt sent to be seen today
                  pain 6/10                    - RA
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-11-03", "evaluation", 1, 5, None, "right"),
            _v("2025-11-05", "treatment", 2, 4),
            _v("2025-11-07", "treatment", 2, 4),
            _v("2025-11-10", "treatment", 3, 6, None, "right"),
        ],
        plan=(3, 6, 1),
        side=("right", 1),
        documentation=_doc(exercise=[2], deficits=[1], impairments=[1, 2]),
        side_mentions=[("right", 1), ("right", 3)],
        red_flags=[("infection", 3)],
    ),
)


# --- 11: discharge summary, left hip OA, before/after table, earlier episode and the gap explained ---

R11 = Record(
    name="blind3-11-discharge-hip-table",
    pages=[
        _p("""
            NORTHSHORE PHYSIOTHERAPY & WELLNESS
            DISCHARGE SUMMARY                           Date: 2025-07-28
            Patient: Ruth Okonkwo     DOB 1957-10-03
            Dx: M16.12 Unilateral primary osteoarthritis, left hip

            Pt seen today for her final visit. Initial evaluation was on
            2025-05-05; 14 visits attended in this episode.

            Previous care: she completed PT here for the left hip from
            2023-01-09 to 2023-03-20 (10 visits) and was discharged at 80%
            function. Gap since that discharge: she was independent with
            her HEP and symptom-free until February 2025, when she
            increased hiking and the hip pain returned.

            Today: pain 1/10. She rates her function at 90%.
            Remaining limitation: hiking longer than 2 hours.

            Measure                  IE 2025-05-05      DC 2025-07-28
            HOOS JR                  49.5               76.3
            iHOT-12                  41                 72
            Hip IR (deg)             10                 25
            Hip flexion (deg)        95                 115
            Glut med (MMT)           3+/5               4+/5

            Goals: STGs met 3/3. LTGs met 2/3 (hiking > 2 h not met).
            Discharged to an independent home program.

            Signed: B. Haddad, PT, DPT
        """),
        _p("""
            NORTHSHORE PHYSIOTHERAPY & WELLNESS
            HOME EXERCISE PROGRAM - R. Okonkwo

            1. Clamshells - green band - 3 sets of 15 - once a day
            2. Side-lying hip abduction - 2 lb cuff - 3 x 12
            3. Bridges with march - 3 x 10 - 3 s hold at top
            4. Sit-to-stand, no hands - 3 x 10
            5. Hip flexor stretch - 3 x 30 seconds
            6. Walking program - 30-45 min, 4-5 days/week

            Rest 60 s between sets. Progress band color when 15 reps
            are easy. Call us with any questions: (555) 288-4410.
        """),
    ],
    labels=_labels(
        visits=[_v("2025-07-28", "discharge", 1, 1, 90, "left")],
        prior=[_ep("2023-01-09", "2023-03-20", 10, 1, 80)],
        plan=None,
        side=("left", 1),
        documentation=_doc(
            goals=(3, 3, 2, 3, 1),
            outcomes=[
                _om("HOOS", "2025-05-05", 49.5, 1),
                _om("HOOS", "2025-07-28", 76.3, 1),
                _om("iHOT-12", "2025-05-05", 41, 1),
                _om("iHOT-12", "2025-07-28", 72, 1),
            ],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
            gap=1,
        ),
        side_mentions=[("left", 1)],
    ),
)


# --- 12: 12-page EMR export, whiplash after an MVA: referral, 2-page eval, 5 daily notes, progress ---


def _su(n: int, body: str) -> Page:
    head = "Summit Rehab EMR v7.2  |  Pt: CALDERON, NINA  |  MRN 7731-0042  |  Printed 10/02/2025\n\n"
    foot = f"\n\n-- Page {n} of 12 -- CONFIDENTIAL: contains PHI --"
    return Page(head + textwrap.dedent(body).strip("\n") + foot)


R12 = Record(
    name="blind3-12-emr-whiplash-12p",
    pages=[
        _su(
            1,
            """
            FAX COVER
            To: Harborline Health Plan, Utilization Review
            From: Summit Rehab, Billing & Records
            Pages: 12 including cover
            Message: Records for concurrent review as requested 10/01.
        """,
        ),
        _su(
            2,
            """
            REFERRAL (scanned into chart)
            From: Westside Urgent Care, L. Moreau, PA-C     Date: 08/27/2025
            Dx: S13.4XXA Sprain of ligaments of cervical spine, initial
            Right-sided neck pain and R trapezius spasm after a rear-end
            MVA on 08/24/2025. X-ray C-spine negative for fracture.
            Request: physical therapy evaluation and treatment.
        """,
        ),
        _su(
            3,
            """
            PT INITIAL EVALUATION - part 1            DOS: 09/02/2025
            Provider: D. Haugen, PT, DPT

            SUBJECTIVE
            Restrained driver, rear-ended 08/24/2025. C/o R-sided neck pain
            and R upper trap pain with occipital headaches 4x/week.
            NPRS 7/10. Patient-rated function: 40%.
            Denies numbness or tingling in the UEs, denies dizziness,
            visual changes, dysphagia or LOC.
            Limitations: cannot turn head to back out of the driveway,
            sleeps < 3 hours at a time, desk work limited to 15 minutes,
            unable to lift her 2-year-old.
            NDI: 28/50
        """,
        ),
        _su(
            4,
            """
            PT INITIAL EVALUATION - part 2            DOS: 09/02/2025

            OBJECTIVE
            Cervical AROM: flexion 35, extension 30, rotation to the left
            50, rotation to the right 40, side bend L 25 / R 20 (deg)
            Spurling (-), distraction (-), alar/transverse ligament
            tests (-)
            TTP R upper trapezius and R levator scapulae, grade 2
            Deep neck flexor endurance 12 s
            MMT shoulder girdle 5/5 throughout; grip WNL
            ASSESSMENT
            Whiplash-associated disorder grade II with motor control
            deficits; good prognosis.
            PLAN
            3x/wk x 4 wks: manual therapy, ther ex, neuromuscular re-ed.
        """,
        ),
        _su(
            5,
            """
            DAILY NOTE                                DOS: 4-Sep-2025
            S: NPRS 6/10, HA x1 since eval.
            Tx: STM to upper trap 10 min; C2-C7 PA mobs grade II
            Chin nods 3 x 10, 10 s hold
            Scapular retraction 3 x 15, yellow band
            Thoracic extension over towel roll 2 x 10
            D. Haugen, PT, DPT       Timed 38 min / Total 43 min
        """,
        ),
        _su(
            6,
            """
            DAILY NOTE                                DOS: 8-Sep-2025
            S: NPRS 6/10. Mild soreness after the last session.
            Tx: manual therapy and ther ex per flowsheet; HEP reviewed.
            D. Haugen, PT, DPT       Timed 30 min / Total 35 min
        """,
        ),
        _su(
            7,
            """
            DAILY NOTE                                DOS: 10-Sep-2025
            S: R-sided neck pain 5/10. Headaches down to 2x/week.
            Tx: Chin nods 3 x 12, 10 s hold
            Rows, red band, 3 x 15, 45 s rest
            Prone T's 2 x 10
            Open books 2 x 10 each side
            D. Haugen, PT, DPT       Timed 40 min / Total 45 min
        """,
        ),
        _su(
            8,
            """
            DAILY NOTE                                DOS: 12-Sep-2025
            S: NPRS 5/10.
            Tx: manual therapy, ther ex and NM re-ed per flowsheet.
            K. Ives, PTA             Timed 35 min / Total 40 min
        """,
        ),
        _su(
            9,
            """
            DAILY NOTE                                DOS: 16-Sep-2025
            S: NPRS 4/10. Drove 30 min without increase.
            Tx: Chin nods with lift-off 3 x 10
            Rows, green band, 3 x 12
            Wall angels 2 x 10
            Shoulder shrugs 3 x 10 with 5 lb
            D. Haugen, PT, DPT       Timed 40 min / Total 45 min
        """,
        ),
        _su(
            10,
            """
            PROGRESS NOTE                             DOS: 30-Sep-2025
            Interruption: pt not seen 09/17 - 09/29; she underwent an
            unrelated elective inguinal hernia repair on 09/18 and was
            cleared by her surgeon to resume PT on 09/26.

            S: R-sided neck pain 3/10. Pt reports 60% improvement since
            the start of care. Patient-rated function: 70%.
            Still has difficulty with shoulder checks when driving.
            O: Cervical rotation to the right 65 deg, to the left 70 deg.
            NDI: 36%
            Goals: STGs 3/3 met. LTGs 1/3 met.
            Plan: 2x/wk x 4 wks, progress to independent HEP.
            D. Haugen, PT, DPT
        """,
        ),
        _su(
            11,
            """
            BILLING LEDGER
            DOS          CPT            Units   Charge
            09/02/2025   97163          1       210.00
            09/04/2025   97140 97110    1 / 2   165.00
            09/08/2025   97140 97110    1 / 1   110.00
            09/10/2025   97110 97112    2 / 1   165.00
            09/12/2025   97140 97112    1 / 1   110.00
            09/16/2025   97110          3       165.00
            09/30/2025   97110 97140    2 / 1   165.00
        """,
        ),
        _su(
            12,
            """
            APPOINTMENTS
            10/02/2025  Thu  4:00 PM   Haugen   Follow-up
            10/06/2025  Mon  4:00 PM   Haugen   Follow-up
            10/09/2025  Thu  4:00 PM   Ives     Follow-up
            10/13/2025  Mon  4:00 PM   Haugen   Follow-up
        """,
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-02", "evaluation", 3, 7, 40, "right"),
            _v("2025-09-04", "treatment", 5, 6),
            _v("2025-09-08", "treatment", 6, 6),
            _v("2025-09-10", "treatment", 7, 5, None, "right"),
            _v("2025-09-12", "treatment", 8, 5),
            _v("2025-09-16", "treatment", 9, 4),
            _v("2025-09-30", "progress_note", 10, 3, 70, "right"),
        ],
        plan=(2, 4, 10),
        side=("right", 3),
        documentation=_doc(
            improvement=(60, 10),
            goals=(3, 3, 1, 3, 10),
            outcomes=[_om("NDI", "2025-09-02", 28, 3), _om("NDI", "2025-09-30", 36, 10)],
            strength=[4],
            exercise=[5, 7, 9],
            deficits=[3, 10],
            impairments=[4, 10],
            gap=10,
        ),
        side_mentions=[("right", 2), ("right", 3), ("right", 4), ("right", 7), ("right", 10)],
    ),
)


# --- 13: adolescent with knee pain, hip findings suggest SCFE; urgent fax cover; care deferred -------

R13 = Record(
    name="blind3-13-adolescent-scfe",
    pages=[
        _p("""
            URGENT - URGENT - URGENT

            Kidsport Physical Therapy - fax cover
            To: Harborline UR / Dr. A. Reyes (PCP)
            Date: Oct 9, 2025
            Pages: 2
            Please review the attached evaluation today. The family has
            been asked to go for imaging this afternoon.
        """),
        _p("""
            KIDSPORT PHYSICAL THERAPY - PEDIATRIC ORTHOPEDIC EVALUATION
            Date of evaluation: Oct 9, 2025
            Patient: Mateo Silva, 13 y.o. male     Referred by: A. Reyes, MD
            Referral dx: M25.562 Pain in left knee

            Parent/pt report: L knee pain x 6 weeks, no injury, worse after
            soccer and PE. Now limps after school. Pain 5/10 today.
            No fever or recent illness. Sleeps through the night.
            Limitations: unable to participate in PE or soccer; stairs
            slow; walks < 20 min before limping.

            Exam: Antalgic, out-toeing gait on the L. Knee: full ROM, no
            effusion, ligament tests (-), no joint line tenderness.
            L hip IR 5 deg vs 35 deg on the R; obligatory ER with passive
            L hip flexion (+). MMT L hip abduction 4-/5, flexion 4/5.
            LEFS: 44/80.

            Assessment: Knee exam benign. Hip findings in an adolescent
            with knee pain are concerning for a slipped capital femoral
            epiphysis (SCFE).
            Plan: PT deferred. Non-weight bearing with crutches issued;
            mother instructed to obtain hip x-rays today; Dr. Reyes paged
            at 15:05 and agrees.

            L. Tanaka, PT, DPT, PCS
        """),
    ],
    labels=_labels(
        visits=[_v("2025-10-09", "evaluation", 2, 5, None, "left")],
        plan=None,
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-10-09", 44, 2)],
            strength=[2],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 2)],
        red_flags=[("stress_fracture_avn", 2)],
    ),
)


# --- 14: lateral elbow re-evaluation summary with a before/after table; VAS in mm; auth form --------

R14 = Record(
    name="blind3-14-elbow-reeval-vas",
    pages=[
        _p("""
            GREENFIELD HAND & ELBOW THERAPY
            RE-EVALUATION SUMMARY                    12-Nov-2025
            Client: Samuel Osei-Bonsu   DOB 1984-05-19
            Dx: M77.11 Lateral epicondylitis, right elbow

            Since the initial evaluation (10/08/2025) the client has
            attended 9 sessions. Pain today VAS 30 mm. He rates his elbow
            function at 65% of normal. He denies neck pain, paresthesia
            and night pain.
            Still unable to lift a full kettle with the R hand; gripping
            a hammer is painful after 10 minutes at work.

                                       Initial 10/08/2025   Today
            QuickDASH                  52.3                 31.8
            Pain VAS (mm)              60                   30
            Pain-free grip, dynam.     12 kg                24 kg
            Wrist extension MMT        4-/5                 4+/5
            Wrist flexion AROM         60 deg               75 deg
            (L grip 38 kg, for comparison)

            Goals: short-term 2 of 2 met; long-term 1 of 3 met.
            Plan: 1-2x/week for 4 weeks, progress eccentric loading,
            work simulation, then discharge to HEP.

            F. Marchetti, OTR/L, CHT
        """),
        _p("""
            GREENFIELD HAND & ELBOW THERAPY
            LOADING PROGRAM (current)

            Exercise                    Sets x reps   Load      Rest
            Eccentric wrist extension   3 x 15        3 lb      60 s
            Flexbar twist (Tyler)       3 x 15        green     60 s
            Isometric wrist extension   5 x 45 s      70% MVC   60 s
            Forearm pronation/supin.    2 x 15        2 lb      45 s
            Grip, putty                 3 x 10        red       45 s

            Progress load 1 lb when pain <= 3/10 during and next morning.
        """),
        _p("""
            PRIOR AUTHORIZATION REQUEST - OUTPATIENT THERAPY
            Member: Samuel Osei-Bonsu     ID HHP30017752
            Provider: Greenfield Hand & Elbow Therapy, NPI 1770654321
            Body part: R elbow     ICD-10: M77.11
            CPT: 97110, 97140, 97530
            Visits requested: 8
            Requested dates: 11/13/2025 - 12/11/2025
            Submitted by: front office, 11/12/2025
        """),
    ],
    labels=_labels(
        visits=[_v("2025-11-12", "re_evaluation", 1, 3, 65, "right")],
        plan=(2, 4, 1),
        side=("right", 1),
        documentation=_doc(
            goals=(2, 2, 1, 3, 1),
            outcomes=[_om("QuickDASH", "2025-10-08", 52.3, 1), _om("QuickDASH", "2025-11-12", 31.8, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1), ("right", 3)],
    ),
)

# --- 15: SOAP notes, central low back pain (no side); cancer history and night pain at the 2nd visit -


R15 = Record(
    name="blind3-15-soap-lbp-night-pain",
    pages=[
        _p("""
            FAX   FAX   FAX
            From: Birchwood Physical Therapy, (555) 640-1020
            To:   Harborline Health Plan UR, (555) 730-2200
            Sent: 10/06/2025 16:48         Pages: 3 incl. cover
            Re:   Frank Delgado - PT eval and note for your review
        """),
        _p("""
            BIRCHWOOD PHYSICAL THERAPY - SOAP NOTE: INITIAL EVALUATION
            Date: Sept. 30, 2025        Pt: Frank Delgado, 71 M

            S: c/o central low back pain x 5 wks, no radiation to the LEs.
               Onset after moving furniture. NPRS 6/10.
               PMH: HTN, hyperlipidemia.
               Denies night pain, fever, numbness/tingling. Bowel/bladder
               WNL.
               c/o difficulty sitting > 30 min and lifting his grandson;
               getting out of the car takes 2-3 tries.
            O: Lumbar flexion 50% limited, extension 25% limited, pain at
               end range. (-) SLR, (-) slump, (-) FABER.
               MMT hip extensors 4/5, hip abductors 4/5, trunk ext 4-/5.
               ODI 34%
            A: Mechanical LBP with movement coordination deficits.
            P: 2-3 x per week x 8 wks. Manual tx, ther ex, education.
               HEP: prone press-ups 10 reps BID; bridges 2 x 10 BID.

            G. Albrecht, PT
        """),
        _p("""
            BIRCHWOOD PHYSICAL THERAPY - SOAP NOTE: TREATMENT
            Date: 10/3/25               Pt: Frank Delgado

            S: Back pain 7/10. Pt now reports constant pain that wakes him
               every night and is not eased by rest or changing position.
               On further questioning: prostate cancer treated in 2019.
            O: Pain not changed by repeated movements today.
            Tx: Cat-camel 2 x 10; supine march 2 x 10; education.
            A: Non-mechanical night pain with a cancer history.
            P: Treatment paused. Pt referred back to PCP (Dr. Soto) for
               urgent work-up; PCP office called 10/3 at 12:20.

            G. Albrecht, PT
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-30", "evaluation", 2, 6),
            _v("2025-10-03", "treatment", 3, 7),
        ],
        plan=(3, 8, 2),
        side=None,
        documentation=_doc(
            outcomes=[_om("ODI", "2025-09-30", 34, 2)],
            strength=[2],
            exercise=[2, 3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[],
        red_flags=[("night_pain", 3), ("malignancy", 3)],
    ),
)


# --- 16: thumb CMC arthroplasty (left): typed eval, scanned daily notes and re-eval, reminder card ---


R16 = Record(
    name="blind3-16-thumb-cmc-scanned-reeval",
    pages=[
        _p("""
            RIVERSIDE HAND CENTER - OCCUPATIONAL/PHYSICAL THERAPY
            Initial Evaluation        09/09/2025
            Patient: Grace Whitmore    Surgeon: H. Adeyemi, MD
            Dx: M18.12 Unilateral primary OA of first CMC joint, left hand
            s/p L thumb CMC arthroplasty (LRTI) 07/29/2025; cast removed.

            Subjective: pain 4/10 at the base of the L thumb. Cannot open
            jars, button a coat, or hold a pen longer than 5 minutes.
            Objective:
              Thumb palmar abduction 30 deg, radial abduction 35 deg
              Kapandji opposition score 6/10
              Lateral pinch (pinch gauge) 1.5 kg; R 6 kg
              Tip pinch 0.5 kg; grip (Jamar) 9 kg
              Scar adherent; mild edema
            QuickDASH: 70.5
            Plan: 2x/week x 6 weeks: ROM, scar management, progressive
            pinch strengthening per protocol.
            W. Brooks, OTR/L, CHT
        """),
        _p(
            """
            RIVERSIDE HAND CENTER - TREATMENT NOTES

            9/11/25  Pain 4/10. AROM opposition, palmar/radial abd
                     3 x 10; putty pinch (tan) 2 x 10; scar massage 5 min.
                     - WB
            9/16/25  Pain 3/10. Added isometric thumb abduction 5 x 10 s
                     hold; light gripping putty 3 x 10.
                     - WB
        """,
            scanned=True,
        ),
        _p(
            """
            RIVERSIDE HAND CENTER - RE-EVALUATION
            Sept. 30, 2025                        G. Whitmore

            Pain 2/10 at rest. Now opens most jars; still unable to
            button her coat quickly or write longer than 15 minutes.
            Kapandji 8/10. Lateral pinch 3 kg, tip pinch 1 kg.
            QuickDASH: 56.8
            Goals: met two of three short-term goals; long-term goals
            ongoing (0 of 2 met).
            Plan: continue 2x per week for another 4 weeks.
            W. Brooks, OTR/L, CHT
        """,
            scanned=True,
        ),
        _p("""
            RIVERSIDE HAND CENTER - APPOINTMENT REMINDER

            Grace Whitmore
            Your next visits:
              Thu Oct 2, 2025   11:15 AM
              Tue Oct 7, 2025   11:15 AM
              Thu Oct 9, 2025   11:15 AM
            Please arrive 10 minutes early. 24-hour cancellation policy.
        """),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-09", "evaluation", 1, 4, None, "left"),
            _v("2025-09-11", "treatment", 2, 4),
            _v("2025-09-16", "treatment", 2, 3),
            _v("2025-09-30", "re_evaluation", 3, 2),
        ],
        plan=(2, 4, 3),
        side=("left", 1),
        documentation=_doc(
            goals=(2, 3, 0, 2, 3),
            outcomes=[_om("QuickDASH", "2025-09-09", 70.5, 1), _om("QuickDASH", "2025-09-30", 56.8, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("left", 1)],
    ),
)

# --- 17: 18-page fax, left TKA: consent, referral, 2-page eval, daily notes (a cancellation), re-eval -


def _ah(n: int, body: str, scanned: bool = False) -> Page:
    head = f"ALDER HEIGHTS REHAB   Pt: Beatrice Nwosu   DOB 1950-02-27   Acct 88-1204   Fax p.{n}/18\n\n"
    return Page(head + textwrap.dedent(body).strip("\n"), scanned)


R17 = Record(
    name="blind3-17-long-fax-tka",
    pages=[
        _ah(
            1,
            """
            FAX COVER SHEET
            To: Harborline Health Plan - Utilization Review
            From: Alder Heights Rehab, medical records
            Date: 10/29/2025
            Number of pages including cover: 18
            Comments: complete PT chart for concurrent review.
        """,
        ),
        _ah(
            2,
            """
            AUTHORIZATION FOR RELEASE OF HEALTH INFORMATION
            I authorize Alder Heights Rehab to release my therapy records
            to my health plan for the purpose of utilization review.
            This authorization expires one year from the date signed.

            Signature: Beatrice Nwosu          Date: 09/29/2025
        """,
        ),
        _ah(
            3,
            """
            NORTH VALLEY JOINT CENTER - THERAPY ORDER
            Date: 09/22/2025
            Procedure: Left total knee arthroplasty 09/15/2025
            Dx: Z96.652 Presence of left artificial knee joint;
                Z47.1 Aftercare following joint replacement surgery
            Outpatient PT: evaluate and treat, ROM and strengthening, WBAT.
            Surgeon: M. Fischer, MD
        """,
        ),
        _ah(
            4,
            """
            OUTPATIENT PT EVALUATION (1 of 2)        Date: 09/29/2025
            Therapist: O. Lindgren, PT, DPT

            Subjective: 75 y/o F, 2 weeks s/p L TKA. Pain 5/10 (NPRS).
            She rates her function at 35%.
            Current function: ambulates with a front-wheeled walker
            household distances; unable to negotiate stairs without two
            rails; cannot get in or out of the tub; needs help with socks.
            Screening: calves soft and non-tender, no signs of DVT;
            incision clean and dry without drainage; afebrile.
        """,
        ),
        _ah(
            5,
            """
            OUTPATIENT PT EVALUATION (2 of 2)        Date: 09/29/2025

            Objective (L knee):
              AROM 10-80 deg (extension lacking 10)
              Quad lag 15 deg on SLR
              MMT quadriceps 3/5, hamstrings 3+/5, hip abductors 4-/5
              Girth 2 cm above patella: +3 cm vs uninvolved
            KOOS JR: 44.8
            LEFS: 22/80
            Assessment: post-op ROM and strength deficits, fall risk.
            Plan: 3x/wk x 4 wks; ROM, quad strengthening, gait, stairs.
        """,
        ),
        _ah(
            6,
            """
            DAILY NOTE   Wed 10/01/25
            Pain 5/10.
            Heel slides 3 x 10; quad sets 3 x 10, 5 s hold
            SAQ 2 x 15; bike, rocking, 8 min
            Gait with walker 200 ft x 2
            -- O. Lindgren, PT
        """,
            True,
        ),
        _ah(
            7,
            """
            DAILY NOTE   Fri 10/03/25
            Pain 4/10.
            Bike 10 min full revolutions; SLR 3 x 10
            Step-ups 4 in 2 x 10; TKE green band 3 x 15
            -- O. Lindgren, PT

            DAILY NOTE   Mon 10/06/25
            Pain 4/10.
            Bike 10 min; LAQ 3 x 10 with 2 lb
            Mini squats 3 x 10; tandem stance 3 x 30 s
            -- T. Sato, PTA
        """,
        ),
        _ah(
            8,
            """
            DAILY NOTE   Wed 10/08/25
            Pt reports L knee "tight" in the morning; pain 4/10.
            Prone hangs 3 x 2 min; heel slides with strap 3 x 10
            LAQ 3 x 12 with 3 lb; sit-to-stand 3 x 8
            -- O. Lindgren, PT
        """,
        ),
        _ah(
            9,
            """
            CANCELLATION   Fri 10/10/25
            Pt called at 07:50 - car trouble. Rescheduled to Monday.
            -- front desk

            DAILY NOTE   Mon 10/13/25
            Pain 3/10.
            Bike 12 min; step-ups 6 in 3 x 10
            Leg press 3 x 12 @ 30 lb; SLS 4 x 20 s
            -- O. Lindgren, PT
        """,
        ),
        _ah(
            10,
            """
            DAILY NOTE   Wed 10/15/25
            Pain 3/10. AROM 2-105 deg today.
            Ther ex per flowsheet; gait with single-point cane.
            -- T. Sato, PTA
        """,
            True,
        ),
        _ah(
            11,
            """
            DAILY NOTE   Fri 10/17/25
            Pain 3/10.
            Bike 15 min; leg press 3 x 12 @ 40 lb
            Lateral step-downs 2 x 10; monster walks yellow band 3 laps
            -- O. Lindgren, PT
        """,
        ),
        _ah(
            12,
            """
            DAILY NOTE   Mon 10/20/25
            Pain 2/10. Walking in the community with a cane.
            Ther ex and gait training per flowsheet.
            -- T. Sato, PTA
        """,
        ),
        _ah(
            13,
            """
            RE-EVALUATION                              Date: 10/27/2025
            Therapist: O. Lindgren, PT, DPT

            S: NPRS 2/10. Pt states her function is about 75% of normal.
            Still unable to climb stairs reciprocally or to kneel in
            church; tub transfers with a bench only.
            O: L knee AROM 0-115 deg, no quad lag.
            MMT quadriceps 4/5, hamstrings 4/5, hip abductors 4/5
            KOOS JR: 66.2
            LEFS: 41/80
            Goals: STG 4/4 met. LTG 1/3 met.
            Plan: 2x/wk x 4 wks; stairs, kneeling, endurance.
        """,
        ),
        _ah(
            14,
            """
            RE-EVALUATION (cont.) - current exercise program
            Leg press            3 x 12   50 lb   rest 60 s
            Lateral step-downs   3 x 10   6 in    rest 45 s
            Bike                 15 min   level 4
            Split squats         2 x 8    body weight
            Kneeling on pad      3 x 30 s

            Therapist signature: O. Lindgren, PT, DPT   10/27/2025
            Physician: ________________________ Date: ________
        """,
        ),
        _ah(
            15,
            """
            LEDGER
            DOS         CPT           Units  Charge
            09/29/2025  97162         1      165.00
            10/01/2025  97110 97116   2/1    175.00
            10/03/2025  97110         3      180.00
            10/06/2025  97110 97530   2/1    180.00
            10/08/2025  97110 97140   2/1    175.00
            10/13/2025  97110 97530   2/1    180.00
            10/15/2025  97110 97116   2/1    175.00
            10/17/2025  97110         3      180.00
            10/20/2025  97110 97116   2/1    175.00
            10/27/2025  97164         1      120.00
        """,
        ),
        _ah(
            16,
            """
            SCHEDULE
            10/29/2025  Wed  1:00 PM   Lindgren
            10/31/2025  Fri  1:00 PM   Sato
            11/03/2025  Mon  1:00 PM   Lindgren
            11/05/2025  Wed  1:00 PM   Lindgren
        """,
        ),
        _ah(
            17,
            """
            INSURANCE CARD (copy)
            Harborline Health Plan - Medicare Advantage HMO
            Member: BEATRICE NWOSU   ID HMA20441987
            PCP: R. Castellanos, MD    Copay specialist/therapy $30
        """,
        ),
        _ah(
            18,
            """
            TRANSMISSION VERIFICATION REPORT
            Pages sent: 18   Result: OK   Duration: 00:04:12
        """,
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-29", "evaluation", 4, 5, 35, "left"),
            _v("2025-10-01", "treatment", 6, 5),
            _v("2025-10-03", "treatment", 7, 4),
            _v("2025-10-06", "treatment", 7, 4),
            _v("2025-10-08", "treatment", 8, 4, None, "left"),
            _v("2025-10-13", "treatment", 9, 3),
            _v("2025-10-15", "treatment", 10, 3),
            _v("2025-10-17", "treatment", 11, 3),
            _v("2025-10-20", "treatment", 12, 2),
            _v("2025-10-27", "re_evaluation", 13, 2, 75, "left"),
        ],
        plan=(2, 4, 13),
        side=("left", 4),
        documentation=_doc(
            goals=(4, 4, 1, 3, 13),
            outcomes=[
                _om("KOOS", "2025-09-29", 44.8, 5),
                _om("LEFS", "2025-09-29", 22, 5),
                _om("KOOS", "2025-10-27", 66.2, 13),
                _om("LEFS", "2025-10-27", 41, 13),
            ],
            strength=[5, 13],
            exercise=[6, 7, 8, 9, 11, 14],
            deficits=[4, 13],
            impairments=[5, 10, 13],
        ),
        side_mentions=[("left", 3), ("left", 4), ("left", 5), ("left", 8), ("left", 13)],
    ),
)


BLIND3: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17]
