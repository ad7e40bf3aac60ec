"""Fifth blind held-out records ("blind5"): written by helper b5, who had not seen the extractor, its
tests, its development, held-out, blind, blind3, blind4 or big records, nor any label file; only the
record shape (model.py), the labelling conventions and helpers of blind2.py (its docstring and helper
functions), the renderer (generate.py), the case schema and the criteria's red-flag keys and outcome
measures. Never tune the extractor on these; report them apart.

Labelling conventions are those of blind.py/blind2.py: a visit is a dated encounter note (appointment
lists, billing ledgers, cancellations and dates quoted in a history are not visits); the plan is the
latest plan of care, a range keyed at its upper bound ("2w4" home-health shorthand is 2x/week for 4
weeks); affected_side is the side the treating therapist documents at the evaluation (or at the
earliest therapist note), even where the referral codes the other side; side_mentions are the pages
that give the treated region a side in words (a referral line counts; the comparison side does not);
red flags are keyed by the criteria's keys on the page where they are stated as present, never when
negated, ruled out, screened negative, unchecked or historical and resolved (a suspected hip fracture
after a fall is keyed hip_fracture_dislocation only); outcome measures keyed as written, by the
criteria's measure names (KOOS JR -> KOOS, HOOS JR -> HOOS, HOS-ADL -> HOS, NDI as x/50 raw),
NPRS only as visit pain. Measures the criteria do not list (FOTO, Berg, full DASH, DHI) are not keyed.
"""

from __future__ import annotations

from bench.extraction_data.labelling import _doc, _ep, _fax, _labels, _om, _v
from bench.extraction_data.model import Page, Record

# --- 01: SOAP, lumbar radiculopathy; cauda equina appears at the third note ------------------------

_R01_1 = """RIVERBEND PHYSICAL THERAPY                              INITIAL EVALUATION
Pt: D. Okafor        DOB 04/11/1971        DOS: 09/08/2025
Dx: M54.16 radiculopathy, lumbar region          Ref: J. Patel, MD

S: LBP with radiating pain into the L posterior thigh x 5 wks after lifting a
   mattress. Pain now 6/10, worst 8/10. Pt rates function at 45% of normal.
   Denies B/B changes. Denies saddle anesthesia. No fever, no unexplained wt loss.
   Sleeps through the night with a pillow between knees.
O: Lumbar flexion limited 40%, extension limited 25%, reproduces L thigh pain.
   SLR L (+) at 45 deg; R (-).  Slump L (+).
   MMT: L EHL 4/5, L ankle DF 5/5, hip flexors 5/5. DTR 2+ and symmetric.
   Sensation intact to light touch L4-S1.
   ODI 44%.
   Sitting tolerance 20 min; unable to lift laundry basket; cannot put on socks
   without pain.
A: Presentation c/w L L5 radiculopathy, directional preference for extension.
P: 3x/wk x 6 wks. Manual therapy, neuro mobility, core stabilization.
   HEP: prone press-ups 2x10 q2h, sciatic nerve glides 2x10, TA bracing 10x10s.
   Goals: STG (3 wks) sit 45 min; LTG (6 wks) return to work as a mover.

                                   Dana Whitcomb, PT, DPT   09/08/2025
"""

_R01_2 = """RIVERBEND PHYSICAL THERAPY                              DAILY NOTES
Pt: D. Okafor        DOB 04/11/1971

09/10/2025  S: L leg pain 5/10, centralizing to buttock after press-ups.
            O: REIL 3x10, prone on elbows 2 min, nerve glides 2x15.
            A: Tolerated well.   P: Cont POC.                      DW, PT

09/12/2025  S: Pain 5/10. Sat 35 min at work.
            O: REIL 3x10, bird-dog 2x10 each, bridges 2x12.
            A: Improved sitting tolerance.  P: Progress core.        DW, PT
"""

_R01_3 = """RIVERBEND PHYSICAL THERAPY                              DAILY NOTE
Pt: D. Okafor        DOB 04/11/1971        DOS: 09/15/2025

S: L leg pain worse, 7/10. Pt reports new difficulty starting urination since
   Saturday, and says he feels numb "down there" when he wipes. New tingling in
   both feet.
O: Saddle sensation decreased to light touch per pt report and on testing.
A: New signs concerning for cauda equina syndrome.
P: Treatment held. Pt sent to ED at Mercy General; Dr. Patel's office notified
   by phone at 10:40. Will await medical clearance before resuming PT.

                                   Dana Whitcomb, PT, DPT   09/15/2025
"""

R01 = Record(
    name="blind5-01-lumbar-soap-cauda",
    pages=[Page(_R01_1), Page(_R01_2), Page(_R01_3)],
    labels=_labels(
        visits=[
            _v("2025-09-08", "evaluation", 1, 6, 45, "left"),
            _v("2025-09-10", "treatment", 2, 5, None, "left"),
            _v("2025-09-12", "treatment", 2, 5),
            _v("2025-09-15", "treatment", 3, 7, None, "left"),
        ],
        plan=(3, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("ODI", "2025-09-08", 44, 1)],
            strength=[1],
            exercise=[1, 2],
            deficits=[1],
            impairments=[1, 3],
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
        red_flags=[("cauda_equina", 3)],
    ),
)


# --- 02: narrative letter, thoracic pain with malignancy concern ---------------------------------

_R02_1 = """NORTHGATE SPINE & SPORT PHYSIOTHERAPY
1180 Alder Way, Suite 4, Portland OR 97211     tel 503 555 0142

October 7, 2025

Dr. Ingrid Lindqvist
Alder Family Medicine

Re: Harriet Vance, DOB 02/19/1958

Dear Dr. Lindqvist,

Thank you for referring Mrs. Vance, whom I evaluated on October 6, 2025 for
mid-back pain of about ten weeks' duration. She recalls no injury.

She was treated for breast cancer in 2019 and her last oncology visit was in
the spring. Since the summer she has lost 15 lbs without trying. She tells me
she sweats at night and that the pain keeps her awake regardless of position;
it is constant, rated 7/10 today, and neither rest nor movement changes it.

I am concerned that her pain is not mechanical. Given her history of cancer,
the unexplained weight loss and the constant night pain, I have not started
treatment and have asked her to see you this week; I would suggest imaging of
the thoracic spine before she returns to us.

My examination findings are on the following page.

Sincerely,

Priya Raman, PT, MSPT
"""

_R02_2 = """Harriet Vance, DOB 02/19/1958 - examination findings (P. Raman, PT)

Observation: guarded posture, increased thoracic kyphosis.
Thoracic rotation limited about 50% in both directions, pain at end range.
Percussion tenderness over the T8 spinous process.
Neuro screen: lower-limb strength, reflexes and sensation within normal limits.
Function: she can no longer lift her grandson or carry groceries from the car,
and she sleeps no more than two hours at a time.

Plan, if medically cleared: 2x/week for 4 weeks - thoracic mobility, postural
endurance and graded walking.
"""

R02 = Record(
    name="blind5-02-thoracic-letter-malignancy",
    pages=[Page(_R02_1), Page(_R02_2)],
    labels=_labels(
        visits=[_v("2025-10-06", "evaluation", 1, 7)],
        plan=(2, 4, 2),
        side=None,
        documentation=_doc(deficits=[2], impairments=[2]),
        side_mentions=[],
        red_flags=[("malignancy", 1), ("unexplained_weight_loss", 1), ("night_pain", 1)],
    ),
)


# --- 03: EMR printout, right TKA, flowsheet, DVT at a later note -----------------------------------


def _emr03(n: int, body: str) -> str:
    return (
        "Lakeshore Health Outpatient Rehabilitation     Printed 10/27/2025 08:02\n"
        "PATIENT: MORALES, ERNESTO   MRN 00841277   DOB 06/30/1954\n"
        "------------------------------------------------------------------------\n"
        + body
        + "\n------------------------------------------------------------------------\n"
        + f"CONFIDENTIAL - contains PHI                                  Page {n} of 3\n"
    )


_R03_1 = _emr03(
    1,
    """PT EVALUATION                      Date of service: 10/14/2025
Referral: s/p R total knee arthroplasty 10/01/2025 (Dr. A. Cho)
Subjective: Pain 5/10 with activity. Using RW. Sleeping in recliner.
Objective:
  R knee AROM 8-85 deg (ext lag 8). Quad lag on SLR.
  MMT: R quads 3+/5, R hip abd 4/5.
  Incision healing, no drainage. Calf soft, non-tender; no warmth.
  Gait: RW, 150 ft, step-to on stairs with rail; unable to do stairs
  reciprocally or rise from low chair without arms.
  KOOS JR: 52.5
Assessment: expected post-op deficits in ROM, strength and gait.
Plan: 3x/week x 8 weeks. Therex, manual, gait training, HEP.""",
)

_R03_2 = _emr03(
    2,
    """TREATMENT FLOWSHEET
Date       Pain  Flex  Ext  Interventions
10/16/25   5     88    -7   heel slides 2x15, quad sets 10x5s hold, SLR 3x10
10/18/25   4     92    -6   + mini squats 2x10, bike rocking 5 min
10/21/25   4     95    -5   bike full revs 8 min, step-ups 4" 2x10
10/23/25   3     99    -4   step-ups 6" 2x12, TKE green band 3x15
Therapist: K. Osei, PT""",
)

_R03_3 = _emr03(
    3,
    """PT DAILY NOTE                      Date of service: 10/24/2025
S: Pt reports R calf pain since last night, 6/10, worse walking.
O: R calf is hot, red and swollen; calf girth 41.0 cm vs 37.5 cm on L.
   Pitting edema R ankle. Wells score 3 (high probability).
A: Signs of possible DVT.
P: Treatment deferred. Dr. Cho's nurse notified; pt sent for same-day venous
   duplex. Hold PT until cleared.                          K. Osei, PT""",
)

R03 = Record(
    name="blind5-03-tka-flowsheet-dvt",
    pages=[Page(_R03_1), Page(_R03_2), Page(_R03_3)],
    labels=_labels(
        visits=[
            _v("2025-10-14", "evaluation", 1, 5, None, "right"),
            _v("2025-10-16", "treatment", 2, 5),
            _v("2025-10-18", "treatment", 2, 4),
            _v("2025-10-21", "treatment", 2, 4),
            _v("2025-10-23", "treatment", 2, 3),
            _v("2025-10-24", "treatment", 3, 6, None, "right"),
        ],
        plan=(3, 8, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-10-14", 52.5, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1, 2, 3],
        ),
        side_mentions=[("right", 1), ("right", 3)],
        red_flags=[("dvt", 3)],
    ),
)


# --- 04: home health, scanned, right hip OA; fall with hip fracture signs ---------------------------

_R04_1 = """SUNRISE HOME HEALTH - PHYSICAL THERAPY EVALUATION (OASIS SOC)
Patient: Edith Cormier      DOB 1939-05-02      Visit date: 2025-11-03
Primary dx: M16.11 unilateral primary OA, right hip; generalized weakness
Homebound status: requires RW and assist of 1 to leave home; taxing effort.

Pain: R hip/groin 4/10 with transfers.
No recent falls reported. Denies fever/chills.
ROM: R hip flexion 90, IR 10, ext 0.  MMT: R hip abd 3/5, R quads 4-/5.
Function: min A sit<>stand from low bed; ambulates 40 ft with RW, then rests;
unable to step into tub. TUG 24 s.
Plan: PT 2w4 - therex, transfer and gait training, home safety.
                                     T. Nguyen, PT
"""

_R04_2 = """SUNRISE HOME HEALTH - PT VISIT NOTE
Patient: Edith Cormier      Visit date: 2025-11-06    Time in 10:05 out 10:50
Pain: R hip 3/10.
Interventions: sit-to-stand 2x8 from raised chair, LAQ 2x10 with 2 lb,
standing hip abduction 2x10 at counter, gait with RW 60 ft x2.
Response: fatigue after second set; SpO2 96%.
Plan: continue per POC.                     T. Nguyen, PT
"""

_R04_3 = """SUNRISE HOME HEALTH - PT VISIT NOTE
Patient: Edith Cormier      Visit date: 2025-11-10    Time in 09:15 out 09:40
Pt found on bathroom floor by daughter this morning; fell reaching for towel.
Pain R hip/groin 9/10. Pt can't bear weight after the fall; R leg appears
shortened and externally rotated. No head strike per pt.
Action: visit ended, 911 called, pt transported to St. Luke's ED. Agency RN and
Dr. Haas notified.                           T. Nguyen, PT
"""

R04 = Record(
    name="blind5-04-homehealth-hip-fracture",
    pages=[Page(_R04_1, scanned=True), Page(_R04_2, scanned=True), Page(_R04_3, scanned=True)],
    labels=_labels(
        visits=[
            _v("2025-11-03", "evaluation", 1, 4, None, "right"),
            _v("2025-11-06", "treatment", 2, 3, None, "right"),
            _v("2025-11-10", "treatment", 3, 9, None, "right"),
        ],
        plan=(2, 4, 1),
        side=("right", 1),
        documentation=_doc(strength=[1], exercise=[2], deficits=[1], impairments=[1]),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
        red_flags=[("hip_fracture_dislocation", 3)],
    ),
)


# --- 05: sports clinic, left Achilles tendinopathy, rupture at a later visit (no year) -------------

_R05_1 = (
    _fax(1, 2, "MAR-04-2026 16:40")
    + """
CAMPUS ATHLETICS SPORTS PHYSICAL THERAPY
Athlete: Jordan Pike   Sport: basketball (guard)   DOB 2004-08-14
Initial Eval 2/16       Dx: L Achilles tendinopathy, midportion

Hx: gradual onset L Achilles pain over 6 weeks of preseason. AM stiffness 20 min.
Pain 4/10 after practice.
Exam: TTP L Achilles 4 cm above insertion, fusiform thickening. Thompson neg.
Ankle DF (knee ext) L 8 deg vs R 14 deg. PF MMT 4/5 L.
Single-leg heel raise L 8 reps vs R 25.
Functional: unable to run more than 1 mile or jump without pain next day.
FAAM-ADL 71%.
Plan: 2x/week x 6 weeks. Eccentric heel drops 3x15 with 10 lb backpack, soleus
stretch 3x30 s, isometric PF holds 5x45 s.
                                           M. Alvarez, PT, SCS
"""
)

_R05_2 = (
    _fax(2, 2, "MAR-04-2026 16:40")
    + """
CAMPUS ATHLETICS SPORTS PT - Treatment Note   3/2
S: Doing well with heel drops.
During warm-up jump shots athlete heard a pop and felt "like someone kicked me
in the back of the leg". Now 6/10, can't push off the L foot, walking flat-footed.
O: Palpable defect ~4 cm above L calcaneus. Thompson (+) on L.
A: Suspected complete L Achilles tendon rupture.
P: Posterior splint in plantarflexion, crutches NWB, team physician saw him
   on site; ortho consult today.             M. Alvarez, PT, SCS
"""
)

R05 = Record(
    name="blind5-05-sports-achilles-rupture",
    pages=[Page(_R05_1), Page(_R05_2)],
    labels=_labels(
        visits=[
            _v("2026-02-16", "evaluation", 1, 4, None, "left"),
            _v("2026-03-02", "treatment", 2, 6, None, "left"),
        ],
        plan=(2, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("FAAM", "2026-02-16", 71, 1)],
            strength=[1],
            exercise=[1],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
        red_flags=[("tendon_rupture", 2)],
    ),
)


# --- 06: Medicare progress report, lumbar stenosis; claudication signs --------------------------

_R06_1 = """FAX COVER SHEET

To: Utilization Review - Harbor Medicare Advantage
From: Crestview Rehab, Billing Office            Date: 12/02/2025
Pages (including cover): 3
Re: Walter Brandt, member ID HMA-4471902 - request for continued PT visits

Please find the progress report attached. Call 555-310-7788 with questions.
This fax may contain protected health information. If received in error,
notify the sender and destroy all copies.
"""

_R06_2 = """CRESTVIEW REHAB - PHYSICAL THERAPY PROGRESS REPORT (Medicare, 10th visit)
Beneficiary: Walter Brandt   DOB 01/23/1946   Dx: M48.062 spinal stenosis, lumbar
Date of report/visit: 12/01/2025   Start of care 10/27/2025   Visits to date: 10
Certification period 10/27/2025 - 01/24/2026

Subjective: Pt reports he is about 30% better; back pain 4/10 today.
He now describes cramping in both calves after walking about one block that is
relieved by standing still - he does not need to sit or bend forward - and
says his feet feel cold. Denies bowel/bladder changes; no saddle numbness.
Objective: lumbar extension limited 50%. Dorsalis pedis and posterior tibial
pulses diminished bilaterally; feet cool to touch, capillary refill 4 s.
Walking tolerance 1 block (goal 4 blocks).
ODI: 46% at SOC (10/27/2025) -> 38% today.
Goals: STG 2 of 3 met; LTG 0 of 2 met.
Assessment: back symptoms improving; calf symptoms now suggest a vascular cause
(claudication) rather than neurogenic. Faxed to PCP Dr. Young requesting ABI.
Plan: continue 2x/wk x 4 wks.
"""

_R06_3 = """CRESTVIEW REHAB - progress report, page 2         W. Brandt   12/01/2025

Current program:
  recumbent bike 10 min level 2
  supine bridges 2x12
  posterior pelvic tilts 20x5 s hold
  seated lumbar flexion stretch 3x30 s
  walking program: 5 min bouts, 3x daily

I certify the need for these services furnished under this plan of treatment.

Therapist: Renata Szabo, PT     Physician signature: ____________  Date: _____
"""

R06 = Record(
    name="blind5-06-medicare-progress-vascular",
    pages=[Page(_R06_1), Page(_R06_2), Page(_R06_3)],
    labels=_labels(
        visits=[_v("2025-12-01", "progress_note", 2, 4)],
        plan=(2, 4, 2),
        side=None,
        documentation=_doc(
            improvement=(30, 2),
            goals=(2, 3, 0, 2, 2),
            outcomes=[_om("ODI", "2025-10-27", 46, 2), _om("ODI", "2025-12-01", 38, 2)],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[],
        red_flags=[("vascular", 2)],
    ),
)


# --- 07: workers' comp, scanned form and note; visceral referral --------------------------------

_R07_1 = """STATE WORKERS' COMPENSATION - PHYSICAL THERAPY STATUS REPORT
Claimant: Luis Echeverria     Claim # WC-25-118842     DOI: 08/19/2025
Employer: Tri-County Distribution     Date of visit: 09/22/2025
Type of visit: [X] Initial evaluation  [ ] Re-evaluation  [ ] Discharge
Body part: R low back (lumbar strain, lifting pallets)
Pain (0-10): 5
Objective: lumbar flexion 50% limited, extension painful, R paraspinal spasm.
Red flags: none
Functional limitations: unable to lift >20 lb; sitting limited to 30 min.
Work status: [ ] Full duty  [X] Modified duty - no lifting >20 lb  [ ] Off work
Treatment plan: Frequency 3 x/wk   Duration 4 wks
Therapist: B. Hollis, PT         Lic # PT-20931
"""

_R07_2 = """TRI-COUNTY PT   Tx note 09/24/2025   L. Echeverria   WC-25-118842
R low back / flank pain 6/10, comes in waves, colicky.
Pt reports his urine has been dark "like tea" since Monday and there was blood
in it yesterday. Nauseated this AM.
No tx today. Advised to see MD / urgent care today for possible renal cause;
adjuster and Dr. Fenn notified.                     BH PT
"""

_R07_3 = """TRI-COUNTY PT - PATIENT LEDGER          Claim WC-25-118842
Date       CPT     Units  Charge    Paid     Balance
09/22/25   97162   1      $145.00   $0.00    $145.00
09/22/25   97110   2      $ 84.00   $0.00    $229.00
09/24/25   -- no charge (pt referred to MD) --
09/26/25   cancelled by pt
Statement date 09/30/25
"""

R07 = Record(
    name="blind5-07-workcomp-visceral",
    pages=[Page(_R07_1, scanned=True), Page(_R07_2, scanned=True), Page(_R07_3)],
    labels=_labels(
        visits=[
            _v("2025-09-22", "evaluation", 1, 5, None, "right"),
            _v("2025-09-24", "treatment", 2, 6, None, "right"),
        ],
        plan=(3, 4, 1),
        side=("right", 1),
        documentation=_doc(deficits=[1], impairments=[1]),
        side_mentions=[("right", 1), ("right", 2)],
        red_flags=[("visceral_referral", 2)],
    ),
)


# --- 08: whole record as TIFF, left knee after injection; septic joint signs ---------------------

_R08_1 = (
    _fax(1, 2, "JAN-16-2026 07:55")
    + """
MAPLE RIDGE PHYSICAL THERAPY          Initial Evaluation     DOS 1/12/26
Name: Carol Denton    DOB 3/9/1962    Dx: M17.12 OA left knee
Hx: L knee pain 2 yrs, worse over winter. Cortisone injection L knee 1/5/26.
Pain 5/10. No fever/chills. Not immunosuppressed. No hx of DVT.
Exam: L knee flex 110, ext -3, mild effusion (stroke test 1+).
MMT L quad 4/5, L hip abd 4-/5. Stairs step-to; kneeling not possible.
KOOS JR 55.9
Plan: 2x/wk x 6 wks - strengthening, aerobic, HEP (sit-stand 3x10,
bridges 3x10, SLR 3x12).                            G. Park, PT
"""
)

_R08_2 = (
    _fax(2, 2, "JAN-16-2026 07:55")
    + """
MAPLE RIDGE PT    Daily note    1/15/26     C. Denton
Pt reports fever and chills since yesterday; temp 38.6 C at home last night.
Pain L knee 8/10. L knee hot, red and markedly swollen; AROM 20-60
deg; antalgic limp.
Tx not performed. Ortho (Dr. Fisk) called - pt sent to urgent care to rule out
septic arthritis post injection.                     G. Park, PT
"""
)

R08 = Record(
    name="blind5-08-knee-septic-tiff",
    pages=[Page(_R08_1), Page(_R08_2)],
    tiff=True,
    labels=_labels(
        visits=[
            _v("2026-01-12", "evaluation", 1, 5, None, "left"),
            _v("2026-01-15", "treatment", 2, 8, None, "left"),
        ],
        plan=(2, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("KOOS", "2026-01-12", 55.9, 1)],
            strength=[1],
            exercise=[1],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
        red_flags=[("infection", 2)],
    ),
)


# --- 09: re-evaluation with before/after table, cervical; referral codes the other side ---------

_R09_1 = """WESTFIELD ORTHOPAEDIC ASSOCIATES - REFERRAL FOR THERAPY
Patient: Marcus Bell      DOB 07/02/1979      Date: 10/15/2025
Diagnosis: M54.12 radiculopathy, cervical region - LEFT upper extremity
Orders: PT eval and treat, 2-3x/week x 4-6 weeks. Cervical traction OK.
Precautions: none
Physician: S. Grant, MD   NPI 1487723309
"""

_R09_2 = """WESTFIELD PT   RE-EVALUATION   11/17/2025   Marcus Bell   DOB 07/02/1979
(Initial evaluation 10/20/2025; 9 visits since. Note: referral lists the other
side; symptoms are and have always been in the RIGHT arm - MD office informed.)

Subjective: R arm pain 6/10. Pt reports his grip is getting weaker week over
week - he is now dropping cups - and the numbness that started in his thumb has
spread to the whole hand. Denies gait change; no bowel/bladder issues.

                         10/20/2025      11/17/2025
NDI                      22/50           27/50
PSFS (mean)              4.3             3.7
Grip R (kg, dynamometer) 28              19
Grip L (kg)              44              45
Cervical rotation R      50 deg          45 deg
MMT R wrist extension    4/5             4-/5
Biceps reflex R          2+              1+

Function: cannot hold a coffee cup in the R hand, drives no more than 15 min.
Assessment: progressive motor and sensory loss R C6 distribution despite care.
"""

_R09_3 = """WESTFIELD PT   RE-EVALUATION (cont.)   11/17/2025   Marcus Bell

Goals: STG 1 of 3 met (independent HEP). LTG 0 of 2 met.
Plan: urgent call placed to Dr. Grant re progressive R UE weakness; MRI and
surgical consult requested. Recommend continued PT 2x/week x 4 weeks once
reviewed by MD. HEP held except chin tucks 10x5 s.

                                   Owen Kaczmarek, PT, OCS
"""

R09 = Record(
    name="blind5-09-cervical-reeval-progressive-neuro",
    pages=[Page(_R09_1), Page(_R09_2), Page(_R09_3)],
    labels=_labels(
        visits=[_v("2025-11-17", "re_evaluation", 2, 6, None, "right")],
        plan=(2, 4, 3),
        side=("right", 2),
        documentation=_doc(
            goals=(1, 3, 0, 2, 3),
            outcomes=[
                _om("NDI", "2025-10-20", 22, 2),
                _om("NDI", "2025-11-17", 27, 2),
                _om("PSFS", "2025-10-20", 4.3, 2),
                _om("PSFS", "2025-11-17", 3.7, 2),
            ],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 1), ("right", 2), ("right", 3)],
        red_flags=[("progressive_neuro_deficit", 2)],
    ),
)


# --- 10: SOAP, runner with groin pain on loading (femoral neck stress fracture) ----------------

_R10_1 = """VALLEY SPORTS REHAB                                    SOAP - Initial Eval
Pt: Ava Lindgren (19 F)  DOB 03-14-2006   DOS 25-Aug-2025   Dx: L hip pain
S: Collegiate cross-country runner, mileage up from 30 to 55/wk in July.
   Deep L groin pain with every run for 4 wks, now with walking and stairs;
   hopping on L reproduces it. Periods stopped in the spring. Pain 5/10.
   Pt denies night pain, fever or weight change.
O: Antalgic gait. L hip IR 20 deg vs R 35; FADIR (+) L; pain with L single-leg
   hop and with heel strike. MMT L hip abd 4/5, L hip flex 4/5 (painful).
   HOS-ADL 68.
   Unable to run; limps after 10 min of walking.
A: Groin pain with loading in a female runner with amenorrhea and rapid
   mileage increase - concern for femoral neck stress fracture.
P: No running; crutches PWB. Called team physician for MRI. Then 1-2x/wk for
   3-4 wks of unloaded strengthening.                      S. Morrow, PT, DPT
"""

_R10_2 = """VALLEY SPORTS REHAB - Home exercise program      A. Lindgren   25-Aug-2025
L hip - NO impact until MRI result.
 1. Glute bridges          3 x 10, 3 s hold
 2. Clamshells, green band 3 x 15
 3. Supine isometric hip adduction (ball squeeze) 10 x 10 s
 4. Upper-body ergometer   15 min
Stop any exercise that reproduces groin pain.
"""

R10 = Record(
    name="blind5-10-hip-runner-stress-fracture",
    pages=[Page(_R10_1), Page(_R10_2)],
    labels=_labels(
        visits=[_v("2025-08-25", "evaluation", 1, 5, None, "left")],
        plan=(2, 4, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("HOS", "2025-08-25", 68, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1), ("left", 2)],
        red_flags=[("stress_fracture_avn", 1)],
    ),
)


# --- 11: terse scanned notes, right wrist after a fall (suspected scaphoid fracture) -----------

_R11_1 = """HAND THERAPY OF ELM ST.     IE 12/8/25     pt: R. Aoki  DOB 9/30/88
R wrist pain p FOOSH on ice 12/5. XR neg per urgent care.
Pain 7/10. TTP anatomic snuffbox R, pain w/ axial load thumb, scaphoid
tubercle tender. Wrist ext 35 / flex 40 (L 70/75).
Grip (Jamar pos 2): R 12 kg, L 30 kg.
Can't turn door knobs, open jars, type > 10 min.
QuickDASH 61.4
Imp: suspect occult scaphoid fx despite neg films.
Plan: thumb spica splint, back to MD for repeat XR / MRI.
POC once cleared: 1x/wk x 6 wk.                       JL, OTR/CHT
"""

_R11_2 = """HAND THERAPY OF ELM ST.     Tx 12/22/25     R. Aoki
MRI 12/18: nondisplaced R scaphoid waist fx. Now in short-arm thumb
spica cast (Dr. Mendel).
Pain 3/10. Digit edema mild.
Tendon glides 10 reps each q2h, digit AROM, edema massage. Shoulder/elbow
AROM 10 reps to avoid stiffness.                            JL, OTR/CHT
"""

R11 = Record(
    name="blind5-11-wrist-scaphoid-scanned",
    pages=[Page(_R11_1, scanned=True), Page(_R11_2, scanned=True)],
    labels=_labels(
        visits=[
            _v("2025-12-08", "evaluation", 1, 7, None, "right"),
            _v("2025-12-22", "treatment", 2, 3, None, "right"),
        ],
        plan=(1, 6, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-12-08", 61.4, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1), ("right", 2)],
        red_flags=[("suspected_fracture", 1)],
    ),
)


# --- 12: shoulder, referral codes the right, therapist the left; prior episode with a gap -------
# --- checkbox red-flag screen with nothing checked but "none", family history of cancer ----------

_R12_1 = """SUMMIT PRIMARY CARE - REFERRAL
Patient: Gloria Reyes   DOB 11/04/1966   Date: 12/29/2025
Dx: M75.111 incomplete rotator cuff tear or rupture of RIGHT shoulder
Please evaluate and treat. Frequency/duration per PT.
Dr. Kevin Oduya, MD
"""

_R12_2 = """SUMMIT PHYSICAL THERAPY     Initial Evaluation     01/05/2026
Patient: Gloria Reyes   DOB 11/04/1966
Note: pt states the referral lists the wrong side; her pain is in the LEFT
shoulder. Confirmed with Dr. Oduya's office 1/5 - corrected order to follow.

History: prior PT at this clinic for the L shoulder 03/04/2024 - 05/20/2024,
14 visits, discharged at 85% function with HEP. Did well until she moved house
in Dec 2025 (lifting boxes) - returning now after the 19-month gap for that
reason. Pain 6/10; rates function 50%.
Red-flag screen:  [ ] fever/chills   [ ] unexplained weight loss
  [ ] night pain unrelieved by rest  [ ] current cancer   [X] none of these
Family hx: mother - breast cancer.
Objective: L shoulder AROM flex 120, abd 100, ER 35; painful arc.
  MMT L ER 4-/5, L abd 4/5. Hawkins (+), empty can (+) L.
Function: unable to reach the top shelf or fasten her bra; cannot sleep on that side.
SPADI 58
Plan: 2-3x/wk x 6-8 wks. Therex, manual, HEP.        Nadia Bloom, PT
"""

_R12_3 = """SUMMIT PHYSICAL THERAPY     Daily Note     01/07/2026     G. Reyes
L shoulder pain 5/10.
ER with red band 3x12, rows green band 3x12, wall slides 2x10,
sidelying ER 1 lb 2x15. Pendulums 2 min.
Tolerated well; no increase in pain.                 NB, PT
"""

_R12_4 = """SUMMIT PHYSICAL THERAPY - APPOINTMENT LIST          G. Reyes
Printed 01/09/2026
Fri 01/09/2026  10:00  Nadia Bloom   Scheduled
Mon 01/12/2026  10:00  Nadia Bloom   Scheduled
Wed 01/14/2026  10:00  Nadia Bloom   Cancelled (pt ill)
Fri 01/16/2026  10:00  Nadia Bloom   Scheduled
Mon 01/19/2026  10:00  Nadia Bloom   Scheduled
"""

R12 = Record(
    name="blind5-12-shoulder-wrong-side-prior-gap",
    pages=[Page(_R12_1), Page(_R12_2), Page(_R12_3), Page(_R12_4)],
    labels=_labels(
        visits=[
            _v("2026-01-05", "evaluation", 2, 6, 50, "left"),
            _v("2026-01-07", "treatment", 3, 5, None, "left"),
        ],
        plan=(3, 8, 2),
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("SPADI", "2026-01-05", 58, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
            gap=2,
        ),
        side_mentions=[("right", 1), ("left", 2), ("left", 3)],
        prior=[_ep("2024-03-04", "2024-05-20", 14, 2, 85)],
    ),
)


# --- 13: discharge summary, left lateral elbow; Y/N screen answered N -----------------------------

_R13_1 = """GREENFIELD PHYSIOTHERAPY - DISCHARGE SUMMARY
Patient: Tomasz Wilk   DOB 1983-02-11   Discharge date: 2026-02-20
Dx: M77.12 lateral epicondylitis, left elbow
Initial evaluation 2025-12-12; visits attended: 11

Screening            Y / N
  Night pain           N
  Fever                N
  Numbness/tingling    N
  Unexplained wt loss  N
No red flags identified.

Status at discharge: pain 1/10, patient rates function 90%; he reports 85%
improvement overall. Mild residual pain lifting a full gallon jug.
Minimal tenderness at the L lateral epicondyle; wrist ROM full.
Grip (dynamometer, elbow extended): L 32 kg, R 38 kg (12/12: L 14 kg).

Outcome                2025-12-12     2026-02-20
QuickDASH              45.5           13.6

Goals: short-term 3 of 3 met; long-term 2 of 3 met (not met: return to
recreational tennis without pain).
Discharged to independent HEP.                  Helen Ashby, PT
"""

_R13_2 = """GREENFIELD PHYSIOTHERAPY - Home exercise program at discharge   T. Wilk
L elbow
  Eccentric wrist extension, 2 lb dumbbell     3 x 15, once daily
  Isometric wrist extension                     5 x 45 s hold, 1 min rest
  Forearm supination/pronation with hammer      2 x 15
  Wrist extensor stretch                        3 x 30 s
Return to tennis: start with 20 min rallies, 2x/week, if pain stays <=2/10.
"""

R13 = Record(
    name="blind5-13-elbow-discharge-yn-screen",
    pages=[Page(_R13_1), Page(_R13_2)],
    labels=_labels(
        visits=[_v("2026-02-20", "discharge", 1, 1, 90, "left")],
        plan=None,
        side=("left", 1),
        documentation=_doc(
            improvement=(85, 1),
            goals=(3, 3, 2, 3, 1),
            outcomes=[_om("QuickDASH", "2025-12-12", 45.5, 1), _om("QuickDASH", "2026-02-20", 13.6, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 14: sports rehab, right ACL reconstruction; negated DVT/infection, cancer-free history ------

_R14_1 = """PEAK PERFORMANCE PT & SPORTS MEDICINE
INITIAL EVALUATION - s/p R ACL reconstruction (BTB autograft) 06/09/2025
Patient: Caleb Row   DOB 05/27/2001   Date: 07/07/2025

Subjective: 4 weeks post-op. Pain 4/10. Off crutches x 3 days.
PMH: Hodgkin lymphoma 2013, cancer-free since 2015, annual follow-up only.
Objective:
  R knee AROM 0-95 deg, 1+ effusion, quad lag 5 deg.
  Calf soft and non-tender, Homans (-), no warmth. Incisions clean and dry,
  no s/s infection; afebrile.
  Quad strength (handheld dynamometer) R 18 kg, L 41 kg; MMT R hip abd 4/5.
  Unable to descend stairs reciprocally; cannot squat below 45 deg.
  LEFS 32/80
Plan: 2x/wk x 12 wks per ACL protocol.                 R. Iqbal, PT, SCS
"""

_R14_2 = """PEAK PERFORMANCE PT - TREATMENT NOTES      C. Row

07/10/2025  R knee pain 3/10. Quad sets 3x10 5 s hold, SLR 3x10, heel slides
            2x15, stationary bike 10 min, mini squats 0-45 2x15.      RI
07/14/2025  Pain 3/10. Added step-ups 4" 3x10, TKE blue band 3x15, bridges
            3x12, weight shifts 2 min.                                   RI
"""

_R14_3 = """PEAK PERFORMANCE PT - PROGRESS NOTE       C. Row      08/04/2025
S: Pt reports 50% better; R knee pain 2/10; rates function 60%.
O: R knee AROM 0-125, trace effusion. Calf supple, Homans negative again.
   No fever, incisions healed. Quad (HHD) R 27 kg, L 42 kg.
   Stairs reciprocal with rail; still unable to jog or squat fully.
   LEFS 48/80
A: Progressing well per protocol.
Goals: STG 2 of 3 met; LTG 0 of 3 met.
Plan: continue 2x/wk x 8 more weeks; begin return-to-run at 12 wks if cleared.
                                                        R. Iqbal, PT, SCS
"""

R14 = Record(
    name="blind5-14-acl-negated-flags",
    pages=[Page(_R14_1), Page(_R14_2), Page(_R14_3)],
    labels=_labels(
        visits=[
            _v("2025-07-07", "evaluation", 1, 4, None, "right"),
            _v("2025-07-10", "treatment", 2, 3, None, "right"),
            _v("2025-07-14", "treatment", 2, 3),
            _v("2025-08-04", "progress_note", 3, 2, 60, "right"),
        ],
        plan=(2, 8, 3),
        side=("right", 1),
        documentation=_doc(
            improvement=(50, 3),
            goals=(2, 3, 0, 3, 3),
            outcomes=[_om("LEFS", "2025-07-07", 32, 1), _om("LEFS", "2025-08-04", 48, 3)],
            strength=[1, 3],
            exercise=[2],
            deficits=[1, 3],
            impairments=[1, 3],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 15: left THA, hospital summary with DVT ruled out; red-flag screen negative ------------------

_R15_1 = """ST. BRIDGET'S HOSPITAL - DISCHARGE SUMMARY (excerpt for outpatient therapy)
Patient: Norma Petit   DOB 08/08/1950   Admit 02/02/2026   Discharge 02/06/2026
Procedure: L total hip arthroplasty, posterior approach (02/02/2026)
Post-op course: L calf swelling POD 3 - DVT ruled out by venous duplex 2/5/26.
Wound unremarkable. Afebrile throughout. Hgb stable.
Disposition: home with spouse; outpatient PT. WBAT, posterior hip precautions
x 6 weeks. Aspirin 81 mg BID x 35 days.
"""

_R15_2 = """OAKHURST OUTPATIENT THERAPY - PT EVALUATION           02/16/2026
Patient: Norma Petit   DOB 08/08/1950   Dx: Z96.642 presence of L artificial hip
S: 2 weeks s/p L THA. Pain 3/10. Pt rates her function at 40%.
   Calf swelling has resolved. Red-flag screen negative.
O: L hip flex 80 (precaution limit 90), abd 20. Calf girth WNL and symmetric.
   MMT L hip abd 3/5, L quads 4/5. Trendelenburg (+) L.
   Gait with SPC 300 ft; unable to put on shoes/socks without reacher;
   car transfers with assist.
   HOOS JR 52.6
A: Post-op weakness and gait deviation.
P: 3x/week for 6 weeks. Hip precautions reviewed.       Lena Fuchs, PT
"""

_R15_3 = """OAKHURST OUTPATIENT THERAPY - DAILY NOTES     N. Petit

Feb 18, 2026   L hip pain 3/10. Supine abd 2x10, bridges 2x10, heel slides
               2x15, standing marching 2x10, gait training SPC 200 ft x2.  LF
Feb 20, 2026   Pain 2/10. Sit-stand 3x8 from 20" chair, side-stepping 3 laps,
               standing hip abd 2x12 with 1 lb ankle weight.              LF
"""

R15 = Record(
    name="blind5-15-tha-ruled-out",
    pages=[Page(_R15_1), Page(_R15_2), Page(_R15_3)],
    labels=_labels(
        visits=[
            _v("2026-02-16", "evaluation", 2, 3, 40, "left"),
            _v("2026-02-18", "treatment", 3, 3, None, "left"),
            _v("2026-02-20", "treatment", 3, 2),
        ],
        plan=(3, 6, 2),
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("HOOS", "2026-02-16", 52.6, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
    ),
)


# --- 16: longer mixed record, right ankle sprain; fracture ruled out; re-eval table, ledger ------

_R16_1 = """FAX
To: Claims Review, Pinecrest Health Plan        Fax 555 880 1200
From: Harborview PT, front desk                  Date: 05/05/2026
# pages incl. cover: 7
Re: Samira Haddad - auth request, additional visits
Notes: re-eval and notes enclosed.
"""

_R16_2 = """PINECREST URGENT CARE - ORDER FOR PHYSICAL THERAPY        04/02/2026
Patient: Samira Haddad   DOB 12/01/1992
Dx: S93.401A sprain of unspecified ligament of RIGHT ankle, initial encounter
XR R ankle 3 views 04/01/2026: no fracture.
Evaluate and treat.                                  A. Vo, PA-C
"""

_R16_3 = """HARBORVIEW PHYSICAL THERAPY   Initial Evaluation   April 6, 2026
Patient: Samira Haddad   DOB 12/01/1992
S: Inversion injury R ankle stepping off a curb 3/31. Pain 5/10 walking.
   Pt rates function 55%.
O: Ottawa ankle rules negative. No calf tenderness; DP and PT pulses 2+.
   Edema figure-of-8 R 54.5 cm vs L 51.0 cm. R ankle DF 5, PF 35, inv 15.
   MMT R evertors 4-/5, R PF 4/5. Anterior drawer (+) R, talar tilt (-).
   SL balance R 6 s vs L 30 s. Unable to walk > 15 min, can't run or
   take stairs reciprocally.
A: Grade II lateral ankle sprain, R.
P: 2x/wk x 4 wks. Balance, strengthening, manual, HEP.    Theo Brandt, PT
"""

_R16_4 = """HARBORVIEW PT - Daily Note   04/09/2026   S. Haddad
R ankle pain 4/10.
Alphabet AROM x2, towel scrunches 2 min, theraband eversion red 3x15,
DF red 3x15, SL balance on floor 5x20 s, double-leg calf raises 2x15.
Grade II talocrural AP mobs.                              TB
"""

_R16_5 = """HARBORVIEW PT - Daily Note   04/13/2026   S. Haddad
Pain 3/10. Progressed to green band eversion 3x15, SL balance on foam
5x20 s, lateral step-downs 2x10, single-leg calf raises 2x10.
Swelling down.                                            TB
"""

_R16_6 = """HARBORVIEW PHYSICAL THERAPY   Re-evaluation   05/04/2026   S. Haddad
S: Pt reports 70% improvement. R ankle pain 1/10; rates function 85%.
   Rolled it again lightly on 4/25 - no new swelling, walked it off.
O:                     04/06/2026     05/04/2026
   FAAM-ADL            62             85
   LEFS                50             70
   R ankle DF (deg)    5              15
   Figure-of-8 (cm)    54.5           52.0
   MMT R evertors      4-/5           5/5
   SL balance R (s)    6              24
   Still unable to run more than 5 min or cut/pivot.
Goals: STG 3 of 3 met; LTG 1 of 2 met.
A: Good progress; residual deficits in sport-specific agility.
P: 1x/wk x 3 wks for return-to-run and agility progression.   Theo Brandt, PT
"""

_R16_7 = """HARBORVIEW PT - ACCOUNT HISTORY     S. Haddad     Pinecrest Health Plan
04/06/26  97161  eval low complexity           $120.00
04/09/26  97110 x2, 97140                      $118.00
04/13/26  97110 x2, 97112                      $121.00
04/16/26  no-show
04/20/26  97110 x2, 97112                      $121.00
05/04/26  97164  re-eval                       $ 95.00
Visits used: 5 of 12 authorized
"""

R16 = Record(
    name="blind5-16-ankle-sprain-long-mixed",
    pages=[
        Page(_R16_1),
        Page(_R16_2),
        Page(_R16_3),
        Page(_R16_4),
        Page(_R16_5, scanned=True),
        Page(_R16_6),
        Page(_R16_7),
    ],
    labels=_labels(
        visits=[
            _v("2026-04-06", "evaluation", 3, 5, 55, "right"),
            _v("2026-04-09", "treatment", 4, 4, None, "right"),
            _v("2026-04-13", "treatment", 5, 3),
            _v("2026-05-04", "re_evaluation", 6, 1, 85, "right"),
        ],
        plan=(1, 3, 6),
        side=("right", 3),
        documentation=_doc(
            improvement=(70, 6),
            goals=(3, 3, 1, 2, 6),
            outcomes=[
                _om("FAAM", "2026-04-06", 62, 6),
                _om("LEFS", "2026-04-06", 50, 6),
                _om("FAAM", "2026-05-04", 85, 6),
                _om("LEFS", "2026-05-04", 70, 6),
            ],
            strength=[3, 6],
            exercise=[4, 5],
            deficits=[3, 6],
            impairments=[3, 6],
        ),
        side_mentions=[("right", 2), ("right", 3), ("right", 4), ("right", 6)],
    ),
)


# --- 17: adolescent with knee pain and a limp (SCFE concern); infection negated ------------------

_R17_1 = """LITTLE OAKS PEDIATRIC THERAPY          PT EVAL          DOS 03/09/2026
Pt: Ethan Moore, age 12     Referral: L knee pain x 6 wks (Dr. Sato, pediatrics)
Mom reports he started limping in January; pain "in the knee" with gym class,
now with walking to the bus. No injury. Afebrile, no recent illness, knee not
red or warm; no night pain.
Exam: L knee AROM full and painless; no effusion; ligament tests negative.
L hip: obligatory external rotation with passive flexion, IR 5 deg vs R 30,
abd 4-/5 L. Out-toeing antalgic gait on L. BMI > 95th percentile.
Pain 4/10. Cannot run in gym; stairs slow.
Assessment: knee pain with hip signs in an adolescent - concern for slipped
capital femoral epiphysis. Called Dr. Sato; same-day AP and frog-leg pelvis
x-rays requested. Pt to use crutches NWB until cleared.
Plan (pending imaging): hold PT.                     C. Dunleavy, PT, PCS
"""

_R17_2 = """LITTLE OAKS PEDIATRIC THERAPY - phone note        03/09/2026 4:15 pm
Dr. Sato's office: x-ray shows L SCFE; referred to pediatric orthopaedics for
pinning tomorrow. PT episode closed; will await post-op referral.
                                                     C. Dunleavy, PT, PCS
"""

R17 = Record(
    name="blind5-17-adolescent-knee-scfe",
    pages=[Page(_R17_1), Page(_R17_2)],
    labels=_labels(
        visits=[_v("2026-03-09", "evaluation", 1, 4, None, "left")],
        plan=None,
        side=("left", 1),
        documentation=_doc(strength=[1], deficits=[1], impairments=[1]),
        side_mentions=[("left", 1), ("left", 2)],
        red_flags=[("stress_fracture_avn", 1)],
    ),
)


BLIND5: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17]
