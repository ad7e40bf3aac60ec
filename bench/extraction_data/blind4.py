"""Fourth blind held-out records ("blind4"): written by helper b4, who had not seen the extractor, its
tests, its scoring scripts, or the development, held-out, blind, blind2, blind3 and big records or
their labels; written from the record shape (model.py), blind2.py's docstring and label helpers, the
label schema (reviews/schemas/ur-case-1.schema.json), the criteria's red-flag keys and outcome
measure names, and the issue text only. Never tune the extractor on these; report them apart.

Labelling conventions are those of blind.py and blind2.py: a visit is a dated encounter note
(appointment lists, billing ledgers and dates quoted in a history are not visits); pain_nprs is
current pain 0-10; function_pct is the patient-rated function %; the plan is the latest plan of care
in the record, a range keyed at its upper bound; affected_side is the side the treating therapist
documents at the evaluation, even where the referral codes the other side; side_mentions are the
pages that give the treated region a side in words (not the uninvolved comparison side, directions
of movement or spinal levels); negated, ruled-out and unchecked red flags are not keyed, and a red
flag is keyed on the page where it is stated as present; outcome measures are keyed as written, by
the criteria's measure names (KOOS JR -> KOOS, HOOS JR -> HOOS), NDI as x/50 unless written as %;
measures the criteria do not list (FOTO, Berg, DHI, full DASH) and NPRS/VAS are not keyed as
outcome measures.
"""

from __future__ import annotations

from bench.extraction_data.labelling import _doc, _ep, _fax, _labels, _om, _v
from bench.extraction_data.model import Page, Record

# --- 01: hospital EMR printout, right TKA, DVT ruled out -------------------------------------------


def _rv(n: int, body: str) -> str:
    return (
        "RIVERSIDE HEALTH - OUTPATIENT REHABILITATION          Printed 10/14/2025 16:02\n"
        "Patient: DORSEY, ALAN M   MRN 00482113   DOB 02/11/1956\n"
        + "-" * 78
        + "\n"
        + body
        + "\n"
        + "-" * 78
        + f"\nConfidential patient information                                  Page {n} of 5\n"
    )


R01 = Record(
    name="blind4-01-tka-emr-dvt-ruled-out",
    pages=[
        Page(
            "RIVERSIDE HEALTH OUTPATIENT REHAB\nFAX COVER SHEET\n\nTo: Utilization Review, Keystone Mutual\n"
            "From: Dana Ortiz, PT\nDate: 10/14/2025\nPages (including cover): 5\n\n"
            "Re: request for continued PT authorization. Eval, daily log and progress note attached.\n\n"
            "CONFIDENTIALITY NOTICE: this facsimile contains protected health information. If you\n"
            "received it in error, call 555-214-0100 and destroy all copies.\n"
        ),
        Page(
            _rv(
                2,
                "PHYSICAL THERAPY INITIAL EVALUATION\nDate of service: 09/15/2025\n"
                "Referring: K. Whitfield MD (Ortho)\n"
                "Diagnosis: Z96.651 Presence of right artificial knee joint; s/p right TKA 08/28/2025\n\n"
                "SUBJECTIVE: 68 y/o male 2.5 wks s/p R TKA. Pain currently 5/10, 8/10 at worst.\n"
                "Pt rates his overall function at 40% of normal. Uses FWW in community.\n"
                "Red flag screen: no calf pain, no calf swelling. DVT ruled out by venous duplex\n"
                "09/02/2025 (negative). Denies fever/chills. Incision clean, dry and intact, no\n"
                "erythema or drainage. No hx of CA.\n\n"
                "OBJECTIVE:\n  Knee AROM (R): 10 - 85 deg, PROM 8 - 90 deg\n"
                "  MMT: quadriceps 3+/5, hamstrings 4-/5, hip abd 4-/5\n"
                "  Edema: moderate, circumference at joint line 44.5 cm\n"
                "  Homans sign (-). Gait: step-to pattern with FWW, decreased stance time.\n"
                "Outcome measures: KOOS JR 48.  LEFS 31/80.\n\n"
                "FUNCTIONAL LIMITATIONS: unable to negotiate stairs reciprocally; cannot rise from\n"
                "low chair without UE push; walking tolerance 10 min.\n\n"
                "ASSESSMENT: expected post-op deficits in ROM, strength and gait.\n"
                "GOALS: STG (3 wks) 1) AROM 0-100 2) ambulate with SPC 3) independent HEP\n"
                "LTG (6 wks) 1) AROM 0-115 2) reciprocal stairs 3) KOOS JR > 65 4) walk 30 min\n"
                "PLAN: 3x/week for 6 weeks. HEP: quad sets 2x10 with 5 s hold, heel slides 2x15,\n"
                "ankle pumps 20 reps hourly.\nElectronically signed: Dana Ortiz, PT, DPT  09/15/2025",
            )
        ),
        Page(
            _rv(
                3,
                "DAILY TREATMENT LOG - TKA PROTOCOL\n\n"
                "DOS        Pain  Interventions                                  Min  Therapist\n"
                "09/17/25   5/10  bike 8 min, LAQ 3x10 2#, SLR 3x10, gait        45   DO\n"
                "09/19/25   4/10  bike 10 min, LAQ 3x10 3#, mini squat 2x12      45   DO\n"
                "09/22/25   4/10  step-ups 4in 3x10, TKE band 3x15, MT ext       50   JL (PTA)\n"
                "09/24/25   3/10  step-ups 6in 3x10, bridges 3x12, gait SPC      45   DO\n\n"
                "Notes: 09/22 - knee flexion 98 deg after MT. 09/24 - ambulating with SPC indoors.\n"
                "Appt 09/26 rescheduled.",
            )
        ),
        Page(
            _rv(
                4,
                "PROGRESS NOTE (visit 12)\nDate: 10/13/2025\nDx: s/p right TKA 08/28/2025\n\n"
                "S: Pt states he is about 60% better than at the start of therapy. Pain today 2/10.\n"
                "He rates function at 70% of normal. No calf pain or swelling, denies fever.\n"
                "O: R knee AROM 2 - 115 deg. MMT quads 4/5, hip abd 4/5.\n"
                "   KOOS JR 68.  LEFS 52/80.  Gait: reciprocal with SPC outdoors, none indoors.\n"
                "   Stairs: reciprocal ascending with rail, step-to descending.\n"
                "A: Goals - STG 3 of 3 met. LTG 1 of 4 met (KOOS JR). Remaining deficits in\n"
                "   descending stairs and walking tolerance (20 min).\n"
                "P: Reduce to 2x/week for 4 weeks. Progress closed-chain strengthening,\n"
                "   eccentric step-downs 3x10, sit-to-stand 3x12 from standard chair.\n"
                "Signed: Dana Ortiz, PT, DPT 10/13/2025",
            )
        ),
        Page(
            _rv(
                5,
                "APPOINTMENT LIST\n\n  Wed 10/15/2025 10:30  PT follow-up   Ortiz\n"
                "  Mon 10/20/2025 10:30  PT follow-up   Ortiz\n  Thu 10/23/2025 09:45  PT follow-up   Lee\n"
                "  Mon 10/27/2025 10:30  PT follow-up   Ortiz\n\nPlease arrive 10 minutes early.",
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-15", "evaluation", 2, 5, 40, "right"),
            _v("2025-09-17", "treatment", 3, 5),
            _v("2025-09-19", "treatment", 3, 4),
            _v("2025-09-22", "treatment", 3, 4),
            _v("2025-09-24", "treatment", 3, 3),
            _v("2025-10-13", "progress_note", 4, 2, 70, "right"),
        ],
        plan=(2, 4, 4),
        side=("right", 2),
        documentation=_doc(
            improvement=(60, 4),
            goals=(3, 3, 1, 4, 4),
            outcomes=[
                _om("KOOS", "2025-09-15", 48, 2),
                _om("LEFS", "2025-09-15", 31, 2),
                _om("KOOS", "2025-10-13", 68, 4),
                _om("LEFS", "2025-10-13", 52, 4),
            ],
            strength=[2, 4],
            exercise=[2, 3, 4],
            deficits=[2, 4],
            impairments=[2, 3, 4],
        ),
        side_mentions=[("right", 2), ("right", 4)],
    ),
)


# --- 02: lumbar, typed eval then a scanned handwritten note with cauda equina signs -----------------

R02 = Record(
    name="blind4-02-lumbar-cauda-equina-scanned",
    pages=[
        Page(
            "CEDAR LANE PHYSICAL THERAPY\n1420 Cedar Ln, Suite B\n\nINITIAL EVALUATION - LUMBAR SPINE\n"
            "Pt: Marisol Reyes   DOB 7/30/1979   Eval date: March 4, 2026\n"
            "Dx: M54.16 radiculopathy, lumbar region\n\n"
            "HPI: LBP x 5 wks after lifting a planter, with pain radiating into the left buttock and\n"
            "posterior left thigh to the calf. Current pain 6/10. Sitting tolerance 15 min.\n"
            "Screen: denies saddle anesthesia, denies bowel or bladder changes, no unexplained\n"
            "weight loss, no fever. No night pain.\n\n"
            "Objective: lumbar flexion 50% limited with peripheralization; ext 25% limited.\n"
            "SLR (+) L at 45 deg. Myotomes: L EHL 4/5, L ankle DF 4+/5; otherwise 5/5.\n"
            "Reflexes: L Achilles 1+, R 2+. Sensation diminished L lateral foot.\n"
            "ODI 44%.\n\nFunctional: unable to sit through a work meeting, difficulty donning socks,\n"
            "lifting limited to 10 lb.\n\n"
            "Assessment: L5/S1 radicular pattern, directional preference for extension.\n"
            "Plan: 2x/wk x 6 wks. HEP: prone press-ups 10 reps every 2 hrs, walking 10 min 3x/day.\n"
            "Goals: STG centralize sx; sit 45 min. LTG ODI < 20%; return to full duty.\n"
            "Therapist: G. Han, PT"
        ),
        Page(
            "Cedar Lane PT - daily note\n\n3/9   M. Reyes\n\n"
            "S: pt reports since Sat has trouble starting urine stream, 'feels like I can't empty',\n"
            "+ numb 'down there' - saddle area. tingling now both legs. pain 7/10.\n"
            "O: EHL 3/5 (was 4/5 on eval), DF 4-/5. perianal sensation decreased to LT.\n"
            "A: new bladder retention + saddle anesth + worsening motor loss - suspect CES.\n"
            "P: no tx today. called Dr Patel office, pt sent to ED by taxi w/ husband 11:40.\n\n"
            "          G. Han PT",
            scanned=True,
        ),
        Page(
            "CEDAR LANE PHYSICAL THERAPY - PATIENT LEDGER\nAcct 77120  Reyes, Marisol\n\n"
            "DOS        CPT     Units  Charge   Paid    Balance\n"
            "03/04/26   97162   1      165.00   0.00    165.00\n"
            "03/04/26   97110   1       48.00   0.00     48.00\n"
            "03/09/26   --      0        0.00   0.00      0.00   (no charge - referred out)\n\n"
            "Total balance: 213.00"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-03-04", "evaluation", 1, 6, None, "left"),
            _v("2026-03-09", "treatment", 2, 7),
        ],
        plan=(2, 6, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("ODI", "2026-03-04", 44, 1)],
            strength=[1, 2],
            exercise=[1],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("left", 1)],
        red_flags=[("cauda_equina", 2), ("progressive_neuro_deficit", 2)],
    ),
)


# --- 03: Medicare progress report, shoulder, referral codes the other side --------------------------

R03 = Record(
    name="blind4-03-shoulder-medicare-referral-other-side",
    pages=[
        Page(
            "NORTHGATE FAMILY MEDICINE\nREFERRAL / PRESCRIPTION FOR THERAPY\n\n"
            "Patient: Eleanor Pryce        DOB: 04-19-1949        Medicare ID on file\n"
            "Date: 12/30/2025\n"
            "Diagnosis: M75.101 Unspecified rotator cuff tear or rupture of right shoulder, not\n"
            "specified as traumatic\n"
            "Order: Physical therapy evaluate and treat. ROM, strengthening, HEP.\n"
            "Frequency: per PT\n\n"
            "Physician signature: ______ R. Okafor, MD     NPI 1467720093\n"
        ),
        Page(
            "SUMMIT REHAB SERVICES\nPT Evaluation - Shoulder         DOS 01/06/2026\nPt: Pryce, Eleanor\n\n"
            "History: 76 y/o F, gradual onset LEFT shoulder pain x 3 months, no trauma. Referral dx\n"
            "code discrepancy noted; MD office contacted 1/6 and confirmed the involved side as\n"
            "documented here. Pain 6/10 now, 8/10 reaching. Night pain: wakes 1-2x/night when lying on\n"
            "the involved side, eases with repositioning. No hx of CA, no weight loss, no fever.\n\n"
            "Objective (L shoulder):\n  AROM flex 110, abd 95, ER 30, IR to L5\n"
            "  MMT: flex 4-/5, abd 3+/5, ER 3+/5, IR 4/5 (painful arc 70-110)\n"
            "  Special tests: Hawkins (+), empty can (+) pain, drop arm (-)\n"
            "SPADI 62.   QuickDASH 55.\n\n"
            "Functional: cannot reach upper cabinet, difficulty fastening bra, unable to carry\n"
            "laundry basket.\n"
            "Plan of care: 2-3x/week for 8 weeks: therex, manual therapy, HEP.\n"
            "Goals: STG (4 wk) 1) pain < 4/10 2) flex 140 3) sleep through night\n"
            "       LTG (8 wk) 1) reach upper cabinet 2) SPADI < 30 3) independent HEP\n"
            "Certification period 01/06/2026 - 03/02/2026.\nT. Magnusson, PT"
        ),
        Page(
            "SUMMIT REHAB SERVICES - Treatment Notes\nPt: Pryce, Eleanor\n\n"
            "01/09/2026  L shoulder. Pain 6/10. PROM, GH inferior glides grade III, pulleys 5 min,\n"
            "  AAROM wand flexion 2x15, ER yellow band 3x12. Tol well.  -TM\n\n"
            "01/13/2026  Pain 5/10. Added scaption to 90 deg 0 lb 3x10, ER/IR yellow band 3x12,\n"
            "  rows red band 3x15. Cues for scapular setting.  -TM\n\n"
            "01/16/2026  Pain 5/10. Sleeping better. Sidelying ER 1 lb 3x10, wall slides 2x10,\n"
            "  prone T's 2x10. HEP updated (copy given).  -K. Dale, PTA"
        ),
        Page(
            "SUMMIT REHAB SERVICES\nMEDICARE PROGRESS REPORT (visits 1-10)      Date: 02/10/2026\n"
            "Pt: Pryce, Eleanor    Dx: M75.102 rotator cuff syndrome, left shoulder\n\n"
            "Subjective: pt states she is about 50% better. Pain 3/10 today. She rates her\n"
            "shoulder function at 65%.\n"
            "Objective: AROM flex 140, abd 125, ER 50. MMT abd 4/5, ER 4-/5.\n"
            "SPADI 40.  QuickDASH 34.\n"
            "Goals: STG 2/3 met (sleep, pain). LTG 0/3 met.\n"
            "Remaining limitations: overhead reach, lifting > 5 lb to shelf.\n"
            "Assessment: good progress, continued skilled PT needed for strength and reach.\n"
            "Plan: continue 2x/week x 4 weeks. Recert 02/10/2026 - 03/10/2026.\n\n"
            "I certify the need for these services under this plan of care.\n"
            "T. Magnusson, PT   ____ Physician: R. Okafor, MD"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-01-06", "evaluation", 2, 6, None, "left"),
            _v("2026-01-09", "treatment", 3, 6, None, "left"),
            _v("2026-01-13", "treatment", 3, 5),
            _v("2026-01-16", "treatment", 3, 5),
            _v("2026-02-10", "progress_note", 4, 3, 65, "left"),
        ],
        plan=(2, 4, 4),
        side=("left", 2),
        documentation=_doc(
            improvement=(50, 4),
            goals=(2, 3, 0, 3, 4),
            outcomes=[
                _om("SPADI", "2026-01-06", 62, 2),
                _om("QuickDASH", "2026-01-06", 55, 2),
                _om("SPADI", "2026-02-10", 40, 4),
                _om("QuickDASH", "2026-02-10", 34, 4),
            ],
            strength=[2, 4],
            exercise=[3],
            deficits=[2, 4],
            impairments=[2, 4],
        ),
        side_mentions=[("right", 1), ("left", 2), ("left", 3), ("left", 4)],
    ),
)


# --- 04: cervical whiplash, the whole record a TIFF fax ---------------------------------------------

R04 = Record(
    name="blind4-04-cervical-whiplash-tiff",
    tiff=True,
    pages=[
        Page(
            _fax(1, 3, "DEC-16-2025 14:47") + "\nHARBORVIEW SPINE & SPORT PT\nINITIAL EXAM - CERVICAL\n\n"
            "Name: Tobias Lindqvist     DOI: 10/28/2025 (MVA, rear-ended at a stop)\n"
            "Exam date: 11/03/2025\n\n"
            "Complaint: right-sided neck pain into the R upper trapezius, HA 3x/wk. Pain 7/10.\n"
            "Screening: Canadian C-spine rule low risk; ED X-rays 10/28 negative for fracture.\n"
            "(-) dizziness, diplopia, dysarthria, dysphagia, drop attacks, nystagmus. No UMN signs,\n"
            "Hoffmann (-) bilat. Denies arm weakness.\n\n"
            "Obj: cervical rotation R 45 / L 60 deg, ext 30 deg (pain), flex 40 deg.\n"
            "Deep neck flexor endurance 12 s. Tender R upper trap, levator.\n"
            "NDI 24/50.  PSFS 4.0 (driving, looking over shoulder, computer work).\n\n"
            "Functional: cannot check blind spot while driving, limited to 30 min at computer.\n"
            "Plan: 2x/week for 4 weeks. Goals: NDI < 10/50; computer 2 hrs; drive w/o pain.\n"
            "HEP: chin tucks 10 x 10 s hold, scapular retraction 2x15.\n"
            "Ingrid Solberg, PT"
        ),
        Page(
            _fax(2, 3, "DEC-16-2025 14:47") + "\nHARBORVIEW SPINE & SPORT PT - DAILY NOTES - Lindqvist, T.\n\n"
            "11/05/2025  Pain 6/10. STM R upper trap, C2-C4 PA mobs gr II, DNF training 10x10 s,\n"
            "            thoracic ext over towel 2x10. HA today mild.  IS\n\n"
            "11/12/2025  Pain 5/10. Rotation R 55 deg. Added rows green band 3x15, SNAGs into\n"
            "            rotation 3x6.  IS\n\n"
            "11/19/2025  Pain 4/10. No HA this week. DNF endurance 22 s. Progressed HEP.  IS"
        ),
        Page(
            _fax(3, 3, "DEC-16-2025 14:47") + "\nHARBORVIEW SPINE & SPORT PT\nRE-EXAMINATION  12/15/2025\n\n"
            "Pt reports neck is '75 percent better'. Pain 1/10 today, 2/10 at worst when driving.\n"
            "Rotation R 70 / L 75 deg. DNF endurance 31 s. NDI 12/50. PSFS 7.3.\n"
            "Goals: computer 2 hrs met; driving without pain partially met; NDI < 10 not met.\n"
            "Remaining: right neck pain with sustained postures > 90 min.\n"
            "Plan: reduce to 1x/week for 4 weeks, transition to independent program.\n"
            "Ingrid Solberg, PT"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-11-03", "evaluation", 1, 7, None, "right"),
            _v("2025-11-05", "treatment", 2, 6, None, "right"),
            _v("2025-11-12", "treatment", 2, 5),
            _v("2025-11-19", "treatment", 2, 4),
            _v("2025-12-15", "re_evaluation", 3, 1, None, "right"),
        ],
        plan=(1, 4, 3),
        side=("right", 1),
        documentation=_doc(
            improvement=(75, 3),
            outcomes=[
                _om("NDI", "2025-11-03", 24, 1),
                _om("PSFS", "2025-11-03", 4.0, 1),
                _om("NDI", "2025-12-15", 12, 3),
                _om("PSFS", "2025-12-15", 7.3, 3),
            ],
            exercise=[1, 2],
            deficits=[1, 3],
            impairments=[1, 2, 3],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 05: left TKA, calf swelling and warmth at a treatment visit, then a medical hold --------------

R05 = Record(
    name="blind4-05-tka-calf-swelling-hold",
    pages=[
        Page(
            "LAKESHORE ORTHOPAEDIC REHAB                          Outpatient PT\n"
            "================================================================\n"
            "EVALUATION   01-12-2026   Pt: Hollis, Gwendolyn   Age 71\n"
            "Surgery: L total knee arthroplasty 12-30-2025 (Dr. Amsel)\n\n"
            "Subj: pain 4/10 at rest, 6/10 walking. Pt estimates function at 35%. Lives alone,\n"
            "2 steps to enter. Calf: no pain, no swelling at this time.\n"
            "Obj: L knee AROM 5-88, quad lag 10 deg, MMT quads 3/5, glute med 4-/5.\n"
            "Gait with rollator, antalgic. TUG 18.4 s.\n"
            "KOOS JR 45.  LEFS 28/80.\n"
            "Limitations: can't do her own shopping, stairs with 2 rails step-to, cannot get in\n"
            "and out of the tub.\n"
            "Plan: 3x/wk x 4 wks. Ex: quad sets 3x10 (5 s), SAQ 3x10, heel slides 3x10,\n"
            "seated knee flexion stretch 3 x 30 s.\n"
            "Goals: STG AROM 0-100, walk with cane; LTG stairs reciprocal, KOOS JR > 60,\n"
            "independent shopping.   ---  M. Castellano, DPT\n"
        ),
        Page(
            "LAKESHORE ORTHOPAEDIC REHAB - TREATMENT NOTE\n"
            "================================================================\n"
            "DOS 01-14-2026  Hollis, G.\nPain 4/10. Bike partial revolutions 8 min, SAQ 3x12,\n"
            "step-ups 4 in 2x10. L knee AROM 4-92.   MC\n\n"
            "DOS 01-19-2026  Hollis, G.\n"
            "Pt c/o new aching in the L calf since yesterday. On exam L calf swollen, warm and\n"
            "tender to palpation along the deep veins; calf girth 39 cm vs 36 cm uninvolved side.\n"
            "Pitting edema to mid-shin. Wells score 3 (high probability). Pain 6/10.\n"
            "Tx deferred. Surgeon's office notified; pt sent to ED for venous duplex.   MC\n"
        ),
        Page(
            "LAKESHORE ORTHOPAEDIC REHAB - TREATMENT NOTE\n"
            "================================================================\n"
            "DOS 01-28-2026  Hollis, G.\n"
            "Gap in care 1/19 - 1/28: therapy on medical hold until cleared by the surgeon's office\n"
            "(written clearance received 1/27, scanned to chart).\n"
            "Pain 3/10. L knee AROM 3-95. Ambulating with SPC in clinic.\n"
            "Ex: SAQ 3x15 1#, LAQ 3x10, standing TKE 3x15, weight shifts 2 min.\n"
            "Calf girth 37 cm. Plan continues as per eval.   MC\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-01-12", "evaluation", 1, 4, 35, "left"),
            _v("2026-01-14", "treatment", 2, 4, None, "left"),
            _v("2026-01-19", "treatment", 2, 6),
            _v("2026-01-28", "treatment", 3, 3, None, "left"),
        ],
        plan=(3, 4, 1),
        side=("left", 1),
        documentation=_doc(
            outcomes=[_om("KOOS", "2026-01-12", 45, 1), _om("LEFS", "2026-01-12", 28, 1)],
            strength=[1],
            exercise=[1, 2, 3],
            deficits=[1],
            impairments=[1, 2, 3],
            gap=3,
        ),
        side_mentions=[("left", 1), ("left", 2), ("left", 3)],
        red_flags=[("dvt", 2)],
    ),
)


# --- 06: Medicare hip OA, a fall with a shortened externally rotated leg -----------------------------

R06 = Record(
    name="blind4-06-hip-oa-fall-fracture",
    pages=[
        Page(
            "F A X\n\nTo: Intake / UR Dept        Fax 555-880-1200\nFrom: Meadowbrook Senior Rehab\n"
            "No. of pages: 4 (incl. cover)\nSubject: Records - O. Fairweather\n\n"
            "Notes: please see attached therapy documentation as requested.\n"
        ),
        Page(
            "MEADOWBROOK SENIOR REHAB - PT INITIAL EVALUATION\nDate: 16 March 2026\n"
            "Patient: Opal Fairweather, 84 y/o F\nMedical dx: M16.12 unilateral primary OA, left hip\n"
            "PMH: osteoporosis (on alendronate), HTN, cataracts.\n\n"
            "S: L hip/groin pain with walking, pain now 4/10. Walks 1 block with cane. Fear of\n"
            "falling. 'I can do about half of what I used to' (function 50%).\n"
            "O: L hip PROM flex 95, IR 10, ER 25, abd 20. MMT hip abd 3+/5, ext 3+/5.\n"
            "   30 s chair stand: 6 reps. TUG 16.2 s.  HOOS JR 52.\n"
            "   Berg 41/56.\n"
            "Functional deficits: unable to put on L shoe/sock, needs rail for curb, cannot stand\n"
            "to cook > 10 min.\n"
            "Plan: 2x per week x 8 weeks - strengthening, gait and balance, HEP.\n"
            "Goals: STG TUG < 14 s, independent HEP. LTG walk 3 blocks, HOOS JR > 65.\n"
            "B. Adeyemi, PT, GCS\n"
        ),
        Page(
            "MEADOWBROOK SENIOR REHAB - PT DAILY NOTE\nFairweather, Opal\n\n"
            "18 March 2026: pain 4/10. Sit-to-stand 3x8, side-stepping 3 laps, standing hip abd\n"
            "2x10 each, gait with cane 150 ft x 2.  BA\n\n"
            "23 March 2026: pain 3/10. Bridges 2x10, clamshells 2x12 red band, tandem stance\n"
            "3 x 20 s, step-ups 4 in 2x10.  BA\n"
        ),
        Page(
            "MEADOWBROOK SENIOR REHAB - PT DAILY NOTE\nFairweather, Opal\n\n"
            "3 April 2026: pt arrived by wheelchair with daughter. Fell at home last night getting\n"
            "up from the toilet, landed on L side. Now unable to bear weight on the L leg; L LE\n"
            "held shortened and externally rotated, severe groin pain 9/10 with any motion.\n"
            "No treatment provided. Concern for L hip fracture - EMS called, pt transported\n"
            "to St. Anne's ED 10:15. Daughter and PCP informed.  B. Adeyemi, PT\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-03-16", "evaluation", 2, 4, 50, "left"),
            _v("2026-03-18", "treatment", 3, 4),
            _v("2026-03-23", "treatment", 3, 3),
            _v("2026-04-03", "treatment", 4, 9, None, "left"),
        ],
        plan=(2, 8, 2),
        side=("left", 2),
        documentation=_doc(
            outcomes=[_om("HOOS", "2026-03-16", 52, 2)],
            strength=[2],
            exercise=[3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("left", 2), ("left", 4)],
        red_flags=[("hip_fracture_dislocation", 4), ("suspected_fracture", 4)],
    ),
)


# --- 07: narrative letter, back pain with a cancer history, weight loss and night pain -------------

R07 = Record(
    name="blind4-07-back-letter-cancer-history",
    pages=[
        Page(
            "Westbrook Physical Therapy, PLLC\n88 Orchard Street, Westbrook\n\n"
            "October 21, 2025\n\nRe: Harold Birch, DOB 5/2/1951 - physical therapy evaluation\n\n"
            "Dear Dr. Nakamura,\n\n"
            "Thank you for referring Mr. Birch, whom I evaluated today for low back pain of six\n"
            "weeks' duration with no injury. He has a history of prostate cancer treated with\n"
            "radiation in 2019. He reports an unintentional weight loss of about 12 lb over the\n"
            "last two months. The pain is constant, central, 7/10 today, and wakes him most\n"
            "nights; it is not relieved by lying still or by changing position.\n\n"
            "On examination lumbar motion was only mildly limited and did not change his\n"
            "symptoms. Neurological screen was normal; he denies bowel or bladder change. His\n"
            "Oswestry score is 38%. He can no longer walk his dog for more than 10 minutes.\n\n"
            "Because the history is not consistent with a mechanical presentation I have not\n"
            "started a course of treatment and would be grateful if you would see him for\n"
            "medical work-up. I will be happy to see him again once serious pathology has been\n"
            "excluded.\n\nSincerely,\n\nPriya Raman, PT, DPT, OCS\n"
        ),
        Page(
            "Westbrook Physical Therapy, PLLC\nTELEPHONE CONTACT LOG\n\n"
            "10/22/25 2:10 pm - called Dr. Nakamura's office, spoke with RN Kelly re: eval findings.\n"
            "Office will schedule pt this week. Pt informed by phone, agrees.  PR\n\n"
            "10/30/25 - message from office: imaging ordered. PT on hold.  PR\n"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-10-21", "evaluation", 1, 7)],
        plan=None,
        side=None,
        documentation=_doc(
            outcomes=[_om("ODI", "2025-10-21", 38, 1)],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[],
        red_flags=[("malignancy", 1), ("unexplained_weight_loss", 1), ("night_pain", 1)],
    ),
)


# --- 08: sports ankle sprain: typed eval, scanned terse notes, discharge, appointment list --------

R08 = Record(
    name="blind4-08-ankle-sprain-scanned-discharge",
    pages=[
        Page(
            "PEAK ATHLETIC PHYSICAL THERAPY\nEVALUATION            6/2/2025\n"
            "Athlete: Jaden Moore (17), varsity basketball\n"
            "Dx: S93.401A sprain of unspecified ligament of right ankle\n\n"
            "MOI: inverted R ankle landing on opponent's foot 5/27. Ottawa ankle rules negative\n"
            "(no X-ray needed). Thompson test negative, able to heel raise. No fever. Pain 5/10.\n"
            "Athlete rates function at 45%.\n\n"
            "R ankle: edema figure-8 +2.5 cm vs uninvolved. AROM DF 5, PF 35, inv 15, ev 10.\n"
            "Anterior drawer (+) laxity, talar tilt (-). HHD eversion 9.8 kg (66% of other side).\n"
            "SL balance 4 s eyes open. FAAM ADL 58. LEFS 40.\n"
            "Deficits: cannot jog, cannot jump, stairs step-to, limping on uneven ground.\n\n"
            "POC: 2x/wk for 6 wks - ROM, strength, proprioception, RTS progression.\n"
            "STG: normal gait, SL balance 30 s, jog 10 min.\n"
            "LTG: cut/jump without pain, FAAM ADL > 90, return to full practice.\n"
            "Coach and parents updated.  -- S. Whitaker, PT, SCS"
        ),
        Page(
            "Peak Athletic PT      J. Moore\n\n"
            "6/4  R ankle. pain 4. AROM DF 10. alphabet x2, towel scrunch, band ev/inv 3x15 red,\n"
            "     SL stance 5x10s. ice 10'.   SW\n\n"
            "6/11 pain 3. DF 15. calf raises 3x15 bilat -> 2x10 SL, lateral hops 3x10, BOSU.  SW\n\n"
            "6/18 pain 2. jog 8 min pain free. ladder drills, figure 8s, SL hop 3x8.  SW\n",
            scanned=True,
        ),
        Page(
            "PEAK ATHLETIC PHYSICAL THERAPY\nDISCHARGE SUMMARY          7/7/2025\nJ. Moore\n\n"
            "Athlete reports the R ankle is 95% better. Pain 0/10; he rates function 95%.\n"
            "Returned to full practice 7/1 with lace-up brace.\n"
            "FAAM ADL 92.  LEFS 74.  HHD eversion 14.1 kg (symmetrical). SL hop 96% LSI.\n"
            "Goals: STG 3/3 met. LTG 3/3 met.\n"
            "Discharged to independent program: SL balance 3 x 30 s, band eversion 3x20, hop\n"
            "series 3x8 3x/week through end of season.\n  S. Whitaker, PT, SCS"
        ),
        Page(
            "PEAK ATHLETIC PT - APPOINTMENT HISTORY  Moore, Jaden\n\n"
            "06/02/2025  Eval           Arrived\n06/04/2025  Tx             Arrived\n"
            "06/06/2025  Tx             Cancelled (tournament)\n06/11/2025  Tx             Arrived\n"
            "06/18/2025  Tx             Arrived\n06/25/2025  Tx             No-show\n"
            "07/07/2025  Discharge      Arrived\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-06-02", "evaluation", 1, 5, 45, "right"),
            _v("2025-06-04", "treatment", 2, 4, None, "right"),
            _v("2025-06-11", "treatment", 2, 3),
            _v("2025-06-18", "treatment", 2, 2),
            _v("2025-07-07", "discharge", 3, 0, 95, "right"),
        ],
        plan=(2, 6, 1),
        side=("right", 1),
        documentation=_doc(
            improvement=(95, 3),
            goals=(3, 3, 3, 3, 3),
            outcomes=[
                _om("FAAM", "2025-06-02", 58, 1),
                _om("LEFS", "2025-06-02", 40, 1),
                _om("FAAM", "2025-07-07", 92, 3),
                _om("LEFS", "2025-07-07", 74, 3),
            ],
            strength=[1, 3],
            exercise=[2, 3],
            deficits=[1],
            impairments=[1, 2],
        ),
        side_mentions=[("right", 1), ("right", 2), ("right", 3)],
    ),
)


# --- 09: wrist after a FOOSH, intake checkbox form with unchecked flags, snuffbox tenderness -------

R09 = Record(
    name="blind4-09-wrist-foosh-occult-scaphoid",
    pages=[
        Page(
            "BAYSIDE HAND & UPPER EXTREMITY THERAPY\nNEW PATIENT HEALTH QUESTIONNAIRE\n\n"
            "Name: Chloe Vance     Date: 02/03/2026\nArea of complaint: wrist    Side: [X] Right  [ ] Left\n"
            "Dominant hand: [X] R [ ] L\n\n"
            "Have you recently had any of the following? (check all that apply)\n"
            "  [ ] fever or chills          [ ] unexplained weight loss\n"
            "  [ ] night pain               [ ] history of cancer\n"
            "  [ ] numbness in hands        [ ] recent surgery\n"
            "  [ ] bowel/bladder changes    [ ] chest pain\n\n"
            "Medications: ibuprofen PRN.  Allergies: NKDA\n"
            "Patient signature: C. Vance\n"
        ),
        Page(
            "BAYSIDE HAND & UPPER EXTREMITY THERAPY\nOT/PT Evaluation - Wrist/Hand   Feb 3, 2026\n"
            "Referred by urgent care (Dr. L. Ferris) for R wrist sprain.\n\n"
            "Hx: 24 y/o F fell on outstretched R hand while snowboarding 1/18. Urgent care X-ray\n"
            "1/18 read as negative; splint x 1 wk. Pain persists 7/10, worse with gripping.\n"
            "Exam: marked point tenderness in the anatomical snuffbox and over the scaphoid\n"
            "tubercle; pain with axial loading of the thumb. Wrist AROM ext 35, flex 40, RD 10,\n"
            "UD 20. Grip (Jamar pos 2) 8 kg vs 26 kg uninvolved.\n"
            "QuickDASH 61.4.\n"
            "Function: cannot open jars, type > 15 min, or carry a grocery bag.\n\n"
            "Assessment: clinical signs of an occult scaphoid fracture despite the negative\n"
            "initial film. Thumb spica splint fabricated; referring MD called - MRI requested.\n"
            "Plan: 1x/week for 2 weeks for splint check and edema control until imaging.\n"
            "No strengthening until cleared.  A. Brandt, OTR/L, CHT\n"
        ),
    ],
    labels=_labels(
        visits=[_v("2026-02-03", "evaluation", 2, 7, None, "right")],
        plan=(1, 2, 2),
        side=("right", 2),
        documentation=_doc(
            outcomes=[_om("QuickDASH", "2026-02-03", 61.4, 2)],
            strength=[2],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("right", 1), ("right", 2)],
        red_flags=[("suspected_fracture", 2)],
    ),
)


# --- 10: knee re-evaluation summary only, a before/after table, an earlier episode, a gap -----------

R10 = Record(
    name="blind4-10-knee-reeval-table-prior-episode",
    pages=[
        Page(
            "ALDER CREEK PHYSIOTHERAPY  |  Re-Evaluation Summary\n"
            "Client: Naomi Feld   DOB 1988-09-14   Claim # 55-201-88\n"
            "Re-evaluation date: 2025-12-08\nDiagnosis: patellofemoral pain syndrome, left knee\n\n"
            "History: Naomi completed a previous episode of physiotherapy at this clinic for the\n"
            "same knee from 2025-03-10 to 2025-05-02 (12 visits) and was discharged at 80%\n"
            "function. She returned on 2025-10-27 after a flare while training for a half\n"
            "marathon; initial assessment of this episode was on that date.\n\n"
            "Today: she reports she is 70% improved since restarting. Current pain 2/10 (was 6/10).\n"
            "She rates her knee function at 75%.\n"
            "Remaining functional limitations: running limited to 3 km, descending stairs\n"
            "painful after long days, squatting to lift her toddler.\n"
        ),
        Page(
            "ALDER CREEK PHYSIOTHERAPY  |  Re-Evaluation Summary (cont.)   N. Feld\n\n"
            "Outcome and objective measures\n"
            "  Measure                     Initial 2025-10-27     Re-eval 2025-12-08\n"
            "  KOOS JR                     55                     71\n"
            "  LEFS (/80)                  44                     60\n"
            "  NPRS                        6                      2\n"
            "  Quad HHD (kg), involved     13.5                   18.2\n"
            "  Hip abd HHD (kg), involved  9.1                    12.6\n"
            "  Step-down quality (0-5)     2                      4\n"
            "  (uninvolved right quad 24.0 kg; hip abd 15.3 kg)\n\n"
            "Attendance: no visits between 2025-11-14 and 2025-12-01 - client was out of the\n"
            "country for a family funeral; HEP continued by video check-in.\n"
        ),
        Page(
            "ALDER CREEK PHYSIOTHERAPY  |  Re-Evaluation Summary (cont.)   N. Feld\n\n"
            "Goals\n  Short-term: 1) pain-free stairs up  MET  2) step-down quality 4/5  MET\n"
            "              3) independent HEP  MET\n"
            "  Long-term:  1) run 10 km  NOT MET  2) KOOS JR > 70  MET  3) squat 20 kg  NOT MET\n"
            "              4) LEFS > 56  MET\n\n"
            "Program: step-downs 8 in 3x10, split squats 3x8 with 8 kg, side-plank 3 x 30 s,\n"
            "hip thrust 3x10 30 kg, return-to-run intervals 1:1 x 20 min.\n\n"
            "Plan: continue 1-2x/week x 6 weeks, then discharge to independent running program.\n"
            "Signed: Kieran O'Dowd, Registered Physiotherapist\n"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-12-08", "re_evaluation", 1, 2, 75, "left")],
        prior=[_ep("2025-03-10", "2025-05-02", 12, 1, 80)],
        plan=(2, 6, 3),
        side=("left", 1),
        documentation=_doc(
            improvement=(70, 1),
            goals=(3, 3, 2, 4, 3),
            outcomes=[
                _om("KOOS", "2025-10-27", 55, 2),
                _om("KOOS", "2025-12-08", 71, 2),
                _om("LEFS", "2025-10-27", 44, 2),
                _om("LEFS", "2025-12-08", 60, 2),
            ],
            strength=[2],
            exercise=[3],
            deficits=[1],
            impairments=[2],
            gap=2,
        ),
        side_mentions=[("left", 1)],
    ),
)


# --- 11: pelvic health, sacroiliac pain, blood in the urine reported at a follow-up -----------------

R11 = Record(
    name="blind4-11-pelvic-health-hematuria",
    pages=[
        Page(
            "WILLOW PELVIC HEALTH & WELLNESS\nPelvic Floor PT Initial Evaluation\n"
            "DOS: Jan. 20, 2026      Pt: R. Okonkwo (she/her), 34 y/o, G2P2\n"
            "Referral: OB/GYN - pelvic girdle pain, 6 mo postpartum\n\n"
            "S: R SIJ / posterior pelvic pain, 5/10 today, worse with stairs, rolling in bed and\n"
            "lifting car seat. Mild stress urinary incontinence with running since 2nd delivery,\n"
            "unchanged. Denies saddle numbness, denies retention, no fever, no hx of cancer.\n"
            "O: ASLR 3/5 R, reduced with compression. P4/thigh thrust (+) R. Pelvic floor\n"
            "   (consented internal exam): MMT 2/5 (Modified Oxford), endurance 4 s, 4 reps.\n"
            "   Diastasis 2 fingerwidths above umbilicus.\n"
            "   ODI 30%.  PSFS 4.3.\n"
            "Deficits: cannot carry car seat > 2 min, cannot run, rolling in bed painful.\n"
            "Plan: 1x/wk for 10 weeks. HEP: PF contractions 10 x 5 s hold 3x/day, side-lying\n"
            "clams 2x15, bridges with ball squeeze 2x10.\n"
            "Goals: STG ASLR 1/5; LTG carry car seat 10 min, run 2 km continent.\n"
            "  J. Thibodeaux, PT, DPT, WCS\n"
        ),
        Page(
            "WILLOW PELVIC HEALTH & WELLNESS - Follow-up Visit\nDOS: Jan. 27, 2026   R. Okonkwo\n\n"
            "S: Pelvic pain 4/10. Pt reports she has noticed blood in her urine since Sunday\n"
            "(2 days) with lower abdominal ache; denies fever. No recent UTI dx.\n"
            "A/P: visible hematuria is outside PT scope - advised same-day contact with PCP/OB;\n"
            "message sent to Dr. Abara. Treatment today limited to education and breathing\n"
            "(diaphragmatic breathing and PF relaxation). Will hold progression until\n"
            "medically reviewed.  JT\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-01-20", "evaluation", 1, 5, None, "right"),
            _v("2026-01-27", "treatment", 2, 4),
        ],
        plan=(1, 10, 1),
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("ODI", "2026-01-20", 30, 1), _om("PSFS", "2026-01-20", 4.3, 1)],
            strength=[1],
            exercise=[1],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1)],
        red_flags=[("visceral_referral", 2)],
    ),
)


# --- 12: workers' comp progress form with a checkbox red-flag block, flowsheet, ledger ----------------

R12 = Record(
    name="blind4-12-elbow-workers-comp-form",
    pages=[
        Page(
            "STATE WORKERS' COMPENSATION - PHYSICAL THERAPY PROGRESS REPORT (FORM PT-4)\n\n"
            "Claimant: Luis Ferreira      Employer: Dunmore Tile & Stone      Claim: WC-25-00931\n"
            "DOI: 07/08/2025   Body part: L elbow (lateral epicondylalgia)   ICD-10: M77.12\n"
            "Date of this visit: 08/19/2025     Visits to date: 6     Type: [ ] Eval [X] Progress\n\n"
            "Pain today (0-10): 3      Patient-rated function: 60 % of normal\n"
            "Outcome tools: PSFS 6.3    QuickDASH 27.3\n"
            "Objective: grip pain-free 22 kg (uninvolved 41 kg); wrist ext MMT 4/5 with pain\n"
            "Tender at the lateral epicondyle; pain with resisted middle-finger extension\n"
            "Red flags:   Night pain [ ]Y [X]N   Numbness/tingling [ ]Y [X]N   Swelling [ ]Y [X]N\n"
            "             Fever [ ]Y [X]N        Progressive weakness [ ]Y [X]N\n\n"
            "Functional limitations: unable to use tile cutter > 20 min, carrying buckets > 10 kg.\n"
            "Goals:  Short-term met 2 of 2.   Long-term met 1 of 3.\n"
            "Work status: [ ] Full duty  [X] Modified duty - no lifting > 10 kg with L arm\n"
            "Plan: continue PT 2x/week for 3 more weeks, then re-assess for full duty.\n\n"
            "Therapist: Anika Baptiste, PT   Lic. PT-40211   Date signed: 08/19/2025\n"
        ),
        Page(
            "DUNMORE OCCUPATIONAL REHAB - DAILY FLOWSHEET   Ferreira, L.\n\n"
            "Exercise                 08/05      08/07      08/12      08/14\n"
            "Ecc wrist ext            3x15 1kg   3x15 1kg   3x15 2kg   3x15 2kg\n"
            "Isometric ext (45 s)     x5         x5         x4         x4\n"
            "Supination w/ hammer     -          2x15       3x15       3x15\n"
            "Grip putty               5 min      5 min      5 min      5 min\n"
            "Pain (0-10)              6          5          4          4\n"
            "Manual: radial nerve glides, STM wrist extensors each visit.\n"
            "Therapist initials       AB         AB         MT(PTA)    AB\n"
        ),
        Page(
            "DUNMORE OCCUPATIONAL REHAB - ITEMIZED BILL TO CARRIER\n\n"
            "Date       Code   Description                 Units   Amount\n"
            "07/31/25   97163  PT eval high complexity     1       212.40\n"
            "08/05/25   97110  Therapeutic exercise        3       141.00\n"
            "08/07/25   97110  Therapeutic exercise        3       141.00\n"
            "08/12/25   97140  Manual therapy              1        44.10\n"
            "08/14/25   97110  Therapeutic exercise        3       141.00\n"
            "08/19/25   97750  Physical performance test   1        52.30\n\nTotal due: 731.80\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-08-05", "treatment", 2, 6),
            _v("2025-08-07", "treatment", 2, 5),
            _v("2025-08-12", "treatment", 2, 4),
            _v("2025-08-14", "treatment", 2, 4),
            _v("2025-08-19", "progress_note", 1, 3, 60, "left"),
        ],
        plan=(2, 3, 1),
        side=("left", 1),
        documentation=_doc(
            goals=(2, 2, 1, 3, 1),
            outcomes=[_om("PSFS", "2025-08-19", 6.3, 1), _om("QuickDASH", "2025-08-19", 27.3, 1)],
            strength=[1],
            exercise=[2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1)],
    ),
)


# --- 13: cervicogenic dizziness, in-clinic eval then telehealth visits, a telehealth consent --------

R13 = Record(
    name="blind4-13-vestibular-cervical-telehealth",
    pages=[
        Page(
            "PINECREST VESTIBULAR & BALANCE CENTER\nVestibular / Cervical Evaluation\n"
            "Date of exam: Sept 2 2025      Patient: Farah Haddad, 52\n"
            "Referral dx: R42 dizziness; M54.2 cervicalgia\n\n"
            "Hx: neck stiffness and 'foggy' unsteadiness x 8 wks, worse after desk work. Neck\n"
            "pain 4/10 now. She rates overall function 55%.\n"
            "Screen: denies the 5 D's and 3 N's; vertebral artery screen negative; no hx of CA;\n"
            "no unexplained weight loss. Dix-Hallpike (-) both sides. HINTS not indicated.\n"
            "Cervical: rotation limited 30% both directions, flexion-rotation test 28 deg,\n"
            "joint position error 6.5 deg. Smooth pursuit neck torsion test (+).\n"
            "NDI 40%.  DHI 46.  PSFS 5.0.\n"
            "Function: cannot drive on the highway, needs breaks every 20 min at computer,\n"
            "avoids grocery aisles.\n"
            "Plan: 1x/week x 6 weeks, in clinic or telehealth. HEP: gaze stabilization x1\n"
            "viewing 3 x 30 s, cervical JPE laser training 10 reps, chin tucks 10 x 5 s.\n"
            "Goals: NDI < 20%, drive highway 30 min, work 2 hrs without symptoms.\n"
            "M. Oyelaran, PT, DPT\n"
        ),
        Page(
            "PINECREST VESTIBULAR & BALANCE CENTER\n\n"
            "TELEHEALTH VISIT (synchronous video)   09/09/2025  10:00-10:35\n"
            "Pt at home, verbal consent confirmed, identity verified. Neck pain 3/10. Dizziness\n"
            "2 episodes this week. Reviewed gaze stabilization, progressed to 3 x 45 s standing;\n"
            "added seated rotation SNAGs 2x6. No adverse response.   MO\n\n"
            "TELEHEALTH VISIT (synchronous video)   09/16/2025  10:00-10:30\n"
            "Neck pain 3/10. One brief episode of dizziness. JPE training progressed to eyes\n"
            "closed, head-eye coordination 3 x 30 s. Pt drove 15 min on highway.   MO\n"
        ),
        Page(
            "PINECREST VESTIBULAR & BALANCE CENTER\nCONSENT TO TELEHEALTH SERVICES\n\n"
            "I understand that telehealth visits use secure video, that I may decline at any\n"
            "time, and that the same privacy protections apply as for in-person care.\n\n"
            "Signed: Farah Haddad      Date: 09/02/2025\nWitness: front desk\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-02", "evaluation", 1, 4, 55),
            _v("2025-09-09", "treatment", 2, 3),
            _v("2025-09-16", "treatment", 2, 3),
        ],
        plan=(1, 6, 1),
        side=None,
        documentation=_doc(
            outcomes=[_om("NDI", "2025-09-02", 40, 1), _om("PSFS", "2025-09-02", 5.0, 1)],
            exercise=[1, 2],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[],
    ),
)


# --- 14: lumbar after an epidural injection, fever and worsening back pain --------------------------

R14 = Record(
    name="blind4-14-lumbar-fever-after-injection",
    pages=[
        Page(
            "*** FAX ***\nDate: 2/20/26   To: Claims review   From: Granite State Spine PT\n"
            "Pages: 3 including this one\nRE: member Dwayne Castellanos - records request\n"
            "\nThis message is intended only for the addressee.\n"
        ),
        Page(
            "GRANITE STATE SPINE PT\nEval  2/10/2026   Castellanos, Dwayne  DOB 11/1/1970\n"
            "Dx: M51.26 lumbar disc displacement; pain to R buttock and lateral thigh.\n\n"
            "S: 4 mo LBP with R leg pain, 5/10 today. Scheduled for L4-5 ESI on 2/14.\n"
            "   (-) B&B changes, (-) saddle anesthesia, (-) fever, (-) wt loss, (-) night pain.\n"
            "O: flex 40 deg, ext 10 deg (R leg pain), R SLR 50 deg (+), slump (+) R.\n"
            "   Myotomes 5/5 B LE. DTR 2+ symmetric.\n"
            "   ODI 46%.\n"
            "Func: can't sit > 20 min, stand > 15 min; off work (warehouse).\n"
            "Plan: 2x/wk x 6 wks, resume after injection. HEP: sciatic nerve glides 2x10, walk\n"
            "   10 min 2x/day, prone on elbows 3 x 2 min.\n"
            "Goals: STG sit 45 min; LTG ODI < 24%, RTW full duty.\n"
            "   Sam Ocampo, PT\n"
        ),
        Page(
            "GRANITE STATE SPINE PT - PROGRESS / DAILY NOTES   Castellanos, D.\n\n"
            "2/12/2026  Pain 5/10. Nerve glides 2x10, bird-dog 2x10, walking program reviewed.\n"
            "           R leg pain unchanged.  SO\n\n"
            "2/18/2026  Had L4-5 ESI 2/14. Since 2/16 increasing, constant low back pain 8/10\n"
            "           with fever to 101.4 F at home last night and chills; tender over the\n"
            "           injection site with local warmth. Pt appears unwell.\n"
            "           No exercise performed. Called Dr. Mendel's office - pt instructed to go\n"
            "           to ED today for evaluation of possible post-injection infection.  SO\n"
        ),
    ],
    labels=_labels(
        visits=[
            _v("2026-02-10", "evaluation", 2, 5, None, "right"),
            _v("2026-02-12", "treatment", 3, 5, None, "right"),
            _v("2026-02-18", "treatment", 3, 8),
        ],
        plan=(2, 6, 2),
        side=("right", 2),
        documentation=_doc(
            outcomes=[_om("ODI", "2026-02-10", 46, 2)],
            strength=[2],
            exercise=[2, 3],
            deficits=[2],
            impairments=[2],
        ),
        side_mentions=[("right", 2), ("right", 3)],
        red_flags=[("infection", 3)],
    ),
)


# --- 15: paediatric knee pain with a hip cause suspected (SCFE) -------------------------------------

R15 = Record(
    name="blind4-15-peds-knee-pain-scfe",
    pages=[
        Page(
            "LITTLE STEPS PEDIATRIC THERAPY\nPHYSICAL THERAPY EVALUATION\n\n"
            "Child: Mason Tully   Age: 12 y 9 m   Wt 71 kg (>97th %ile)   Date: 04/14/26\n"
            "Accompanied by: mother\nReferral: PCP - 'L knee pain, r/o Osgood-Schlatter'\n\n"
            "Hx: 3 wks of aching pain in the left knee and thigh, limping after soccer. No\n"
            "specific injury. Pain 4/10 now. Mother says he does 'maybe 60%' of his normal\n"
            "activities.\n"
            "Exam: tibial tubercle non-tender, knee ROM full and pain-free, no effusion.\n"
            "L hip: IR 0 deg vs 35 deg on the other side; obligatory external rotation with\n"
            "passive hip flexion; pain in the groin at end range. Trendelenburg gait L.\n"
            "Hip abd MMT 4-/5 L.\n"
            "Function: cannot run, limps after 10 min walking, stairs painful.\n\n"
            "Assessment: knee pain with hip findings typical of slipped capital femoral\n"
            "epiphysis in an adolescent. Advised non-weight bearing with crutches; PCP called,\n"
            "same-day AP and frog-leg pelvis X-rays requested.\n"
            "Plan: no PT until imaging reviewed.\n  C. Lindahl, PT, PCS\n"
        ),
        Page(
            "LITTLE STEPS PEDIATRIC THERAPY\nSCHEDULING / CONTACT NOTE\n\n"
            "04/15/26 - mother called: X-rays done at Children's, orthopaedic surgery consult\n"
            "booked for 04/16. Pending appointments cancelled.\n"
            "04/21/26 - evaluation follow-up slot released.\n"
        ),
    ],
    labels=_labels(
        visits=[_v("2026-04-14", "evaluation", 1, 4, 60, "left")],
        plan=None,
        side=("left", 1),
        documentation=_doc(
            strength=[1],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("left", 1)],
        red_flags=[("stress_fracture_avn", 1)],
    ),
)


# --- 16: hip/buttock pain that turns out vascular: claudication, cool pale foot --------------------

R16 = Record(
    name="blind4-16-hip-buttock-claudication-scanned",
    pages=[
        Page(
            "RIVERBEND PT  -  Initial Eval\n\n5/5/25  Walt Kessler 69M\n"
            "Dx (per MD): R hip pain, M25.551\n\n"
            "S: R buttock + hip ache w/ walking ~2 blocks, makes him stop; eases in 2-3 min\n"
            "standing still, doesn't need to sit. Smoker 40 pk-yr. Pain now 2/10, 7/10 walking.\n"
            "O: R hip PROM WNL, FADIR (-), FABER (-). Lumbar ROM WNL, no reproduction.\n"
            "  R foot cool + pale vs L, cap refill 4 s, DP/PT pulses not palpable R.\n"
            "  Hip abd 4/5, ext 4/5.\n"
            "  LEFS 51.\n"
            "Func: walking limited to 2 blocks, can't play golf.\n"
            "A: sx + exam c/w vascular claudication, not musculoskeletal.\n"
            "P: ABI requested via PCP - fax sent. Hold PT.\n"
            "       T. Reinholt PT\n",
            scanned=True,
        ),
        Page(
            "RIVERBEND PHYSICAL THERAPY\nPRIOR AUTHORIZATION WORKSHEET (internal)\n\n"
            "Payer: Granite Medicare Advantage     Member ID: on file\n"
            "Requested: 97161 x1 (completed 05/05/2025), 97110 pending\n"
            "Status: on hold - pending medical clearance\n"
        ),
    ],
    labels=_labels(
        visits=[_v("2025-05-05", "evaluation", 1, 2, None, "right")],
        plan=None,
        side=("right", 1),
        documentation=_doc(
            outcomes=[_om("LEFS", "2025-05-05", 51, 1)],
            strength=[1],
            deficits=[1],
            impairments=[1],
        ),
        side_mentions=[("right", 1)],
        red_flags=[("vascular", 1)],
    ),
)


# --- 17: long post-op rotator cuff repair record: op note, eval, notes, a re-tear, noise pages ------


def _ws(n: int, body: str) -> str:
    return (
        "WESTSIDE ORTHOPEDIC PHYSICAL THERAPY  ::  WebPT export\n"
        "Patient: Graves, Thomas E.   Case: Shoulder post-op 2025\n\n"
        + body
        + f"\n\n-- page {n} / 11 --  printed 12/05/2025 by front desk\n"
    )


R17 = Record(
    name="blind4-17-postop-cuff-repair-long-retear",
    pages=[
        Page(
            _fax(1, 11, "DEC-05-2025 11:31") + "\nWESTSIDE ORTHOPEDIC PT - FAX\nTo: Utilization Management\n"
            "Re: Thomas Graves - continued care request, 11 pages\n"
            "Contents: operative report, PT evaluation, daily notes, progress note, card, ledger\n"
        ),
        Page(
            "NORTH COUNTY SURGICAL CENTER - OPERATIVE REPORT\n\n"
            "Patient: Thomas Graves   Date of surgery: 09/04/2025   Surgeon: P. Whelan, MD\n"
            "Procedure: right shoulder arthroscopic rotator cuff repair (supraspinatus, double\n"
            "row), subacromial decompression, biceps tenodesis.\n"
            "Findings: full-thickness supraspinatus tear 2.5 cm, good tissue quality.\n"
            "Post-op: sling 6 weeks; PROM only weeks 0-6; AAROM 6-8; strengthening at 12 weeks.\n",
            scanned=True,
        ),
        Page(
            _ws(
                3,
                "INITIAL EVALUATION   Mon, 15 Sep 2025\n"
                "Dx: Z98.890 / M75.121 - s/p R RCR 09/04/2025\n"
                "Prior PT: this shoulder was treated here 02/06/2023 - 04/21/2023, 14 visits, for\n"
                "impingement; discharged at 90% function. No further care until this year.\n"
                "Subjective: pain 6/10 in sling. Pt rates function 20%. Sleeping in recliner.\n"
                "Screen: no fever, incision healing, no calf pain, denies numbness in hand.\n"
                "Objective: PROM flex 80, abd 60, ER (scapular plane) 15. Strength not tested\n"
                "(protocol). Elbow/wrist/hand AROM WNL.\n"
                "QuickDASH 79.5.  SPADI 84.\n"
                "Functional: dependent for dressing upper body, unable to drive, unable to work\n"
                "(electrician).\n"
                "Plan: 2x/week for 12 weeks per surgeon protocol.\n"
                "Goals: STG 1) PROM flex 140 by wk 6 2) pain < 3/10 3) indep sling/don-doff\n"
                "LTG 1) AROM flex 150 2) lift 10 lb to shelf 3) return to work 4) QuickDASH < 25\n"
                "HEP: pendulums 2 min, table slides 10 reps 3x/day, elbow/wrist AROM 10 reps.\n"
                "Therapist: Renata Solis, PT, DPT",
            )
        ),
        Page(
            _ws(
                4,
                "DAILY NOTE   Wed, 17 Sep 2025   Visit 2\nPain 5/10. PROM flex 90, ER 20.\n"
                "Tx: PROM all planes, scapular clocks, cryo 10 min.  RS\n\n"
                "DAILY NOTE   Mon, 22 Sep 2025   Visit 3\nPain 5/10. PROM flex 100, ER 25.\n"
                "Tx: PROM, grade I-II GH mobs, pendulums reviewed.  RS",
            )
        ),
        Page(
            _ws(
                5,
                "DAILY NOTE   Thu, 25 Sep 2025   Visit 4\nPain 4/10. PROM flex 110, ER 30.  RS\n\n"
                "DAILY NOTE   Thu, 02 Oct 2025   Visit 5\nPain 4/10. PROM flex 120, ER 35. Sleeping in\n"
                "bed 3 nights.  RS\n\n"
                "Cancelled 09/29 - rescheduled to 10/02.",
            )
        ),
        Page(
            _ws(
                6,
                "DAILY NOTE   Tue, 14 Oct 2025   Visit 6\n"
                "Pain 3/10. Out of sling as of 10/13 per surgeon. PROM flex 135, ER 40.\n"
                "Started AAROM: wand flexion supine 2x10, pulleys 3 min, isometrics submax 5 x 5 s.\n"
                "  RS\n\nDAILY NOTE   Tue, 21 Oct 2025   Visit 7\n"
                "Pain 3/10. AAROM flex 130. Wand ER 2x15, table slides standing 2x10, scap\n"
                "retraction 2x15.  RS",
            )
        ),
        Page(
            _ws(
                7,
                "DAILY NOTE   Tue, 28 Oct 2025   Visit 8\n"
                "Pt reports he slipped on ice in the driveway on 10/26 and caught himself with the\n"
                "R arm, felt a pop with immediate pain and weakness. Today pain 7/10. Unable to\n"
                "actively elevate the arm past 40 deg though PROM flex 130; drop arm test (+),\n"
                "ER lag sign 20 deg. Suspect re-tear of the repair. Surgeon's office called;\n"
                "MRI arthrogram ordered. Tx: education only.  RS",
            )
        ),
        Page(
            _ws(
                8,
                "DAILY NOTE   Tue, 11 Nov 2025   Visit 9\n"
                "MRI 11/03: partial re-tear at the lateral row, repair intact medially; surgeon\n"
                "elected non-operative management, PT to continue with slowed progression.\n"
                "Gap in visits 10/28 - 11/11 while awaiting MRI and surgical review.\n"
                "Pain 4/10. PROM flex 130, ER 40. AAROM wand 2x10, pulleys 3 min.  RS",
            )
        ),
        Page(
            _ws(
                9,
                "PROGRESS NOTE   Mon, 1 Dec 2025   Visit 12\n"
                "S: pt feels the shoulder is 'getting there'; function better for dressing. Pain 3/10.\n"
                "O: R shoulder AROM flex 125, abd 105, ER 40. MMT (initiated 12 wks per surgeon):\n"
                "   flex 3+/5, abd 3+/5, ER 3+/5, IR 4/5.\n"
                "   QuickDASH 47.7.  SPADI 52.\n"
                "A: progress slowed by partial re-tear. STG 2/3 met (PROM, sling). LTG 0/4 met.\n"
                "   Still cannot reach above shoulder height with load, cannot return to work.\n"
                "P: 2x/week x 8 weeks. Therex: sidelying ER 1 lb 3x10, prone rows 3x12, serratus\n"
                "   punches 3x12, elevation to 90 with 0.5 kg 2x10.\n"
                "Renata Solis, PT, DPT",
            )
        ),
        Page(
            "MEMBER ID CARD (copy)\n\nSTATEWIDE HEALTH PARTNERS - PPO\nMember: THOMAS E GRAVES\n"
            "ID: SHP 448 201 775    Group: 0091-ELEC\nPCP copay $25   Specialist $45   PT $45\n"
            "Rx BIN 610014\n\nProvider services 1-800-555-0199\n"
        ),
        Page(
            _ws(
                11,
                "ACCOUNT LEDGER\nDate        Description               Charges   Adjust   Pt paid\n"
                "09/15/2025  Eval mod complexity       185.00    -40.00   45.00\n"
                "09/17/2025  Ther ex / manual          120.00    -30.00   45.00\n"
                "09/22/2025  Ther ex / manual          120.00    -30.00   45.00\n"
                "10/28/2025  Visit - education         60.00     -15.00   45.00\n"
                "12/01/2025  Progress note + ther ex   150.00    -35.00   45.00\n"
                "Balance forward: 0.00",
            )
        ),
    ],
    labels=_labels(
        visits=[
            _v("2025-09-15", "evaluation", 3, 6, 20, "right"),
            _v("2025-09-17", "treatment", 4, 5),
            _v("2025-09-22", "treatment", 4, 5),
            _v("2025-09-25", "treatment", 5, 4),
            _v("2025-10-02", "treatment", 5, 4),
            _v("2025-10-14", "treatment", 6, 3),
            _v("2025-10-21", "treatment", 6, 3),
            _v("2025-10-28", "treatment", 7, 7, None, "right"),
            _v("2025-11-11", "treatment", 8, 4),
            _v("2025-12-01", "progress_note", 9, 3, None, "right"),
        ],
        prior=[_ep("2023-02-06", "2023-04-21", 14, 3, 90)],
        plan=(2, 8, 9),
        side=("right", 3),
        documentation=_doc(
            goals=(2, 3, 0, 4, 9),
            outcomes=[
                _om("QuickDASH", "2025-09-15", 79.5, 3),
                _om("SPADI", "2025-09-15", 84, 3),
                _om("QuickDASH", "2025-12-01", 47.7, 9),
                _om("SPADI", "2025-12-01", 52, 9),
            ],
            strength=[9],
            exercise=[3, 6, 8, 9],
            deficits=[3, 9],
            impairments=[3, 4, 5, 6, 7, 8, 9],
            gap=8,
        ),
        side_mentions=[("right", 2), ("right", 3), ("right", 7), ("right", 9)],
        red_flags=[("tendon_rupture", 7)],
    ),
)


BLIND4: list[Record] = [R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17]
