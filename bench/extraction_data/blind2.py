"""Second blind held-out records ("blind2"): written by someone who had not seen the extractor, its
development, held-out or first blind records, from the record shape, the label schema, the criteria's
red-flag keys and the issue text only. Never tune the extractor on these; report them apart.

Labelling conventions are those of blind.py (a visit is a dated encounter note; the plan is the
latest plan of care, a range keyed at its upper bound; affected_side is the side the treating
therapist documents at the evaluation; side_mentions are the pages that give the treated region a
side in words; negated red flags are not keyed; outcome measures keyed as written, by the
criteria's measure names: KOOS JR -> KOOS, HOOS JR -> HOOS). Measures the criteria do not list
(FOTO, Berg, full DASH) are not keyed.
"""

from __future__ import annotations

from bench.extraction_data.labelling import _doc, _ep, _fax, _labels, _om, _v
from bench.extraction_data.model import Page, Record

# --- 01: hospital outpatient EMR export, right knee OA ----------------------------------------------


def _epic(n: int, total: int, body: str) -> str:
    return (
        "Riverside Health System - Outpatient Rehabilitation          Printed 10/29/2025 14:02\n"
        "DOE, MARGARET   MRN: 00418822   DOB: 04/11/1958   Acct: 7781290\n"
        f"Page {n} of {total}\n"
        "--------------------------------------------------------------------------\n" + body
    )


R01 = Record(
    name="blind2-01-knee-epic-export",
    pages=[
        Page(
            _epic(
                1,
                3,
                "PT EVALUATION (Outpatient)            Encounter Date: 09/30/2025\n"
                "Provider: Nguyen, Lisa PT, DPT        Dept: RHS OP REHAB WEST\n\n"
                "Visit Diagnosis\n"
                "  M17.11  Unilateral primary osteoarthritis, right knee  [Primary]\n"
                "  R26.89  Other abnormalities of gait and mobility\n\n"
                "Subjective\n"
                "  67 y.o. female c/o R knee pain x 8 months, gradual onset, no trauma.\n"
                "  Pain Score: 6/10 (current)  Worst: 8/10\n"
                "  Unable to descend stairs reciprocally; walks < 2 blocks before stopping.\n"
                "  Pt denies fever, chills, calf pain.\n\n"
                "Objective\n"
                "  AROM R knee: 5-102 deg (L 0-130)\n"
                "  MMT: R quad 4-/5, R hip abd 4/5, L WNL 5/5\n"
                "  Effusion: trace (stroke test 1+)\n"
                "  TUG 13.8 sec\n\n"
                "Outcome Measures\n"
                "  LEFS .................. 34/80\n"
                "  KOOS JR ............... 52.5\n",
            )
        ),
        Page(
            _epic(
                2,
                3,
                "Assessment\n"
                "  Pt presents with R knee OA limiting stair negotiation and community ambulation.\n"
                "  Good rehab potential.\n\n"
                "Goals\n"
                "  Short Term (3 wks):\n"
                "   1. Independent with HEP\n"
                "   2. R knee flexion >= 115 deg\n"
                "  Long Term (8 wks):\n"
                "   1. LEFS >= 50/80\n"
                "   2. Reciprocal stair descent with rail\n"
                "   3. Ambulate 1 mile without rest\n\n"
                "Plan of Care\n"
                "  Frequency: 2 visits per week   Duration: 8 weeks\n"
                "  Interventions: 97110, 97140, 97530, 97112\n"
                "  Certification period 09/30/2025 - 11/24/2025\n\n"
                "Treatment Minutes\n"
                "  Code     Description                   Minutes  Units\n"
                "  97161    PT eval low complexity          30       1\n"
                "  97110    Therapeutic exercise            15       1\n"
                "  Total timed minutes: 15      Total treatment time: 45\n\n"
                "Electronically signed by Lisa Nguyen, PT, DPT 09/30/2025 17:41\n",
            )
        ),
        Page(
            _epic(
                3,
                3,
                "PT DAILY NOTE (Outpatient)            Encounter Date: 10/14/2025\n"
                "Visit Diagnosis\n"
                "  M17.11  Unilateral primary osteoarthritis, right knee\n\n"
                "S: Pt reports knee feels 'looser', pain 4/10 today. Did stairs at church\n"
                "   with rail.\n"
                "O: R knee AROM 3-110 deg.\n"
                "   Ther ex: recumbent bike 8 min L3; SLR 3x12 2# ; mini squats 3x10;\n"
                '   step-ups 6" 2x10; TKE green band 3x15.\n'
                "A: Progressing toward STG 2.\n"
                "P: Continue POC.\n\n"
                "Treatment Minutes\n"
                "  Code     Description                   Minutes  Units\n"
                "  97110    Therapeutic exercise            30       2\n"
                "  97140    Manual therapy                  10       1\n"
                "  Total timed minutes: 40\n\n"
                "Electronically signed by Lisa Nguyen, PT, DPT 10/14/2025 12:10\n",
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-30", "evaluation", 1, nprs=6, side="right"),
            _v("2025-10-14", "treatment", 3, nprs=4, side="right"),
        ],
        plan=(2, 8, 2),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-09-30", 34, 1), _om("KOOS", "2025-09-30", 52.5, 1)],
            strength=[1],
            exercise=[3],
            deficits=[1],
            impairments=[1, 3],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)

# --- 02: private-practice letter to the insurer, low back, ODI change ----------------------------

R02 = Record(
    name="blind2-02-back-letter-to-insurer",
    pages=[
        Page(
            "SUMMIT SPINE & SPORT PHYSICAL THERAPY, LLC\n"
            "118 Harbor Street, Suite 4  |  Tel 555-310-2200  |  Fax 555-310-2201\n\n"
            "November 6, 2025\n\n"
            "Attn: Utilization Review Department\n"
            "Keystone Mutual Health Plan\n\n"
            "RE: Daniel Ortega   Member ID KMH4471902   DOB 02/19/1979\n"
            "Diagnosis: M54.50 Low back pain, unspecified\n\n"
            "To whom it may concern,\n\n"
            "I am writing to request authorization for continued physical therapy for Mr. Ortega,\n"
            "whom I evaluated on September 22, 2025 for low back pain that began after lifting a\n"
            "water heater at work in August. At that visit his pain was 7/10, he could sit no longer\n"
            "than 15 minutes and could not return to his job as a plumber. His Oswestry Disability\n"
            "Index was 48%. Lumbar flexion was limited to fingertips at the knees and he had\n"
            "guarding with extension. Pt negative for B/B changes and saddle paresthesia; no\n"
            "history of cancer; no unexplained weight loss.\n\n"
            "Since then he has attended 11 visits. At his re-evaluation on November 3, 2025 his\n"
            "pain was 3/10 and his Oswestry had improved to 26%. He tells me he feels about 60%\n"
            "better overall. He now sits for 45 minutes and has returned to light duty, but he\n"
            "still cannot lift more than 20 lb from the floor, which his job requires (50 lb).\n",
        ),
        Page(
            "Re: Daniel Ortega, page 2\n\n"
            "Objectively, lumbar flexion now reaches mid-shin, and his trunk extensor endurance\n"
            "(Biering-Sorensen) improved from 38 to 71 seconds. Hip extension strength measured\n"
            "with a handheld dynamometer is 18.2 kg on the right and 17.6 kg on the left.\n"
            "His program includes deadlift pattern training with a 15 kg kettlebell, 3 sets of\n"
            "8, bird-dogs 3 x 10 with 5 second holds, and side planks 3 x 30 seconds.\n\n"
            "Of his four short-term goals he has met three; neither of his two long-term goals\n"
            "(return to full duty; lift 50 lb floor to waist) has been met yet.\n\n"
            "I am requesting 2 visits per week x 6 weeks (12 visits), through December 15, 2025,\n"
            "to complete his return to full duty.\n\n"
            "Thank you for your consideration. Please call with any questions.\n\n"
            "Sincerely,\n\n"
            "Rachel Kim, PT, DPT, OCS\n"
            "Summit Spine & Sport Physical Therapy\n",
        ),
    ],
    labels=_labels(
        visits=[_v("2025-09-22", "evaluation", 1, nprs=7), _v("2025-11-03", "re_evaluation", 1, nprs=3)],
        plan=(2, 6, 2),
        side=None,
        documentation=_doc(
            improvement=(60, 1),
            goals=(3, 4, 0, 2, 2),
            outcomes=[_om("ODI", "2025-09-22", 48, 1), _om("ODI", "2025-11-03", 26, 1)],
            strength=[2],
            exercise=[2],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[],
    ),
)

# --- 03: terse transcribed daily notes, ankle, MM.DD.YYYY, partly scanned ---------------------------

R03 = Record(
    name="blind2-03-ankle-terse-notes-scanned",
    pages=[
        Page(
            "LAKESIDE PT  --  INITIAL EVAL                     12.03.2025\n"
            "Pt: T. Brennan   DOB 07.22.1996\n"
            "Dx: S93.402A sprain of unsp ligament of L ankle\n\n"
            "S: inv sprain L ankle playing bball 11.20.2025. Pain 5/10. Limping.\n"
            "   Can't run, stairs 1 at a time. Denies numbness/tingling.\n"
            "O: L ankle DF 5 deg (R 18), PF 35 (R 50). Figure-8 girth +1.8 cm L.\n"
            "   MMT L evertors 4/5, PF 4-/5 (10 heel raises vs 25 R).\n"
            "   Ottawa ankle rules neg. Ant drawer (+) mild laxity L.\n"
            "   SLS L 6 sec eyes open.\n"
            "   FAAM-ADL 58%\n"
            "A: Grade II L lat ankle sprain.\n"
            "P: 2x/wk x 4 wks. STG (2 wk): 1) FWB no limp 2) DF 12 deg.\n"
            "   LTG (4 wk): 1) jog 10 min pain free 2) SLS 30 sec 3) FAAM-ADL > 85%.\n",
            scanned=True,
        ),
        Page(
            "12.10.2025  Pt seen. Pain 3/10. HEP reviewed.\n"
            "  Calf raises 3x10, band eversion 3x15 red, SLS 4x30s.\n"
            "  Gait - no limp. Tol well.\n\n"
            "12.17.2025  Pt seen. Pain 2/10. Ran 2 min on TM, sore after.\n"
            "  Lat hops 3x10, SL RDL 3x8, BOSU squats 2x12.\n"
            "  L ankle DF 11 deg.\n\n"
            "12.22.2025  no show\n",
            scanned=True,
        ),
        Page(
            "LAKESIDE PT  --  PROGRESS NOTE / RE-EVAL           12.29.2025\n"
            "Pt: T. Brennan\n"
            "S: pain 1/10. Jogged 8 min yesterday. Rates function 80% of normal.\n"
            "O: L DF 14 deg. SLS L 22 sec. 22 heel raises L.\n"
            "   FAAM-ADL 83%\n"
            "Goals: STG 2/2 met. LTG 0/3 met (jog 8 of 10 min; SLS 22 s; FAAM 83%).\n"
            "P: 1-2x/wk for 3 wk, sport-specific cutting and hop progression, then D/C to HEP.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-12-03", "evaluation", 1, nprs=5, side="left"),
            _v("2025-12-10", "treatment", 2, nprs=3),
            _v("2025-12-17", "treatment", 2, nprs=2, side="left"),
            _v("2025-12-29", "re_evaluation", 3, nprs=1, fn=80, side="left"),
        ],
        plan=(2, 3, 3),
        side=("left", 1),
        documentation=_doc(
            goals=(2, 2, 0, 3, 3),
            outcomes=[_om("FAAM", "2025-12-03", 58, 1), _om("FAAM", "2025-12-29", 83, 3)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1, 2, 3],
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
    ),
)

# --- 04: Medicare 10th-visit progress report, left hip OA, functional limitation reporting ----------

R04 = Record(
    name="blind2-04-hip-medicare-progress-report",
    pages=[
        Page(
            "MEDICARE PROGRESS REPORT (10th visit)          Valley Senior Therapy Services\n"
            "Beneficiary: Harold Jensen    MBI: 4TX7-QP2-WK61    DOB: 03/02/1947\n"
            "Reporting period: 08/04/2025 through 09/05/2025      Visits this period: 10\n"
            "Primary Dx: M16.12 Unilateral primary osteoarthritis, left hip\n"
            "Treatment Dx: R26.2 Difficulty in walking\n"
            "Onset: 05/2025    Start of care: 08/04/2025\n\n"
            "Progress report date: 09/05/2025\n\n"
            "SUBJECTIVE: Pt states L hip 'a lot better', NPRS 3/10 (was 6/10 at SOC).\n"
            "Now walks to mailbox and back (200 ft) with SPC. Still unable to get in/out of\n"
            "bathtub, requires assist of wife for lower body dressing.\n\n"
            "OBJECTIVE:\n"
            "  Measure            SOC 08/04/2025     Today 09/05/2025\n"
            "  L hip flex PROM    85 deg            100 deg\n"
            "  L hip IR           10 deg            18 deg\n"
            "  L hip abd MMT      3+/5              4/5\n"
            "  5xSTS              19.2 s            14.6 s\n"
            "  HOOS JR            48.1              63.4\n"
            "  Berg Balance       41/56             47/56\n",
        ),
        Page(
            "Harold Jensen  MBI 4TX7-QP2-WK61          Progress Report 09/05/2025   p.2\n\n"
            "FUNCTIONAL LIMITATION REPORTING\n"
            "  Primary limitation: Mobility: walking & moving around\n"
            "  G8978 Current status    CK  (40-59% impaired)\n"
            "  G8979 Goal status       CI  (1-19% impaired)\n\n"
            "GOALS                                              STATUS\n"
            "  STG1 Independent HEP                             MET\n"
            "  STG2 L hip flexion PROM >= 100 deg               MET\n"
            "  STG3 5xSTS < 15 sec                              MET\n"
            "  LTG1 Ambulate 500 ft with SPC, no LOB            PROGRESSING\n"
            "  LTG2 Independent tub transfer with bench         NOT MET\n"
            "  LTG3 HOOS JR >= 70                               NOT MET\n\n"
            "ASSESSMENT: Skilled PT remains necessary for gait training and transfer training;\n"
            "pt has not yet reached a level where care can be carried out safely by caregiver.\n\n"
            "PLAN: Continue skilled PT 1-2x/wk for 6 wk. 97110, 97116, 97530.\n"
            '  Sit-to-stand 3x8 from 18" surface, side-lying abd 2x12 1#, gait 4x100 ft SPC.\n\n'
            "Therapist: Owen Price, PT      Date: 09/05/2025\n"
            "Physician certification of updated POC: ____________________  Date: ________\n",
        ),
    ],
    labels=_labels(
        visits=[_v("2025-09-05", "progress_note", 1, nprs=3, side="left")],
        plan=(2, 6, 2),
        side=("left", 1),
        documentation=_doc(
            goals=(3, 3, 0, 3, 2),
            outcomes=[_om("HOOS", "2025-08-04", 48.1, 1), _om("HOOS", "2025-09-05", 63.4, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)

# --- 05: post-op TKA hand-off re-evaluation, calf tenderness and swelling (DVT) -------------------

R05 = Record(
    name="blind2-05-tka-handoff-dvt",
    pages=[
        Page(
            "NORTHGATE ORTHOPAEDIC REHAB\n"
            "RE-EVALUATION (therapist change)                     Date of service: 10/20/2025\n"
            "Patient: Evelyn Marsh   DOB 09/14/1955\n"
            "Referring: Dr. A. Patel, orthopaedics   Surgery: L TKA 09/29/2025 (3 weeks post-op)\n\n"
            "Hand-off: pt previously seen by J. Cole PT for initial eval 10/06/2025 and 5 visits;\n"
            "assuming care as of today.\n\n"
            "S: Pt reports L knee pain 5/10, worse last 2 days. New aching L calf since Saturday.\n"
            "O: L knee AROM 10-78 deg (was 15-65 at IE). Quad lag 10 deg with SLR.\n"
            "   L calf: tender to palpation, warm, circumference 41.5 cm vs R 38.0 cm.\n"
            "   Pitting edema L ankle 2+.\n"
            "   Wells score 3 (DVT likely).\n"
            "   KOOS JR 44.9 (IE 38.2)\n"
            "A: Progressing ROM but with calf tenderness, warmth and swelling in the operated\n"
            "   leg; cannot rule out DVT. Exercise held.\n"
            "P: Called Dr. Patel's office 11:40, pt sent to ED for venous duplex. Will resume\n"
            "   PT 3x/wk x 4 wks once cleared.\n",
        ),
        Page(
            "NORTHGATE ORTHOPAEDIC REHAB   E. Marsh   10/23/2025   Treatment note\n\n"
            "S: Duplex 10/20 negative per Dr. Patel note; cleared to resume PT. Pain 4/10.\n"
            "O: L knee AROM 8-84 deg. Heel slides 3x15, quad sets 3x10 5 s hold,\n"
            "   SAQ 3x12, stationary bike rocking 6 min.\n"
            "   Gait with RW 150 ft, step-to pattern.\n"
            "A: Tolerated well, no calf pain today.\n"
            "P: Cont POC.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-20", "re_evaluation", 1, nprs=5, side="left"),
            _v("2025-10-23", "treatment", 2, nprs=4, side="left"),
        ],
        plan=(3, 4, 1),
        side=("left", 1),
        red_flags=[("dvt", 1)],
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-10-06", 38.2, 1), _om("KOOS", "2025-10-20", 44.9, 1)],
            exercise=[2],
            impairments=[1, 2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)

# --- 06: post-op rotator cuff repair, fever (infection), TIFF fax ---------------------------------

R06 = Record(
    name="blind2-06-rcr-fever-tiff",
    pages=[
        Page(
            _fax(1, 2, "OCT-02-2025 16:47") + "\nBAYVIEW SHOULDER & ELBOW PT          Treatment Note\n"
            "Pt: Lorraine Chu     DOS: 10/01/2025\n"
            "Dx: Z47.89 aftercare; S/P R rotator cuff repair 09/10/2025 (3 wk post-op)\n\n"
            "S: Pt reports R shoulder pain 6/10, 'throbbing'. States she had a temp of\n"
            "   101.4 F last night and felt 'achy all over'. Incision draining since yesterday.\n"
            "O: R shoulder PROM flex 70 deg, ER 10 deg (per protocol limits 90/20).\n"
            "   Incision: erythema 3 cm around anterior portal, warm, serous-yellow drainage.\n"
            "   Temp in clinic 100.9 F.\n"
            "A: Signs of possible post-op infection. PROM held.\n"
            "P: Surgeon's PA contacted, pt to be seen same day. Hold PT pending clearance.\n",
        ),
        Page(
            _fax(2, 2, "OCT-02-2025 16:47")
            + "\nBAYVIEW SHOULDER & ELBOW PT          Plan of care (from IE 09/17/2025)\n"
            "Pt: Lorraine Chu\n"
            "Initial eval 09/17/2025: R shoulder pain 4/10. QuickDASH 72.7.\n"
            "Frequency: 2x/wk x 12 wks per post-op RCR protocol.\n"
            "Goals: STG PROM flex 120 by 6 wk; LTG AROM flex 150, lift 5 lb to shelf.\n",
        ),
    ],
    tiff=True,
    labels=_labels(
        visits=[
            _v("2025-10-01", "treatment", 1, nprs=6, side="right"),
            _v("2025-09-17", "evaluation", 2, nprs=4, side="right"),
        ],
        plan=(2, 12, 2),
        side=("right", 2),
        red_flags=[("infection", 1)],
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-09-17", 72.7, 2)],
            impairments=[1],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)

# --- 07: pediatric, adolescent ankle/foot, parent-reported, PSFS ---------------------------------

R07 = Record(
    name="blind2-07-pediatric-sever-psfs",
    pages=[
        Page(
            "Children's Therapy Collaborative -- Pediatric Physical Therapy Evaluation\n\n"
            "Child: Mateo Alvarez        Age: 11 y 4 m       Date of evaluation: Oct 7, 2025\n"
            "Accompanied by: mother (historian)\n"
            "Referral: Dr. S. Boateng, pediatrics -- 'heel pain, r/o Sever's, PT eval & treat'\n"
            "Diagnosis: M92.61 Juvenile osteochondrosis of tarsus, right ankle\n\n"
            "History: Mother reports Mateo has had pain at the back of his right heel for about\n"
            "6 weeks, since soccer season started. Worse after games, limps the next morning.\n"
            "No fever, no night pain, no recent illness; growth spurt this summer (+5 cm).\n"
            "Pain (Wong-Baker FACES): 4/10 at rest after practice, 6/10 when running.\n\n"
            "Examination: R calcaneal squeeze test positive. R ankle DF with knee extended\n"
            "0 deg (L 10 deg). Hamstring 90/90 -35 deg bilat. Single-leg heel raise R 12 reps\n"
            "with pain, L 25. No swelling, no redness, skin intact.\n\n"
            "Patient-Specific Functional Scale (average of 3 activities): 4.3\n"
            "  running at soccer 3, jumping 4, walking to school 6\n\n"
            "Plan: 1x/wk for 6 weeks, with home program; parent education on load management.\n"
            "Home program: gastroc stretch 3 x 30 s each side, eccentric heel drops 2 x 10.\n",
        ),
        Page(
            "Children's Therapy Collaborative -- Daily Note\n"
            "Mateo Alvarez    Date: Oct 21, 2025   Visit 2\n\n"
            "Mother reports less limping; sat out one practice. Pain 2/10 today.\n"
            "Calcaneal squeeze mildly tender. R ankle DF 5 deg.\n"
            "Hopping games 3 x 20 s, heel cup fitted, review of stretches.\n"
            "PSFS re-scored: 6.0 (running 5, jumping 6, walking 7).\n"
            "Plan: continue q week.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-07", "evaluation", 1, nprs=4, side="right"),
            _v("2025-10-21", "treatment", 2, nprs=2, side="right"),
        ],
        plan=(1, 6, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("PSFS", "2025-10-07", 4.3, 1), _om("PSFS", "2025-10-21", 6.0, 2)],
            exercise=[1, 2],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)

# --- 08: geriatric, post-ORIF hip fracture, q week, Berg, LEFS ----------------------------------


R08 = Record(
    name="blind2-08-geriatric-hip-orif",
    pages=[
        Page(
            "Meadowbrook Outpatient Therapy              PHYSICAL THERAPY INITIAL EVALUATION\n"
            "Name: Dorothy Kowalski    Age 84    Eval date: 11/03/2025\n"
            "Dx: S72.001D fracture of unsp part of neck of R femur, subsequent encounter\n"
            "Surgery: R hip hemiarthroplasty 09/26/2025 after a fall at home. Discharged from\n"
            "SNF 10/28/2025; home health PT 10/29-10/31 (2 visits) then referred to outpatient.\n\n"
            "Pt reports R hip pain 3/10, 'mostly stiffness'. Lives alone, daughter visits daily.\n"
            "Uses 4WW indoors and out. Fear of falling; has not showered since home (sponge bath).\n"
            "Cannot get up from a low couch without arms; cannot carry groceries.\n\n"
            "Objective: R hip flexion AROM 88 deg, abd 20 deg (posterior precautions lifted 11/01).\n"
            "R hip abductors 3/5, hip ext 3+/5, knee ext 4/5. Gait 0.62 m/s with 4WW.\n"
            "30 s chair stand: 5 reps with arms. Berg Balance Scale 38/56.\n"
            "LEFS 22/80.\n\n"
            "Plan: PT 2x/wk x 6 wks for balance, gait and strength, then taper to q week.\n",
        ),
        Page(
            "Meadowbrook Outpatient Therapy   D. Kowalski   Treatment log\n\n"
            "11/06/2025  pain 3/10. Sit-to-stand 3x5 from raised mat, standing hip abd 2x10\n"
            "            with UE support, marching 2x20. Gait 2 x 150 ft 4WW.\n"
            '11/10/2025  pain 2/10. Same + step-ups 4" 2x8, tandem stance 4 x 20 s at counter.\n'
            "11/13/2025  pain 2/10. Nustep 10 min L2. Sit-to-stand 3x8 no hands from std chair.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-11-03", "evaluation", 1, nprs=3, side="right"),
            _v("2025-11-06", "treatment", 2, nprs=3),
            _v("2025-11-10", "treatment", 2, nprs=2),
            _v("2025-11-13", "treatment", 2, nprs=2),
        ],
        plan=(2, 6, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-11-03", 22, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1)],
    ),
)

# --- 09: two body regions (left knee treated, low back mentioned), Dec 3rd-style dates -------------

R09 = Record(
    name="blind2-09-knee-treated-back-mentioned",
    pages=[
        Page(
            "Eastside Sports Medicine PT -- Evaluation -- 2025\n"
            "Patient: Kevin O'Hara   Date: Dec 3rd\n\n"
            "Referral dx: M22.2X2 patellofemoral disorders, left knee. Also has chronic low back\n"
            "pain (seen by chiropractor, not part of this referral; not treated here).\n\n"
            "CC: anterior L knee pain with stairs and squatting, 3 months, since starting a\n"
            "half-marathon plan. Pain 4/10 now, 7/10 after runs over 5 km.\n"
            "Can't kneel at work (electrician) or squat to reach outlets.\n"
            "Back: stiffness in the mornings, no leg symptoms; no saddle numbness, no B/B issues.\n\n"
            "Exam: L knee full ROM, pain at end-range flexion. Patellar grind (+) L.\n"
            "Step-down test L poor (dynamic valgus). Hip abd dynamometry L 14.1 kg, R 18.9 kg.\n"
            "Lumbar AROM WFL with end-range stiffness.\n"
            "KOOS JR 61.2.\n\n"
            "Plan: 2x/wk x 6 wks for the knee. STG (3 wk): 1) run 5 km pain <= 3/10\n"
            "2) step-down test good. LTG (6 wk): 1) complete half-marathon training week 8\n"
            "2) kneel 10 min at work.\n",
        ),
        Page(
            "Eastside Sports Medicine PT -- Daily Note\n"
            "Kevin O'Hara        Dec 10th\n"
            "L knee pain 3/10. Back 'same as always' -- not addressed.\n"
            "Side-lying hip abd 3x15, lateral band walks 3 x 10 m, Spanish squats 4 x 45 s,\n"
            'step-downs 8" 3x8 with mirror.\n'
            "Running cued for cadence +5%.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-12-03", "evaluation", 1, nprs=4, side="left"),
            _v("2025-12-10", "treatment", 2, nprs=3, side="left"),
        ],
        plan=(2, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-12-03", 61.2, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)

# --- 10: 16-page fax with noise pages, lumbar, saddle anaesthesia (cauda equina), prior episode ----

_T10 = 16


def _p10(n: int, body: str, scanned: bool = False) -> Page:
    return Page(
        _fax(n, _T10, "NOV-14-2025 09:12")
        + f"CORNERSTONE PHYSICAL THERAPY            Patient: WALSH, BRIAN    Page {n} of {_T10}\n\n"
        + body,
        scanned=scanned,
    )


R10 = Record(
    name="blind2-10-back-16-page-fax-cauda-equina",
    pages=[
        _p10(
            1,
            "FAX COVER SHEET\n\nTo: Keystone Mutual UR   Fax 555-880-1000\nFrom: Cornerstone PT, front desk\n"
            "Pages (incl. cover): 16\nRe: auth request, B. Walsh, M51.16\n\n"
            "CONFIDENTIALITY NOTICE: This facsimile contains protected health information.\n"
            "If you received it in error, notify the sender and destroy all copies.\n",
        ),
        _p10(
            2,
            "OUTPATIENT THERAPY AUTHORIZATION REQUEST FORM\n\n"
            "Member: Brian Walsh   ID: KMH5520913   DOB 12/01/1970\n"
            "Provider: Cornerstone Physical Therapy   NPI 1467503390\n"
            "Diagnosis: M51.16 Intervertebral disc disorders w radiculopathy, lumbar region\n"
            "Services: 97110, 97140, 97112, 97530\n"
            "Visits requested: 12    Dates: 11/14/2025 - 12/26/2025\n",
        ),
        _p10(
            3,
            "PHYSICIAN REFERRAL / PRESCRIPTION\n\n"
            "Patient: Brian Walsh     Date: 09/15/2025\n"
            "Dx: lumbar radiculopathy, L leg\n"
            "Rx: PT eval and treat, 2-3x/week x 4-6 weeks. McKenzie, core stab.\n"
            "Signed: M. Rossi, MD\n",
        ),
        _p10(
            4,
            "INSURANCE CARD (front/back copy)\n\n"
            "KEYSTONE MUTUAL HEALTH PLAN   PPO\n"
            "Member: BRIAN WALSH     ID KMH5520913   Group 00412\n"
            "PCP copay $25   Specialist $40   PT $40\n"
            "Rx BIN 610014   PCN KMHRX\n",
            scanned=True,
        ),
        _p10(
            5,
            "PHYSICAL THERAPY INITIAL EVALUATION          Date of eval: 09/18/2025\n\n"
            "History: 54 y/o M with L-sided low back pain radiating to the L posterior thigh\n"
            "and calf since 08/2025. Prior episode of PT here for LBP 01/06/2025 - 03/14/2025,\n"
            "14 visits, discharged at 85% function, independent with HEP.\n"
            "New onset this summer after moving furniture (new injury).\n"
            "Pain 7/10. Sitting tolerance 10 min. Unable to drive > 20 min or lift grandchild.\n"
            "Denies B/B changes, denies saddle numbness. No fever, no weight loss.\n\n"
            "Objective: lumbar flexion 40% limited, centralizes with repeated ext in lying.\n"
            "SLR L 40 deg (+), R 75 deg. Sensation diminished L S1 dermatome.\n"
            "MMT L gastroc-soleus 4/5 (8 single-leg heel raises vs 20 R), L EHL 5/5.\n"
            "Reflexes: L Achilles 1+, R 2+.\n"
            "ODI 56%.\n",
        ),
        _p10(
            6,
            "INITIAL EVALUATION (continued)     09/18/2025\n\n"
            "Assessment: L S1 radiculopathy with directional preference for extension.\n\n"
            "Goals:\n  STG (3 wks): 1. centralize symptoms to buttock  2. sit 30 min\n"
            "  LTG (6 wks): 1. ODI < 20%  2. drive 1 hour  3. lift 30 lb floor to waist\n\n"
            "Plan of care: 2x/wk x 6 wks. Certification 09/18/2025 - 10/30/2025.\n"
            "HEP: prone press-ups 10 reps q 2 hrs.\n",
        ),
        _p10(
            7,
            "DAILY NOTE   09/23/2025\nS: pain 6/10, leg pain to knee only.\n"
            "O: REIL 3x10, prone on elbows 3 min, sciatic nerve glides 2x10.\nA: centralizing.\n",
            scanned=True,
        ),
        _p10(
            8,
            "DAILY NOTE   09/30/2025\nS: pain 5/10.\n"
            "O: REIL 3x10, bird dog 2x10, bridges 3x10, walking 10 min TM.\nA: tolerated.\n",
            scanned=True,
        ),
        _p10(
            9,
            "DAILY NOTE   10/07/2025\nS: pain 4/10; sat through a movie.\n"
            "O: dead bug 3x10, bridges 3x12, hip hinge with dowel 3x10.\n"
            "A: STG 2 met.\n",
        ),
        _p10(
            10,
            "DAILY NOTE   10/14/2025\nS: pain 4/10.\n"
            "O: KB deadlift 8 kg 3x8, side plank 3x20 s, farmer carry 4 x 20 m 10 kg.\n",
        ),
        _p10(
            11,
            "PATIENT ACCOUNT LEDGER\n\n"
            "DOS         CPT     Units  Charge   Paid    Balance\n"
            "09/18/2025  97162   1      185.00   140.00  45.00\n"
            "09/23/2025  97110   2      120.00   90.00   30.00\n"
            "09/30/2025  97110   2      120.00   90.00   30.00\n"
            "10/07/2025  97110   3      180.00   135.00  45.00\n"
            "10/14/2025  97110   3      180.00   135.00  45.00\n"
            "11/10/2025  97164   1      150.00   0.00    150.00\n",
        ),
        _p10(
            12,
            "NOTICE OF PRIVACY PRACTICES -- ACKNOWLEDGEMENT\n\n"
            "I acknowledge that I have received a copy of Cornerstone Physical Therapy's\n"
            "Notice of Privacy Practices (HIPAA).\n\nSigned: Brian Walsh   Date: 09/18/2025\n",
            scanned=True,
        ),
        _p10(
            13,
            "RE-EVALUATION        Date: 11/10/2025\n\n"
            "Gap: pt missed 10/15 - 11/09 (4 weeks) -- travelled out of state for his\n"
            "mother's surgery and care; did HEP while away.\n\n"
            "S: Pain 6/10. Over the past week new numbness 'in the seat area' when wiping and\n"
            "some difficulty starting his urine stream. Both legs now feel heavy.\n"
            "O: Saddle anesthesia to light touch S3-S5 (reduced bilaterally).\n"
            "   MMT L PF 3+/5, R PF 4/5 (was 5/5). R Achilles reflex now 1+.\n"
            "   ODI 62%.\n",
        ),
        _p10(
            14,
            "RE-EVALUATION (continued)      11/10/2025\n\n"
            "Assessment: new saddle anesthesia, urinary hesitancy and bilateral plantarflexor\n"
            "weakness -- suspected cauda equina syndrome. Pt sent to ED; Dr. Rossi notified.\n\n"
            "Goals: STG 1/2 met (sitting met; centralization lost). LTG 0/3 met.\n"
            "Plan once medically cleared: 2x/wk x 6 wks.\n",
        ),
        _p10(
            15,
            "TELEPHONE NOTE  11/12/2025\n\n"
            "Spouse called: MRI done in ED, large L5-S1 herniation, surgery consult scheduled.\n"
            "Hold PT until surgeon clears.\n",
        ),
        _p10(
            16,
            "SIGNATURE PAGE\n\nTherapist: Ana Duarte, PT, DPT   License PT021877\n"
            "I certify the above records are true copies.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-18", "evaluation", 5, nprs=7, side="left"),
            _v("2025-09-23", "treatment", 7, nprs=6),
            _v("2025-09-30", "treatment", 8, nprs=5),
            _v("2025-10-07", "treatment", 9, nprs=4),
            _v("2025-10-14", "treatment", 10, nprs=4),
            _v("2025-11-10", "re_evaluation", 13, nprs=6),
        ],
        prior=[_ep("2025-01-06", "2025-03-14", 14, 5, fn=85)],
        plan=(2, 6, 14),
        side=("left", 5),
        red_flags=[("cauda_equina", 13), ("cauda_equina", 14)],
        documentation=_doc(
            goals=(1, 2, 0, 3, 14),
            outcomes=[_om("ODI", "2025-09-18", 56, 5), _om("ODI", "2025-11-10", 62, 13)],
            strength=[5, 13],
            exercise=[6, 7, 8, 9, 10],
            deficits=[5],
            impairments=[5, 13],
            gap=13,
        ),
        side_mentions=[("left", 3), ("left", 5), ("left", 6)],
    ),
)

# --- 11: thoracolumbar, unexplained weight loss + night pain, 3/12 dates with the year elsewhere ---

R11 = Record(
    name="blind2-11-back-weight-loss-night-pain",
    pages=[
        Page(
            "HOLLIS FAMILY PHYSIOTHERAPY   --   2025 CLINICAL NOTES\n"
            "Patient: Gloria Pennington   Age 68\n\n"
            "3/12  INITIAL ASSESSMENT\n"
            "c/o mid/low back pain x 6 wks, no injury. Pain 6/10, constant, 'deep ache'.\n"
            "Wakes her at 2-3 am most nights, not eased by changing position or by rest.\n"
            "Reports losing about 15 lb since January without trying (clothes loose).\n"
            "Hx: former smoker 40 pk-yrs. Denies B/B changes, denies LE numbness.\n"
            "Obj: thoracolumbar AROM limited 50% all directions, pain with every direction\n"
            "     equally; no directional preference. Percussion tender T12-L1.\n"
            "     Neuro screen LE intact. ODI 40%.\n"
            "Imp: non-mechanical pain pattern with weight loss and night pain.\n"
            "Plan: letter to GP today requesting medical review before further PT.\n"
            "      Provisional POC 1x/wk x 4 wk pending GP review.\n\n"
            "3/19  follow-up call. GP saw pt 3/17, bloods and CT ordered. PT on hold.\n",
        ),
    ],
    labels=_labels(
        visits=[_v("2025-03-12", "evaluation", 1, nprs=6)],
        plan=(1, 4, 1),
        side=None,
        red_flags=[("night_pain", 1), ("unexplained_weight_loss", 1)],
        documentation=_doc(
            outcomes=[_om("ODI", "2025-03-12", 40, 1)],
            impairments=[1],
        ),
        side_mentions=[],
    ),
)

# --- 12: elbow discharge summary with prior episode, negations written differently, QuickDASH ------

R12 = Record(
    name="blind2-12-elbow-discharge-prior-episode",
    pages=[
        Page(
            "PINE RIDGE HAND & UPPER EXTREMITY THERAPY\n"
            "DISCHARGE SUMMARY                              D/C date: 06-Nov-2025\n"
            "Patient: Samuel Achebe   DOB 1983-05-30\n"
            "Dx: M77.11 Lateral epicondylitis, right elbow\n"
            "Episode: 08-Sep-2025 to 06-Nov-2025, 12 visits attended, 1 cancelled.\n\n"
            "Previous episode at this clinic for the same elbow: 10-Mar-2025 to 28-Apr-2025\n"
            "(8 visits); at discharge he rated function 70% and returned to work; symptoms\n"
            "recurred in August after a weekend of roofing.\n\n"
            "Status at discharge:\n"
            "  Pain 1/10 with gripping (was 6/10 at IE 08-Sep-2025).\n"
            "  Pain-free grip (Jamar) R 38 kg, L 46 kg (IE R 18 kg).\n"
            "  QuickDASH 11.4 (IE 52.3).\n"
            "  Pt rates function 95%.\n"
            "  No s/sx of infection; DVT screen n/a; no paresthesia in ulnar distribution.\n\n"
            "Goals: all 3 short-term and both long-term goals met.\n"
            "Recommendation: D/C to independent HEP (eccentric wrist ext 3 x 15 with 3 lb,\n"
            "Tyler twist 3 x 15 red FlexBar). No further PT requested.\n",
        ),
    ],
    labels=_labels(
        visits=[_v("2025-11-06", "discharge", 1, nprs=1, fn=95, side="right")],
        prior=[_ep("2025-03-10", "2025-04-28", 8, 1, fn=70)],
        plan=None,
        side=("right", 1),
        documentation=_doc(
            goals=(3, 3, 2, 2, 1),
            outcomes=[_om("QuickDASH", "2025-09-08", 52.3, 1), _om("QuickDASH", "2025-11-06", 11.4, 1)],
            strength=[1],
            exercise=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1)],
    ),
)

# --- 13: scanned cervical evaluation with OCR-like letter spacing, NDI raw x/50 ----------------------

R13 = Record(
    name="blind2-13-neck-ndi-ocr-spacing",
    pages=[
        Page(
            "G R E E N F I E L D   P H Y S I C A L   T H E R A P Y\n"
            "Pt :  Priya  Raman        Date :  0 8 / 1 1 / 2 0 2 5\n"
            "PT  Evaluation  -  cervical\n\n"
            "Dx :  M54.12  Radiculopathy ,  cervical  region\n"
            "S :  R  sided neck pain  with  tingling  to  R  thumb  x  5  wks .  NPRS  5 / 10 .\n"
            "     Difficulty  with  computer  work  >  30  min ,  unable  to  check  blind  spot .\n"
            "     Denies  bilateral  hand  numbness ,  no  gait  change ,  no  dizziness .\n"
            "O :  Cerv  rot  R  45  deg ,  L  70  deg .  Spurling  (+)  R .  ULTT1  (+)  R .\n"
            "     Grip  R  24  kg ,  L  30  kg .  Biceps  reflex  R  1+ .\n"
            "     NDI  22 / 50 .\n"
            "A :  R  C6  radiculopathy .\n"
            "P :  2 x / w k  x  4  w k s .  Chin  tucks  3 x 10  5 s  hold .\n",
            scanned=True,
        ),
        Page(
            "GREENFIELD PHYSICAL THERAPY   P. Raman   Progress note   09/08/2025\n"
            "NPRS 2/10. Tingling only after long drives. NDI 12/50.\n"
            "Cerv rot R 65 deg. Grip R 28 kg.\n"
            "Reports she is about 70% better.\n"
            "Goals: STG 2 of 2 met; LTG 1 of 2 met.\n"
            "Plan: 1x/wk x 4 wks to finish, then D/C.\n",
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-08-11", "evaluation", 1, nprs=5, side="right"),
            _v("2025-09-08", "progress_note", 2, nprs=2),
        ],
        plan=(1, 4, 2),
        side=("right", 1),
        documentation=_doc(
            improvement=(70, 2),
            goals=(2, 2, 1, 2, 2),
            outcomes=[_om("NDI", "2025-08-11", 22, 1), _om("NDI", "2025-09-08", 12, 2)],
            strength=[1, 2],
            exercise=[1],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("right", 1)],
    ),
)

BLIND2: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13]
