"""Rule-based readers for each ur-case/1 field group. Every value keeps its page and sentence."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import (
    NUMBER_WORDS,
    DateHit,
    Sentence,
    YearlessHit,
    find_dates,
    find_month_spans,
    find_yearless_dates,
    leading_short_date,
    month_of_year,
    norm_space,
    shift_year,
    standalone_years,
)
from .types import Found, PageText

IC = re.IGNORECASE

GOAL_CONTEXT = re.compile(r"\b(?:goals?|STG\d*|LTG\d*|target|will\s+be\s+able|MCID)\b", IC)
NEGATED_LEAD = re.compile(r"\b(?:denies|no|not|without|negative|neg)\b", IC)

# ---------------------------------------------------------------- visits: headings and anchors

KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "re_evaluation",
        re.compile(r"\b(?:re-?\s?eval(?:uation)?|reassessment|re-?assessment|re-?exam(?:ination)?)\b", IC),
    ),
    ("progress_note", re.compile(r"\bprogress\s+(?:note|report|summary)\b|\bPN\b", IC)),
    ("discharge", re.compile(r"\b(?:discharge(?:\s+(?:summary|note|evaluation|report))?|d/c\s+summary)\b", IC)),
    (
        "evaluation",
        re.compile(r"\b(?:initial\s+(?:eval(?:uation)?|assessment|exam(?:ination)?)|evaluation|eval|IE)\b", IC),
    ),
    (
        "treatment",
        re.compile(
            r"\b(?:daily(?:\s+(?:note|treatment\s+note|flowsheet))?|treatment(?:\s+note)?|tx\s+note|visit\s+note|follow-?up\s+(?:visit|note)|(?:f/u|follow-?up)\s+(?:PT|physical\s+therapy|therapy)\b(?!\s+(?:in|next|with|after|on|as|prn|if|for|to|appt|appointment|\d+\s*(?:x|times|/)))|SOAP\s+note|office\s+visit|(?:PT|therapy|physiotherapy) (?:note|visit)|(?:telehealth|tele-?rehab|virtual|video)\s+(?:visit|session|note)|flowsheet|flow\s+sheet|treatment\s+log)\b",
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
    r"progress\s+(?:note|report))|DOS|(?:visit|treatment|tx|service|encounter|enc\.?|exam(?:ination)?|eval(?:uation)?|"
    r"re-?eval(?:uation)?|discharge|d/c)\s+date|"
    # a note's number: "Visit #5 -", "Tx #5 —", "Session 6 (", "Visit No. 6", "Treatment 4 of 12 on"
    r"(?:visit|session|treatment|tx)\s*(?:#|no\.|number)?\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*(?:[-–—:,(]|--|on)?|"
    r"session\s+date|date\s+seen|(?P<visit>visit(?=\s*:))|(?P<plain>date))"
    # "Date/time:", "Visit date & time:"
    r"(?:\s*(?:/|&|and)\s*time)?(?:\s*\([A-Za-z /-]{2,20}\))?\s*[:#-]?\s*$",
    IC,
)
# a note's label or heading alone on the line above its date ("Visit #4" / "10/08/2025")
_LABEL_LINE = re.compile(
    r"^\s*(?:visit|session|treatment|tx)\s*#?\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*[:.-]?\s*$", IC
)
_DATE_ALONE = re.compile(
    r"^\s*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?(?P<date>.+?)\s*[.:,]?\s*$", IC
)
FLOWSHEET_PAGE = re.compile(r"\b(?:flow\s?sheet|treatment\s+log|visit\s+log|daily\s+log)\b", IC)
_BILLING_PAGE = re.compile(r"\b(?:statement|balance\s+due|amount\s+due|invoice|charges)\b", IC)
_FAX_STAMP = re.compile(r"\bFROM\s*:|\bP\.\s*\d{1,3}\s*/\s*\d{1,3}\b|\bpage\s+\d+\s+of\s+\d+\b", IC)
_FORM_TITLE = re.compile(
    r"^\s*(?:physician'?s?\s+|physical\s+therapy\s+|PT\s+|therapy\s+)?(?:referral|order|prescription|rx\b|"
    r"authorization\s+request|request\s+for\s+authorization|prior\s+auth\w*|fax\s+cover|insurance\s+card)"
    r"(?!\s*(?:date|source|from|by|reason|dx|diagnosis)?\s*[:#])",
    IC,
)
_APPOINTMENT_PAGE = re.compile(
    r"\b(?:appointment\s+(?:history|list|schedule|report)|(?:scheduled|upcoming|future)\s+appointments|"
    r"appointments?\s*:?\s*$|schedul(?:e|ing)\s+(?:report|history))\b",
    IC | re.MULTILINE,
)
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
    pain: int | None = None  # a flowsheet row's "Pain" / "NPRS" / "VAS" column
    function: int | None = None  # a flowsheet row's "Function %" column
    # a date written without its year: "page" when the page's own header gives the year, "record" when the
    # year is the record's (it may be the next or the previous one: a "Jan 4" note after December's)
    year_from: str | None = None


# a date that follows a note heading on the same line ("TREATMENT NOTE      March 7, 2025")
# (a weekday may stand before the date: "DAILY NOTE   Mon 10/13/25", "Treatment note - Tuesday, 3/4/2025")
_BETWEEN_HEADING_AND_DATE = re.compile(
    r"^[\s\-–—|:,]*(?:\([^()\d]{1,40}\)[\s\-–—|:,]*)?"  # "TELEHEALTH VISIT (synchronous video)   09/09/2025"
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s*)?$",
    re.IGNORECASE,
)
# a note that begins with its date on a page of notes ("02/13/25 R ankle pain 5/10. Calf raises ...")
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
# a narrative letter that dates the visit it reports ("whom I re-evaluated today, February 24, 2025")
# (the writer's own visit: "I/we <verb> ... on <date>", or "<verb> ... today, <date>"; not a history's
# "was evaluated on 2/1/25 in the ED")
_NARRATIVE_VISIT = re.compile(
    r"(?:\b(?:I|we)\s+(?:have\s+|had\s+)?(?:also\s+)?(?P<verb>re-?evaluated|re-?examined|evaluated|examined|saw|treated)\b"
    r"(?:\s+(?:her|him|them|the\s+patient|pt|(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+[A-Z][\w'-]+))?"
    r"(?:\s+in\s+(?:the\s+)?clinic)?\s*(?:today|on)?"
    r"|\b(?P<verb2>re-?evaluated|re-?examined|evaluated|examined|seen|treated)\b"
    r"(?:\s+(?:her|him|them|the\s+patient|pt))?(?:\s+in\s+(?:the\s+)?clinic)?\s*today"
    # the writer's own clinic: "He was first evaluated here on 09/08/2025", "seen in our clinic on"
    r"|\b(?P<verb3>re-?evaluated|evaluated|examined|seen|treated)\s+(?:first\s+)?"
    r"(?:here|in\s+(?:our|this)\s+(?:clinic|office|practice)|at\s+(?:our|this)\s+(?:clinic|office|practice))\s+on"
    r")\s*[,:(]?\s*$",
    IC,
)


def kind_named(words: str, default: str) -> str:
    """The kind of note these words name ("re-evaluation", "progress visit"), else the default."""
    if re.search(r"\bprogress\s+visit\b", words, IC):
        return "progress_note"
    return next((k for k, rx in KIND_PATTERNS if rx.search(words)), default)


def _narrative_kind(verb: str) -> str:
    v = verb.lower()
    if v.startswith("re"):
        return "re_evaluation"
    if v.startswith(("evaluated", "examined")):
        return "evaluation"
    return "treatment"


_SENTENCE_BEFORE = re.compile(
    r"\b(?:since|the|at|on|of|per|from|after|before|his|her|their|was|were|has|had|by|during|prior|previous|last|"
    r"seen|than|pt's|patient's|missed|cancel\w*|next|upcoming|scheduled|see|per)\b",
    IC,
)


def headings(page: PageText) -> list[Heading]:
    out: list[Heading] = []
    offset = 0
    for line in page.text.split("\n"):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or len(stripped) > 80 or _SECTION_LEAD.match(stripped) or _date_columns(line):
            continue
        for kind, rx in KIND_PATTERNS:
            m = rx.search(stripped)
            if not m:
                continue
            # (far into a line only in a title that ends with it: "Bay Clinic -- Pediatric Physical Therapy Evaluation")
            title_end = not stripped[m.end() :].strip(" -–—|:") and not re.search(r"[.;,]\s", stripped)
            if m.start() > 40 and not stripped.isupper() and not title_end:
                continue
            if re.search(r"\b(?:no|with|for|after|until|to|and)\s*$", stripped[: m.start()], IC):
                continue
            if re.search(r"\beval\w*\s*(?:and|&|/|\+)\s*(?:treat|tx|Rx)", stripped, IC):
                continue  # an order's "PT eval & treat", not a note's heading
            if _SENTENCE_BEFORE.search(stripped[: m.start()]):
                continue  # "Since the evaluation on 9/15/2025 pt has attended 8 visits": a sentence, not a heading
            out.append(Heading(page.number, start + line.find(stripped) + m.start(), kind, stripped))
            break
    return out


def anchors(page: PageText, year_hint: int | None) -> list[Anchor]:
    text = page.text
    out: list[Anchor] = []
    is_flow = bool(FLOWSHEET_PAGE.search(text)) or any(_FLOW_HEADER.match(line) for line in text.split("\n"))
    if _BILLING_PAGE.search(text):
        return []  # a billing statement lists dates of service, but it is not a visit note
    if _APPOINTMENT_PAGE.search("\n".join(text.split("\n")[:3])):
        return []  # an appointment list's dates are not notes
    # (the first line under a fax machine's stamp)
    first_lines = [line for line in text.split("\n") if line.strip() and not _FAX_STAMP.search(line)][:1]
    if any(_FORM_TITLE.match(line) for line in first_lines):
        return []  # a referral, an order or a request form quotes the visits' dates; it is not a note
    side_col = _side_column(text) if is_flow else None
    # (a column by its character position only where the page's own text layer keeps the alignment)
    pain_col = _column(text, _PAIN_HEADER) if is_flow else None
    fn_col = _column(text, _FUNCTION_HEADER) if is_flow else None
    if page.ocr:
        pain_col = pain_col if pain_col is not None and pain_col[0] else None
        fn_col = fn_col if fn_col is not None and fn_col[0] else None
    vas_mm = pain_col is not None and _vas_mm_header(text)
    # a page of treatment notes, where each note may begin with its date
    page_headings = headings(page)
    # (a title, not a cell of a date-led row: "03/08/2024   Treatment   Checked in")
    titles = [h for h in page_headings if not find_dates(text[text.rfind("\n", 0, h.offset) + 1 : h.offset])]
    has_note_heading = any(h.kind == "treatment" for h in titles)
    # the year of dates written without one ("Date: Dec 3rd", "3/12  INITIAL ASSESSMENT"): a year the page's
    # header states on its own ("Evaluation -- 2025"), else the record's
    head_years = standalone_years("\n".join(text.split("\n")[:4]))
    year = head_years[0] if head_years else year_hint
    header_lines = _header_line_numbers(text)
    header_date: Anchor | None = None
    yearless_at: dict[int, str] = {}  # offset of a date written without its year -> where its year came from
    heading_lines = {text.count("\n", 0, h.offset) for h in titles}
    all_lines = text.split("\n")
    prev_no = -1  # the last non-empty line before this one
    offset = 0
    for line_no, line in enumerate(all_lines):
        start = offset
        offset += len(line) + 1
        above = prev_no
        if line.strip():
            prev_no = line_no
        da = _DATE_ALONE.match(line)
        if above >= 0 and da is not None and (above in heading_lines or _LABEL_LINE.match(all_lines[above])):
            alone = find_dates(da.group("date"))
            if len(alone) == 1 and alone[0].end - alone[0].start == len(da.group("date")):
                at = start + da.start("date")
                label = all_lines[above]
                out.append(Anchor(page.number, at, alone[0].iso, norm_space(f"{label} {line}"), False, None, start))
                continue
        if is_flow:
            hit: DateHit | None = None
            dates = find_dates(line)
            if dates and not line[: dates[0].start].strip():
                hit = dates[0]
            elif not dates:
                hit = leading_short_date(line, year_hint)
                if hit is not None:
                    yearless_at[start + hit.start] = "record"
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
                        pain=_row_number(line, pain_col, 100 if vas_mm else 10, 10 if vas_mm else 1),
                        function=_row_number(line, fn_col, 100, 1),
                    )
                )
                continue
        full = find_dates(line)
        hits: list[DateHit] = [*full, *find_yearless_dates(line, year)]
        hits.sort(key=lambda h: h.start)
        for hit in hits:
            yearless = isinstance(hit, YearlessHit)
            if yearless:
                yearless_at[start + hit.start] = "page" if head_years else "record"
            numeric = isinstance(hit, YearlessHit) and hit.numeric
            head, tail = line[: hit.start], line[hit.end :]
            at_line_start = not head.strip()
            # (the label, the writer's verb or the note's name are the words just before the date: the last
            # 120 characters, so a very long line of scores stays linear)
            near = head[-120:]
            m = DATE_LABEL.search(near)
            if (
                numeric
                and not at_line_start
                and m is None
                # (a short date that ends a note's heading line is its date: "F/U PT 10/14", "Daily Note -- 10/14")
                and not (not tail.strip(" \t.:-–—|") and _heading_before(head) is not None)
            ):
                continue  # "3/10" inside a sentence is a score, not a date
            if m is not None and m.group("visit") and _OTHER_VISIT.search(near[: m.start()]):
                m = None  # "Next visit: 10/21/2025", "Last visit: ..." are not this note's label
            if m is not None and m.group("plain") and _OTHER_PLAIN_DATE.search(near[: m.start()]):
                m = None  # "Referral date:", "Surgery date:", "Next appt date:" are not the visit's
            if m is not None:
                out.append(
                    Anchor(
                        page.number,
                        start + hit.start,
                        hit.iso,
                        norm_space(line),
                        bool(m.group("plain")),
                        None,
                        start,
                        _label_kind(m.group(0)),
                    )
                )
                break
            nm = _NARRATIVE_VISIT.search(near) if not yearless else None
            if nm is not None:
                kind = _narrative_kind(nm.group("verb") or nm.group("verb2") or nm.group("verb3"))
                fm = _FOR_NOTE.match(tail)
                if fm is not None:  # "He was seen today, 10/19/2025, for re-evaluation"
                    kind = kind_named(fm.group("note"), kind)
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, kind))
                break
            nk = _NARRATIVE_NOTE.search(near) if not yearless else None
            if nk is not None:
                kind = kind_named(nk.group("note"), "treatment")
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, kind))
                break
            hk = _heading_before(head) if not _date_columns(line) else None
            if hk is not None:
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, hk))
                break
            ak = _heading_after(head, tail)
            if ak is not None:
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, ak))
                break
            lead = _NOTE_LEAD.match(tail) if numeric and at_line_start else None
            if lead is not None and not _NOT_A_VISIT.search(tail) and not _CLOCK_TIME.search(line):
                # "11/3 IE R shldr ...", "11/5 tx: pendulums ...": a terse note led by its day and the note's name
                word = lead.group("kind")
                kind = {"re": "re_evaluation", "d/c": "discharge", "dc": "discharge"}.get(
                    word.split()[0].lower(), kind_named(word, "treatment")
                )
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start, kind))
                break
            if (
                at_line_start
                # (a date without its year leads a note only when it names its month and the note says it is one:
                # "Oct 14 - Pt seen. Pain 4/10."; never "3/12", which may be a score)
                and (not yearless or (not numeric and _NOTE_MARK.search(tail) is not None))
                and not _CLOCK_TIME.search(line)
                and not _RANGE_AFTER.match(tail)
                and (
                    (has_note_heading and len(line.strip()) > hit.end - hit.start + 12)
                    or (
                        _NOTE_MARK.search(tail)
                        and not _NOT_A_VISIT.search(tail)
                        and not any(_HISTORY_LIST.match(x) for x in text[:start].split("\n")[-4:])
                    )
                )
            ):
                out.append(Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start))
                break
            if (
                header_date is None
                and line_no in header_lines
                and titles
                and not _CLOCK_TIME.search(line)
                and not _RANGE_AFTER.match(tail)
                and not _OTHER_DATE_LABEL.search(head[-30:])
                and not numeric
                and not _date_columns(line)
            ):
                header_date = Anchor(page.number, start + hit.start, hit.iso, norm_space(line), False, None, start)
    # a note's header gives its date without a label ("NORTHGATE REHAB   E. Marsh   10/23/2025" above
    # "Treatment note", "Kevin O'Hara        Dec 10th" under "Daily Note"): the page's only visit date
    if header_date is not None and not any(a.offset <= header_date.offset + 400 for a in out):
        out.insert(0, header_date)
    if not out:
        letter = _letter_visit(page)
        if letter is not None:
            out.append(letter)
    return [dataclasses.replace(a, year_from=yearless_at[a.offset]) if a.offset in yearless_at else a for a in out]


# a letter reporting the writer's own visit "today": "Thank you for referring Mr. Birch, whom I evaluated today",
# "I re-evaluated her today" (not "he was evaluated today by his surgeon")
_TODAY_VISIT = re.compile(
    r"\b(?:I|we|whom\s+I|whom\s+we)\s+(?:have\s+)?(?:also\s+)?(?P<verb>re-?evaluated|re-?examined|evaluated|examined|saw|treated)\b"
    r"[^.;]{0,80}?\btoday\b",
    IC,
)


def _letter_visit(page: PageText) -> Anchor | None:
    """The visit a letter reports "today", dated by the letter's own date line (a date alone on one of its first
    eight lines), on a page that gives no other note date."""
    m = _TODAY_VISIT.search(page.text)
    if m is None:
        return None
    offset = 0
    for line in page.text.split("\n")[:8]:
        da = _DATE_ALONE.match(line)
        dates = find_dates(line)
        if da is not None and len(dates) == 1 and dates[0].end - dates[0].start == len(da.group("date")):
            at = offset + dates[0].start
            sent_start = page.text.rfind("\n", 0, m.start()) + 1
            return Anchor(
                page.number,
                at,
                dates[0].iso,
                norm_space(m.group(0)),
                False,
                None,
                sent_start,
                _narrative_kind(m.group("verb")),
            )
        offset += len(line) + 1
    return None


def _header_line_numbers(text: str) -> set[int]:
    """The first four non-empty lines of a page (its header)."""
    out: set[int] = set()
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            out.add(i)
            if len(out) == 4:
                break
    return out


# dates a note's header gives that are not the visit's
_OTHER_DATE_LABEL = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|birth\w*|born|DOI|injury|onset|surgery|surg|s/p|post-?op|referr\w*|printed|faxed|fax|sent|"
    r"signed|received|MRN|acct|cert\w*|from|to|thru|through|since|until|eval(?:uation)?|IE|prior|last)\b[^0-9]{0,12}$",
    IC,
)
_OTHER_PLAIN_DATE = re.compile(
    r"\b(?:referr\w*|injury|onset|surgery|surgical|op|operation|birth|print\w*|fax\w*|sign\w*|cert\w*|order\w*|"
    r"auth\w*|start|end|due|next|last|return|appt|appointment|scheduled|received|admission|admit|accident|"
    r"MVA|fall|imaging|MRI|x-?ray|script|rx)\W{0,3}$",
    IC,
)
# "Visit:" labels the note's date only at the start of its line or as a cell of its own (four spaces before):
# not another visit's ("Next visit:", "Pt missed visit:", "Last PT visit:")
_OTHER_VISIT = re.compile(r"\S\W{0,3}$")
# a kind named by a date label ("Date of evaluation: Oct 7, 2025")
_LABEL_KINDS = [
    ("re_evaluation", re.compile(r"re-?eval", IC)),
    ("progress_note", re.compile(r"progress", IC)),
    ("discharge", re.compile(r"discharge|d/c", IC)),
    ("evaluation", re.compile(r"\beval|exam", IC)),
]


def _label_kind(label: str) -> str | None:
    return next((kind for kind, rx in _LABEL_KINDS if rx.search(label)), None)


# a letter's own note of a visit it reports: "At his re-evaluation on November 3, 2025 his pain was 3/10"
_NARRATIVE_NOTE = re.compile(
    r"\b(?:at|during|on|for)\s+(?:his|her|their|the\s+patient's|the|my|our)\s+"
    r"(?P<note>re-?evaluation|re-?assessment|progress\s+(?:visit|note|report)|discharge\s+visit|initial\s+evaluation)"
    r"\s*(?:visit\s+)?(?:on|of|dated)?\s*[,:]?\s*$",
    IC,
)
_FOR_NOTE = re.compile(
    r"^\W{0,3}\s*for\s+(?:an?\s+|his\s+|her\s+|their\s+|the\s+)?(?:formal\s+|scheduled\s+)?"
    r"(?P<note>re-?evaluation|re-?assessment|re-?exam(?:ination)?|progress\s+(?:note|report|visit)|discharge|"
    r"initial\s+evaluation|evaluation)\b",
    IC,
)
# a dated line of a page of short notes: "12.10.2025 Pt seen. Pain 3/10." (not "12.22.2025 no show")
_NOTE_MARK = re.compile(
    r"\b(?:pt\s+seen|seen\s+(?:for|today)|pain\s*(?:[:=]|is|at)?\s*\d{1,2}\s*/\s*10|NPRS|S\s*:|HEP|tol(?:erated)?\b)",
    IC,
)
# a terse note's name right after its day and month ("11/3 IE ...", "11/5 tx: ...", "11/10 pt c/o ..."):
# what makes a leading "11/3" a date and not a score (never "3/12 visits", "4/10 pain")
_NOTE_LEAD = re.compile(
    r"^\s*[-–—:]?\s*(?P<kind>IE|eval(?:uation)?|re-?eval(?:uation)?|RE|PN|progress\s+note|tx|treatment|daily(?:\s+note)?|"
    r"D/?C(?:\s+summary)?|discharge|f/u|pt\s+(?:c/o|seen|reports|states|returns))(?=\s|:|,|\.|$)",
    re.IGNORECASE,
)
# a list of past events under its heading ("Medical history:", "PMH:") is not a page of notes
_HISTORY_LIST = re.compile(
    r"^\s*(?:past\s+)?(?:medical\s+|surgical\s+|injury\s+|treatment\s+)?(?:history|hx|PMH|PSH)\b", IC
)
_NOT_A_VISIT = re.compile(
    r"\b(?:no[- ]?show|cancel\w*|missed|resched\w*|(?:phone|tele(?:phone)?)\s+call|called|voicemail|left\s+message|"
    r"scheduled|appointment)\b",
    IC,
)


_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|to|through|thru|until)\s*\d", IC)


# words before a note's name that make it a history ("previously seen by J. Cole PT for initial eval
# 10/06/2025", "(was 6/10 at IE 08-Sep-2025)", "Plan of care (from IE 09/17/2025)")
_HISTORY_BEFORE = re.compile(
    r"\b(?:for|at|from|since|after|before|per|was|were|had|prior|previous(?:ly)?|last|hx|history|seen|since|"
    r"than|vs\.?|compared|until|to)\s*(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?\(?\s*$",
    IC,
)


def _date_columns(line: str) -> bool:
    """A table's heading of dated columns ("Objective comparison    Eval 10/20/2025    12/01/2025",
    "| IE 9/2/25 | PN 10/1/25 |"): its dates name columns, not the note the line belongs to."""
    dates = find_dates(line)
    return len(dates) >= 2 and all(
        re.search(r"\s{3,}|\|", line[a.end : b.start]) for a, b in zip(dates, dates[1:], strict=False)
    )


def _heading_before(head: str) -> str | None:
    """The kind of a note heading right before the date on its line ("TREATMENT NOTE      March 7, 2025")."""
    stripped = head.strip()
    if not stripped or len(stripped) > 80 or _SECTION_LEAD.match(stripped):
        return None
    for _kind, rx in KIND_PATTERNS:
        last = list(rx.finditer(head))
        if last and _BETWEEN_HEADING_AND_DATE.match(head[last[-1].end() :]):
            if _HISTORY_BEFORE.search(head[: last[-1].start()]) or "(" in head[: last[-1].start()][-3:]:
                continue
            return kind_named(stripped, _kind)
    return None


# a note heading right after the date that ends its line ("E. Marsh   10/23/2025   Treatment note")
_HEADING_AFTER = re.compile(r"^[\s\-–—|:,]*(?P<h>[A-Za-z][A-Za-z /&\-]{1,40}?)\s*[:.]?\s*$")


def _heading_after(head: str, tail: str) -> str | None:
    m = _HEADING_AFTER.match(tail)
    if m is None or len(head.strip()) > 60 or _SECTION_LEAD.match(head.strip()) or _OTHER_DATE_LABEL.search(head):
        return None
    words = m.group("h")
    for kind, rx in KIND_PATTERNS:
        hm = rx.search(words)
        if hm is not None:
            # the whole tail is the note's name ("Treatment note", "PT Evaluation"), not a list's cells
            # ("Treatment  Arrived")
            rest = (words[: hm.start()] + " " + words[hm.end() :]).split()
            if all(_HEADING_WORD.fullmatch(w) for w in rest):
                return kind
            return None
    return None


_HEADING_WORD = re.compile(
    r"PT|OT|physical|therapy|physiotherapy|rehab\w*|outpatient|note|visit|session|summary|report|daily|[-/&|:]", IC
)


_PAIN_HEADER = re.compile(r"^(?:pain|nprs|nrs|vas)\b", IC)
_FUNCTION_HEADER = re.compile(r"^(?:%\s*)?(?:function|fxn|func)\b|^(?:self[- ]rated\s+)?function\b", IC)


def _column(text: str, name: re.Pattern[str]) -> tuple[bool, int] | None:
    """Where a flowsheet's column is (pipe table, cell index) or (aligned, character column), by its header."""
    for line in text.split("\n"):
        if not (_FLOW_HEADER.match(line) or re.match(r"^\s*date\b", line, IC)):
            continue
        if "|" in line:
            cells = [c.strip() for c in line.split("|")]
            for k, c in enumerate(cells):
                if name.match(c):
                    return True, k
        else:
            for m in re.finditer(r"\S+(?: \S+)?", line):
                if name.match(m.group(0)):
                    return False, m.start()
        return None
    return None


def _vas_mm_header(text: str) -> bool:
    """A pain column on a 100 mm scale ("VAS (mm)", "VAS /100")."""
    return bool(re.search(r"\bVAS\s*(?:\(?\s*mm\s*\)?|/\s*100|\(\s*0\s*-\s*100\s*\))", text, IC))


_NUMBER_CELL = re.compile(r"\s*(\d{1,3})(?:\s*(?:/\s*(?:10|100)|%|mm))?(?![\d/.])")


def _row_number(line: str, col: tuple[bool, int] | None, top: int, per: int) -> int | None:
    """The number in a row's cell under its column, up to top; divided by per (a VAS in mm is keyed in tenths)."""
    if col is None:
        return None
    piped, at = col
    if piped:
        cells = line.split("|")
        m = _NUMBER_CELL.match(cells[at]) if at < len(cells) else None
    else:
        m = _NUMBER_CELL.match(line[max(0, at - 1) : at + 12])
    if m is None or int(m.group(1)) > top:
        return None
    return round(int(m.group(1)) / per)


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
    # a scale named in parentheses: "Pain (0-10)", "Pain (Wong-Baker FACES): 4/10"
    r"\s*(?:\(\s*0\s*-\s*10\s*\)|\((?:[A-Za-z][A-Za-z \-]{1,30}|0\s*-\s*10|0\s*-\s*100)\))?\s*[:=]?\s*"
    r"(?:(?:an?|at\s+an?)\s+)?(?:(?:current(?:ly)?|now|at\s+rest|today)\s*[:=]?\s*)?(\d{1,2})(?:\s*-\s*(\d{1,2}))?"
    r"(?:\s*(?:/\s*10(?![/\d])|out\s+of\s+10\b)|(?<=\d)(?=\s*(?:$|[,;]|\.(?!\d)|(?:worst|best|at\s+rest)\b)))",
    IC,
)
# a 100 mm visual analogue scale, keyed in tenths ("VAS 60 mm" -> 6)
PAIN_VAS_MM = re.compile(
    r"\bVAS\s*(?:\(\s*(?:mm|0\s*-\s*100)\s*\)\s*[:=]?\s*(\d{1,3})\b(?!\s*/\s*10\b)|"
    r"(?:of|is|=|:)?\s*(\d{1,3})\s*(?:mm\b|/\s*100\b))",
    IC,
)
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
        r"(?:about|approximately|approx\.?|~|around)?\s*(\d{1,3})\s*(?:%|percent\b)",
        IC,
    ),
]
FUNCTION += [
    # a patient's rating against normal: "Pt rates her shoulder at 60% of normal"
    re.compile(
        r"\b(?:rates?|rated|rating|feels?|reports?|estimates?|self-rated)\b[^.;%]{0,45}?(?:at\s+|about\s+|~)?(\d{1,3})\s*%"
        r"\s+(?:of\s+)?(?:(?:his|her|their)\s+)?(?:normal|baseline|prior\s+level|pre-?injury)\b",
        IC,
    ),
    # the Single Assessment Numeric Evaluation: a patient-rated % of normal
    re.compile(r"\bSANE\s*(?:score|rating)?\s*[:=]?\s*(?:of\s+)?(\d{1,3})\s*%?", IC),
]
CPT = re.compile(r"\b(97\d{3}|G0283)\b")


# a SOAP line's "P: 5/10" (pain; the plan's "P:" is not a score out of 10)
PAIN_P = re.compile(r"^\s*P\s*[:=]\s*(\d{1,2})\s*/\s*10\b(?!\s*(?:visits?|sessions?|treatments?)\b)", IC)


# a SOAP subjective line's bare score: "S: R knee sore, 5/10." (the first score out of 10 on it)
PAIN_S_LINE = re.compile(
    r"^\s*S(?:ubj(?:ective)?)?\s*:[^/]{0,60}?(?<![\d/.])(\d{1,2})\s*/\s*10(?![\d/])"
    r"(?!\s*(?:visits?|sessions?|treatments?|reps?|goals?)\b)",
    IC,
)


# ratings named by when they hold: "Pain: worst 8/10, current 5/10", "NPRS best 2/10, now 4/10"
_PAIN_WORD = re.compile(r"\b(?:pain|NPRS|NRS|VAS)\b", IC)
_QUALIFIED = re.compile(
    r"\b(?P<q>current(?:ly)?|now|today|at\s+rest|resting|at\s+worst|worst|at\s+best|best|average|avg|least|most)"
    r"\s*(?:pain\s*)?[:=]?\s*(?:is\s+|of\s+)?(?P<v>\d{1,2})\s*/\s*10(?![\d/])",
    IC,
)


_QUALIFIED_AFTER = re.compile(
    r"(?<![\d/])(?P<v>\d{1,2})\s*/\s*10(?![\d/])\s*(?:\(\s*)?(?P<q>currently|current|now|today|at\s+rest|resting)\b", IC
)
_NOW = ("current", "currently", "now", "today")
_REST = ("at rest", "resting")


def _qualified_pain(text: str, wanted: tuple[str, ...]) -> int | None:
    """The rating named current (or resting) among several ("Pain: worst 8/10, current 5/10")."""
    if not _PAIN_WORD.search(text):
        return None
    found = [
        (m.start(), m.group("q").lower(), int(m.group("v")))
        for rx in (_QUALIFIED, _QUALIFIED_AFTER)
        for m in rx.finditer(text)
        if int(m.group("v")) <= 10
    ]
    return next((v for _, q, v in sorted(found) if re.sub(r"\s+", " ", q) in wanted), None)


def pain_in(text: str, row: bool) -> int | None:
    if GOAL_CONTEXT.search(text):
        return None
    mp = PAIN_P.match(text)
    if mp and int(mp.group(1)) <= 10:
        return int(mp.group(1))
    now = _qualified_pain(text, _NOW)
    if now is not None:
        return now  # "Pain 8/10 at worst, 5/10 currently": the current pain
    mm = PAIN_VAS_MM.search(text)
    if mm and int(mm.group(1) or mm.group(2)) <= 100:
        return round(int(mm.group(1) or mm.group(2)) / 10)
    m = PAIN.search(text)
    if m:
        vals = [int(g) for g in m.groups() if g is not None]
        v = max(vals)
        return v if 0 <= v <= 10 else None
    ms = PAIN_S_LINE.match(text)
    if ms and int(ms.group(1)) <= 10:
        return int(ms.group(1))
    picked = _qualified_pain(text, _REST)
    if picked is not None:
        return picked
    mr = PAIN_REGION.search(text)
    if mr and int(mr.group(1)) <= 10:
        return int(mr.group(1))
    if row:
        m2 = ROW_PAIN.search(text)
        if m2 and 0 <= int(m2.group(1)) <= 10:
            return int(m2.group(1))
    return None


_GOALS_MET = re.compile(
    r"\b(?:all\s+)?(?:STG|LTG|goals?)\s+(?:were\s+|was\s+)?(?:(?:partially|fully|all)\s+)?(?:met|achieved|not\s+met)\b",
    IC,
)


def function_in(text: str) -> int | None:
    if GOAL_CONTEXT.search(_GOALS_MET.sub(" ", text)) or re.search(r"improv|better", text, IC):
        return None
    for rx in FUNCTION:
        m = rx.search(text)
        if m and 0 <= int(m.group(1)) <= 100:
            return int(m.group(1))
    return None


# an episode's discharge level given as a bare percentage: "discharged at 75%", "D/C'd at ~80%", "d/c with 70%"
# (not a percentage of something else: "discharged at 75% of goals", "80% improvement", "90% compliance")
_DISCHARGE_PCT = re.compile(
    r"\b(?:discharged|d/c'?d|d/c|discharge)\s+(?:from\s+(?:PT|therapy)\s+)?(?:at|with)\s+"
    r"(?:about|approximately|approx\.?|~|around)?\s*(\d{1,3})\s*(?:%|percent\b)"
    r"(?!\s*(?:of\s+(?:goals?|visits?|STG|LTG)|improv\w*|better|compliance|adherence|attendance|pain|relief|"
    r"complete|HEP|progress|ROM|strength)\b)",
    IC,
)


def discharge_function_in(text: str) -> int | None:
    """An earlier episode's discharge function %: a function % as anywhere, or the bare % it was discharged at."""
    found = function_in(text)
    if found is not None:
        return found
    if GOAL_CONTEXT.search(_GOALS_MET.sub(" ", text)):
        return None
    m = _DISCHARGE_PCT.search(text)
    return int(m.group(1)) if m and int(m.group(1)) <= 100 else None


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
    r"\s*(?:x|for|times|over|,|-)?\s*(?:an?\s+|another\s+|the\s+next\s+)?(?:additional\s+|more\s+|further\s+)?"
    r"(?:(?P<d1>"
    + _N
    + r")\s*(?:-|–|to)\s*)?(?P<d>"
    + _N
    + r")\s*(?:more\s+|additional\s+|further\s+)?(?:wks?|weeks?)\b"
)
PLAN = re.compile(r"(?:" + _FREQ + r")" + _DUR, IC)
PLAN_SPLIT = re.compile(
    r"\b(?:frequency|freq\.?)\s*[:=]?\s*(?:(?P<f1>\d)\s*(?:-|–|to)\s*)?(?P<f>\d|once|twice|thrice|one|two|three|four|five)"
    # (a form's two lines, "Frequency: 2x per week" / "Duration: 6 weeks"; a checked box's unit may be gone
    # with the unchecked ones: "Duration:  [X] 6  [ ] 8 weeks" reads "Duration:  6")
    r"\s*(?:x|times)?[^\n]{0,40}?\n?[^\n]{0,40}?"
    r"\b(?:duration|dur\.?)\s*[:=]?\s*(?:(?P<d1>\d{1,2})\s*(?:-|–|to)\s*)?(?P<d>\d{1,2})(?:\s*w|[ \t]*(?:\n|$)|[ \t]{2,})",
    IC,
)


# the shorthand of orders and plans: "2x6 weeks", "3 x 4 wks", "2w6"
PLAN_SHORT = re.compile(
    r"(?<![\d/.x])(?P<f>[1-5])\s*x\s*(?P<d>\d{1,2})\s*(?:wks?|weeks)\b|\b(?P<f2>[1-5])[wW](?P<d2>\d{1,2})\b", IC
)
# a count of visits over weeks: "12 visits over 6 weeks" (not a past course: "attended 12 visits over 6 weeks")
PLAN_VISITS_OVER = re.compile(
    r"\b(?P<v>" + _N + r")\s+(?:more\s+|additional\s+|further\s+)?(?:PT\s+)?(?:visits|sessions|treatments)\s+"
    r"(?:over|in|across|within|during)\s+(?:the\s+next\s+|a\s+period\s+of\s+)?(?P<d>" + _N + r")\s*(?:wks?|weeks)\b",
    IC,
)
_PAST_COURSE = re.compile(r"\b(?:attended|completed|had|received|prior|previous|last|discharged|was\s+seen|were)\b", IC)


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
        return _n(m2.group("f")), int(m2.group("d"))
    m3 = PLAN_SHORT.search(text)
    if m3:
        return int(m3.group("f") or m3.group("f2")), int(m3.group("d") or m3.group("d2"))
    m4 = PLAN_VISITS_OVER.search(text)
    if m4 and not _PAST_COURSE.search(text[: m4.start()]):
        visits, weeks = _n(m4.group("v")), _n(m4.group("d"))
        if 0 < weeks <= visits <= 7 * weeks:
            return -(-visits // weeks), weeks  # "12 visits over 6 weeks": 2 a week (a remainder rounds up)
    return None


# ---------------------------------------------------------------- prior episodes

_RANGE = re.compile(r"\s*(?:-|–|—|to|through|thru|until)\s*$", IC)
_EPISODE_CONTEXT = re.compile(
    r"\b(?:episode|dates\s+of\s+care|prior|previous(?:ly)?|course\s+of|attended|from|discharged|"
    r"(?:had|received|completed|underwent|was\s+seen\s+(?:in|for))\s+(?:outpatient\s+)?(?:PT|physical\s+therapy|therapy)|"
    r"seen\s+(?:in|for)\s+(?:outpatient\s+)?(?:PT|physical\s+therapy|therapy)|"
    r"(?:had|attended|completed|received)\s+\d{1,3}\s+(?:visits|sessions|treatments)|"
    r"(?:hx|history)\s+of\s+(?:outpatient\s+)?(?:PT|physical\s+therapy|therapy))\b",
    IC,
)
_VISITS = [
    re.compile(
        r"(?:\b(?:number\s+of\s+visits|no\.?\s+of\s+visits|total\s+(?:visits|sessions)(?:\s+attended)?|"
        r"visits\s+(?:attended|completed)|visit\s+count)|#\s*(?:of\s+)?visits)\s*[:=]?\s*(\d{1,3})\b",
        IC,
    ),
    re.compile(r"\b(\d{1,3})\s+(?:total\s+)?(?:visits|sessions|treatments)\b", IC),
    # a count in words: "ten visits", "twelve sessions"
    re.compile(
        r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:total\s+)?(?:visits|sessions|treatments)\b",
        IC,
    ),
]


def date_ranges(text: str) -> list[tuple[str, str]]:
    dates = find_dates(text)
    out: list[tuple[str, str]] = []
    for a, b in zip(dates, dates[1:], strict=False):
        if _RANGE.match(text[a.end : b.start]) and a.iso < b.iso:
            out.append((a.iso, b.iso))
    # a range whose start leaves the year to its end: "Jan 6 - Mar 3, 2025", "1/6 - 3/3/2025"
    for b in dates:
        # (only the words just before the end date can be its range's start: a window, not the whole line)
        lo = max(0, b.start - 48)
        if lo:
            space = text.find(" ", lo, b.start)
            lo = space + 1 if space >= 0 else b.start
        for y in find_yearless_dates(text[lo : b.start], int(b.iso[:4])):
            if _RANGE.match(text[lo + y.end : b.start]):
                start = y.iso if y.iso < b.iso else shift_year(y.iso, -1)
                if start is not None:
                    out.append((start, b.iso))
    # a span given to the month ("02/2024 to 04/2024", "Feb-Apr 2024", "spring 2024"): its first to its last day
    out.extend((m.first_day, m.last_day) for m in find_month_spans(text))
    return sorted(set(out))


def visits_count(text: str) -> int | None:
    for rx in _VISITS:
        m = rx.search(text)
        if m:
            return _n(m.group(1))
    return None


_EARLIER_EPISODE = re.compile(
    r"\b(?:prior|previous|earlier|last)\s+(?:episode|course|bout|round)\b|\bdischarged\b|\bd/c'?d\b|"
    r"\bat\s+(?:the\s+)?(?:time\s+of\s+)?discharge\b|\b(?:d/c|discharge)\s+(?:status|function|level)\b",
    IC,
)


def about_earlier_episode(text: str) -> bool:
    """A sentence about an earlier episode of care ("Prior episode ... 6/5/23 to 8/14/23, discharged at 70%")."""
    return earlier_episode_cue(text) is not None


def earlier_episode_cue(text: str) -> int | None:
    """Where a sentence starts to speak of an earlier episode of care (its words or a range of dates), if it does."""
    at = [m.start() for m in [_EARLIER_EPISODE.search(text)] if m is not None]
    dates = find_dates(text)
    for a, b in zip(dates, dates[1:], strict=False):
        if _RANGE.match(text[a.end : b.start]) and a.iso < b.iso:
            at.append(a.start)
            break
    at.extend(m.start for m in find_month_spans(text)[:1])
    return min(at) if at else None


_PRIOR_EPISODE = re.compile(
    r"\b(?:prior|previous|earlier|first|last|past)\s+(?:episode|course|bout|round|plan\s+of\s+care|POC)\b|"
    r"\bprevious(?:ly)?\s+(?:treated|seen|discharged)\b",
    IC,
)


def about_prior_episode(text: str, visit_date: str) -> bool:
    """A sentence of a discharge note about an episode before the one it closes ("Previous episode ...:
    10-Mar-2025 to 28-Apr-2025; at discharge he rated function 70%"): a range ending before the note."""
    return bool(_PRIOR_EPISODE.search(text)) or any(end < visit_date for _, end in date_ranges(text))


@dataclass(frozen=True)
class EpisodeBlock:
    start: str
    end: str
    visits: int | None
    discharge_pct: int | None
    quote: str


_BLOCK_START = re.compile(r"^\s*(?:start(?:\s+of\s+care)?|SOC|from|began|start\s+date)\s*(?:date)?\s*[:=-]", IC)
_BLOCK_END = re.compile(r"^\s*(?:end|to|through|discharge(?:d)?|d/c|last\s+visit)\s*(?:date)?\s*[:=-]", IC)
_BLOCK_VISITS = re.compile(
    r"^\s*(?:#\s*(?:of\s+)?|total\s+|number\s+of\s+)?(?:visits|sessions)(?:\s+attended)?\s*[:=-]\s*(\d{1,3})\b", IC
)
_BLOCK_CONTEXT = re.compile(
    r"\b(?:prior|previous|earlier|past)\b|\bepisodes?\b|\b(?:hx|history)\s+of\s+(?:PT|therapy)", IC
)


def episode_blocks(page_text: str) -> list[EpisodeBlock]:
    """Earlier episodes written one field a line under a heading that says so."""
    lines = page_text.split("\n")
    out: list[EpisodeBlock] = []
    for i, line in enumerate(lines):
        if not _BLOCK_START.match(line):
            continue
        # (a field given to the month, "Start: 02/2024": its first day; "End: 04/2024": its last)
        start = [h.iso for h in find_dates(line)] or [d for d in [month_of_year(line)] if d is not None]
        if not start:
            continue
        above = "\n".join(lines[max(0, i - 3) : i])
        if not _BLOCK_CONTEXT.search(above):
            continue
        end: str | None = None
        visits: int | None = None
        pct: int | None = None
        used = [line]
        for nxt in lines[i + 1 : i + 6]:
            if not nxt.strip():
                break
            if end is None and _BLOCK_END.match(nxt) and (find_dates(nxt) or month_of_year(nxt, last=True)):
                end = next((h.iso for h in find_dates(nxt)), None) or month_of_year(nxt, last=True)
            elif visits is None and _BLOCK_VISITS.match(nxt):
                m = _BLOCK_VISITS.match(nxt)
                visits = int(m.group(1)) if m else None
            elif pct is None and re.search(r"\b(?:d/c|discharge)", nxt, IC):
                pct = discharge_function_in(nxt)
            else:
                continue
            used.append(nxt)
        if end is not None and start[0] < end:
            out.append(EpisodeBlock(start[0], end, visits, pct, norm_space(" ".join(used))))
    return out


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
