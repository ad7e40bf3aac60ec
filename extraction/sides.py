"""Side mentions: the side given to the treated region, not comparisons, directions or spinal levels."""

from __future__ import annotations

import re

from .text import Sentence

REGION = (
    r"(?:hip|hips|knee|knees|shoulder|shoulders|shldr|shld|shldrs|ankle|ankles|foot|feet|elbow|elbows|wrist|wrists|hand|hands|"
    r"leg|legs|LE|LEs|UE|UEs|lower\s+extremit(?:y|ies)|upper\s+extremit(?:y|ies)|arm|arms|thigh|calf|calves|heel|"
    r"glute(?:al|us)?|groin|buttock|SI\s+joint|SIJ|hamstrings?|quad(?:s|riceps)?|ITB|patella|rotator\s+cuff|GH|"
    r"TKA|THA|TKR|THR|ACL|MCL|achilles|forearm|thumb|toe|toes|lateral\s+(?:hip|knee|ankle|elbow)|"
    r"medial\s+(?:knee|elbow|ankle)|"
    # the spine's regions and the parts a record names instead of the joint
    r"(?:low(?:er)?\s+)?back|LBP|neck|lumbar|cervical|thoracic|paraspinals?|sacroiliac|scapula|upper\s+trap(?:ezius)?|"
    r"trap(?:ezius)?|rib|ribs|epicondyle|trochanter|radius|ulna|tibia|fibula|femur|humerus|clavicle|AC\s+joint|"
    r"menisc(?:us|i)|plantar\s+fascia|biceps|triceps|deltoid|gastroc(?:nemius)?|soleus|piriformis|finger|fingers|"
    r"glute\s+(?:med|max)(?:ius|imus)?|greater\s+trochanter|distal\s+radius)"
)
# a side given to a motion or a one-leg test of the treated limb: "L DF 14 deg", "R SLS 12 s"; a mention only
# where the sentence gives no other side (both sides measured is a comparison: "L PF 3+/5, R PF 4/5")
_MOTION = re.compile(
    r"(?<![\w/-])(?P<side>left|right|lt\.?|rt\.?|L|R)[\s-]+(?:ankle\s+)?(?:DF|PF|dorsiflexion|plantar\s*flexion|inversion|eversion|"
    r"SLS|single[- ]leg\s+(?:stance|squat|hop|balance|heel\s+raises?))\b",
    re.IGNORECASE,
)
# a limb's side in one word: "RLE", "LUE", "BLE"
_LIMB = re.compile(r"(?<![\w/-])(?P<side>R|L|B)(?P<limb>LE|UE)s?(?![\w/-])")
# "pain on the left side of her neck"
_SIDE_OF = re.compile(
    r"\bon\s+the\s+(?P<side>left|right)\s+side\s+of\s+(?:the\s+|his\s+|her\s+|their\s+)?" + REGION + r"\b",
    re.IGNORECASE,
)
_SIDE_WORD = r"(?P<side>left|right|lt\.?|rt\.?|L|R|bilateral|bilat\.?|bil\.|B/L|BL|both)"
# side then region (a few words allowed between: "left lateral hip", "R hip and knee")
_SIDE_BEFORE = re.compile(
    r"(?<![\w/-])"
    + _SIDE_WORD
    + r"(?:[\s-]+(?:sided|side|lateral|medial|anterior|posterior|total|proximal|distal|upper|lower))?\s*[\s-]\s*"
    + REGION
    + r"\b",
    re.IGNORECASE,
)
# region then side: "hip (R)", "knee: left", "ankle, right", "on the right" right after a region test
_SIDE_AFTER = re.compile(
    r"\b"
    + REGION
    + r"\s*(?:\(\s*"
    + _SIDE_WORD
    + r"\s*\)|[:,]\s*"
    + _SIDE_WORD.replace("?P<side>", "?P<side2>")
    + r"\b)",
    re.IGNORECASE,
)
_ON_THE = re.compile(
    r"\b(?:positive|negative|\(\+\)|MMT[^.;]{0,40}?|\d\+?-?/5)\s+on\s+the\s+(?P<side>left|right)\b", re.IGNORECASE
)
# a form's side field: "Side: Left", "Involved side: R", "Affected side - right" (checkboxes already read)
_SIDE_FIELD = re.compile(
    r"\b(?:(?:involved\s+|affected\s+|treated\s+|treatment\s+)?side|laterality)\s*[:=\-]\s*(?P<side>left|right|bilateral|lt|rt|L|R|B/L)\b"
    r"(?!\s*(?:/|or\b))",
    re.IGNORECASE,
)

_COMPARISON_BEFORE = re.compile(
    r"(?:compared\s+(?:to|with)|vs\.?|versus|than|relative\s+to|contralateral|uninvolved|uninjured|unaffected|"
    r"non-?involved|non-?affected|opposite|other|healthy|sound)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_COMPARISON_AFTER = re.compile(
    r"^\s*\S*\s*(?:WNL|within\s+normal\s+limits|normal|5/5|intact|unremarkable|symmetric|"
    r"full\s+(?:range|ROM|AROM|PROM|motion|strength))"
    # a measurement marked as the comparison side: "right knee: 0-135 (uninvolved)"
    r"|^[^.;()]{0,25}\(\s*(?:uninvolved|unaffected|non-?involved|non-?affected|contralateral|comparison|normal\s+side)\b",
    re.IGNORECASE,
)
# side + region followed by nothing but a range of motion ("L knee 0-140."): a measurement
_ONLY_ROM_AFTER = re.compile(
    r"^\s*(?:A?ROM|PROM|flex(?:ion)?|ext(?:ension)?)?\s*[:=]?\s*\d{1,3}(?:\s*-\s*\d{1,3}){1,2}\s*(?:deg\w*|°)?"
    r"\s*(?:[,;.)]|$)",
    re.IGNORECASE,
)
_DIRECTION_BEFORE = re.compile(
    r"(?:to\s+the|toward(?:s)?\s+the|rot(?:ation|ate|ating)?|side[\s-]?bend(?:ing)?|SB|lateral\s+flexion|lean(?:ing)?|turn(?:ing)?|shift(?:ed)?|deviat\w+|tilt\w*)\s*$",
    re.IGNORECASE,
)
# a region named for a neuro or vascular screen ("R Achilles reflex 1+", "L patellar DTR 2+", "R pedal pulse"):
# a test of the nerve or vessel, not the side of the treated region
_SCREEN_AFTER = re.compile(r"^\s*(?:tendon\s+)?(?:reflex\w*|DTRs?|jerk|pulses?|dermatomes?|myotomes?)\b", re.IGNORECASE)
# a nerve root's side: "L S1 radiculopathy", "right L5 radicular pain", "left-sided sciatica"
_ROOT = re.compile(
    r"(?<![\w/-])" + _SIDE_WORD + r"(?:[\s-]+sided)?\s+(?:[CLST]\d(?:\s*[-/]\s*[CLST]?\d)?\s+)?"
    r"(?:radiculopathy|radicular\s+(?:pain|symptoms)|sciatica|nerve\s+root)\b",
    re.IGNORECASE,
)
_HAND = re.compile(r"^[\s-]*(?:handed|hand[\s-]+dominant|dominant)", re.IGNORECASE)


def _norm(word: str) -> str:
    w = word.lower().rstrip(".")
    if w in ("left", "lt", "l"):
        return "left"
    if w in ("right", "rt", "r"):
        return "right"
    return "bilateral"


def measurement_only(sentence: Sentence, offset: int) -> bool:
    """Whether the side at this offset is given only a range of motion ("L knee 0-140"): on a page
    where the treated region has the other side, that is the uninvolved side given for comparison."""
    m = _SIDE_BEFORE.match(sentence.text, offset)
    return bool(m) and bool(_ONLY_ROM_AFTER.match(sentence.text[m.end() :])) if m else False


def sides_in(sentence: Sentence) -> list[tuple[str, int]]:
    """(side, offset in the sentence) for each side given to a treated region in this sentence."""
    text = sentence.text
    found: list[tuple[str, int]] = []
    for rx in (_SIDE_BEFORE, _SIDE_AFTER, _ON_THE, _SIDE_FIELD, _ROOT, _LIMB, _SIDE_OF):
        for m in rx.finditer(text):
            group = "side" if m.groupdict().get("side") else "side2"
            word = m.group(group)
            if word is None:
                continue
            start = m.start(group)
            before = text[max(0, start - 40) : start]
            after = text[m.end(group) : m.end(group) + 30]
            if word.lower() == "both" and not re.match(r"\s*" + REGION, after, re.IGNORECASE):
                continue
            if word.lower() == "both" and re.search(r"\b(?:with|using|use|uses)\s*$", before, re.IGNORECASE):
                continue  # "carry a basket with both hands": how a task is done, not the treated side
            if _COMPARISON_BEFORE.search(before) or _HAND.match(after):
                continue
            direction = _DIRECTION_BEFORE.search(before)
            if direction and not (rx is _SIDE_BEFORE and re.match(r"(?:to|toward)", direction.group(0), re.IGNORECASE)):
                continue  # "rotation to the left"; but "radiating to the L buttock" names a region
            if rx is _SIDE_BEFORE and _SCREEN_AFTER.match(text[m.end() : m.end() + 30]):
                continue
            if (
                rx is _SIDE_BEFORE
                and re.match(r"(?:right|left)\s+back\b", m.group(0), re.IGNORECASE)
                and (
                    re.match(
                        r"\s*(?:to|into|in|at|from|on|home|up|where|after|when|out)\b", text[m.end() :], re.IGNORECASE
                    )
                    or re.search(r"\b(?:plays?|playing|played|position)\s*$", before, re.IGNORECASE)
                )
            ):
                continue  # "went right back to work", "plays left back": not a side of the back
            if word in ("L", "R", "l", "r") and re.match(r"[\d/]", after):
                continue  # spinal level (L4) or an abbreviation such as r/o
            if rx is _SIDE_AFTER and m.group("side2") and re.match(r"\s*\d", after):
                continue  # "quadriceps: L 9.1 kg, R 10.4 kg": a measurement list, not the treated side
            if rx in (_SIDE_BEFORE, _LIMB) and _COMPARISON_AFTER.match(text[m.end() : m.end() + 30]):
                continue  # "L knee WNL": the uninvolved side given for comparison
            found.append((_norm(word), start))
    motions = [(_norm(m.group("side")), m.start("side")) for m in _MOTION.finditer(text)]
    sides_here = {side for side, _ in found} | {side for side, _ in motions}
    if motions and len(sides_here) == 1:
        found += [m for m in motions if m[1] not in {f[1] for f in found}]
    found.sort(key=lambda x: x[1])
    return found
