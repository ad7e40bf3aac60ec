"""Readers for the documentation block: functional deficits, objective impairments, reported
improvement, outcome measures with score and date, objective strength, exercise parameters and a gap
explanation. Each works on one sentence; the caller keeps its page and quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fields import GOAL_CONTEXT
from .text import Sentence, find_dates, norm_space
from .types import OutcomeMeasure

IC = re.IGNORECASE

IMPROVEMENT = [
    re.compile(r"(\d{1,3})\s*(?:%|percent\b)\s*(?:overall\s+)?(?:improvement|improved|better)\b", IC),
    # a form's field: "Improvement: 50%", "Subjective improvement - 65%"
    re.compile(r"\bimprovement\s*[:=\-]\s*(?:about\s+|~)?(\d{1,3})\s*(?:%|percent\b)", IC),
    re.compile(
        r"\bimprov\w*\s+(?:by\s+|of\s+|at\s+|as\s+)?(?:about\s+|approximately\s+|around\s+|~)?(\d{1,3})\s*(?:%|percent\b)",
        IC,
    ),
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
    (
        "ODI",
        r"(?:Modified\s+)?Oswestry(?:\s+(?:Low\s+Back\s+Pain\s+)?Disability\s+(?:Index|Questionnaire))?(?:\s*\(M?ODI\))?|m?ODI",
    ),
    ("NDI", r"NDI|Neck\s+Disability\s+Index"),
    (
        "HOOS",
        r"(?:Hip\s+disability\s+(?:and|&)\s+Osteoarthritis\s+Outcome\s+Score(?:\s*\(HOOS\))?|HOOS)"
        r"(?:[,\s-]*(?:JR\.?|Joint\s+Replacement))?",
    ),
    (
        "KOOS",
        r"(?:Knee\s+injury\s+(?:and|&)\s+Osteoarthritis\s+Outcome\s+Score(?:\s*\(KOOS\))?|KOOS)"
        r"(?:[,\s-]*(?:JR\.?|Joint\s+Replacement))?",
    ),
    ("QuickDASH", r"Quick\s*-?\s*DASH|qDASH"),
    ("HAGOS", r"HAGOS(?:\s*[-(]?\s*(?:sport|pain|symptoms|ADL|QOL|PA)\)?)?"),
    ("iHOT-12", r"iHOT\s*-?\s*12"),
    ("iHOT-33", r"iHOT\s*-?\s*33"),
    (
        "FAAM",
        r"(?:FAAM|Foot\s+(?:and|&)\s+Ankle\s+Ability\s+Measure(?:\s*\(FAAM\))?)(?:\s*[-/]?\s*(?:ADL|Sports?))?",
    ),
    ("PSFS", r"PSFS|Patient[- ]Specific\s+Functional\s+Scale"),
    ("SPADI", r"SPADI"),
    ("HOS", r"HOS(?:\s*[-(]?\s*(?:ADL|sport)\)?)?"),
]
_SCORE_TAIL = (
    # a parenthetical may name a subscale or list the items scored: "PSFS (stairs 4, walking 30 min 3): 3.5"
    # or give the scale: "LEFS (/80)", "KOOS (0-100)"
    r"\s*(?:\([A-Za-z%/&\- ]{1,45}\)|\((?=[^()]*[A-Za-z])[^()]{1,80}\)\s*(?=[:=])|\(\s*(?:/\s*|0\s*[-–]\s*|max\.?\s+)\d{1,3}\s*\))?"
    r"\s*(?:interval\s+)?(?:score|total|average|avg\.?)?\s*"
    # "re-scored: 6.0", "reassessed at 41"; a form's dotted or underscored leader: "LEFS ........ 41/80"
    r"(?:(?:re-?)?(?:scored|assessed|tested|measured)\s*|,?\s*(?:scoring|with\s+a\s+(?:total\s+)?score\s+of)\s+)?"
    r"(?:\.{2,}|…+|_{2,})?\s*"
    # "had improved to 26%", "has decreased to 30", "now improved from 38 to 52" (the later score)
    r"(?:(?:has|had|have)\s+)?(?:(?:now\s+)?(?:improved|decreased|increased|dropped|declined|fallen|fell|risen|rose|"
    r"changed|went|gone|come\s+down|gone\s+down)\s+(?:from\s+(?P<was>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?\s+"
    r"(?:(?:at|on)\s+(?:the\s+|her\s+|his\s+)?(?:IE|initial(?:\s+eval\w*)?|eval\w*|SOC|start\s+of\s+care|baseline|intake)\s+)?)?to\s+)?"
    # the date it was taken, between name and score: "LEFS (10/01/25): 40/80", "LEFS 10/01/2025 - 40/80"
    r"(?:\(?\s*\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*\)?\s*(?=[:=\-(]|\s+\d)[:=\-]?\s*)?"
    r"(?:[:=\-]|is|of|was|at)?\s*(?:now|currently|today)?\s*(?:[:=]|at)?\s*(?:interval\s+score\s*)?"
    r"(?P<score>\d{1,3}(?:\.\d+)?)(?!\s*/\s*\d{1,2}\s*/\s*\d{2,4})(?!\d)\s*(?P<max>/\s*\d{1,3}|%)?"
    # the change written after it: "LEFS 41/80 -> 55/80" (the later score last), "LEFS 45/80, up from 32/80"
    r"(?:\s*(?:-+>|→|=>|>)\s*(?P<later>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?"
    r"|\s*,?\s*(?:\(\s*)?(?:up|down|improved|decreased|increased)\s+from\s+(?P<was2>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?\)?)?"
)
# a score before the measure's name: "scored 38/80 on the LEFS", "a score of 40% on the Oswestry"
_SCORE_BEFORE = r"\b(?:scored|scoring|score\s+of|rated)\s+(?:a\s+)?(?P<score>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?\s+on\s+(?:the\s+|her\s+|his\s+)?"
OUTCOME = [
    (name, re.compile(r"(?<![A-Za-z])(?:" + rx + r")(?![A-Za-z])" + _SCORE_TAIL, IC)) for name, rx in OUTCOME_NAMES
]
# the PSFS given its activities first and their average last: "PSFS: reaching 4/10, lifting 5/10 (avg 4.5)"
OUTCOME.append(
    (
        "PSFS",
        re.compile(
            r"(?<![A-Za-z])(?:PSFS|Patient[- ]Specific\s+Functional\s+Scale)(?![A-Za-z])[^.;]{0,80}?\b(?:avg|average|mean)\.?"
            r"\s*(?:score\s*)?(?:[:=]|of|is)?\s*(?P<score>\d{1,2}(?:\.\d+)?)(?P<max>/\s*10)?(?P<later>)(?P<was>)(?P<was2>)",
            IC,
        ),
    )
)
OUTCOME_AFTER = [(name, re.compile(_SCORE_BEFORE + r"(?:" + rx + r")(?![A-Za-z])", IC)) for name, rx in OUTCOME_NAMES]


# an earlier score given with its date right after the current one:
# "QuickDASH 22.7 today (40.9 at the initial evaluation on 2024-01-08)", "LEFS 51/80 (was 38/80 on 8/5/25)"
_EARLIER_SCORE = re.compile(
    r"^\s*(?:today|now|this\s+visit)?\s*\(\s*(?:was\s+|from\s+)?(?P<score>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?"
    r"[^()]{0,50}?\b(?:on|dated)?\s*(?P<date>[^()]{6,20})\)",
    IC,
)


_INITIAL = r"(?:IE|initial(?:\s+eval(?:uation)?|\s+visit|\s+exam)?|eval(?:uation)?|baseline|SOC|start\s+of\s+care|intake|admission)"
# an earlier score named by the visit it was taken at, with no date: "KOOS JR 44.9 (IE 38.2)",
# "QuickDASH 11.4 (initial: 52.3)", "LEFS 52 (was 38 at IE)", "ODI 30% (baseline 48%)"
_EARLIER_AT_INITIAL = re.compile(
    r"^\s*(?:today|now|this\s+visit)?\s*\(\s*(?:"
    r"(?:was\s+)?" + _INITIAL + r"\s*(?:score)?\s*[:=\-]?\s*(?P<score>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?"
    r"|(?:was\s+|from\s+)?(?P<score2>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?\s*(?:at|on)\s+(?:the\s+)?"
    + _INITIAL
    + r")"
    r"\s*\)",
    IC,
)
# the date of the initial evaluation as a record states it: "initial eval 10/06/2025", "IE 08-Sep-2025",
# "Start of care: 08/04/2025", "evaluated on September 22, 2025"
_INITIAL_DATE_LEAD = re.compile(
    r"\b(?:IE|initial\s+eval(?:uation)?|start\s+of\s+care|SOC|(?:I|we)\s+(?:first\s+)?evaluated\s+(?:\w+\s+)?on|"
    r"eval(?:uation)?\s+date|date\s+of\s+(?:initial\s+)?eval(?:uation)?)\s*(?:date|on|of)?\s*[:=\-]?\s*$",
    IC,
)


def earlier_scores_in(text: str, end: int, start: int | None = None) -> list[tuple[float, int | None]]:
    """(score, offset of its date text) for an earlier score given in parentheses after a measure's score;
    the offset is None when the parenthesis names the initial evaluation without a date ("(IE 38.2)"),
    or when the measure is written as a change ("improved from 38 to 52", "41 -> 55": from the start)."""
    if start is not None:
        was = _change_from(text, start, end)
        if was is not None:
            return [(was, None)]
    m = _EARLIER_SCORE.match(text[end:])
    if m is not None and find_dates(m.group("date")):
        return [(float(m.group("score")), end + m.start("date"))]
    m2 = _EARLIER_AT_INITIAL.match(text[end:])
    if m2 is not None:
        return [(float(m2.group("score") or m2.group("score2")), None)]
    if m is not None:
        return [(float(m.group("score")), end + m.start("date"))]
    return []


def refers_to_initial(page_text: str, offset: int) -> bool:
    """Whether the date at this offset is introduced as the initial evaluation's ("seen for initial eval
    10/06/2025", "(was 6/10 at IE 08-Sep-2025)"): inside a later note, that date is not the note's."""
    line_start = page_text.rfind("\n", 0, offset) + 1
    return bool(_INITIAL_DATE_LEAD.search(page_text[max(line_start, offset - 40) : offset]))


def initial_eval_date(texts: Sequence[str]) -> str | None:
    """The date the record gives its initial evaluation (the first one stated), if it names it."""
    for text in texts:
        for hit in find_dates(text):
            if _INITIAL_DATE_LEAD.search(text[max(0, hit.start - 40) : hit.start]):
                return hit.iso
    return None


def outcomes_in(text: str) -> list[tuple[str, float, int, int]]:
    """(canonical name, score, start, end) for each outcome measure scored in this sentence."""
    if GOAL_CONTEXT.search(text):
        return []
    out: list[tuple[str, float, int, int]] = []
    taken: list[int] = []
    for name, rx in [*OUTCOME, *OUTCOME_AFTER]:
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            score = float(m.groupdict().get("later") or m.group("score"))
            if name == "PSFS" and score > 10:
                continue
            taken.append(m.start())
            out.append((name, score, m.start(), m.end()))
    return sorted(out, key=lambda x: x[2])


def _change_from(text: str, start: int, end: int) -> float | None:
    """The earlier score of a change written with the measure: "from 38 to 52", "41 -> 55", "up from 32"."""
    for _name, rx in OUTCOME:
        m = rx.match(text, start)
        if m is not None and m.end() == end:
            if m.group("later"):
                return float(m.group("score"))
            was = m.group("was") or m.group("was2")
            return float(was) if was else None
    return None


MMT = re.compile(r"(?<![\d/.])[0-5][+-]?\s*/\s*5(?![\d/])")
DYNAMOMETRY = re.compile(
    r"\b(?:dynamomet\w*|HHD|grip(?:\s+strength)?)\b[^.;]{0,60}?\d+(?:\.\d+)?\s*(?:kg|lbs?|N|kgf|#)(?![A-Za-z])", IC
)


# a force or torque measured by an instrument named anywhere in the sentence: "Knee ext 20.5 kgf (HHD)",
# "isokinetic quad peak torque 110 Nm", "MMT 4 out of 5"
_INSTRUMENT = re.compile(r"\b(?:HHD|dynamomet\w*|isokinetic|Biodex|peak\s+torque)\b", IC)
_FORCE = re.compile(r"\d+(?:\.\d+)?\s*(?:kg|kgf|lbs?|N|Nm|ft-?lbs?)(?![A-Za-z])|\bLSI\b", IC)
_MMT_WORDS = re.compile(r"\b(?:MMT|strength)\b[^.;]{0,30}?\b[0-5][+-]?\s+out\s+of\s+5\b", IC)


def strength_in(text: str) -> bool:
    if GOAL_CONTEXT.search(text):
        return False
    if _INSTRUMENT.search(text) and _FORCE.search(text):
        return True
    if _MMT_WORDS.search(text):
        return True
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


# a performance test scored in repetitions: "30 s chair stand: 11 reps", "5x sit-to-stand test", "heel raise test"
_REPS_TEST = re.compile(
    r"\b(?:\d+\s*-?\s*(?:s|sec|second)s?\s+(?:chair\s+stands?|sit[- ]to[- ]stands?|STS|CST)|chair\s+stand\s+test|"
    r"sit[- ]to[- ]stand\s+test|(?:heel|calf)\s+raise\s+test)\b",
    IC,
)


def exercise_params_in(text: str) -> list[str]:
    if GOAL_CONTEXT.search(text) or re.search(r"weight\s+loss|dynamomet|grip|HHD", text, IC):
        return []
    hits = [m.group(0) for rx in EXERCISE for m in rx.finditer(text)]
    if _REPS_TEST.search(text):
        hits = [h for h in hits if not re.fullmatch(r"\d+\s*reps?", h, IC)]  # the test's score
    if _EXERCISE_WORD.search(text):
        hits += [m.group(0) for m in _EXERCISE_LOAD.finditer(text)]
        # "calf raises x 20", "bridges x20" (reps without sets)
        hits += [
            m.group(0)
            for m in re.finditer(
                r"(?<![\d/.])[x×]\s*\d{1,3}(?![\d/])(?!\s*(?:units?|min|mins|minutes|wks?|weeks?|days?|visits?|sec|s)\b)",
                text,
                IC,
            )
            if not any(m.group(0) in h for h in hits)
        ]
    return hits


_DEFICIT = re.compile(
    r"\b(?:difficulty|difficulties|trouble|unable\s+to|inability\s+to|limited\s+(?:with|in)|limitations?\s+(?:with|in)|"
    r"cannot|can't|pain\s+with|problems?\s+with|dependent\s+(?:for|with)|functional\s+(?:limitations|deficits)\s*[:\-]|"
    r"diff\.?\s*(?:w/|with)|guarded\s+(?:with|when|during)?(?=\s*\w+ing\b)|wakes?\s+(?:up\s+)?(?=when|while|if\b)|"
    # "limited tolerance for standing", "needs assist with bathing", "requires min A for transfers",
    # "can only walk 10 min", "ambulation limited to 1 block", "sleep disturbed by pain"
    r"limited\s+tolerance\s+(?:for|to)|(?:needs|requires|required)\s+(?:\w+\s+){0,2}?(?:assist\w*|help|A)\s+(?:with|for)|"
    r"(?:can|could|is\s+able\s+to)\s+only|only\s+able\s+to|"
    r"(?=(?:ambulation|walking|sitting|standing|sleep|tolerance)\s+(?:is\s+)?(?:limited\s+to|disturbed|interrupted)))"
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


# a gait altered by pain: "limps the next morning", "antalgic gait", "limping after 10 min"
_LIMP = re.compile(r"\b(?P<items>limps?|limping|antalgic(?:\s+gait)?)\b", IC)


def deficits_in(text: str) -> list[str]:
    if GOAL_CONTEXT.search(text):
        return []
    out: list[str] = [
        norm_space(m.group("items"))
        for rx in (_AIDED, _LIMP)
        for m in rx.finditer(text)
        if not re.search(r"\b(?:no|without|denies|independent|not)\b[^.;]{0,15}$", text[: m.start()], IC)
        and not re.search(
            r"\b(?:less|no\s+longer|reduced|decreased|minimal|improved|resolved)\s*$", text[: m.start()], IC
        )
    ]
    for m in _DEFICIT.finditer(text):
        if re.search(r"\b(?:no|without|denies)\s*$", text[: m.start()], IC):
            continue
        items = m.group("items")
        if re.match(
            r"cannot\s+(?:be\s+)?(?:rule|ruled|exclude|excluded|confirm|determine|say|recall)\b", m.group(0), IC
        ):
            continue  # "cannot rule out DVT": the writer's uncertainty, not the patient's function
        if re.match(r"pain\s+with", m.group(0), IC) and re.match(
            r"\s*(?:(?:every|all|each|any)\s+(?:direction|movement|motion|plane)s?|(?:A|P)?ROM\b|palpation|resisted|"
            r"overpressure|(?:end[- ]range\s+)?(?:flexion|extension|rotation|side[- ]?bending|abduction)\b)",
            items,
            IC,
        ):
            continue  # "pain with every direction", "pain with resisted ER": an exam finding, not a function
        if re.search(r"bladder|bowel|urin\w*|voiding|micturit|stool|breathing|swallow", items, IC):
            continue  # a symptom of the body's systems (a red-flag screen), not a function
        if re.match(
            r"\s*(?:contact|call|phone|attend|assess|test|measure|examine|palpate|perform\s+(?:the\s+|an?\s+)?(?:test|exam|assessment|MMT|special)|complete\s+(?:the|a|an|her|his)\b|"
            r"be\s+seen|schedul|afford|obtain|verify|confirm|locate|reach\s+(?:the\s+)?(?:MD|Dr|doctor|office|physician|pt|patient|"
            r"surgeon|PCP|insurance))",
            items,
            IC,
        ):
            continue  # the clinic's task or the exam's limit ("unable to assess ROM due to pain"), not a function
        if re.match(r"\s*(?:radiat|referr|numb|tingl|symptoms|swelling|spasm|pain\b|aching\b|burning\b)", items, IC):
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
        r"\b(?:A?ROM|PROM|range\s+of\s+motion|strength|mobility|flexion|extension|rotation)\b[^.;]{0,20}?\b(?:is\s+)?(?:limited|decreased|reduced|restricted|impaired)\b",
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
    # a range without its unit: "AROM flex 0-110", "knee PROM 5-95"
    re.compile(r"\b(?:A?ROM|PROM)\b[^.;]{0,25}?(?<![\d/])\d{1,3}\s*-\s*\d{2,3}(?![\d/])", IC),
    re.compile(
        r"\b(?:IR|ER|DF|PF|abduction|AROM|PROM)\b[^.;]{0,12}?\b(?:is\s+)?(?:limited|decreased|reduced|restricted)\b", IC
    ),
    re.compile(r"\b(?:SLR|90/90|popliteal\s+angle)\b[^.;]{0,20}?\d{1,3}\s*(?:°|deg\b|degrees\b)", IC),
]
# swelling graded or measured, tissue findings on palpation, a positive test written "(+) Neer" (not where the
# sentence screens for a clot or an infection: "calf warm and tender to palpation", "(+) Homans")
_TISSUE = [
    re.compile(
        r"\b(?:edema|effusion|swelling)\b[^.;]{0,20}?(?:\d\+|trace|mild|moderate|severe|pitting|present|\d+(?:\.\d+)?\s*cm)\b",
        IC,
    ),
    re.compile(
        r"\b(?:TTP|tender(?:ness)?\s+to\s+palpation|hypertonic\w*|tight\s+\w+|crepitus|antalgic|muscle\s+guarding)\b",
        IC,
    ),
    re.compile(r"\(\+\)\s*[A-Z][A-Za-z'-]{2,}"),
]
_IMPAIRMENT += [
    # motion as a share of what is expected, or painful at its end: "flexion ... (about 75% of expected)"
    re.compile(
        r"\b(?:ROM|AROM|PROM|flexion|extension|rotation|abduction|side\s*bend\w*|motion)\b[^.;]{0,50}?"
        r"\d{1,3}\s*%\s+of\s+(?:expected|normal|the\s+other\s+side|contralateral)",
        IC,
    ),
    re.compile(r"\b(?:painful|pain)\s+at\s+(?:the\s+)?end[- ]?(?:range|of\s+range)\b", IC),
]


# any special test read positive: "calcaneal squeeze test positive", "positive Spurling's test", "Empty can (+)"
_POSITIVE_TEST = re.compile(
    r"\b(?:test|sign)\s*(?:is\s+|was\s+)?(?:positive|\(\+\)|\+)(?![\w/])|\bpositive\s+[A-Z][\w'-]*(?:\s+[\w'-]+)?\s+(?:test|sign)\b",
    IC,
)
# a target, not a measurement: "R knee flexion >= 115 deg", "ROM to at least 120 deg"
_TARGET = re.compile(r"(?:>=?|≥|<=?|≤|\bat\s+least|\bto\s+within|\bgreater\s+than|\bWFL\s+by)\s*\d", IC)


_SCREEN_SIGN = re.compile(r"\b(?:calf|Homans|DVT|incision|wound|portal|drainage|erythema|Wells)\b", IC)


def impairment_in(text: str) -> bool:
    if GOAL_CONTEXT.search(text) or exercise_params_in(text):
        return False
    if not _SCREEN_SIGN.search(text):
        if _POSITIVE_TEST.search(text) and not re.search(r"\b(?:no|not|denies)\b[^.;]{0,10}positive", text, IC):
            return True
        for rx in _TISSUE:
            for m in rx.finditer(text):
                if not re.search(
                    r"\b(?:no|not|denies|without|less|reduced|decreased|resolved)\b[^.;]{0,12}$", text[: m.start()], IC
                ):
                    return True
    if _TARGET.search(text) and not re.search(r"\d\s*/\s*5\b", text):
        return False
    if any(rx.search(text) for rx in _IMPAIRMENT):
        return True
    return bool(DYNAMOMETRY.search(text))


_GAP = [
    re.compile(
        r"\b(?:gap|break|hiatus|lapse|interruption|pause)\s+(?:in|of|between|from)\b(?!\s+(?:stance|swing|gait|motion|movement))[^.]*?\b(?:because|due\s+to|secondary\s+to|as|when|while)\b",
        IC,
    ),
    re.compile(
        r"\b(?:missed|cancell?ed|canceled)\s+(?:\d+\s+|two\s+|three\s+|several\s+)?(?:visits|appointments|appts|sessions)\b[^.]*?\b(?:due\s+to|because)\b",
        IC,
    ),
    re.compile(r"\bon\s+hold\b[^.]*?\b(?:due\s+to|because|while)\b", IC),
    re.compile(
        r"\b(?:not\s+(?:been\s+)?seen|no\s+(?:PT|therapy|treatment|visits))\s+(?:between|from|since|for|in|after)\b"
        r"[^.]*?\b(?:because|due\s+to|as|since|while)\b",
        IC,
    ),
    re.compile(r"\bunable\s+to\s+attend\b[^.]*?\b(?:due\s+to|because)\b", IC),
    # "a 10-day absence secondary to illness", "4-week break (insurance authorization delay)", "Lapse in care ...:
    # awaiting authorization"
    re.compile(
        r"(?:\b(?:\d+|one|two|three|four|five|six|several)[- ](?:day|week|wk|month)s?[- ]"
        r"(?:gap|break|hiatus|lapse|interruption|absence|pause)\b|"
        r"\b(?:gap|break|hiatus|lapse|interruption|absence|pause)\s+(?:in|of|from)\s+(?:care|treatment|therapy|PT|visits|"
        r"attendance|services)\b)[^.]{0,60}?(?:\bbecause\b|\bdue\s+to\b|\bsecondary\s+to\b|"
        r"\bpending\b|\bawaiting\b|[:(]\s*(?:pt\b|patient|insurance|authori[sz]ation|out\s+of|hospitali[sz]|admitted|ill|"
        r"sick|surgery|vacation|travel|family|covid))",
        IC,
    ),
    # "Therapy was interrupted for 2 weeks because of ..." (not a hold the note puts on care now: "Hold PT
    # pending clearance" is the plan, not a gap in care already given)
    re.compile(
        r"\b(?:therapy|treatment|PT|care)\s+(?:was|had\s+been)\s+(?:interrupted|suspended)\b[^.]*?"
        r"\b(?:because|due\s+to|secondary\s+to|while|when)\b",
        IC,
    ),
    # "away on vacation 6/1-6/14 and did not attend therapy"
    re.compile(
        r"\b(?:away|out\s+of\s+(?:town|state|the\s+country)|on\s+vacation|hospitali[sz]ed|admitted|ill|sick)\b[^.]{0,40}?"
        r"\b(?:did\s+not|didn't|unable\s+to|could\s+not|couldn't)\s+(?:attend|come|be\s+seen)",
        IC,
    ),
    # "Gap: pt missed 10/15 - 11/09 (4 weeks) -- travelled out of state", "missed 3 weeks while hospitalized"
    re.compile(
        r"\b(?:gap|break|interruption|absence)(?:\s+(?:in|of)\s+(?:care|treatment|therapy|attendance))?\s*[:\-]\s*\S[^.]{0,80}?(?:--|—|–|;|,|\bdue\s+to\b|\bbecause\b|"
        r"\bwhile\b|\bas\b)\s*(?:(?:he|she|pt|patient)\s+)?(?:was\s+|had\s+)?\w",
        IC,
    ),
    re.compile(
        r"\bmissed\b[^.]{0,60}?(?:--|—|–|;|\(|\bdue\s+to\b|\bbecause\b|\bwhile\b|\bas\b)\s*(?:(?:he|she|pt|patient)\s+)?"
        r"(?:was\s+|had\s+|went\s+)?(?:travel\w*|ill\b|sick|hospitali[sz]\w*|admitted|out\s+of\s+(?:town|state|the\s+country)|"
        r"on\s+vacation|away|surgery|covid|flu|caring|family|work|insurance|authori[sz]ation)",
        IC,
    ),
]


def gap_explained(text: str) -> bool:
    return any(rx.search(text) for rx in _GAP)


def make_outcome(name: str, score: float, date: str | None) -> OutcomeMeasure:
    return OutcomeMeasure(name=name, date=date, score=score)


# ---------------------------------------------------------------- scores in a table's columns

# a column heading that names the initial visit or the current one ("SOC 08/04/2025", "IE", "Today")
_COL_INITIAL = re.compile(r"^\s*(?:" + _INITIAL + r"|initial|prior|previous|before|pre)\b", IC)
_COL_CURRENT = re.compile(r"^\s*(?:current|today|now|this\s+visit|DC|D/C|discharge|after|post|latest)\b", IC)
# a column between them: a progress note or a re-evaluation ("IE | PN | Current")
_COL_PROGRESS = re.compile(r"^\s*(?:PN|progress(?:\s+note|\s+report)?|re-?eval(?:uation)?|RE|mid)\b", IC)
_NUM_CELL = re.compile(r"^(?P<score>\d{1,3}(?:\.\d+)?)\s*(?:/\s*\d{1,3}|%)?$")


def _cells(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell: cells are split by "|" or by two or more spaces."""
    sep = re.compile(r"\s*\|\s*") if "|" in line else re.compile(r"\s{2,}")
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in [*sep.finditer(line), None]:
        end = m.start() if m else len(line)
        text = line[pos:end]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            out.append((pos + lead, pos + lead + len(text.strip()), text.strip()))
        pos = m.end() if m else len(line)
    return out


def _column_heading(cell: str) -> tuple[str | None, str] | None:
    """A score column's heading -> (date, "initial" | "current" | "dated"), or None if not one."""
    dates = find_dates(cell)
    if dates:
        return dates[0].iso, "dated"
    for which, rx in (("initial", _COL_INITIAL), ("current", _COL_CURRENT), ("progress", _COL_PROGRESS)):
        if rx.match(cell):
            return None, which
    return None


def column_scores(page_text: str, offset: int) -> list[tuple[float, str | None, str]] | None:  # noqa: C901
    """For a table row holding a measure's scores in columns ("HOOS JR    48.1    63.4" under
    "Measure    SOC 08/04/2025    Today 09/05/2025", or "LEFS | 38 | 52" under "| IE | Current"):
    (score, the column's date, "initial" | "current" | "progress" | "dated") for each score. None if the line at
    offset is not such a row or no heading above names its columns."""
    line_start = page_text.rfind("\n", 0, offset) + 1
    line_end = page_text.find("\n", offset)
    row = page_text[line_start : line_end if line_end >= 0 else len(page_text)]
    cells = _cells(row)
    scores = [(c, _NUM_CELL.match(c[2])) for c in cells[1:]]
    if len(scores) < 2 or not all(m for _, m in scores):
        return None
    above = page_text[:line_start].split("\n")[::-1][:15]
    for line in above:
        head = _cells(line)
        if len(head) < 2:
            continue
        named = [(c, _column_heading(c[2])) for c in head]
        columns = [(c, h) for c, h in named if h is not None]
        if len(columns) < 2:
            continue  # another row of the table (or text): keep looking up
        out: list[tuple[float, str | None, str]] = []
        for i, (cell, m) in enumerate(scores):
            assert m is not None
            if "|" in row and "|" in line and len(head) - len(columns) <= 1 and len(columns) >= len(scores):
                col = columns[len(columns) - len(scores) + i][1]
            else:
                centre = (cell[0] + cell[1]) / 2
                col = min(columns, key=lambda ch: abs((ch[0][0] + ch[0][1]) / 2 - centre))[1]
            out.append((float(m.group("score")), col[0], col[1]))
        if len({(d, w) for _, d, w in out}) < len(out):
            return None  # two scores under one heading: the columns are not what they seem
        return out
    return None


# a date the sentence gives the visit a score was taken at, before it: "At his re-evaluation on November 3,
# 2025 his Oswestry had improved to 26%" (not "since 3/1", "from 2/1 to 3/1")
_ON_DATE_BEFORE = re.compile(r"\b(?:on|dated)\s*$", IC)


def score_date_in(text: str, start: int, end: int, has_earlier: bool) -> str | None:
    """The date a sentence gives one measure's score: right after it ("LEFS 42 on 8/4/25", "(08/04/2025)"),
    else an "on <date>" before it with no other measure between; None if the sentence gives none."""
    hits = find_dates(text)
    inside = [h for h in hits if start < h.start and h.end <= end]
    if inside:
        return inside[0].iso
    if not has_earlier:  # (a date inside "(40/80 on 6/12/24)" is the earlier score's, not this one's)
        near = [h for h in hits if end <= h.start <= end + 12]
        if near:
            return near[0].iso
    before = [h for h in hits if h.end <= start and _ON_DATE_BEFORE.search(text[: h.start])]
    if before and not outcomes_in(text[before[-1].end : start]):
        return before[-1].iso
    return None


# ---------------------------------------------------------------- measures named in a table's heading

_MEASURE_CELL = [
    (name, re.compile(r"^(?:" + rx + r")(?:\s*(?:score|total|%|\(\s*%\s*\)|/\s*\d{1,3}))?$", IC))
    for name, rx in OUTCOME_NAMES
]


def _measure_of(cell: str) -> str | None:
    return next((name for name, rx in _MEASURE_CELL if rx.match(cell.strip())), None)


def heading_measure_scores(page_text: str) -> list[tuple[str, float, str, int, str]]:
    """Scores in a table whose heading names the measures and whose rows are dated ("Date | LEFS | NPRS"
    over "09/30/2025 | 34 | 6"): (measure, score, row date, offset of the row, the row's text)."""
    out: list[tuple[str, float, str, int, str]] = []
    columns: list[tuple[tuple[int, int, str], str | None]] | None = None
    piped = False
    offset = 0
    for line in page_text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            columns = None
            continue
        cells = _cells(line)
        named = [(c, _measure_of(c[2])) for c in cells]
        if len(cells) >= 2 and any(m for _, m in named) and not find_dates(line):
            columns, piped = named, "|" in line
            continue
        if columns is None:
            continue
        dates = find_dates(line)
        if not dates or not cells or not find_dates(cells[0][2]):
            if not dates:
                columns = None if len(cells) < 2 else columns
            continue
        for i, cell in enumerate(cells[1:], 1):
            m = _NUM_CELL.match(cell[2])
            if m is None:
                continue
            if piped and "|" in line and len(cells) == len(columns):
                name = columns[i][1]
            else:
                centre = (cell[0] + cell[1]) / 2
                name = min(columns, key=lambda ch: abs((ch[0][0] + ch[0][1]) / 2 - centre))[1]
            if name is not None and not (name == "PSFS" and float(m.group("score")) > 10):
                out.append((name, float(m.group("score")), dates[0].iso, start, norm_space(line)))
    return out


# ---------------------------------------------------------------- goal lists

_GOAL_HEADING = re.compile(
    r"^\s*(?:(?:short|long)[- ]?term\s+|functional\s+|patient\s+|STG|LTG)?goals?\s*"
    r"(?:\([^)]{0,30}\)|(?:for|in|by|within)\s+\d+\s*[a-z]+|status|progress|/\s*\w+)?\s*:?\s*$|"
    r"^\s*(?:STGs?|LTGs?)\b[^:]{0,30}:\s*$",
    IC,
)
_OTHER_HEADING = re.compile(
    r"^\s*(?:[A-Z][A-Za-z /&]{1,30}|[SOAP])\s*:\s*|^\s*[A-Z][A-Z /&]{3,40}\s*$|"
    r"^\s*(?:plan(?:\s+of\s+care)?|assessment|subjective|objective|treatment|interventions?|exercises?|HEP|"
    r"home\s+(?:program|exercise)|frequency|outcome\s+measures|impression|recommendations?|signature|signed)\b",
    IC,
)


def goal_section_spans(page_text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the lines listed under a goals heading ("Goals (6 weeks):", "Short-term
    goals:"), up to a blank line or the next heading: the goals written there are targets, not findings."""
    spans: list[tuple[int, int]] = []
    offset = 0
    open_at: int | None = None
    for line in page_text.split("\n"):
        start = offset
        offset += len(line) + 1
        if _GOAL_HEADING.match(line):
            if open_at is None:
                open_at = start
            continue
        if open_at is not None and re.match(r"\s*(?:[-*•]\s*)?(?:STG|LTG|short[- ]?term|long[- ]?term|goal)", line, IC):
            continue
        if open_at is not None and (not line.strip() or _OTHER_HEADING.match(line)):
            spans.append((open_at, start))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(page_text)))
    return spans


def outcome_text(page_text: str, sentences: Sequence[Sentence], i: int) -> str:
    """The text to read a sentence's outcome measures in: the sentence, or, where a measure's name is cut by
    a line break the page's text did not join ("His Oswestry Disability" / "Index was 48%."), the sentence
    with the next line's."""
    s = sentences[i]
    if outcomes_in(s.text) or i + 1 >= len(sentences) or re.search(r"[.!?;:]\s*$", s.text):
        return s.text
    nxt = sentences[i + 1]
    between = page_text[s.end : nxt.start] if s.end >= 0 else ""
    if nxt.page != s.page or between.count("\n") != 1 or between.strip():
        return s.text
    joined = f"{s.text} {nxt.text}"
    if any(start < len(s.text) < end for _, _, start, end in outcomes_in(joined)):
        return joined
    return s.text


# ---------------------------------------------------------------- exercise tables

_EXERCISE_HEAD = re.compile(
    r"^(?:sets?|reps?|repetitions|sets?\s*/\s*reps?|sets?\s*x\s*reps?|load|weight|wt|resistance|hold|holds?\s*\(s\)|"
    r"duration|time|band|lbs?|kg)$",
    IC,
)


def exercise_table_rows(page_text: str) -> list[str]:
    """The rows of an exercise log whose heading names its parameters in columns ("Exercise | Sets | Reps |
    Load" over "Bridges | 3 | 10 | --"): each row that gives a number under one of them."""
    out: list[str] = []
    columns: list[tuple[int, int, str]] | None = None
    for line in page_text.split("\n"):
        cells = _cells(line)
        if not line.strip():
            columns = None
            continue
        heads = [c for c in cells if _EXERCISE_HEAD.match(c[2])]
        if (
            len(cells) >= 3
            and len(heads) >= 2
            and any(re.match(r"(?:sets?|reps?|repetitions|load|weight|resistance)", h[2], IC) for h in heads)
        ):
            columns = heads
            continue
        if columns is None or len(cells) < 2:
            continue
        for cell in cells[1:]:
            if not re.fullmatch(r"\d{1,3}(?:\.\d+)?\s*(?:#|lbs?|kg|s|sec)?|\d{1,2}\s*[x×]\s*\d{1,3}", cell[2], IC):
                continue
            centre = (cell[0] + cell[1]) / 2
            nearest = min(columns, key=lambda c: abs((c[0] + c[1]) / 2 - centre))
            if abs((nearest[0] + nearest[1]) / 2 - centre) <= 12 or "|" in line:
                out.append(norm_space(line))
                break
    return out


_FORCE_HEAD = re.compile(r"\b(?:HHD|dynamomet\w*|kgf?|lbs?|newtons?|N|force|torque|Nm|grip)\b|\((?:kg|lb|N)\)", IC)


def strength_table_rows(page_text: str) -> list[str]:
    """The rows of a table of force measured by an instrument its heading names ("HHD (kg) | Right | Left"
    over "Quads | 18.2 | 25.1")."""
    out: list[str] = []
    under = False
    for line in page_text.split("\n"):
        cells = _cells(line)
        if not line.strip():
            under = False
            continue
        if len(cells) >= 2 and _FORCE_HEAD.search(line) and not any(_NUM_CELL.match(c[2]) for c in cells):
            under = bool(re.search(r"\b(?:HHD|dynamomet\w*|force|torque|grip)\b", line, IC))
            continue
        if under and len(cells) >= 2 and any(re.fullmatch(r"\d{1,3}(?:\.\d+)?", c[2]) for c in cells[1:]):
            out.append(norm_space(line))
    return out
