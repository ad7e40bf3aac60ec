"""Rule-based readers for each ur-case/1 field group. Every value keeps its page and sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import NUMBER_WORDS, DateHit, Sentence, find_dates, leading_short_date, norm_space
from .types import Found, PageText

IC = re.IGNORECASE

GOAL_CONTEXT = re.compile(r"\b(?:goals?|STG\d*|LTG\d*|target|will\s+be\s+able|MCID)\b", IC)
NEGATED_LEAD = re.compile(r"\b(?:denies|no|not|without|negative|neg)\b", IC)

# ---------------------------------------------------------------- visits: headings and anchors

KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("re_evaluation", re.compile(r"\b(?:re-?\s?eval(?:uation)?|reassessment|re-?assessment)\b", IC)),
    ("progress_note", re.compile(r"\bprogress\s+(?:note|report|summary)\b|\bPN\b", IC)),
    ("discharge", re.compile(r"\b(?:discharge(?:\s+(?:summary|note|evaluation|report))?|d/c\s+summary)\b", IC)),
    ("evaluation", re.compile(r"\b(?:initial\s+eval(?:uation)?|evaluation|eval|IE)\b", IC)),
    (
        "treatment",
        re.compile(
            r"\b(?:daily(?:\s+(?:note|treatment\s+note|flowsheet))?|treatment(?:\s+note)?|tx\s+note|visit\s+note|follow-?up\s+visit|flowsheet|flow\s+sheet|treatment\s+log)\b",
            IC,
        ),
    ),
]
_SECTION_LEAD = re.compile(
    r"^\s*(?:plan|p|a|s|o|goals?|stg|ltg|assessment|subjective|objective|order|requested|message|re|dx|diagnosis|cc|hx)\s*:",
    IC,
)
DATE_LABEL = re.compile(
    r"\b(?:date\s+of\s+(?:service|visit|eval(?:uation)?|exam(?:ination)?|treatment|re-?eval(?:uation)?|discharge|d/c|"
    r"progress\s+(?:note|report))|DOS|visit\s+date|treatment\s+date|visit\s*#?\s*\d{1,3}\s*(?:[-–:,(]|on)?|"
    r"session\s+date|date\s+seen|(?P<plain>date))\s*[:#-]?\s*$",
    IC,
)
FLOWSHEET_PAGE = re.compile(r"\b(?:flow\s?sheet|treatment\s+log|visit\s+log|daily\s+log)\b", IC)
_BILLING_PAGE = re.compile(r"\b(?:statement|balance\s+due|amount\s+due|invoice|charges)\b", IC)
_FLOW_HEADER = re.compile(r"^\s*date\b.*\b(?:pain|nprs|exercises?|interventions?|cpt|codes?|treatment)\b", IC)


@dataclass(frozen=True)
class Heading:
    page: int
    offset: int  # offset in page text
    kind: str
    quote: str


@dataclass(frozen=True)
class Anchor:
    page: int
    offset: int
    date: str
    quote: str
    label_plain: bool
    row_end: int | None  # a flowsheet row: the segment is that row only
    line_start: int = -1  # offset of the anchor's line (a visit's text starts there at the latest)
    kind: str | None = None  # the kind the anchor itself states ("re-evaluated her today, <date>")
    side: str | None = None  # a flowsheet row's "Side" column


# a date that follows a note heading on the same line ("TREATMENT NOTE      March 7, 2025")
_BETWEEN_HEADING_AND_DATE = re.compile(r"^[\s\-–—|:,]*$")
# a note that begins with its date on a page of notes ("02/13/25 R ankle pain 5/10. Calf raises ...")
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
# a narrative letter that dates the visit it reports ("whom I re-evaluated today, February 24, 2025")
# (the writer's own visit: "I/we <verb> ... on <date>", or "<verb> ... today, <date>"; not a history's
# "was evaluated on 2/1/25 in the ED")
_NARRATIVE_VISIT = re.compile(
    r"(?:\b(?:I|we)\s+(?:have\s+|had\s+)?(?:also\s+)?(?P<verb>re-?evaluated|re-?examined|evaluated|examined|saw|treated)\b"
    r"(?:\s+(?:her|him|them|the\s+patient|pt))?(?:\s+in\s+(?:the\s+)?clinic)?\s*(?:today|on)?"
    r"|\b(?P<verb2>re-?evaluated|re-?examined|evaluated|examined|seen|treated)\b"
    r"(?:\s+(?:her|him|them|the\s+patient|pt))?(?:\s+in\s+(?:the\s+)?clinic)?\s*today)\s*[,:]?\s*$",
    IC,
)


def _narrative_kind(verb: str) -> str:
    v = verb.lower()
    if v.startswith("re"):
        return "re_evaluation"
    if v.startswith(("evaluated", "examined")):
        return "evaluation"
    return "treatment"


def headings(page: PageText) -> list[Heading]:
    out: list[Heading] = []
    offset = 0
    for line in page.text.split("\n"):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or len(stripped) > 80 or _SECTION_LEAD.match(stripped):
            continue
        for kind, rx in KIND_PATTERNS:
            m = rx.search(stripped)
            if not m:
                continue
            if m.start() > 40 and not stripped.isupper():
                continue
            if re.search(r"\b(?:no|with|for|after|until|to|and)\s*$", stripped[: m.start()], IC):
                continue
            out.append(Heading(page.number, start + line.find(stripped) + m.start(), kind, stripped))
            break
    return out


def anchors(page: PageText, year_hint: int | None) -> list[Anchor]:
    text = page.text
    out: list[Anchor] = []
    is_flow = bool(FLOWSHEET_PAGE.search(text)) or any(_FLOW_HEADER.match(line) for line in text.split("\n"))
    if _BILLING_PAGE.search(text):
        return []  # a billing statement lists dates of service, but it is not a visit note
    side_col = _side_column(text) if is_flow else None
    # a page of treatment notes, where each note may begin with its date
    has_note_heading = any(h.kind == "treatment" for h in headings(page))
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if is_flow:
            hit: DateHit | None = None
            dates = find_dates(line)
            if dates and not line[: dates[0].start].strip():
                hit = dates[0]
            elif not dates:
                hit = leading_short_date(line, year_hint)
            if hit is not None and len(line.strip()) > hit.end - hit.start + 3:
                out.append(
                    Anchor(
                        page.number,
                        start + hit.start,
                        hit.iso,
                        norm_space(line),
                        False,
                        start + len(line),
                        start,
                        side=_row_side(line, side_col),
                    )
                )
                continue
        for hit in find_dates(line):
            m = DATE_LABEL.search(line[: hit.start])
            if m is not None:
                out.append(
                    Anchor(
                        page.number, start + hit.start, hit.iso, norm_space(line), bool(m.group("plain")), None, start
                    )
                )
                break
            nm = _NARRATIVE_VISIT.search(line[: hit.start])
            if nm is not None:
                kind = _narrative_kind(nm.group("verb") or nm.group("verb2"))
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, kind))
                break
            if _heading_before(line[: hit.start]):
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start))
                break
            if (
                has_note_heading
                and not line[: hit.start].strip()
                and len(line.strip()) > hit.end - hit.start + 12
                and not _CLOCK_TIME.search(line)
                and not _RANGE_AFTER.match(line[hit.end :])
            ):
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start))
                break
    return out


_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|to|through|thru|until)\s*\d", IC)


def _heading_before(head: str) -> bool:
    """A note heading right before the date on its line ("TREATMENT NOTE      March 7, 2025")."""
    stripped = head.strip()
    if not stripped or len(stripped) > 80 or _SECTION_LEAD.match(stripped):
        return False
    for _kind, rx in KIND_PATTERNS:
        last = list(rx.finditer(head))
        if last and _BETWEEN_HEADING_AND_DATE.match(head[last[-1].end() :]):
            return True
    return False


def _side_column(text: str) -> tuple[bool, int] | None:
    """Where a flowsheet's "Side" header is: (pipe table, cell index) or (aligned, character column)."""
    for line in text.split("\n"):
        if _FLOW_HEADER.match(line) or re.match(r"^\s*date\b", line, IC):
            if "|" in line:
                cells = [c.strip().lower() for c in line.split("|")]
                if "side" in cells:
                    return True, cells.index("side")
            m = re.search(r"(?<!\S)side(?!\S)", line, IC)
            if m:
                return False, m.start()
    return None


_SIDE_CELL = re.compile(r"\s*(left|right|lt|rt|L|R|bilat(?:eral)?|B/L|BL|B)\b", IC)


def _row_side(line: str, col: tuple[bool, int] | None) -> str | None:
    if col is None:
        return None
    piped, at = col
    if piped:
        cells = line.split("|")
        m = _SIDE_CELL.match(cells[at]) if at < len(cells) else None
    else:
        m = _SIDE_CELL.match(line[max(0, at - 2) : at + 12])
    if not m:
        return None
    w = m.group(1).lower()
    return "left" if w in ("left", "lt", "l") else "right" if w in ("right", "rt", "r") else "bilateral"


# ---------------------------------------------------------------- per-visit values

PAIN = re.compile(
    r"\b(?:NPRS|NRS|VAS|pain(?:,?\s+(?:level|rating|score|intensity|rated|is|of|at|was|now|today|currently|current))*)"
    r"\s*(?:\(\s*0\s*-\s*10\s*\))?\s*[:=]?\s*"
    r"(?:(?:current(?:ly)?|now|at\s+rest|today)\s*[:=]?\s*)?(\d{1,2})(?:\s*-\s*(\d{1,2}))?"
    r"(?:\s*(?:/\s*10(?![/\d])|out\s+of\s+10\b)|(?<=\d)(?=\s*(?:$|[,;]|\.(?!\d)|(?:worst|best|at\s+rest)\b)))",
    IC,
)
# a 100 mm visual analogue scale, keyed in tenths ("VAS 60 mm" -> 6)
PAIN_VAS_MM = re.compile(r"\bVAS\s*(?:of|is|=|:)?\s*(\d{1,3})\s*mm\b", IC)
# the region then its score, in a subjective line ("S: Pt reports R knee 5/10 after a long shift")
PAIN_REGION = re.compile(
    r"\b(?:knee|hip|shoulder|ankle|elbow|wrist|heel|foot|back|neck|LBP|groin|calf|thigh)\s+(?:pain\s+)?(?:is\s+|at\s+)?"
    r"(\d{1,2})\s*/\s*10(?![/\d])",
    IC,
)
ROW_PAIN = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*10(?![\d/])")
FUNCTION = [
    # "discharged with 80% function", "at 60 percent function"
    re.compile(r"(?<![\d.])(\d{1,3})\s*(?:%|percent)\s+function(?:ing)?\b(?!\s+(?:improve|gain|change))", IC),
    re.compile(
        r"(\d{1,3})\s*(?:%|percent)\s+of\s+(?:(?:his|her|their|normal|usual|prior|full|baseline|pre-?injury)\s+)*"
        r"(?:function(?:al\s+activities|ing)?|ADLs|activities|PLOF)\b",
        IC,
    ),
    re.compile(
        r"\bfunction(?:al)?(?:\s+level)?(?:\s+at\s+discharge)?\s*(?:is|at|of|:|=)?\s*"
        r"(?:about|approximately|approx\.?|~|around)?\s*(\d{1,3})\s*%",
        IC,
    ),
]
CPT = re.compile(r"\b(97\d{3}|G0283)\b")


def pain_in(text: str, row: bool) -> int | None:
    if GOAL_CONTEXT.search(text):
        return None
    m = PAIN.search(text)
    if m:
        vals = [int(g) for g in m.groups() if g is not None]
        v = max(vals)
        return v if 0 <= v <= 10 else None
    mm = PAIN_VAS_MM.search(text)
    if mm and int(mm.group(1)) <= 100:
        return round(int(mm.group(1)) / 10)
    mr = PAIN_REGION.search(text)
    if mr and int(mr.group(1)) <= 10:
        return int(mr.group(1))
    if row:
        m2 = ROW_PAIN.search(text)
        if m2 and 0 <= int(m2.group(1)) <= 10:
            return int(m2.group(1))
    return None


def function_in(text: str) -> int | None:
    if GOAL_CONTEXT.search(text) or re.search(r"improv|better", text, IC):
        return None
    for rx in FUNCTION:
        m = rx.search(text)
        if m and 0 <= int(m.group(1)) <= 100:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- plan of care

_NUMWORD = {**NUMBER_WORDS, "once": 1, "twice": 2, "thrice": 3}
# TIW / BIW: the Latin-style frequency abbreviations clinics write (three / two times a week)
_FREQ_ABBR = {"tiw": 3, "biw": 2, "qiw": 4, "qw": 1}
_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_F = r"(?:\d|one|two|three|four|five)"
_FREQ = (
    r"(?:(?P<f1>" + _F + r")\s*(?:-|–|to|or)\s*)?(?P<f>" + _F + r")\s*(?:x|times?|visits?|sessions?|days?|(?=/))\s*"
    r"(?:(?:/|per|a|each|every)?\s*(?:wk|week)s?\b\.?|weekly\b)"
    r"|(?P<fw>once|twice|thrice)\s*(?:a|per|each|every|/)?\s*(?:wk|week)(?:ly)?\b"
    r"|\b(?P<abbr>TIW|BIW|QIW)\b"
)
_DUR = (
    r"\s*(?:x|for|times|over|,|-)?\s*(?:an?\s+)?(?:additional\s+|more\s+|further\s+)?"
    r"(?:(?P<d1>"
    + _N
    + r")\s*(?:-|–|to)\s*)?(?P<d>"
    + _N
    + r")\s*(?:more\s+|additional\s+|further\s+)?(?:wks?|weeks?)\b"
)
PLAN = re.compile(r"(?:" + _FREQ + r")" + _DUR, IC)
PLAN_SPLIT = re.compile(
    r"\b(?:frequency|freq\.?)\s*[:=]?\s*(?:(?P<f1>\d)\s*(?:-|–|to)\s*)?(?P<f>\d)\s*(?:x|times)?.{0,40}?"
    r"\b(?:duration|dur\.?)\s*[:=]?\s*(?:(?P<d1>\d{1,2})\s*(?:-|–|to)\s*)?(?P<d>\d{1,2})\s*w",
    IC,
)


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _NUMWORD[word.lower()]


def plan_in(text: str) -> tuple[int, int] | None:
    """(visits a week, weeks) of a plan of care; a range ("2-3x/week for 4-6 weeks") at its upper bound."""
    m = PLAN.search(text)
    if m:
        if m.group("abbr"):
            freq = _FREQ_ABBR[m.group("abbr").lower()]
        elif m.group("fw"):
            freq = _NUMWORD[m.group("fw").lower()]
        else:
            freq = _n(m.group("f"))
        return freq, _n(m.group("d"))
    m2 = PLAN_SPLIT.search(text)
    if m2:
        return int(m2.group("f")), int(m2.group("d"))
    return None


# ---------------------------------------------------------------- prior episodes

_RANGE = re.compile(r"\s*(?:-|–|—|to|through|thru|until)\s*$", IC)
_EPISODE_CONTEXT = re.compile(r"\b(?:episode|dates\s+of\s+care|prior|previous(?:ly)?|course\s+of|attended|from)\b", IC)
_VISITS = [
    re.compile(
        r"\b(?:number\s+of\s+visits|total\s+(?:visits|sessions)(?:\s+attended)?|visits\s+attended)\s*[:=]?\s*(\d{1,3})\b",
        IC,
    ),
    re.compile(r"\b(\d{1,3})\s+(?:total\s+)?(?:visits|sessions|treatments)\b", IC),
]


def date_ranges(text: str) -> list[tuple[str, str]]:
    dates = find_dates(text)
    out: list[tuple[str, str]] = []
    for a, b in zip(dates, dates[1:], strict=False):
        if _RANGE.match(text[a.end : b.start]) and a.iso < b.iso:
            out.append((a.iso, b.iso))
    return out


def visits_count(text: str) -> int | None:
    for rx in _VISITS:
        m = rx.search(text)
        if m:
            return int(m.group(1))
    return None


_EARLIER_EPISODE = re.compile(
    r"\b(?:prior|previous|earlier|last)\s+(?:episode|course|bout|round)\b|\bdischarged\b|\bat\s+(?:the\s+)?(?:time\s+of\s+)?discharge\b",
    IC,
)


def about_earlier_episode(text: str) -> bool:
    """A sentence about an earlier episode of care ("Prior episode ... 6/5/23 to 8/14/23, discharged at 70%")."""
    return bool(_EARLIER_EPISODE.search(text)) or bool(date_ranges(text))


@dataclass(frozen=True)
class TableRow:
    cells: dict[str, str]  # header (lower case) -> the row's text under it
    visits: int | None
    discharge_pct: int | None
    header_says_episode: bool


_CELL = re.compile(r"\S+(?: \S+)*")


def table_row(page_text: str, offset: int) -> TableRow | None:
    """The row of a column-aligned table at this offset, read under its header ("Dates   Visits   D/C status")."""
    lines = page_text.split("\n")
    pos = 0
    idx = -1
    for i, line in enumerate(lines):
        if pos <= offset <= pos + len(line):
            idx = i
            break
        pos += len(line) + 1
    if idx < 0:
        return None
    for j in range(idx - 1, max(-1, idx - 8), -1):
        header = lines[j]
        if not re.search(r"\bvisits?\b", header, IC) or re.search(r"\d", header):
            continue
        cols = [(m.start(), m.group(0).lower()) for m in _CELL.finditer(header)]
        if len(cols) < 3 or not re.search(r"\S\s{2,}\S", header):
            return None
        row = lines[idx]
        cells = {}
        for k, (start, name) in enumerate(cols):
            end = cols[k + 1][0] if k + 1 < len(cols) else len(row)
            cells[name] = row[max(0, start - 1) : end].strip()
        visits = next((c for n, c in cells.items() if re.search(r"\bvisits?\b", n)), "")
        vm = re.match(r"(\d{1,3})\b", visits)
        status = next((c for n, c in cells.items() if re.search(r"d/c|discharge|status|outcome", n)), "")
        pm = re.search(r"(\d{1,3})\s*%", status)
        return TableRow(
            cells=cells,
            visits=int(vm.group(1)) if vm else None,
            discharge_pct=int(pm.group(1)) if pm and int(pm.group(1)) <= 100 else None,
            header_says_episode=bool(re.search(r"\bepisodes?\b|\bcourse\b", header, IC)),
        )
    return None


def episode_context(sentence: str, page_text: str) -> bool:
    return bool(_EPISODE_CONTEXT.search(sentence)) or bool(KIND_PATTERNS[2][1].search(page_text[:300]))


def first(found: Sequence[Found[object]]) -> Found[object] | None:
    return found[0] if found else None


def sentences_between(sents: Sequence[Sentence], start: int, end: int) -> list[Sentence]:
    return [s for s in sents if start <= s.start < end]
