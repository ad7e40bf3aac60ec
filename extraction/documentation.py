"""Readers for the documentation block: functional deficits, objective impairments, reported
improvement, outcome measures with score and date, objective strength, exercise parameters and a gap
explanation. Each works on one sentence; the caller keeps its page and quote."""

from __future__ import annotations

import re

from .fields import GOAL_CONTEXT
from .text import norm_space
from .types import OutcomeMeasure

IC = re.IGNORECASE

IMPROVEMENT = [
    re.compile(r"(\d{1,3})\s*(?:%|percent\b)\s*(?:overall\s+)?(?:improvement|improved|better)\b", IC),
    re.compile(r"\bimprov\w*\s+(?:by\s+)?(?:about\s+|approximately\s+|~)?(\d{1,3})\s*(?:%|percent\b)", IC),
]


def improvement_in(text: str) -> int | None:
    if GOAL_CONTEXT.search(text):
        return None
    for rx in IMPROVEMENT:
        m = rx.search(text)
        if m and 0 <= int(m.group(1)) <= 100:
            return int(m.group(1))
    return None


OUTCOME_NAMES: list[tuple[str, str]] = [
    ("LEFS", r"LEFS|Lower\s+Extremity\s+Functional\s+Scale"),
    ("ODI", r"(?:Modified\s+)?Oswestry(?:\s+Disability\s+(?:Index|Questionnaire))?|m?ODI"),
    ("NDI", r"NDI|Neck\s+Disability\s+Index"),
    ("HOOS", r"HOOS(?:[,\s-]*JR\.?)?"),
    ("KOOS", r"KOOS(?:[,\s-]*JR\.?)?"),
    ("QuickDASH", r"Quick\s*-?\s*DASH|qDASH"),
    ("HAGOS", r"HAGOS(?:\s*[-(]?\s*(?:sport|pain|symptoms|ADL|QOL|PA)\)?)?"),
    ("iHOT-12", r"iHOT\s*-?\s*12"),
    ("iHOT-33", r"iHOT\s*-?\s*33"),
    ("FAAM", r"FAAM(?:\s*[-/]?\s*(?:ADL|Sports?))?|Foot\s+and\s+Ankle\s+Ability\s+Measure"),
    ("PSFS", r"PSFS|Patient[- ]Specific\s+Functional\s+Scale"),
    ("SPADI", r"SPADI"),
    ("HOS", r"HOS(?:\s*[-(]?\s*(?:ADL|sport)\)?)?"),
]
_SCORE_TAIL = (
    # a parenthetical may name a subscale or list the items scored: "PSFS (stairs 4, walking 30 min 3): 3.5"
    r"\s*(?:\([A-Za-z ]{1,30}\)|\((?=[^()]*[A-Za-z])[^()]{1,80}\)\s*(?=[:=]))?\s*(?:score|total|average|avg\.?)?\s*"
    r"(?:[:=\-]|is|of|was|at)?\s*(?:now|currently|today)?\s*(?:[:=]|at)?\s*"
    r"(?P<score>\d{1,3}(?:\.\d+)?)\s*(?P<max>/\s*\d{1,3}|%)?"
)
OUTCOME = [
    (name, re.compile(r"(?<![A-Za-z])(?:" + rx + r")(?![A-Za-z])" + _SCORE_TAIL, IC)) for name, rx in OUTCOME_NAMES
]


# an earlier score given with its date right after the current one:
# "QuickDASH 22.7 today (40.9 at the initial evaluation on 2024-01-08)", "LEFS 51/80 (was 38/80 on 8/5/25)"
_EARLIER_SCORE = re.compile(
    r"^\s*(?:today|now|this\s+visit)?\s*\(\s*(?:was\s+|from\s+)?(?P<score>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?"
    r"[^()]{0,50}?\b(?:on|dated)?\s*(?P<date>[^()]{6,20})\)",
    IC,
)


def earlier_scores_in(text: str, end: int) -> list[tuple[float, int]]:
    """(score, offset of its date text) for an earlier score given in parentheses after a measure's score."""
    m = _EARLIER_SCORE.match(text[end:])
    if m is None:
        return []
    return [(float(m.group("score")), end + m.start("date"))]


def outcomes_in(text: str) -> list[tuple[str, float, int, int]]:
    """(canonical name, score, start, end) for each outcome measure scored in this sentence."""
    if GOAL_CONTEXT.search(text):
        return []
    out: list[tuple[str, float, int, int]] = []
    taken: list[int] = []
    for name, rx in OUTCOME:
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            score = float(m.group("score"))
            if name == "PSFS" and score > 10:
                continue
            taken.append(m.start())
            out.append((name, score, m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])


MMT = re.compile(r"(?<![\d/.])[0-5][+-]?\s*/\s*5(?![\d/])")
DYNAMOMETRY = re.compile(
    r"\b(?:dynamomet\w*|HHD|grip(?:\s+strength)?)\b[^.;]{0,60}?\d+(?:\.\d+)?\s*(?:kg|lbs?|N|kgf|#)(?![A-Za-z])", IC
)


def strength_in(text: str) -> bool:
    if GOAL_CONTEXT.search(text):
        return False
    return bool(DYNAMOMETRY.search(text)) or (bool(MMT.search(text)) and not re.search(r"/\s*10\b", text))


EXERCISE = [
    re.compile(r"(?<![\d/.])\d{1,2}\s*[x×]\s*\d{1,3}(?![\d/])(?!\s*(?:units?|min|mins|minutes|wks?|weeks?)\b)", IC),
    re.compile(r"\b\d+\s*sets?\s*(?:of|x)\s*\d+", IC),
    re.compile(r"\b\d+\s*reps?\b", IC),
    re.compile(r"\b\d+\s*(?:s|sec|second|seconds)\s*holds?\b|\bhold\w*\s*(?:for\s*)?\d+\s*(?:s|sec|seconds)\b", IC),
    re.compile(r"\b(?:red|yellow|green|blue|black|silver|gold)\s+(?:theraband|TB|band|tubing)\b", IC),
    re.compile(r"\brest\s+\d+\s*(?:s|sec|seconds|min)\b", IC),
]
_EXERCISE_LOAD = re.compile(r"\b\d+(?:\.\d+)?\s*(?:lb|lbs|kg|#)(?![A-Za-z])", IC)
_EXERCISE_WORD = re.compile(
    r"\b(?:squats?|press|raises?|curls?|rows?|deadlifts?|kettlebell|step[- ]?ups?|lunges?|bridges?|SLR|SAQ|LAQ|TKE|ankle\s+weight|dumbbell|weights?|holding)\b",
    IC,
)


def exercise_params_in(text: str) -> list[str]:
    if GOAL_CONTEXT.search(text) or re.search(r"weight\s+loss|dynamomet|grip|HHD", text, IC):
        return []
    hits = [m.group(0) for rx in EXERCISE for m in rx.finditer(text)]
    if _EXERCISE_WORD.search(text):
        hits += [m.group(0) for m in _EXERCISE_LOAD.finditer(text)]
    return hits


_DEFICIT = re.compile(
    r"\b(?:difficulty|difficulties|trouble|unable\s+to|inability\s+to|limited\s+(?:with|in)|limitations?\s+(?:with|in)|"
    r"cannot|can't|pain\s+with|problems?\s+with|dependent\s+(?:for|with)|functional\s+(?:limitations|deficits)\s*[:\-]|"
    r"diff\.?\s*(?:w/|with)|guarded\s+(?:with|when|during)?(?=\s*\w+ing\b)|wakes?\s+(?:up\s+)?(?=when|while|if\b))"
    r"\s*(?P<items>[^.;]+)",
    IC,
)


# an activity done only with an aid or in a limited way: "stairs with a rail", "walking with a cane", "step-to"
_AIDED = re.compile(
    r"\b(?P<items>(?:stairs|steps|walking|walks|gait|ambulation|ambulates|transfers?)\s+(?:with|w/)\s+"
    r"(?:a\s+|the\s+|one\s+|1\s+)?(?:rail|railing|handrail|assist\w*|cane|walker|crutch\w*|help|device)|"
    r"step[- ]to(?:\s+(?:pattern|gait))?(?:\s+on\s+(?:the\s+)?(?:descent|ascent|stairs))?)",
    IC,
)


def deficits_in(text: str) -> list[str]:
    if GOAL_CONTEXT.search(text):
        return []
    out: list[str] = [
        norm_space(m.group("items"))
        for m in _AIDED.finditer(text)
        if not re.search(r"\b(?:no|without|denies|independent)\b[^.;]{0,15}$", text[: m.start()], IC)
    ]
    for m in _DEFICIT.finditer(text):
        if re.search(r"\b(?:no|without|denies)\s*$", text[: m.start()], IC):
            continue
        items = m.group("items")
        if re.search(r"bladder|bowel|urinat|voiding|micturit|stool|breathing|swallow", items, IC):
            continue  # a symptom of the body's systems (a red-flag screen), not a function
        if re.match(r"\s*(?:radiat|referr|numb|tingl|symptoms|swelling|spasm)", items, IC):
            continue  # "pain with radiating symptoms": the complaint, not a limited activity
        for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", items):
            part = norm_space(re.sub(r"^(?:with|in|w/)\s*", "", part.strip(), flags=IC))
            if 2 < len(part) <= 120:
                out.append(part)
    return out


_IMPAIRMENT = [
    re.compile(
        r"\b(?:ROM|AROM|PROM|flexion|extension|abduction|adduction|IR|ER|DF|PF|dorsiflexion|plantarflexion|rotation|rot|"
        r"scaption|elevation|lag)\b[^.;]{0,40}?\d{1,3}\s*(?:°|deg\b|degrees\b)",
        IC,
    ),
    re.compile(
        r"\b(?:decreased|limited|reduced|restricted|impaired|diminished|deficits?\s+in|weakness|weak)\b[^.;]{0,30}?"
        r"\b(?:ROM|range\s+of\s+motion|strength|mobility|flexibility|extension|flexion|sensation|motor\s+control|endurance|balance|ER|IR)\b",
        IC,
    ),
    re.compile(
        r"\b(?:ROM|range\s+of\s+motion|strength|mobility|flexion|extension|rotation)\b[^.;]{0,20}?\b(?:is\s+)?(?:limited|decreased|reduced|restricted|impaired)\b",
        IC,
    ),
    re.compile(r"(?<![\d/.])[0-4][+-]?\s*/\s*5(?![\d/])"),
    re.compile(
        r"\b(?:muscular\s+restrictions?|painful\s+arc|quad\s+lag|weakness|hypomobil\w+|forward\s+head\s+posture|"
        r"(?:FADIR|FABER|SLR|straight\s+leg\s+raise|Hawkins|Neer|Lachman|Thomas|Ober|anterior\s+drawer)\s+(?:test\s+)?positive|"
        r"positive\s+(?:FADIR|FABER|SLR|straight\s+leg\s+raise|Hawkins|Neer|Lachman|Thomas|Ober|anterior\s+drawer))\b",
        IC,
    ),
    re.compile(r"\bendurance\s+\d+\s*(?:s|sec|seconds)\b", IC),
    # motion as a share of what is expected, or painful at its end: "flexion ... (about 75% of expected)"
    re.compile(
        r"\b(?:ROM|AROM|PROM|flexion|extension|rotation|abduction|side\s*bend\w*|motion)\b[^.;]{0,50}?"
        r"\d{1,3}\s*%\s+of\s+(?:expected|normal|the\s+other\s+side|contralateral)",
        IC,
    ),
    re.compile(r"\b(?:painful|pain)\s+at\s+(?:the\s+)?end[- ]?(?:range|of\s+range)\b", IC),
]


def impairment_in(text: str) -> bool:
    if GOAL_CONTEXT.search(text) or exercise_params_in(text):
        return False
    if any(rx.search(text) for rx in _IMPAIRMENT):
        return True
    return bool(DYNAMOMETRY.search(text))


_GAP = [
    re.compile(
        r"\b(?:gap|break|hiatus|lapse|interruption|pause)\s+(?:in|of|between|from)\b[^.]*?\b(?:because|due\s+to|secondary\s+to|as|when|while)\b",
        IC,
    ),
    re.compile(
        r"\b(?:missed|cancell?ed)\s+(?:\d+\s+)?(?:visits|appointments|sessions)\b[^.]*?\b(?:due\s+to|because)\b", IC
    ),
    re.compile(r"\bon\s+hold\b[^.]*?\b(?:due\s+to|because|while)\b", IC),
    re.compile(
        r"\b(?:not\s+(?:been\s+)?seen|no\s+(?:PT|therapy|treatment|visits))\s+(?:between|from|since|for|in|after)\b"
        r"[^.]*?\b(?:because|due\s+to|as|since|while)\b",
        IC,
    ),
    re.compile(r"\bunable\s+to\s+attend\b[^.]*?\b(?:due\s+to|because)\b", IC),
]


def gap_explained(text: str) -> bool:
    return any(rx.search(text) for rx in _GAP)


def make_outcome(name: str, score: float, date: str | None) -> OutcomeMeasure:
    return OutcomeMeasure(name=name, date=date, score=score)
