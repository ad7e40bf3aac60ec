"""Text helpers: sentences with their page, and dates in the formats clinics write them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .types import PageText


@dataclass(frozen=True)
class Sentence:
    page: int
    line: int  # 0-based line index on the page
    start: int  # character offset of the sentence in the page text
    text: str
    end: int = -1  # offset just past the sentence's last character (-1: not known)


_ABBREV_DOT = re.compile(
    r"\b(?:vs|Dr|approx|pt|Pt|Mr|Ms|Mrs|St|wk|wks|yo|e\.g|i\.e|hx|Hx|no|No|Fig|min|sec|ft|lb|lbs|in)\.$"
)
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'])")


_CONTINUES = re.compile(r"^[a-z(]")
# a score or a range wrapped onto the next line: "Back pain\n8/10.", "L knee\n0-140, 5/5.", "HOOS\n78."
_WRAPPED_SCORE = re.compile(
    r"^(?:\d{1,2}\s*/\s*10\b|\d{1,3}\s*-\s*\d{1,3}\s*(?:deg\w*|°)?\s*(?:[,;.]|$)|\d{1,3}(?:\.\d+)?\s*[.,;]?\s*$)"
)
_OPEN_END = re.compile(r"(?:[,&/-]|\b(?:and|or|with|of|to|the|a|in|for|on|at))\s*$", re.IGNORECASE)


def _logical_lines(text: str) -> list[tuple[int, int, str]]:
    """(line index, offset, text): a line wrapped by the PDF (next line goes on lowercase) is joined."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for idx, raw in enumerate(text.split("\n")):
        start = offset
        offset += len(raw) + 1
        stripped = raw.strip()
        if (
            out
            and stripped
            and "|" not in raw
            and out[-1][2].strip()
            and not re.search(r"[.!?:;]\s*$", out[-1][2])
            and (_CONTINUES.match(stripped) or _OPEN_END.search(out[-1][2]) or _WRAPPED_SCORE.match(stripped))
        ):
            li, lo, lt = out[-1]
            out[-1] = (li, lo, lt + " " * (start - lo - len(lt)) + raw)
            continue
        out.append((idx, start, raw))
    return out


def sentences(page: PageText) -> list[Sentence]:
    """Each (unwrapped) line, further cut at sentence ends. Quotes are whole sentences (trimmed)."""
    out: list[Sentence] = []
    for idx, line_start, raw_line in _logical_lines(page.text):
        raw_line = raw_line.replace("\n", " ")
        if not raw_line.strip():
            continue
        pieces: list[tuple[int, str]] = []
        buf_start = 0
        for m in _SPLIT.finditer(raw_line):
            head = raw_line[buf_start : m.start()]
            if _ABBREV_DOT.search(head):
                continue
            pieces.append((buf_start, head))
            buf_start = m.end()
        pieces.append((buf_start, raw_line[buf_start:]))
        for start, piece in pieces:
            text = piece.strip()
            if text:
                lead = len(piece) - len(piece.lstrip())
                begin = line_start + start + lead
                out.append(Sentence(page.number, idx, begin, norm_space(text), begin + len(text)))
    return out


# Cardinal number words as notes write them ("two of three goals", "four more weeks").
NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    # (an ISO date may carry its time: "2025-09-30T14:05")
    ("iso", re.compile(r"\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")),
    ("us", re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])")),
    # spaces around the slashes, as OCR reads a fax: "10 / 02 / 2025" (a four-digit year)
    ("us", re.compile(r"(?<![\d/.-])(\d{1,2}) ?(/) ?(\d{1,2}) ?/ ?(\d{4})(?![\d/-])")),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)),
    # "3 March 2025", "3rd March, 2025", "3rd of March 2025"
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(\d{4})\b", re.IGNORECASE)),
    # "4-Mar-25", "04-MAR-2025" (EMR flowsheets and date stamps)
    ("dmy", re.compile(r"(?<![\w/-])(\d{1,2})-" + _MON + r"-(\d{4}|\d{2})(?![\w/-])", re.IGNORECASE)),
]
_SHORT = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?![/\d])")


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    iso: str


def _mk(y: int, m: int, d: int) -> str | None:
    if y < 100:
        y += 2000
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def shift_year(iso: str, years: int) -> str | None:
    """The same day `years` later (earlier when negative), or None where it does not exist (February 29)."""
    try:
        return date.fromisoformat(iso).replace(year=int(iso[:4]) + years).isoformat()
    except ValueError:
        return None


# "01/10/2022-03/01/2022": a hyphen joining two dates is not part of either (offsets kept)
_DATE_JOIN = re.compile(r"(?<=\d)-(?=\d{1,2}/\d{1,2}/\d{2})")


def find_dates(text: str) -> list[DateHit]:
    text = _DATE_JOIN.sub(" ", text)
    hits: list[DateHit] = []
    # (characters already read as a date: a mask, so a page of thousands of dates stays linear)
    taken = bytearray(len(text))
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            g = m.groups()
            if kind == "iso":
                iso = _mk(int(g[0]), int(g[2]), int(g[3]))
            elif kind == "us":
                # month first (US); a first number above 12 can only be the day ("22.07.1996", "13/05/2025")
                first_n, second_n = int(g[0]), int(g[2])
                if first_n > 12 >= second_n:
                    first_n, second_n = second_n, first_n
                iso = _mk(int(g[3]), first_n, second_n)
            elif kind == "mdy":
                iso = _mk(int(g[2]), MONTHS[g[0][:3].lower()], int(g[1]))
            else:
                iso = _mk(int(g[2]), MONTHS[g[1][:3].lower()], int(g[0]))
            if iso is not None:
                hits.append(DateHit(m.start(), m.end(), iso))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    hits.sort(key=lambda h: h.start)
    return hits


# a date without its year ("Dec 3rd", "3 Dec", "3/12"): the record gives the year (a header's "2025")
_YEARLESS = [
    ("md", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})(?![/:-]\d)", re.IGNORECASE)),
    ("dm", re.compile(r"(?<![\w/.-])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?!,?\s*\d{4})", re.IGNORECASE)),
    ("short", re.compile(r"(?<![\w/.-])(\d{1,2})/(\d{1,2})(?![\w/.-]|\.\d)")),
]
_STANDALONE_YEAR = re.compile(r"(?<![\w/.\-])((?:19|20)\d{2})(?![\w/.\-])")


@dataclass(frozen=True)
class YearlessHit(DateHit):
    """A date written without its year, the year supplied from the page or the record."""

    numeric: bool  # "3/12" (could be a score or a ratio: read only where a date is expected)


def find_yearless_dates(text: str, year: int | None) -> list[YearlessHit]:
    """Dates written without a year, given the record's year; full dates are not repeated here."""
    if year is None:
        return []
    taken = bytearray(len(text))
    for h in find_dates(text):
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    out: list[YearlessHit] = []
    for kind, rx in _YEARLESS:
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            g = m.groups()
            if kind == "md":
                iso = _mk(year, MONTHS[g[0][:3].lower()], int(g[1]))
            elif kind == "dm":
                iso = _mk(year, MONTHS[g[1][:3].lower()], int(g[0]))
            else:
                iso = _mk(year, int(g[0]), int(g[1]))
            if iso is not None:
                out.append(YearlessHit(m.start(), m.end(), iso, kind == "short"))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out.sort(key=lambda h: h.start)
    return out


def standalone_years(text: str) -> list[int]:
    """Years written on their own ("2025 CLINICAL NOTES", "Evaluation -- 2025"), not inside a date."""
    spans = [(h.start, h.end) for h in find_dates(text)]
    return [int(m.group(1)) for m in _STANDALONE_YEAR.finditer(text) if not any(a <= m.start() < b for a, b in spans)]


def leading_short_date(line: str, year: int | None) -> DateHit | None:
    """'8/7' at the start of a flowsheet row, with the year taken from the record."""
    if year is None:
        return None
    m = _SHORT.match(line)
    if not m:
        return None
    iso = _mk(year, int(m.group(1)), int(m.group(2)))
    return DateHit(m.start(1), m.end(2), iso) if iso else None


_UNCHECKED = re.compile(
    r"(?:\[\s*\]|\(\s\)|☐)[ \t]*[^\[\]()☐☒☑\n]*?(?=\s{2,}|\s*(?:\[|\(\s?[xX✓✔]?\s?\)|☐|☒|☑)|\s*$)", re.MULTILINE
)
_CHECKED = re.compile(r"(?:\[\s*[xX✓✔*]\s*\]|\(\s*[xX✓✔]\s*\)|☒|☑)")


# a yes/no pair whose labels stand before their boxes: "Fever or chills?   Y [ ]  N [X]"
_YN_BOXES = re.compile(r"\b(?:Y|Yes)\s*(?P<yb>\[\s*[xX✓✔*]?\s*\])\s*(?:N|No)\s*(?P<nb>\[\s*[xX✓✔*]?\s*\])")
_MARK = re.compile(r"[xX✓✔*]")


def _yes_no(m: re.Match[str]) -> str:
    yes, no = bool(_MARK.search(m.group("yb"))), bool(_MARK.search(m.group("nb")))
    answer = "Y" if yes and not no else "N" if no and not yes else ""
    return answer.ljust(len(m.group(0)))


def resolve_checkboxes(text: str) -> str:
    """A form's checkboxes as prose, offsets kept: an unchecked item is blanked out ("[ ] Fever" is not
    a finding), a checked box mark is blanked and its item kept ("Side: [X] Left" reads "Side:     Left"),
    a yes/no pair is its answer ("Fever?  Y [ ]  N [X]" reads "Fever?  N")."""
    text = _YN_BOXES.sub(_yes_no, text)
    text = _UNCHECKED.sub(lambda m: " " * len(m.group(0)), text)
    return _CHECKED.sub(lambda m: " " * len(m.group(0)), text)


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- month-precision spans ("02/2024 to 04/2024")

_MON_YEAR_NUM = r"(?<![\d/.-])(?P<{n}m>0?[1-9]|1[0-2])\s?/\s?(?P<{n}y>(?:19|20)\d{{2}})(?![\d/])"
_MON_YEAR_NAME = (
    r"\b(?P<{n}mn>" + _MON.replace("(", "(?:", 1) + r")(?:\s+(?:of\s+)?|\s*[',]\s*)(?P<{n}yn>(?:19|20)\d{{2}})\b"
)
_MON_ALONE = r"\b(?P<{n}ma>" + _MON.replace("(", "(?:", 1) + r")"
_SPAN_JOIN = r"\s*(?:-|–|—|to|through|thru|until)\s*"
_MONTH_SPAN = re.compile(
    "(?:"
    + _MON_YEAR_NUM.format(n="a")
    + "|"
    + _MON_YEAR_NAME.format(n="a")
    + "|"
    + _MON_ALONE.format(n="a")
    + ")"
    + _SPAN_JOIN
    + "(?:"
    + _MON_YEAR_NUM.format(n="b").replace(r"(?<![\d/.-])", r"(?<![\d/.])", 1)
    + "|"
    + _MON_YEAR_NAME.format(n="b")
    + ")",
    re.IGNORECASE,
)
# a season of a year, as the months the US calendar gives it (winter spans two years: not read)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
_SEASON = re.compile(r"\b(spring|summer|fall|autumn)\s+(?:of\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class MonthSpan:
    start: int
    end: int
    first_day: str
    last_day: str


def _month_of(m: re.Match[str], n: str) -> tuple[int | None, int | None]:
    if m.group(f"{n}m"):
        return int(m.group(f"{n}m")), int(m.group(f"{n}y"))
    if m.group(f"{n}mn"):
        return MONTHS[m.group(f"{n}mn")[:3].lower()], int(m.group(f"{n}yn"))
    if n == "a" and m.group("ama"):
        return MONTHS[m.group("ama")[:3].lower()], None
    return None, None


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def find_month_spans(text: str) -> list[MonthSpan]:
    """Spans of care written to the month only: "02/2024 to 04/2024", "Feb-Apr 2024", "Nov 2023 - Jan 2024",
    "spring 2024". A span stated by its months is read as the first day of its first month to the last day of
    its last month: the whole of what the record states (a prior episode's end is then the latest day it could
    have been, so the gap to this episode is never made longer than the record says; the reviewer sees the
    quote and confirms or edits the dates)."""
    taken = bytearray(len(text))
    for h in find_dates(text):
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    out: list[MonthSpan] = []
    for m in _MONTH_SPAN.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue  # a full date's own digits ("10/02/2024 - 04/2025" is not a month span)
        ma, ya = _month_of(m, "a")
        mb, yb = _month_of(m, "b")
        if ma is None or mb is None or yb is None:
            continue
        if ya is None:
            ya = yb if ma <= mb else yb - 1  # "Nov-Jan 2024": November of the year before
        if (ya, ma) > (yb, mb):
            continue
        out.append(MonthSpan(m.start(), m.end(), date(ya, ma, 1).isoformat(), _last_day(yb, mb)))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _SEASON.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        first_m, last_m = _SEASONS[m.group(1).lower()]
        year = int(m.group(2))
        out.append(MonthSpan(m.start(), m.end(), date(year, first_m, 1).isoformat(), _last_day(year, last_m)))
    out.sort(key=lambda s: s.start)
    return out


_ONE_MONTH = re.compile(_MON_YEAR_NUM.format(n="a") + "|" + _MON_YEAR_NAME.format(n="a"), re.IGNORECASE)


def month_of_year(text: str, last: bool = False) -> str | None:
    """A month written with its year only ("02/2024", "Feb 2024") as its first day (its last with last=True), where
    the text gives no full date: a field of an episode written to the month ("Start: 02/2024")."""
    if find_dates(text):
        return None
    m = _ONE_MONTH.search(text)
    if m is None:
        return None
    month, year = _month_of(m, "a")
    if month is None or year is None:
        return None
    return _last_day(year, month) if last else date(year, month, 1).isoformat()
