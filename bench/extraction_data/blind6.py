"""Sixth blind held-out records ("blind6"): written by helper b6, who had not seen the extractor, its tests,
its scoring code or any earlier record set's records or labels (only the record shape, blind2's
docstring and label helpers, the renderer, the case schema and the starter criteria). Never tune the
extractor on these; report them apart.

Labelling conventions are those of the earlier blind sets: a visit is a dated encounter note (its
flowsheet row counts; appointment lists, ledgers, phone calls and dates quoted in a history do not; a
dated note where treatment was held and the patient sent to a doctor is a visit); the plan is the
latest plan of care, a range keyed at its upper bound; affected_side is the side the treating therapist
documents at the evaluation (else the earliest therapist note), even where the referral codes the other
side; side_mentions are the pages that give the treated region a side in words (the uninvolved
comparison side, movement directions and spinal levels are not); red flags use the criteria's keys on
each page where a flag is stated as present, never negated, ruled-out, screened-negative or
family-history findings, and only the more specific key where a finding fits two; outcome measures are
keyed as written, by the criteria's names (KOOS JR -> KOOS, HOOS JR -> HOOS), NDI as x/50, and measures
the criteria do not list are not keyed.
"""

from __future__ import annotations

from bench.extraction_data.labelling import _doc, _ep, _fax, _labels, _om, _v
from bench.extraction_data.model import Page, Record

# --- 01: post-op TKA, DVT signs at a held visit -------------------------------------------------------

R01 = Record(
    name="blind6-01-tka-dvt-held-visit",
    pages=[
        Page(
            _fax(1, 3, "OCT-14-2025 16:40")
            + "FAX COVER\nLakeshore Orthopedic Rehab\nTo: Utilization Review\nRe: PT records, 2 pages follow\n"
            "CONFIDENTIAL: intended only for the addressee."
        ),
        Page(
            _fax(2, 3, "OCT-14-2025 16:40") + "PHYSICAL THERAPY INITIAL EVALUATION        Date of service: 10/6/2025\n"
            "Dx: s/p right total knee arthroplasty 10/1/2025 (Z96.651)\n"
            "S: Pt reports pain 6/10 at rest, 8/10 with stairs. Unable to climb stairs reciprocally; needs walker "
            "for household distances, cannot get in/out of car without help.\n"
            "KOOS JR: 41\n"
            "O: R knee AROM 8-78 deg. Incision clean, dry, intact. Calf soft, non-tender, no edema beyond the "
            "expected post-op swelling at the knee. Quad MMT 3+/5, hip abd 4/5.\n"
            "Ex: quad sets 2x10, heel slides 2x10, SAQ 2x10 with 5 s hold.\n"
            "A/P: Good rehab candidate. Skilled PT 2-3x/week for 6 weeks.\n"
            "K. Moreno, PT, DPT"
        ),
        Page(
            _fax(3, 3, "OCT-14-2025 16:40") + "DAILY NOTE   10/13/2025   s/p R TKA\n"
            "S: Pt says the back of his calf has felt 'tight, like a charley horse that won't quit' since Saturday. "
            "Pain today 7/10.\n"
            "O: Lower leg visibly fuller on the operated side than the other, skin warm and shiny, tender to "
            "squeeze along the medial gastroc belly.\n"
            "A: Concern for a clot. Treatment held.\n"
            "P: Spoke with Dr. Ames' nurse; pt sent to the ED for venous duplex today. Will resume when cleared.\n"
            "K. Moreno, PT, DPT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-06", "evaluation", 2, 6, None, "right"),
            _v("2025-10-13", "treatment", 3, 7, None, "right"),
        ],
        plan=(3, 6, 2),
        side=("right", 2),
        red_flags=[("dvt", 3)],
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-10-06", 41, 2)], strength=[2], exercise=[2], deficits=[2], impairments=[2]
        ),
        side_mentions=[("right", 2), ("right", 3)],
    ),
)


# --- 02: lumbar radiculopathy, cauda equina at the third note -----------------------------------------

R02 = Record(
    name="blind6-02-lumbar-cauda-equina",
    pages=[
        Page(
            "Riverbend Physical Therapy - Initial Evaluation\nPatient: J. Whitcomb   DOS: 08/04/25\n"
            "CC: low back pain with pain down the L leg to the outside of the calf x 5 wks.\n"
            "Pain 5/10. Sitting tolerance 20 min; unable to drive > 15 min.\n"
            "Screening: denies changes in bladder or bowel habits, denies numbness in the groin or saddle area, "
            "no unexplained weight loss, no fever.\n"
            "Oswestry: 38%\n"
            "Obj: SLR + L at 40 deg, R neg. Lumbar flexion 50% limited. MMT L EHL 4/5, ankle DF 5/5.\n"
            "HEP: prone press-ups 10 reps, 6x/day.\n"
            "Plan: 2x/wk x 6 wks. Goals: centralize sx, sit 60 min.\nT. Lindqvist, PT"
        ),
        Page(
            "Riverbend Physical Therapy - Daily Note   08/11/25\n"
            "S: L leg sx now mostly in L buttock, pain 4/10.\n"
            "Tx: repeated EIL 3x10, nerve glides 2x10, walking program.\n"
            "A: centralizing. P: continue POC.\nT. Lindqvist, PT"
        ),
        Page(
            "Riverbend Physical Therapy - Daily Note   08/19/25\n"
            "S: Pt states since Sunday 'it feels numb down there when I wipe' and twice had to strain to start "
            "his urine. Both legs feel heavy on the stairs. Pain 6/10.\n"
            "O: Great-toe extension 3+/5 and ankle DF 4/5 on both legs. Reduced light touch "
            "over the perineum.\n"
            "A: New findings concerning for cauda equina compression. No treatment given.\n"
            "P: Pt told to go straight to the ED; Dr. Patel paged and aware.\nT. Lindqvist, PT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-08-04", "evaluation", 1, 5, None, "left"),
            _v("2025-08-11", "treatment", 2, 4, None, "left"),
            _v("2025-08-19", "treatment", 3, 6),
        ],
        plan=(2, 6, 1),
        side=("left", 1),
        red_flags=[("cauda_equina", 3)],
        documentation=_doc(
            outcomes=[_om("ODI", "2025-08-04", 38, 1)],
            strength=[1, 3],
            exercise=[1, 2],
            deficits=[1],
            impairments=[1, 3],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 03: shoulder, referral codes the left, therapist treats the right --------------------------------

R03 = Record(
    name="blind6-03-shoulder-referral-other-side",
    pages=[
        Page(
            "REFERRAL / ORDER FOR THERAPY\nNorthgate Family Medicine   09/10/2025\n"
            "Diagnosis: M75.112 Incomplete rotator cuff tear or rupture of left shoulder, not specified as "
            "traumatic\nOrder: PT eval and treat\nSigned: L. Okafor, MD"
        ),
        Page(
            "PT EVALUATION - SHOULDER            09/15/2025\n"
            "Hx: Pt reports R shoulder pain x 3 months after painting a ceiling. NOTE: referral lists the opposite shoulder; "
            "pt and exam clearly right - office called to correct the order.\n"
            "Pain 5/10. Pt rates shoulder function 55% of normal. Cannot reach overhead shelf or fasten bra.\n"
            "Screen: sleeps through the night without waking; denies fever or chills; weight stable; no history "
            "of cancer. No red flags identified.\n"
            "QuickDASH 52.3\n"
            "AROM flexion 120 deg involved / 170 deg L; ER 35 deg. MMT ER 4-/5, abd 4/5. + Hawkins, + painful arc.\n"
            "Plan: 2x/week for 8 weeks.\nR. Castellanos, PT"
        ),
        Page(
            "TREATMENT NOTE   09/22/2025   R shoulder\n"
            "Pain 4/10. ER/IR with yellow band 3x12, scapular rows 3x15 with 3 lb, table slides 2x10.\n"
            "Tolerated well.\nR. Castellanos, PT"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-09-15", "evaluation", 2, 5, 55, "right"), _v("2025-09-22", "treatment", 3, 4, None, "right")],
        plan=(2, 8, 2),
        side=("right", 2),
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-09-15", 52.3, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 04: greater trochanteric pain, scanned, stress fracture ruled out --------------------------------

R04 = Record(
    name="blind6-04-greater-trochanter-scanned",
    pages=[
        Page(
            "HIGHLAND SPORTS & SPINE PT          EVAL  11/3/2025\n"
            "Referral dx: trochanteric bursitis\n"
            "S: lateral hip ache x 4 mo, worse lying on that side and climbing stairs. Pain 5/10. Can walk 20 min "
            "before having to stop.\n"
            "Pain at night only when she rolls onto the sore side; settles once she turns over.\n"
            "MRI 10/20: gluteus medius tendinopathy, no femoral neck stress reaction, no AVN. No groin pain "
            "with hopping. No steroid use.\n"
            "O: exquisitely TTP over the L greater trochanter. Hip abd 4-/5, single-leg stance 8 s.\n"
            "LEFS 48/80\n"
            "POC: 1-2x/week for 8 weeks.\nM. Dube PT",
            scanned=True,
        ),
        Page(
            "HIGHLAND SPORTS & SPINE PT          TX  11/10/2025\n"
            "L hip - pain 3/10\n"
            "side-lying hip abd 3x15, clams green band 3x20, bridges 3x10\n"
            "Pt ed: avoid crossing legs, pillow between knees.\nM. Dube PT",
            scanned=True,
        ),
    ],
    labels=_labels(
        visits=[_v("2025-11-03", "evaluation", 1, 5, None, "left"), _v("2025-11-10", "treatment", 2, 3, None, "left")],
        plan=(2, 8, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-11-03", 48, 1)], strength=[1], exercise=[2], deficits=[1], impairments=[1]
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 05: lateral epicondylalgia, whole record as TIFF ------------------------------------------------

R05 = Record(
    name="blind6-05-lateral-epicondyle-tiff",
    tiff=True,
    pages=[
        Page(
            "Hand & Upper Extremity Therapy Center\nINITIAL EVALUATION   21 Jul 2025\n"
            "Pt is a 44 yo carpenter with lateral elbow pain x 10 wks, dominant arm.\n"
            "Pain 6/10 gripping a hammer. Cannot carry a gallon of milk or use a screwdriver > 5 min.\n"
            "TTP at the L lateral epicondyle; pain with resisted wrist and middle-finger extension.\n"
            "Grip (dynamometer, elbow extended): involved 18 kg with pain, R 36 kg.\n"
            "Cervical screen clear, no paresthesias into the hand.\n"
            "QuickDASH 45.5     PSFS 4.0\n"
            "Plan: 2x/wk x 6 wks.\nA. Brandt, OTR/L, CHT"
        ),
        Page(
            "Hand & Upper Extremity Therapy Center\nVISIT NOTE   28 Jul 2025\n"
            "Pain 5/10. Eccentric wrist extension 3x15 with 1 lb, isometric holds 5 x 45 s, forearm rotation "
            "with hammer 2x10.\nA. Brandt, OTR/L, CHT"
        ),
        Page(
            "Hand & Upper Extremity Therapy Center\nPROGRESS NOTE   25 Aug 2025\n"
            "Pt reports he is about 60% better. Pain 2/10.\n"
            "Grip involved 30 kg / uninvolved 37 kg.\n"
            "QuickDASH 22.7     PSFS 7.3\n"
            "Short-term goals: 2 of 2 met. Long-term goals: 1 of 3 met.\n"
            "Plan: continue 1x/week for 4 more weeks, then independent.\nA. Brandt, OTR/L, CHT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-07-21", "evaluation", 1, 6, None, "left"),
            _v("2025-07-28", "treatment", 2, 5),
            _v("2025-08-25", "progress_note", 3, 2),
        ],
        plan=(1, 4, 3),
        side=("left", 1),
        documentation=_doc(
            improvement=(60, 3),
            goals=(2, 2, 1, 3, 3),
            outcomes=[
                _om("QuickDASH", "2025-07-21", 45.5, 1),
                _om("PSFS", "2025-07-21", 4.0, 1),
                _om("QuickDASH", "2025-08-25", 22.7, 3),
                _om("PSFS", "2025-08-25", 7.3, 3),
            ],
            strength=[1, 3],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1)],
    ),
)


# --- 06: home health, fall with hip fracture signs ---------------------------------------------------

R06 = Record(
    name="blind6-06-home-health-hip-fall",
    pages=[
        Page(
            "SUNRISE HOME HEALTH - PT START OF CARE      11/18/2025\n"
            "Homebound: yes, requires walker and assist of 1 for stairs.\n"
            "Dx: primary OA R hip; generalized weakness.\n"
            "Pain 4/10 R hip with transfers. Falls: 1 in past 12 months, no injury.\n"
            "TUG 19 s with FWW. Hip flexion 3+/5, abd 3+/5. R hip flexion AROM 0-90.\n"
            "Unable to stand from low chair without arms; cannot step into tub.\n"
            "Frequency: PT 2W4.\nD. Nakamura, PT"
        ),
        Page(
            "SUNRISE HOME HEALTH - PT VISIT NOTE      11/25/2025\n"
            "R hip pain 3/10. Gait training 150 ft with FWW, sit to stand 2x8 from standard chair, "
            "standing hip abd 2x10 each.\nD. Nakamura, PT"
        ),
        Page(
            "SUNRISE HOME HEALTH - PT VISIT NOTE      12/2/2025\n"
            "On arrival pt on the bathroom floor; daughter found her ~30 min earlier after she slipped getting "
            "off the toilet. Pain 9/10 R groin.\n"
            "R leg lies shorter and turned outward; she cannot take any weight through it and screams with log "
            "roll. Known osteoporosis, on alendronate.\n"
            "911 called, pt kept still and warm; EMS transported to St. Luke's. Visit ended, no treatment.\n"
            "Agency and MD notified.\nD. Nakamura, PT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-11-18", "evaluation", 1, 4, None, "right"),
            _v("2025-11-25", "treatment", 2, 3, None, "right"),
            _v("2025-12-02", "treatment", 3, 9, None, "right"),
        ],
        plan=(2, 4, 1),
        side=("right", 1),
        red_flags=[("hip_fracture_dislocation", 3)],
        documentation=_doc(strength=[1], exercise=[2], deficits=[1], impairments=[1]),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 07: thoracic pain, cancer history, weight loss, night pain (letter + eval) -----------------------

R07 = Record(
    name="blind6-07-thoracic-malignancy-letter",
    pages=[
        Page(
            "Cedar Hollow Physical Therapy\n28 October 2025\n\nDr. Farah Aziz\nInternal Medicine\n\n"
            "Dear Dr. Aziz,\n\nI saw Mrs. Gallo yesterday for the mid-back pain you referred her for. Before I "
            "start treatment I would like you to look at her again. She had breast cancer treated in 2019 and "
            "tells me her oncologist has been 'keeping an eye on a spot' on her last scan. Her clothes are "
            "hanging off her - she is down about 14 pounds since July and has not been trying to lose it. "
            "The pain is there at 3 a.m. no matter how she lies, and she has taken to sleeping in the recliner "
            "without it easing.\n\nI have held treatment pending your review.\n\nSincerely,\nP. Whelan, PT, OCS"
        ),
        Page(
            "Cedar Hollow Physical Therapy - Evaluation   10/27/2025\n"
            "Region: thoracic spine\n"
            "S: Mid-thoracic ache x 6 wks, no injury. Pain 7/10, constant. PMH: breast CA 2019, surveillance "
            "imaging showed a lesion being followed.\n"
            "Red flag review: unintended wt loss ~14 lb/4 months; night pain not relieved by rest or position.\n"
            "O: Thoracic rotation limited ~50% both directions, percussion tender T7-T8.\n"
            "A: Presentation not consistent with mechanical pain. Treatment deferred; letter to PCP.\n"
            "P. Whelan, PT, OCS"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-10-27", "evaluation", 2, 7)],
        plan=None,
        side=None,
        red_flags=[
            ("malignancy", 1),
            ("unexplained_weight_loss", 1),
            ("night_pain", 1),
            ("malignancy", 2),
            ("unexplained_weight_loss", 2),
            ("night_pain", 2),
        ],
        documentation=_doc(impairments=[2]),
        side_mentions=[],
    ),
)


# --- 08: Achilles rupture at a sports eval, then post-op eval ----------------------------------------

R08 = Record(
    name="blind6-08-achilles-sports",
    pages=[
        Page(
            "UNIVERSITY ATHLETICS - SPORTS MEDICINE PT\nEval date: June 9, 2025   Sport: soccer (MF)\n"
            "MOI: pushing off to sprint, 'felt like someone kicked me in the back of my right heel', heard a pop.\n"
            "Pain 4/10. Walking flat-footed, unable to do a single-leg heel raise.\n"
            "Calf squeeze: no plantarflexion on the R. Palpable defect about 4 cm above the calcaneal "
            "insertion. Resting ankle angle more dorsiflexed than the other side.\n"
            "A/P: Findings consistent with a complete Achilles tear. Boot + crutches, same-day referral to team "
            "ortho. No PT until imaging and surgical decision.\nS. Ibarra, PT, SCS"
        ),
        Page(
            "UNIVERSITY ATHLETICS - SPORTS MEDICINE PT\nPOST-OP EVAL   06/30/2025\n"
            "s/p R Achilles tendon repair 6/13/25 (Dr. Kwan). Boot with 2 heel wedges, PWB.\n"
            "Pain 3/10. Incision healed. Ankle DF to -10 deg (protocol limit neutral). Calf girth -2.5 cm.\n"
            "Ex: isometric PF 5 x 10 s holds, toe curls 2x20, hip/core circuit 3 x 12.\n"
            "Plan: 2x/week for 12 weeks per Kwan protocol.\nS. Ibarra, PT, SCS"
        ),
        Page(
            "KWAN ACHILLES REPAIR PROTOCOL (rev. 2024)\n"
            "Weeks 0-2: splint, NWB.  Weeks 2-6: boot with wedges, progress WB.\n"
            "Weeks 6-10: wean boot, 2-shoe gait, stationary bike.\n"
            "Weeks 10-16: progressive strengthening, double-leg heel raises.\n"
            "Months 4-6: jogging when 20 single-leg heel raises."
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-06-09", "evaluation", 1, 4, None, "right"),
            _v("2025-06-30", "evaluation", 2, 3, None, "right"),
        ],
        plan=(2, 12, 2),
        side=("right", 1),
        red_flags=[("tendon_rupture", 1)],
        documentation=_doc(exercise=[2], deficits=[1], impairments=[1, 2]),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)


# --- 09: knee OA, septic joint after injection on a scanned note -------------------------------------

R09 = Record(
    name="blind6-09-septic-knee-scanned",
    pages=[
        Page(
            "Pinecrest PT - Knee Evaluation\nDate: 8/20/2025\n"
            "Dx: primary OA, left knee (M17.12)\n"
            "Pain 5/10. Pt estimates function at 50%. Unable to kneel, stairs step-to.\n"
            "No fever or chills, no recent illness, skin intact, knee not warm.\n"
            "KOOS JR 55.6\n"
            "AROM 5-110 deg, quad 4/5, mild effusion (stroke test 1+).\n"
            "POC: 2x/wk x 6 wks. Cortisone injection planned with ortho 8/29.\nJ. Ferreira, PT"
        ),
        Page(
            "Pinecrest PT - Daily Note   9/3/2025\n"
            "Pt had the injection Fri. Since last night L knee throbbing, pain 8/10, 'feels like the flu'.\n"
            "Knee hot to the back of my hand, red from the patella to mid-shin, large effusion, AROM 20-70.\n"
            "Oral temp in clinic 38.6 C. Pt shaky.\n"
            "No tx. Called Dr. Reyes - pt to be seen in ortho urgent clinic this afternoon for aspiration.\n"
            "J. Ferreira, PT",
            scanned=True,
        ),
    ],
    labels=_labels(
        visits=[_v("2025-08-20", "evaluation", 1, 5, 50, "left"), _v("2025-09-03", "treatment", 2, 8, None, "left")],
        plan=(2, 6, 1),
        side=("left", 1),
        red_flags=[("infection", 2)],
        documentation=_doc(
            outcomes=[_om("KOOS", "2025-08-20", 55.6, 1)], strength=[1], deficits=[1], impairments=[1, 2]
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 10: hip OA with calf claudication; comparison side measured --------------------------------------

R10 = Record(
    name="blind6-10-hip-oa-claudication",
    pages=[
        Page(
            "MERIDIAN REHAB  |  Outpatient PT  |  Printed 06/17/2025 08:02  |  Page 1 of 2\n"
            "EVALUATION   05/12/2025\n"
            "Dx: M16.11 Unilateral primary osteoarthritis, right hip\n"
            "Subjective: groin and anterior thigh pain 6/10, stiff in the morning ~30 min. Can't put on socks.\n"
            "Also reports the calf on that leg cramps after about one block and eases within 2 minutes of "
            "standing still; foot cooler and paler than the other, dorsalis pedis faint, posterior tibial not "
            "palpable. PCP notified re: vascular work-up.\n"
            "HOOS JR: 58.0\n"
            "Hip IR 10 deg (L 35 deg), flexion 95 deg. Abductors 4-/5.\n"
            "Plan of care: 2x weekly x 6 weeks.\n"
            "MERIDIAN REHAB  |  CONFIDENTIAL"
        ),
        Page(
            "MERIDIAN REHAB  |  Outpatient PT  |  Printed 06/17/2025 08:02  |  Page 2 of 2\n"
            "PROGRESS NOTE   06/16/2025   R hip\n"
            "Pt states 40% improvement overall. Pain 3/10.\n"
            "HOOS JR: 70.2. Hip IR 18 deg, abductors 4/5.\n"
            "STG 3/3 met; LTG 1/2 met.\n"
            "Step-ups 3x10 6 in, sidestepping with band 3 laps, bridges 3x12.\n"
            "Plan: continue 2x weekly x 4 weeks.\n"
            "MERIDIAN REHAB  |  CONFIDENTIAL"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-05-12", "evaluation", 1, 6, None, "right"),
            _v("2025-06-16", "progress_note", 2, 3, None, "right"),
        ],
        plan=(2, 4, 2),
        side=("right", 1),
        red_flags=[("vascular", 1)],
        documentation=_doc(
            improvement=(40, 2),
            goals=(3, 3, 1, 2, 2),
            outcomes=[_om("HOOS", "2025-05-12", 58.0, 1), _om("HOOS", "2025-06-16", 70.2, 2)],
            strength=[1, 2],
            exercise=[2],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)


# --- 11: workers' comp low back, hematuria at a daily note --------------------------------------------

R11 = Record(
    name="blind6-11-wc-lbp-hematuria",
    pages=[
        Page(
            "EMPLOYER'S FIRST REPORT OF INJURY\nClaim #: WC-25-00871   Employer: Tri-County Freight\n"
            "Date of injury: 02/03/2025   Body part: low back\n"
            "Description: lifting a 60 lb box from a pallet.\nLost time: no, modified duty."
        ),
        Page(
            "PT INITIAL EVALUATION (Workers' Compensation)     02/10/2025\n"
            "Claim WC-25-00871\n"
            "S: central low back pain since lifting at work 2/3; no leg sx. Pain 6/10. Cannot lift > 10 lb, "
            "sit > 30 min.\n"
            "Screen: bowel/bladder WNL; saddle sensation intact; no fever.\n"
            "ODI 44%\n"
            "O: lumbar flexion 40 deg, extension 10 deg, paraspinal guarding.\n"
            "Ex: bird dog 2x10 w/ 5 s hold, pelvic tilts 2x15.\n"
            "Plan: 3x/wk for 4 wks. Work status: modified, no lifting > 20 lb.\nG. Achebe, PT"
        ),
        Page(
            "PT DAILY NOTE     03/04/2025     Claim WC-25-00871\n"
            "S: Pt mentions his urine has been pink twice this week and there is a new deep ache up under the "
            "ribs in the back, not like his usual back pain. No new injury. Pain 5/10.\n"
            "A: Flank ache with blood in the urine - outside PT scope.\n"
            "P: Held treatment; pt to occupational health MD today. Adjuster notified.\nG. Achebe, PT"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-02-10", "evaluation", 2, 6), _v("2025-03-04", "treatment", 3, 5)],
        plan=(3, 4, 2),
        side=None,
        red_flags=[("visceral_referral", 3)],
        documentation=_doc(outcomes=[_om("ODI", "2025-02-10", 44, 2)], exercise=[2], deficits=[2], impairments=[2]),
        side_mentions=[],
    ),
)


# --- 12: pediatric knee pain from the hip (SCFE) ---------------------------------------------------------

R12 = Record(
    name="blind6-12-peds-knee-scfe",
    pages=[
        Page(
            "Children's Therapy Associates - PT Evaluation\nDOS 04/07/2025   Age: 12 y 4 m\n"
            "Referral: L knee pain, r/o Osgood-Schlatter.\n"
            "Hx (per mother): knee hurts x 6 wks, limping after soccer, now limps at school. Wong-Baker 4/10.\n"
            "Knee: no effusion, tibial tubercle non-tender, ligaments intact.\n"
            "Hip: IR 5 deg on the painful side vs 35 deg on the other; thigh swings into ER as the hip is "
            "flexed. BMI 27.\n"
            "A: Knee exam benign; hip findings worrisome for a slipped epiphysis in a young adolescent.\n"
            "P: Not treated. Mother advised to take him to pediatric ortho today for hip films; no running, "
            "crutches until seen.\nE. Sorensen, PT, PCS"
        ),
        Page(
            "TELEPHONE ENCOUNTER   04/09/2025\n"
            "Mother called: X-rays show a slipped capital femoral epiphysis on that side; pinning scheduled "
            "4/11. PT on hold until post-op orders.\nE. Sorensen, PT, PCS"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-04-07", "evaluation", 1, 4, None, "left")],
        plan=None,
        side=("left", 1),
        red_flags=[("stress_fracture_avn", 1), ("stress_fracture_avn", 2)],
        documentation=_doc(deficits=[1], impairments=[1]),
        side_mentions=[("left", 1)],
    ),
)


# --- 13: Medicare progress report, cervical radiculopathy with worsening deficit -----------------------

R13 = Record(
    name="blind6-13-cervical-medicare-progressive",
    pages=[
        Page(
            "PHYSICAL THERAPY PROGRESS REPORT (Medicare)\n"
            "Beneficiary: H. Lindgren   Reporting period: 10/13/2025 - 11/17/2025   Report date: 11/17/2025\n"
            "Dx: M54.12 cervical radiculopathy; treating R upper extremity symptoms.\n"
            "Certified POC 10/13/2025 - 12/12/2025: 2x/wk x 8 wks.\n"
            "Since about 11/3 he notices the R hand getting clumsy - dropping coffee mugs - and the numbness "
            "that was in the thumb now runs into the ring and little fingers too.\n"
            "Pain 6/10.\n"
            "            10/13/2025    11/17/2025\n"
            "NDI         18/50         24/50\n"
            "Grip (kg)   31            22\n"
            "Triceps     4/5           3+/5\n"
            "Goals: STG 1 of 3 met; LTG 0 of 2 met.\n"
            "A: Worsening motor and sensory loss despite care. Recommend holding PT pending urgent spine "
            "surgery review; MD faxed today.\nC. Odum, PT"
        ),
        Page(
            "TREATMENT FLOWSHEET   Region: cervical / R UE\n"
            "Date       Visit   Pain  Interventions\n"
            "10/13/25   Eval    5     exam, HEP: chin tucks 3x10 10 s hold\n"
            "10/20/25   Tx      5     traction 10 min, nerve glides 2x10\n"
            "10/27/25   Tx      4     traction, scap retraction 3x15\n"
            "11/03/25   Tx      4     traction, thoracic mobs\n"
            "11/10/25   Tx      6     traction held - sx worse\n"
            "C. Odum, PT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-13", "evaluation", 2, 5, None, "right"),
            _v("2025-10-20", "treatment", 2, 5, None, "right"),
            _v("2025-10-27", "treatment", 2, 4, None, "right"),
            _v("2025-11-03", "treatment", 2, 4, None, "right"),
            _v("2025-11-10", "treatment", 2, 6, None, "right"),
            _v("2025-11-17", "progress_note", 1, 6, None, "right"),
        ],
        plan=(2, 8, 1),
        side=("right", 2),
        red_flags=[("progressive_neuro_deficit", 1)],
        documentation=_doc(
            goals=(1, 3, 0, 2, 1),
            outcomes=[_om("NDI", "2025-10-13", 18, 1), _om("NDI", "2025-11-17", 24, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
        ),
        side_mentions=[("right", 1), ("right", 2)],
    ),
)


# --- 14: wrist after a fall, scaphoid suspicion, later ruled out --------------------------------------

R14 = Record(
    name="blind6-14-wrist-scaphoid-ruled-out",
    pages=[
        Page(
            "ALPINE PHYSICAL & HAND THERAPY\nEval: Feb 18 2025\n"
            "71 yo F slipped on ice 2/15 and landed on her outstretched L hand. No imaging yet.\n"
            "Pain 6/10. Cannot open jars, turn a key or hold a coffee cup.\n"
            "Point tender in the anatomical snuffbox, pain with axial load through the thumb, wrist ext 30 deg. "
            "DEXA 2023: osteopenia.\n"
            "No numbness or tingling, cap refill brisk.\n"
            "A: Possible scaphoid fracture. Splinted in thumb spica; sent to urgent care for films before any "
            "PT.\nB. Halvorsen, PT, CHT"
        ),
        Page(
            "ALPINE PHYSICAL & HAND THERAPY\nRE-EVALUATION: Mar 11 2025\n"
            "Films 2/18 and 3/3 negative, MRI 3/5: no fracture, bone bruise only - fracture ruled out.\n"
            "L wrist pain 3/10. Wrist ext 55 deg, flex 50 deg. Grip 14 kg.\n"
            "QuickDASH 34.1\n"
            "Ex: putty squeezes 2x20, wrist ext with 1 lb 2x15.\n"
            "Plan: 2x/wk x 4 wks.\nB. Halvorsen, PT, CHT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-02-18", "evaluation", 1, 6, None, "left"),
            _v("2025-03-11", "re_evaluation", 2, 3, None, "left"),
        ],
        plan=(2, 4, 2),
        side=("left", 1),
        red_flags=[("suspected_fracture", 1)],
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2025-03-11", 34.1, 2)],
            strength=[2],
            exercise=[2],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("left", 1), ("left", 2)],
    ),
)


# --- 15: lumbar, checkbox intake all negative, prior episode and gap ----------------------------------

R15 = Record(
    name="blind6-15-lumbar-checkbox-prior-episode",
    pages=[
        Page(
            "NEW PATIENT INTAKE QUESTIONNAIRE          Date: 10/01/2025\n"
            "Where is your pain? right buttock and back of right thigh\n"
            "Any change in bowel or bladder control?      Y [ ]  N [X]\n"
            "Numbness in the groin / inner thighs?        Y [ ]  N [X]\n"
            "Weight loss you can't explain?                Y [ ]  N [X]\n"
            "Pain that wakes you at night?                 Y [ ]  N [X]\n"
            "Fever or chills?                              Y [ ]  N [X]\n"
            "Cancer history?  self: none   family: mother - colon\n"
            "Patient signature: ______"
        ),
        Page(
            "PT EVALUATION     Oct 1, 2025\n"
            "S: R-sided sciatica returned in Aug after moving house. Prior episode here 1/6/2025 - 3/14/2025, "
            "12 visits, discharged at 85% function with independent HEP; she was symptom-free from March until "
            "the move, which is why there was no care in between.\n"
            "Pain 5/10. Pt rates function 50%. Can't sit through a movie or lift her grandson.\n"
            "Red flag screen negative (see intake).\n"
            "ODI 32%\n"
            "O: SLR + R 45 deg. Lumbar flexion fingertips to knee. Hip ext 4/5.\n"
            "Plan: 2x/wk x 6 wks.\nN. Petrosyan, PT"
        ),
        Page(
            "DAILY NOTE     Oct 8, 2025\n"
            "R LE symptoms to the knee only today. Pain 4/10.\n"
            "Repeated ext in lying 2x10, sciatic slider 2x15, walking 20 min daily.\nN. Petrosyan, PT"
        ),
        Page(
            "APPOINTMENT HISTORY - Petrosyan, N. (PT)\n"
            "10/01/2025 09:00  Eval           Arrived\n"
            "10/08/2025 09:00  Follow-up      Arrived\n"
            "10/13/2025 09:00  Follow-up      No-show\n"
            "10/15/2025 09:00  Follow-up      Cancelled by patient (sick child)\n"
            "10/20/2025 09:00  Follow-up      Scheduled\n"
            "10/27/2025 09:00  Follow-up      Scheduled"
        ),
        Page(
            "PATIENT LEDGER\n"
            "DOS         CPT     Units  Charge   Paid\n"
            "10/01/2025  97162   1      185.00   0.00\n"
            "10/01/2025  97110   1       48.00   0.00\n"
            "10/08/2025  97110   2       96.00   0.00\n"
            "10/08/2025  97140   1       52.00   0.00\n"
            "10/13/2025  NS      -       25.00   0.00\n"
            "Balance due: 406.00"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-10-01", "evaluation", 2, 5, 50, "right"),
            _v("2025-10-08", "treatment", 3, 4, None, "right"),
        ],
        plan=(2, 6, 2),
        side=("right", 2),
        prior=[_ep("2025-01-06", "2025-03-14", 12, 2, 85)],
        documentation=_doc(
            outcomes=[_om("ODI", "2025-10-01", 32, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
            gap=2,
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 16: adolescent knees, the treated side only in a table, SCFE screened out ------------------------

R16 = Record(
    name="blind6-16-knees-side-in-table",
    pages=[
        Page(
            "MAR-12-2025 11:05  FROM: Westside Running Clinic   TO: UR INTAKE   P.1/2\n"
            "PT EVALUATION - KNEE      DOS 03/03\n"
            "17 yo cross-country runner. Anterior knee ache started in one knee in Jan and now the other "
            "aches a little too; the worse knee is the one being treated (see table). Pain 4/10.\n"
            "Cannot run > 10 min, descending stairs painful, avoids squatting at work.\n"
            "Hip screen: full painless IR both hips, no groin pain, no limp - SCFE not suspected.\n"
            "Measure              L          R\n"
            "Treated              yes        no\n"
            "Step-down quality    poor       fair\n"
            "Hip abd (HHD)        14 kg      19 kg\n"
            "LEFS 61/80     AKPS (Kujala) 72/100\n"
            "Plan: 2x/wk x 4 wks, then reassess.\nO. Varga, PT"
        ),
        Page(
            "MAR-12-2025 11:05  FROM: Westside Running Clinic   TO: UR INTAKE   P.2/2\n"
            "DAILY NOTE      DOS 03/10\n"
            "Pain 3/10 after 15 min easy run.\n"
            "Step-downs 3x10 (6 in), lateral band walks 3 x 10 m, single-leg bridge 3x8, hip hinge with 15 lb KB "
            "3x10.\nO. Varga, PT"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-03-03", "evaluation", 1, 4, None, "left"), _v("2025-03-10", "treatment", 2, 3)],
        plan=(2, 4, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-03-03", 61, 1)], strength=[1], exercise=[2], deficits=[1], impairments=[1]
        ),
        side_mentions=[("left", 1)],
    ),
)


# --- 17: TKA re-eval with a before/after table, notes and discharge; no evaluation in the fax -----------

_S = "AUG-13-2025 14:22"

R17 = Record(
    name="blind6-17-tka-reeval-table-discharge",
    pages=[
        Page(
            _fax(1, 5, _S) + "Valley Orthopaedic Physical Therapy\nFAX TRANSMITTAL\nPages incl. cover: 5\n"
            "Re: requested records, 7/14/25 - 8/11/25\nPlease call 555-0134 with questions."
        ),
        Page(
            _fax(2, 5, _S) + "RE-EVALUATION     07/14/2025\n"
            "Dx: Z96.652 presence of left artificial knee joint (TKA 5/19/2025)\n"
            "S: Pt reports she is 70% better; rates function 65% of normal. Pain 3/10. Still unable to go down "
            "stairs step-over-step or kneel in church.\n"
            "Incision well healed, no redness or drainage, afebrile. Calf supple and non-tender.\n"
            "                 Eval 05/27/25    Re-eval 07/14/25\n"
            "KOOS JR          38.2             61.0\n"
            "Knee flexion     85               115\n"
            "Knee extension   -10              -2\n"
            "Quad MMT         3/5              4/5\n"
            "STG 4/4 met. LTG 2/4 met.\n"
            "Plan: continue 2x/week x 4 weeks, then d/c to HEP.\nW. Oyelaran, PT, DPT"
        ),
        Page(
            _fax(3, 5, _S) + "DAILY NOTE     07/21/2025     L knee\n"
            "Pain 3/10. Step-downs 4 in 3x10, leg press 3x12 @ 50 lb, bike 10 min, TKE with band 2x15.\n"
            "W. Oyelaran, PT, DPT"
        ),
        Page(
            _fax(4, 5, _S) + "DAILY NOTE     07/28/2025\n"
            "Operated knee sore after gardening, pain 2/10; R knee (non-op) achy from compensating.\n"
            "Step-downs 6 in 3x10, leg press 3x12 @ 60 lb, SL balance 3 x 30 s.\nW. Oyelaran, PT, DPT",
            scanned=True,
        ),
        Page(
            _fax(5, 5, _S) + "DISCHARGE SUMMARY     08/11/2025\n"
            "L TKA. 12 visits this episode. Pain 1/10. Pt reports she is 90% better.\n"
            "KOOS JR 74.5. Knee AROM 0-118.\n"
            "STG 4/4 met; LTG 4/4 met. Independent with HEP; discharged from skilled PT.\n"
            "W. Oyelaran, PT, DPT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-07-14", "re_evaluation", 2, 3, 65, "left"),
            _v("2025-07-21", "treatment", 3, 3, None, "left"),
            _v("2025-07-28", "treatment", 4, 2),
            _v("2025-08-11", "discharge", 5, 1, None, "left"),
        ],
        plan=(2, 4, 2),
        side=("left", 2),
        documentation=_doc(
            improvement=(90, 5),
            goals=(4, 4, 4, 4, 5),
            outcomes=[
                _om("KOOS", "2025-05-27", 38.2, 2),
                _om("KOOS", "2025-07-14", 61.0, 2),
                _om("KOOS", "2025-08-11", 74.5, 5),
            ],
            strength=[2],
            exercise=[3, 4],
            deficits=[2],
            impairments=[2, 5],
        ),
        side_mentions=[("left", 2), ("left", 3), ("left", 5)],
    ),
)


BLIND6: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17]
