"""Red flags named the way the criteria name them: progressive neurological deficit (worsening
weakness or sensory loss), SCFE with stress fracture and AVN, and claudication from the spine that
is not a vascular cause. Texts written for these tests."""

from __future__ import annotations

import pytest

from extraction.redflags import red_flags_in
from extraction.text import Sentence


def _flags(text: str) -> set[str]:
    return {key for key, _ in red_flags_in([Sentence(1, 0, 0, text)])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reports worsening L4 weakness since Friday.", {"progressive_neuro_deficit"}),
        ("Progressive R quadriceps weakness over 2 weeks.", {"progressive_neuro_deficit"}),
        ("Spreading numbness into the lateral foot.", {"progressive_neuro_deficit"}),
        ("Findings suggest a progressive neurologic deficit; MD notified.", {"progressive_neuro_deficit"}),
        ("Denies worsening weakness or numbness.", set()),
        ("No progressive neurological deficit.", set()),
        ("Weakness is improving, not worsening.", set()),
        ("Concerning for a slipped capital femoral epiphysis; x-rays today.", {"stress_fracture_avn"}),
        ("Hip x-rays: SCFE ruled out.", set()),
        ("MRI: osteonecrosis of the femoral head.", {"stress_fracture_avn"}),
        ("Dx: lumbar stenosis with neurogenic claudication.", set()),
        ("Walks 2 blocks before pseudoclaudication sets in.", set()),
        ("Calf claudication after one block; cool, pale foot.", {"vascular"}),
        # every key of the criteria, as therapists and patients write them
        ("Since Tuesday she has difficulty starting to void and feels numb down there.", {"cauda_equina"}),
        ("Decreased perianal sensation to light touch; suspect CES.", {"cauda_equina"}),
        ("Denies trouble starting urination.", set()),
        ("R calf is hot and swollen, tender along the veins.", {"dvt"}),
        ("No calf swelling, warmth or tenderness.", set()),
        (
            "Fell last night: R leg held shortened and externally rotated, groin pain 9/10.",
            {"hip_fracture_dislocation"},
        ),
        ("Hx of R hip fracture 2019, healed.", set()),
        (
            "Tenderness in the anatomical snuffbox; suspect scaphoid fracture despite a negative film.",
            {"suspected_fracture"},
        ),
        ("Ottawa rules negative; no suspected fracture.", set()),
        ("Felt a pop at the heel; palpable defect, Thompson (+).", {"tendon_rupture"}),
        ("MRI: partial tear of the supraspinatus.", set()),
        ("The ache wakes her most nights and is not eased by rest.", {"night_pain"}),
        ("Night pain when lying on the involved side, eases with repositioning.", set()),
        ("Screen: no fever, no calf pain.", set()),
        ("Red flags: Night pain N Fever N Progressive weakness N", set()),
        ("Fever Y Night pain N", {"infection"}),
        ("She has lost 12 lbs without trying since June.", {"unexplained_weight_loss"}),
        (
            "Given his history of melanoma, the unexplained weight loss and the night pain, I referred him.",
            {"malignancy", "unexplained_weight_loss", "night_pain"},
        ),
        ("History of night pain, resolved.", set()),
        ("Urine has been very dark since Sunday, with flank pain.", {"visceral_referral"}),
        ("Progressive motor and sensory loss in the R C7 distribution.", {"progressive_neuro_deficit"}),
        ("Her grip is getting weaker each week.", {"progressive_neuro_deficit"}),
        ("Concern for femoral neck stress fracture; MRI ordered.", {"stress_fracture_avn"}),
        ("Calf swelling on day 2 - DVT ruled out by duplex.", set()),
        ("Oral temp 38.9 C in clinic, knee hot.", {"infection"}),
        ("T 101.6 F.", {"infection"}),
        ("She is down about 9 pounds since spring and has not been trying to lose it.", {"unexplained_weight_loss"}),
        ("Down 9 pounds on her new diet.", set()),
        ("The ache is there at 2 a.m. no matter what position he tries.", {"night_pain"}),
        ("Calf cramps after two blocks, easing when he stands still.", {"vascular"}),
        ("L leg lies shortened and externally rotated after the fall.", {"hip_fracture_dislocation"}),
        ("Fever or chills?", set()),  # a form's question asserts nothing; its answer does
    ],
)
def test_red_flag_wording(text: str, expected: set[str]) -> None:
    assert _flags(text) == expected


def test_a_form_question_counts_only_when_answered_yes() -> None:
    from extraction.text import resolve_checkboxes, sentences
    from extraction.types import PageText

    page = PageText(
        1,
        resolve_checkboxes(
            "Fever or chills?                  Y [ ]  N [X]\nNight pain that wakes you?        Y [X]  N [ ]\n"
        ),
    )
    assert {k for k, _ in red_flags_in(sentences(page))} == {"night_pain"}
