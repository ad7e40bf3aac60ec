"""Red flags with negation, hypotheticals and family history handled by medspaCy's ConText.

A blank spaCy English tokenizer (no model download) + medspaCy's target matcher + ConText.
The red-flag keys are those of the criteria vocabulary (criteria/data/starter_criteria.json).
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

from .text import Sentence

# key -> phrases that, asserted in a sentence, document that red flag
RED_FLAG_PHRASES: dict[str, tuple[str, ...]] = {
    "cauda_equina": (
        "saddle anesthesia",
        "saddle anaesthesia",
        "saddle numbness",
        "saddle paresthesia",
        "numbness in the saddle region",
        "saddle region numbness",
        "bowel or bladder dysfunction",
        "bowel/bladder dysfunction",
        "bowel or bladder changes",
        "bowel/bladder changes",
        "bowel and bladder changes",
        "bowel or bladder incontinence",
        "difficulty controlling his bladder",
        "difficulty controlling her bladder",
        "difficulty controlling bladder",
        "urinary retention",
        "loss of bladder control",
        "loss of bowel control",
        "fecal incontinence",
        "cauda equina",
        "CES",
        "saddle anesth",
        "saddle area numbness",
        "numbness in the saddle area",
        "perianal numbness",
        "decreased perianal sensation",
        "perianal sensation decreased",
        "bladder retention",
        "retention of urine",
        "new incontinence",
    ),
    "dvt": (
        "dvt",
        "deep vein thrombosis",
        "deep venous thrombosis",
        "positive homans",
        "(+) homans",
        "homans sign",
        "homan's sign",
        "homans",
        "calf swelling",
        "calf pain and swelling",
        "calf swollen",
        "swollen calf",
        "hot swollen calf",
        "wells score high",
        "blood clot",
        "concern for a clot",
        "possible clot",
    ),
    "infection": ("fever", "chills", "septic", "infection", "purulent drainage"),
    "malignancy": (
        "cancer",
        "malignancy",
        "metastatic",
        "metastases",
        "metastasis",
        "night sweats",
        "lymphoma",
        "carcinoma",
        "melanoma",
        "myeloma",
        "sarcoma",
        "leukemia",
        "leukaemia",
        "tumor",
        "tumour",
        "neoplasm",
    ),
    "night_pain": (
        "night pain",
        "pain at night",
        "nocturnal pain",
        "constant pain not relieved by rest",
        "wakes at night with pain",
        "wakes him at night",
        "wakes her at night",
        "wakes them at night",
        "wakes him from sleep",
        "wakes her from sleep",
        "waking at night with pain",
        "waking him at night",
        "waking her at night",
        "not relieved by rest",
        "not eased by rest",
        "unrelieved by rest",
        "not relieved by lying still",
        "regardless of position",
        "no matter what position",
        "no matter how she lies",
        "no matter how he lies",
        "no matter how they lie",
    ),
    "progressive_neuro_deficit": (
        "progressive weakness",
        "worsening weakness",
        "progressive numbness",
        "foot drop",
        "progressive neurological deficit",
        "progressive neurologic deficit",
        "progressive neuro deficit",
        "progressive neurological signs",
        "worsening neurological deficit",
        "worsening neurologic deficit",
        "progressive sensory loss",
        "worsening sensory loss",
    ),
    "unexplained_weight_loss": (
        "unexplained weight loss",
        "unintentional weight loss",
        "unintended weight loss",
        "unplanned weight loss",
        "wt loss",
        "weight loss",
    ),
    # the criteria's label: femoral-neck stress fracture, avascular necrosis or SCFE
    "stress_fracture_avn": (
        "avascular necrosis",
        "stress fracture",
        "osteonecrosis",
        "slipped capital femoral epiphysis",
        "scfe",
        "perthes",
        "slipped epiphysis",
        "slipped femoral epiphysis",
    ),
    "suspected_fracture": (
        "suspected fracture",
        "possible fracture",
        "occult fracture",
        "snuffbox tenderness",
        "tenderness in the anatomical snuffbox",
        "point tenderness in the anatomical snuffbox",
        "unable to bear weight after",
        "cannot bear weight after",
    ),
    "hip_fracture_dislocation": (
        "hip fracture",
        "fractured hip",
        "femoral neck fracture",
        "fracture of the femoral neck",
        "hip dislocation",
        "dislocated hip",
        "shortened and externally rotated",
        "shortened and ER",
    ),
    "tendon_rupture": (
        "tendon rupture",
        "positive thompson",
        "palpable gap",
        "palpable defect",
        "re-tear",
        "retear",
        "re-rupture",
        "rerupture",
        "ruptured tendon",
        "drop arm test (+)",
        "(+) drop arm",
        "positive drop arm",
        "unable to perform a straight leg raise",
        "unable to perform SLR",
    ),
    "vascular": (
        "claudication",
        "pulsatile mass",
        "diminished pedal pulses",
        "pedal pulses diminished",
        "absent pedal pulses",
        "pulses diminished",
        "diminished pulses",
        "absent pulses",
        "weak pulses",
        "dorsalis pedis faint",
        "faint pedal pulses",
    ),
    "visceral_referral": (
        "hematuria",
        "blood in urine",
        "blood in the urine",
        "blood in his urine",
        "blood in her urine",
        "dark urine",
        "colicky flank pain",
    ),
}

# phrases that contain a red flag's words but are not one: matched as their own (longer) targets, then dropped
_NOT_A_FLAG = "NOT_A_FLAG"
NOT_RED_FLAGS: tuple[str, ...] = (
    "hay fever",
    "fever blister",
    "cancer screening",
    "cancer screen",
    "weight loss goal",
    "weight loss goals",
    "weight loss program",
    "weight loss surgery",
    "weight loss plan",
    "weight loss medication",
    "dvt prophylaxis",
    "dvt precautions",
    "infection control",
    # a partial tear is not a rupture
    "partial re-tear",
    "partial retear",
    "partial tear",
    "partial-thickness tear",
    # claudication from the spine (spinal stenosis), not a vascular cause
    "neurogenic claudication",
    "neurogenic-type claudication",
    "spinal claudication",
    "pseudoclaudication",
    "pseudo-claudication",
)

# Extra ConText modifiers for how PT notes write negation and non-assertion.
_EXTRA_MODIFIERS: tuple[tuple[str, str, str], ...] = (
    ("(-)", "NEGATED_EXISTENCE", "FORWARD"),
    (": no", "NEGATED_EXISTENCE", "BIDIRECTIONAL"),
    # "signs of an occult fracture despite the negative X-ray": what follows does not negate what came before
    ("despite", "TERMINATE", "TERMINATE"),
    ("in spite of", "TERMINATE", "TERMINATE"),
    ("neg", "NEGATED_EXISTENCE", "FORWARD"),
    ("negative", "NEGATED_EXISTENCE", "FORWARD"),
    ("negative", "NEGATED_EXISTENCE", "BACKWARD"),
    ("screen negative", "NEGATED_EXISTENCE", "BACKWARD"),
    # "Red flag screen negative for cauda equina, malignancy and infection" (the longer phrase wins its span)
    ("screen negative for", "NEGATED_EXISTENCE", "FORWARD"),
    ("screened negative for", "NEGATED_EXISTENCE", "FORWARD"),
    ("screening negative for", "NEGATED_EXISTENCE", "FORWARD"),
    ("absent", "NEGATED_EXISTENCE", "FORWARD"),
    ("unlikely", "NEGATED_EXISTENCE", "FORWARD"),
    ("intentional", "NEGATED_EXISTENCE", "FORWARD"),
    ("not present", "NEGATED_EXISTENCE", "BACKWARD"),
    ("resolved", "NEGATED_EXISTENCE", "BACKWARD"),
    ("without", "NEGATED_EXISTENCE", "FORWARD"),
    ("free of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no s/s of", "NEGATED_EXISTENCE", "FORWARD"),
    ("no signs or symptoms of", "NEGATED_EXISTENCE", "FORWARD"),
    ("educated on", "HYPOTHETICAL", "FORWARD"),
    ("educated pt on", "HYPOTHETICAL", "FORWARD"),
    ("educated patient on", "HYPOTHETICAL", "FORWARD"),
    ("signs and symptoms of", "HYPOTHETICAL", "FORWARD"),
    ("s/s of", "HYPOTHETICAL", "FORWARD"),
    ("monitor for", "HYPOTHETICAL", "FORWARD"),
    ("watch for", "HYPOTHETICAL", "FORWARD"),
    ("precautions", "HYPOTHETICAL", "BACKWARD"),
    ("risk of", "HYPOTHETICAL", "FORWARD"),
)

# a negative result written right after its test ("Homans (-)", "Homans neg", "Homans sign: negative").
# ConText keeps one rule per span, and "(-)" before a finding is the forward rule above; this one reads
# the tokens right after the finding instead, so it negates that finding only ("Fever, Homans (-)").
_RESULT_AFTER = re.compile(
    r"^(?:\s*/\s*[A-Za-z]+)*"  # "Fever/chills: neg": the answer covers the slash list
    r"(?:\s*(?:risk|risks|risk\s+factors?)\b|"  # "DVT risk: low", "DVT risk factors: recent surgery": a risk, not the finding
    r"\s*(?:sign|test|screen(?:ing)?|screened|w/?u|work-?up|signs|symptoms)?\s*(?:[:=?]|\s-\s)?\s*"
    # a finding then its state: "Night pain resolved", "infection signs absent", "weight loss intentional"
    r"(?:(?:has\s+|have\s+|now\s+)?(?:resolved|absent|unlikely|intentional|not\s+(?:present|suspected|likely|seen))\b|"
    # "DVT screen n/a", "Homans: not applicable", "infection screen clear"
    r"n/a\b|N/A\b|not\s+applicable\b|clear(?:ed)?\b(?!\s+(?:fluid|drainage))|unremarkable\b|"
    r"\(\s*(?:-|neg|negative)\s*\)|neg\b|negative\b|-ve\b|(?:-\s*|was\s+|is\s+|has\s+been\s+)?ruled\s+out\b"
    # a form's answer: "Night pain: No", "Fever - none" (the whole answer, not "- no relief with meds")
    # a form's row read as one line, the answer all that follows: "Saddle anesthesia No", "History of cancer Denies"
    r"|(?:no|none|denies|denied|absent)\s*\.?\s*$"
    r"|(?:(?<=[:=\-?]\s)\s*|(?<=[:=\-?]))(?:no|none|denied|denies|absent|(?-i:N))\b"
    r"(?=\s*(?:$|[,;.|)]|[A-Za-z/ ]{1,30}:|\s{2,}))"
    r"|\(?-\)?(?=\s*[,;.]|\s*$)"
    # a Y/N form's answer after the item, its boxes read: "Night pain [ ]Y [X]N" reads "Night pain      N"
    r"|\s+(?-i:N|No|NO)(?=\s{2,}|\s*$|\s+(?-i:[A-Z][a-z]))))",
    re.IGNORECASE,
)


# worsening weakness or sensory loss with up to two words between ("worsening L5 weakness",
# "progressive R quadriceps weakness", "increasing numbness"): spaCy token patterns
_WORSENING = {"LOWER": {"IN": ["worsening", "progressive", "progressing", "increasing", "spreading"]}}
_NEURO_LOSS = {"LOWER": {"IN": ["weakness", "numbness", "paresthesia", "paresthesias", "paraesthesia"]}}
_URINE = {"LOWER": {"REGEX": r"^(?:urin\w*|void\w*|bladder|pee\w*)$"}}
_TROUBLE = {"LOWER": {"IN": ["trouble", "difficulty", "hesitancy", "unable", "inability", "can't", "cannot"]}}
_FRACTURE = {"LOWER": {"IN": ["fracture", "fx", "fractures"]}}
_PATTERNS: tuple[tuple[str, list[dict[str, Any]]], ...] = (
    ("progressive_neuro_deficit", [_WORSENING, {"OP": "?"}, {"OP": "?"}, _NEURO_LOSS]),
    # "worsening motor loss", "progressive motor and sensory loss"
    (
        "progressive_neuro_deficit",
        [_WORSENING, {"LOWER": {"IN": ["motor", "sensory", "strength"]}}, {"OP": "?"}, {"OP": "?"}, {"LOWER": "loss"}],
    ),
    # "his grip is getting weaker week over week", "the leg is becoming weaker"
    (
        "progressive_neuro_deficit",
        [{"LOWER": {"IN": ["getting", "growing", "becoming", "grown", "become"]}}, {"LOWER": "weaker"}],
    ),
    # "his urine has been dark like tea"
    ("visceral_referral", [{"LOWER": "urine"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, {"LOWER": "dark"}]),
    # "trouble starting urine stream", "difficulty starting to void", "unable to empty the bladder"
    ("cauda_equina", [_TROUBLE, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _URINE]),
    # "numb 'down there'", "numbness down there"
    (
        "cauda_equina",
        [
            {"LOWER": {"IN": ["numb", "numbness", "tingling"]}},
            {"IS_PUNCT": True, "OP": "*"},
            {"LOWER": "down"},
            {"LOWER": "there"},
        ],
    ),
    # "calf is hot, red and swollen", "L calf swollen, warm and tender" (a few words between)
    (
        "dvt",
        [{"LOWER": "calf"}, {"OP": "?"}, {"OP": "?"}, {"LOWER": {"IN": ["swollen", "hot", "warm", "erythematous"]}}],
    ),
    # "concern for L hip fracture", "suspect scaphoid fracture", "clinical signs of an occult scaphoid fracture"
    (
        "suspected_fracture",
        [
            {"LOWER": {"IN": ["suspect", "suspected", "suspicious", "possible", "probable", "occult", "?"]}},
            {"OP": "?"},
            {"OP": "?"},
            _FRACTURE,
        ],
    ),
    ("suspected_fracture", [{"LOWER": "concern"}, {"LOWER": "for"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"}, _FRACTURE]),
    # claudication told by its distance: "calf cramps after about one block", "cramping walking 2 blocks"
    (
        "vascular",
        [
            {"LOWER": {"IN": ["cramps", "cramping", "cramp"]}},
            {"OP": "?"},
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": {"IN": ["block", "blocks"]}},
        ],
    ),
    # "R leg lies shorter and turned outward"
    (
        "hip_fracture_dislocation",
        [
            {"LOWER": {"IN": ["shorter", "shortened"]}},
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": {"IN": ["turned", "rotated", "externally"]}},
        ],
    ),
    # "wakes him most nights", "woken every night by the pain"
    (
        "night_pain",
        [
            {"LOWER": {"IN": ["wakes", "waking", "woken", "awakens", "awakened", "wake"]}},
            {"OP": "?"},
            {"OP": "?"},
            {"LOWER": {"IN": ["nights", "nightly"]}},
        ],
    ),
)


# night pain that comes with lying on the sore side and eases when the patient moves is mechanical, not a red flag
_POSITIONAL = re.compile(
    r"\b(?:(?:eases?|eased|relieved|resolves?|better|settles?)\s+(?:with|by|on|after)\s+(?:re-?positioning|changing\s+position|"
    r"position\s+change|turning|rolling)|when\s+(?:lying|sleeping|rolling)\s+on\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:involved|affected|painful|sore|injured|left|right|L|R)\b)",
    re.IGNORECASE,
)


_RULED_OUT_AFTER = re.compile(
    r"^\s*(?:was\s+|is\s+|has\s+been\s+)?(?:ruled\s+out|excluded|negative|neg\b|not\s+(?:found|seen|present))",
    re.IGNORECASE,
)


# a measured fever: "Oral temp in clinic 38.6 C", "T 101.2 F"
_FEVER = re.compile(
    r"\b(?:temp(?:erature)?|T)\b[^.;\d]{0,20}(?:(?:3[89]|4[01])(?:\.\d)?\s*°?\s*C\b|10[0-5](?:\.\d)?\s*°?\s*F\b)",
    re.IGNORECASE,
)
# "down about 14 pounds since July and has not been trying to lose it", "lost 15 lbs without trying"
_WEIGHT_DOWN = re.compile(
    r"\b(?:lost|down|dropped)\s+(?:about\s+|around\s+|~)?\d{1,3}\s*(?:lbs?|pounds|kg|kilos)\b[^.]{0,60}?"
    r"\b(?:not\s+(?:been\s+)?trying|without\s+trying|unintentional|unintended|unexplained|for\s+no\s+reason|can'?t\s+explain)",
    re.IGNORECASE,
)
_BY_PATTERN = (("infection", _FEVER), ("unexplained_weight_loss", _WEIGHT_DOWN))


def _unanswered_question(sentences: list[Sentence], i: int) -> bool:
    """A question not answered yes right after it ("Fever or chills?" then "N", or nothing)."""
    if not sentences[i].text.rstrip().endswith("?"):
        return False
    nxt = sentences[i + 1].text.strip() if i + 1 < len(sentences) and sentences[i + 1].page == sentences[i].page else ""
    return not re.match(r"(?:Y|Yes|yes|YES|\(\+\)|\+)(?![A-Za-z])", nxt)


def _outside(ent: Any, categories: set[str]) -> list[Any]:
    """The ConText modifiers of these categories that stand outside the finding's own words ("lost 15 lbs
    without trying" holds its "without": it does not negate itself)."""
    return [
        m
        for m in ent._.modifiers
        if m.category in categories and not (ent.start <= m.modifier_span[0] and m.modifier_span[1] <= ent.end)
    ]


def _asserted_away(ent: Any) -> bool:
    """Negated, hypothetical or a relative's, by words around the finding."""
    return bool(_outside(ent, {"NEGATED_EXISTENCE", "HYPOTHETICAL", "FAMILY"}))


def _historical(ent: Any) -> bool:
    """History that reaches this finding: "history of cancer", not every item listed after it ("Given her history
    of cancer, the unexplained weight loss and the night pain": the weight loss and the pain are now)."""
    doc = ent.doc
    for m in _outside(ent, {"HISTORICAL"}):
        between = doc[m.modifier_span[1] : ent.start].text
        if m.modifier_span[1] <= ent.start and "," not in between and " and " not in f" {between} ":
            return True
        if m.modifier_span[0] >= ent.end:  # a history word after the finding ("cancer, hx of")
            return True
    return False


def _specific(key: str, text: str) -> str:
    """A suspected fracture that names its kind is that kind: "concern for femoral neck stress fracture"."""
    if key == "suspected_fracture":
        low = text.lower()
        if "stress fracture" in low or "stress fx" in low:
            return "stress_fracture_avn"
        if re.search(r"\bhip\s+(?:fracture|fx)\b|\bfemoral\s+neck\s+(?:fracture|fx)\b", low):
            return "hip_fracture_dislocation"
    return key


# a red flag that is historical still counts for these keys ("history of cancer")
_HISTORY_COUNTS = {"malignancy"}


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    import spacy
    from medspacy.context import ConText, ConTextRule  # type: ignore[import-untyped,unused-ignore]
    from medspacy.target_matcher import TargetMatcher, TargetRule  # type: ignore[import-untyped,unused-ignore]

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # we pass one sentence at a time; this only marks its bounds
    matcher: TargetMatcher = nlp.add_pipe("medspacy_target_matcher")
    matcher.add([TargetRule(phrase, key) for key, phrases in RED_FLAG_PHRASES.items() for phrase in phrases])
    matcher.add([TargetRule(phrase, _NOT_A_FLAG) for phrase in NOT_RED_FLAGS])
    matcher.add([TargetRule(f"{key}-pattern", key, pattern=pattern) for key, pattern in _PATTERNS])
    context: ConText = nlp.add_pipe("medspacy_context")
    context.add([ConTextRule(lit, cat, direction=dirn) for lit, cat, dirn in _EXTRA_MODIFIERS])
    # a test result written after the test ("Homans (-)", "Homans neg"): it negates only the finding
    # right before it, not everything earlier in the sentence
    return nlp


def red_flags_in(sentences: list[Sentence]) -> list[tuple[str, Sentence]]:
    """(red-flag key, sentence) for each red flag asserted (not negated, hypothetical or family)."""
    nlp = _pipeline()
    out: list[tuple[str, Sentence]] = []
    texts = [s.text for s in sentences]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*W036.*")  # medspaCy's unused empty sub-matcher
        docs = list(nlp.pipe(texts))
    for i, (sent, doc) in enumerate(zip(sentences, docs, strict=True)):
        if _unanswered_question(sentences, i):
            continue  # a form's question ("Fever or chills?") asserts nothing; its answer does
        # keys the sentence itself rules out by a result after the finding ("DVT ruled out", "SCFE negative")
        worked_up = {
            _specific(str(e.label_), e.text)
            for e in doc.ents
            if e.label_ != _NOT_A_FLAG and _RULED_OUT_AFTER.match(doc.text[e.end_char :])
        }
        for ent in doc.ents:
            if ent.label_ == _NOT_A_FLAG:
                continue
            if _asserted_away(ent):
                continue
            if _RESULT_AFTER.match(doc.text[ent.end_char :]):
                continue
            key = _specific(str(ent.label_), ent.text)
            if key in worked_up:
                continue  # "calf swelling POD 3 - DVT ruled out by duplex": the finding was worked up
            if _historical(ent) and key not in _HISTORY_COUNTS:
                continue
            if key == "night_pain" and _POSITIONAL.search(doc.text):
                continue
            if (key, sent) not in out:  # one finding per key and sentence, however many phrases name it
                out.append((key, sent))
        for key, rx in _BY_PATTERN:
            if rx.search(doc.text) and (key, sent) not in out:
                out.append((key, sent))
    return out
