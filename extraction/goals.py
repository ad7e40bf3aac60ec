"""Goals met / total (short-term and long-term) however a record writes them.

Forms read:

- counts: "met 2 of 3 short-term goals", "2/3 STGs met", "STGs met: 2/3", "STGs: 2 of 3 met",
  "all STGs met", "all 3 short-term goals achieved", "none of the LTGs met";
- items with a status: "STG 1 met, STG 2 not met", "STG 1 (pain < 4/10) - met", "STG 1 and 3
  achieved", "STGs 1-3 met", "LTG 1: Not met (progressing)";
- goal tables with a status column: a row naming the goal ("STG 1 | pain < 3/10 | 3 wks | Met")
  or a numbered row under a "Short-term goals" heading ("1. Pain < 3/10 ... Met");
- totals stated elsewhere: goals defined on another page ("STG 1 ..., STG 2 ..., LTG 1 ...",
  "3 short-term goals") give the total when the status page names only the goals met.

The page cited is the last page that gives a goal status (the latest progress note).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import NUMBER_WORDS
from .types import Found, Goals

IC = re.IGNORECASE
_WORDS = {**NUMBER_WORDS, "none": 0}
_NUM = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_NUM_MET = r"(?:\d{1,2}|none|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
_KIND = r"(?P<kind>STG|LTG|short[- ]?term\s+goal|long[- ]?term\s+goal)(?:s|'s)?(?![A-Za-z])"
_NOT_YET = r"(?<!to be )(?<!will be )(?<!should be )(?<!can be )(?<!be )"
_STATUS = re.compile(
    r"(?P<status>not\s+(?:yet\s+)?(?:fully\s+)?(?:met|achieved|attained)|partially\s+(?:met|achieved)|partly\s+met"
    r"|unmet|" + _NOT_YET + r"(?:met|achieved|attained|accomplished|reached)|progressing|in\s+progress|ongoing"
    r"|continuing|not\s+started|deferred|discontinued)\b",
    IC,
)
_MET = {"met", "achieved", "attained", "accomplished", "reached"}

# "2 of 3 short-term goals met", "met 2 of 3 STGs"
_COUNT_A = re.compile(
    r"(?<![\w/])(?P<met>"
    + _NUM_MET
    + r")\s*(?:of|/|out\s+of)\s*(?:(?:the|her|his|their|its)\s+)?(?P<total>"
    + _NUM
    + r")\s+(?:(?:the|her|his|their|pt'?s)\s+)?"
    + _KIND,
    IC,
)
# "STGs met: 2/3", "STGs: 2 of 3 met", "short-term goals 2/3 achieved"
_COUNT_B = re.compile(
    _KIND
    + r"\s*(?:met|achieved)?\s*[:=\-–(]?\s*(?P<met>"
    + _NUM_MET
    + r")\s*(?:of|/|out\s+of)\s*(?P<total>"
    + _NUM
    + r")",
    IC,
)
# "all STGs met", "all 3 short-term goals achieved", "none of the LTGs met", "no LTGs met yet"
_ALL = re.compile(
    r"\b(?P<q>all|both|none\s+of|neither\s+of|no)\s+(?:(?:the|her|his|their)\s+)?(?:(?P<n>"
    + _NUM
    + r")\s+)?"
    + _KIND
    + r"[^.;\n]{0,25}?"
    r"\b(?:(?:were|are|have\s+been|has\s+been|now)\s+)?(?P<st>met|achieved|attained)\b",
    IC,
)
# "of his four short-term goals he has met three", "of the 3 STGs, pt has achieved 2"
_COUNT_C = re.compile(
    r"\bof\s+(?:(?:the|her|his|their|pt'?s)\s+)?(?P<total>"
    + _NUM
    + r")\s+"
    + _KIND
    + r"\s*,?\s*(?:(?:he|she|they|the\s+patient|pt|patient)\s+)?(?:has|have)\s+(?:now\s+)?(?:met|achieved|attained)\s+"
    r"(?P<met>" + _NUM_MET + r")",
    IC,
)
# the kind without the word "goal" in a sentence about goals: "Goals: short-term 3 of 3 met; long-term 1 of 2 met"
_COUNT_E = re.compile(
    r"\b(?P<kind>short[- ]?term|long[- ]?term)\s*[:=\-–]?\s*(?P<met>"
    + _NUM_MET
    + r")\s*(?:of|/|out\s+of)\s*(?P<total>"
    + _NUM
    + r")\s+(?:goals?\s+)?(?:(?:are|were|have\s+been)\s+)?(?:met|achieved|attained)\b",
    IC,
)
# a count in parentheses after a status: "LTGs: partially met (2 of 3)", "long-term goals in progress (0 of 2)"
_COUNT_D = re.compile(
    _KIND
    + r"\s*:?\s*(?:are\s+|were\s+)?(?:partially\s+met|partly\s+met|in\s+progress|progressing|ongoing|not\s+(?:yet\s+)?met|met)"
    r"\s*\(\s*(?P<met>" + _NUM_MET + r")\s*(?:of|/|out\s+of)\s*(?P<total>" + _NUM + r")\s*(?:met|achieved)?\s*\)",
    IC,
)
_ST = (
    r"(?P<st>not\s+(?:yet\s+)?met|partially\s+met|partly\s+met|unmet|met|achieved|not\s+achieved|progressing|in\s+progress|"
    r"ongoing|continuing|deferred|discontinued)"
)
# tallies by status: "2 STGs met; 1 STG not met", "STG: met x 2, partially met x 1", "STGs (3): 2 met, 1 progressing",
# "LTGs ongoing (3)"
_TALLY_BEFORE = re.compile(
    r"(?<![\w/])(?<!of )(?<!/ )(?<!of her )(?<!of his )(?<!of the )(?<!of their )(?P<n>"
    + _NUM_MET
    + r")\s+"
    + _KIND
    + r"\s+(?:(?:are|is|were|was|has\s+been|have\s+been)\s+)?"
    + _ST,
    IC,
)
_TALLY_AFTER = re.compile(r"\b" + _ST + r"\s*[x×]\s*(?P<n>\d{1,2})\b", IC)
_TALLY_LEAD = re.compile(r"^\s*" + _KIND + r"\s*(?:\(\s*(?P<total>" + _NUM + r")\s*\))?\s*[:\-–]\s*(?P<rest>.*)$", IC)
_TALLY_COUNT = re.compile(r"(?<![\w/])(?P<n>" + _NUM_MET + r")\s+" + _ST + r"\b", IC)
_EVERY_COUNT = re.compile(_KIND + r"\s*:?\s*(?:are\s+)?" + _ST + r"\s*\(\s*(?P<n>" + _NUM + r")\s*\)", IC)


def _tallies(seg: str) -> dict[str, tuple[int, int]]:
    """kind -> (met, total) from a tally of goals by status, if the segment gives one."""
    out: dict[str, list[int]] = {}

    def add(kind: str, n: int, status: str) -> None:
        met_total = out.setdefault(kind, [0, 0])
        met_total[0] += n if status.lower() in _MET else 0
        met_total[1] += n

    for m in _TALLY_BEFORE.finditer(seg):
        add(_kind(m.group("kind")), _n(m.group("n")), m.group("st"))
    for m in _EVERY_COUNT.finditer(seg):
        kind = _kind(m.group("kind"))
        if kind not in out:
            add(kind, _n(m.group("n")), m.group("st"))
    lead = _TALLY_LEAD.match(seg)
    if lead is not None and not re.search(r"\b(?:STG|LTG|goal)s?\s*#?\s*\d", lead.group("rest"), IC):
        # (not a list of numbered goals with their statuses: "Short-term goals: STG 1 met, STG 2 not met")
        kind = _kind(lead.group("kind"))
        pairs = [(int(m.group("n")), m.group("st")) for m in _TALLY_AFTER.finditer(lead.group("rest"))]
        pairs += [(_n(m.group("n")), m.group("st")) for m in _TALLY_COUNT.finditer(lead.group("rest"))]
        if pairs and kind not in out:
            for n, st in pairs:
                add(kind, n, st)
            if lead.group("total") and out[kind][1] != _n(lead.group("total")):
                del out[kind]  # the tally does not add up to the stated total: not read
    return {k: (v[0], v[1]) for k, v in out.items() if v[1]}


# two kinds with one status: "all 3 short-term and both long-term goals met", "both STGs and all LTGs achieved",
# "all short-term and none of the long-term goals met"
_Q = r"(?:all|both|none\s+of|neither\s+of|no)"
_STEM = r"(?:STG|LTG|short[- ]?term|long[- ]?term)(?:s|'s)?(?:\s+goals?)?"
_PAIR = re.compile(
    r"\b(?P<q1>" + _Q + r")\s+(?:(?:the|her|his|their)\s+)?(?:(?P<n1>" + _NUM + r")\s+)?(?P<k1>" + _STEM + r")"
    r"\s+and\s+(?P<q2>" + _Q + r")\s+(?:(?:the|her|his|their)\s+)?(?:(?P<n2>" + _NUM + r")\s+)?(?P<k2>" + _STEM + r")"
    r"[^.;\n]{0,25}?\b(?:(?:were|are|have\s+been|has\s+been|now)\s+)?(?P<st>met|achieved|attained)\b",
    IC,
)
# "3 short-term goals", "two LTGs" (a stated total)
_TOTAL = re.compile(r"\b(?P<n>" + _NUM + r")\s+" + _KIND, IC)
# "STG 1", "STGs 1 and 3", "STG #1-3", "STG1, 2"
_REF = re.compile(
    _KIND + r"\s*#?\s*(?P<nums>\d{1,2}(?:\s*(?:,|and|&|\+|-|–|to)\s*#?\s*\d{1,2}(?!\s*(?:wks?|weeks?|days?|mos?|"
    r"months?|x|/|%|deg|°|lb)))*)?(?![\d/])",
    IC,
)
_HEADING = re.compile(
    r"^\s*(?:[-*•]\s*)?(?P<kind>STG|LTG|short[- ]?term|long[- ]?term)(?:s|'s)?(?:\s+goals?)?\s*"
    r"(?:\(\s*(?P<hn>\d{1,2})\s*\))?\s*:?\s*(?:\|.*|\s{2,}(?:status|progress|met\??|target|date|comments?|outcome)\b.*)?$",
    IC,
)
_INLINE_LIST = re.compile(
    r"^\s*(?P<kind>STG|LTG|short[- ]?term(?:\s+goals?)?|long[- ]?term(?:\s+goals?)?)s?\s*(?:\([^)]*\))?\s*:", IC
)
_ENUM = re.compile(r"(?<![\d/.<>=])(\d)\s*[).]\s+\S")
_ROW = re.compile(r"^\s*(?:#|goal\s*)?(?P<num>\d{1,2})\s*[.):|]\s*\S", IC)


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _WORDS[text.lower()]


def _kind(text: str) -> str:
    return "STG" if text.upper().startswith(("STG", "SHORT")) else "LTG"


def _nums(text: str | None) -> list[int]:
    if not text:
        return []
    out: list[int] = []
    for m in re.finditer(r"(\d{1,2})(?:\s*(?:-|–|to)\s*#?\s*(\d{1,2}))?", text):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        out.extend(range(a, b + 1) if b >= a and b - a < 10 else [a])
    return out


@dataclass
class _PageGoals:
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (met, total), as stated
    items: dict[tuple[str, int], bool] = field(default_factory=dict)  # (kind, number) -> met
    all_met: dict[str, int | None] = field(default_factory=dict)  # kind -> stated total (None: unstated)
    none_met: set[str] = field(default_factory=set)
    defined: dict[str, set[int]] = field(default_factory=dict)  # goal numbers named on the page
    every: dict[str, bool] = field(default_factory=dict)  # kind -> met, a status for all ("LTGs ongoing")
    totals: dict[str, int] = field(default_factory=dict)  # "3 short-term goals"
    quotes: list[str] = field(default_factory=list)

    @property
    def has_status(self) -> bool:
        return bool(self.counts or self.items or self.all_met or self.none_met or self.every)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _segments(text: str) -> list[str]:
    """Lines, with a sentence carried on over a line break joined ("...3 short-term\\ngoals met")."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1] and not re.search(r"[.:;|!?]\s*$", out[-1]) and re.match(r"\s*[a-z]", line):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line.rstrip())
    return out


def _read_segment(seg: str, pg: _PageGoals, section: str | None) -> None:
    spans: list[tuple[int, int]] = []
    status_here = False
    for rx in (_COUNT_A, _COUNT_B):
        for m in rx.finditer(seg):
            if not re.search(r"\b(?:met|achieved|attained)\b", seg, IC) or re.search(r"\bnot\s+met\b", m.group(0), IC):
                continue
            met, total = _n(m.group("met")), _n(m.group("total"))
            if met <= total:
                pg.counts.setdefault(_kind(m.group("kind")), (met, total))
                spans.append(m.span())
                status_here = True
    for kind, counted in _tallies(seg).items():
        if kind not in pg.counts:
            pg.counts[kind] = counted
            status_here = True
    bare = _COUNT_E.finditer(seg) if re.search(r"\bgoals?\b", seg, IC) or section is not None else iter(())
    for m in [*_COUNT_C.finditer(seg), *_COUNT_D.finditer(seg), *bare]:
        met, total = _n(m.group("met")), _n(m.group("total"))
        if met <= total:
            pg.counts.setdefault(_kind(m.group("kind")), (met, total))
            spans.append(m.span())
            status_here = True
    quantified: list[tuple[str, str, str | None, tuple[int, int]]] = []
    for m in _PAIR.finditer(seg):
        quantified.append((m.group("q1"), m.group("k1"), m.group("n1"), m.span()))
        quantified.append((m.group("q2"), m.group("k2"), m.group("n2"), m.span()))
    rest0 = _blank(seg, [q[3] for q in quantified])
    for m in _ALL.finditer(rest0):
        quantified.append((m.group("q"), m.group("kind"), m.group("n"), m.span()))
    for q, kind_text, n_text, span in quantified:
        kind = _kind(kind_text)
        q = q.lower()
        n = _n(n_text) if n_text else 2 if q in ("both", "neither of") else None
        if q in ("all", "both"):
            pg.all_met[kind] = n
        else:
            pg.none_met.add(kind)
            if n is not None:
                pg.totals[kind] = n
        spans.append(span)
        status_here = True
    rest = _blank(seg, spans)
    refs = list(_REF.finditer(rest))
    for i, m in enumerate(refs):
        kind = _kind(m.group("kind"))
        nums = _nums(m.group("nums"))
        pg.defined.setdefault(kind, set()).update(nums)
        end = refs[i + 1].start() if i + 1 < len(refs) else len(rest)
        st = _STATUS.search(rest, m.end(), end)
        if st is None:
            continue
        met = st.group("status").lower() in _MET
        if (
            not nums
            and re.search(r"(?:s|'s)$", m.group(0).strip())
            and not re.search(r"\bgoal$", m.group(0).strip(), IC)
        ):
            pg.every.setdefault(kind, met)  # "LTGs ongoing": every goal of that kind
            status_here = True
            continue
        if not nums:  # "STG met": the page's next unnumbered goal of that kind
            nums = [1 + sum(1 for k, _ in pg.items if k == kind)]
        for n in nums:
            pg.items.setdefault((kind, n), met)
        status_here = True
    if not refs and section is not None:
        row = _ROW.match(rest)
        if row:
            n = int(row.group("num"))
            pg.defined.setdefault(section, set()).add(n)
            st = _STATUS.search(rest, row.end())
            if st is not None:
                pg.items.setdefault((section, n), st.group("status").lower() in _MET)
                status_here = True
    lead = _INLINE_LIST.match(seg)
    if lead is not None and _STATUS.search(seg) is None:
        # "STG (3 wks): 1) pain <= 3/10  2) independent HEP": the goals as planned, numbered on one line
        numbers = [int(x) for x in _ENUM.findall(seg[lead.end() :])]
        if numbers:
            pg.defined.setdefault(_kind(lead.group("kind")), set()).update(range(1, max(numbers) + 1))
    for m in _TOTAL.finditer(rest):
        pg.totals[_kind(m.group("kind"))] = _n(m.group("n"))
    if status_here:
        pg.quotes.append(seg.strip())


# a goal table's status columns marked with an X: "Goal    Met    Partially met    Not met"
_STATUS_COLUMN = re.compile(
    r"(?<!\S)(?P<st>not\s+met|partially\s+met|partly\s+met|met|achieved|not\s+achieved|progressing|in\s+progress|ongoing|"
    r"deferred|discontinued)(?=\s{2,}|\s*$|\s*\|)",
    IC,
)
_MARK = re.compile(r"(?<!\S)(?:[xX✓✔√]|\[[xX✓✔]\])(?!\S)")


def _marked_status_columns(text: str) -> str:
    """Each row of a goal table whose status columns are marked with an X, the X replaced by its column's
    status ("STG 1  Pain < 3/10    X" under "Met" -> "STG 1  Pain < 3/10    Met")."""
    out: list[str] = []
    columns: list[tuple[int, str]] | None = None
    for line in text.split("\n"):
        heads = [(m.start() + len(m.group("st")) / 2, m.group("st")) for m in _STATUS_COLUMN.finditer(line)]
        if len(heads) >= 2 and not _MARK.search(line):
            columns = [(int(c), st) for c, st in heads]
            out.append(line)
            continue
        if columns is not None:
            if not line.strip():
                columns = None
            else:
                marks = list(_MARK.finditer(line))
                if len(marks) == 1:
                    m = marks[0]
                    centre = (m.start() + m.end()) / 2
                    status = min(columns, key=lambda c: abs(c[0] - centre))[1]
                    line = f"{line[: m.start()]}{status}{line[m.end() :]}"
        out.append(line)
    return "\n".join(out)


def page_goals(text: str) -> _PageGoals:
    marked = _marked_status_columns(text)
    # (quotes are given back as the page writes them: the X, not the status read from its column)
    own_words = {
        new.strip(): old.strip() for new, old in zip(marked.split("\n"), text.split("\n"), strict=True) if new != old
    }
    text = marked
    pg = _PageGoals()
    section: str | None = None
    for seg in _segments(text):
        if not seg.strip():
            section = None
            continue
        head = _HEADING.match(seg)
        if head:
            section = _kind(head.group("kind"))
            if head.group("hn"):
                pg.totals[section] = int(head.group("hn"))
            continue
        if section is not None and not _ROW.match(seg) and re.match(r"^\s*[A-Z][A-Za-z /&]{2,30}:\s*$", seg):
            section = None  # another heading ends the goal list
        _read_segment(seg, pg, section)
    pg.quotes = [own_words.get(q, q) for q in pg.quotes]
    return pg


def _kind_figures(kind: str, status: _PageGoals, known: set[int], stated: int | None) -> tuple[int, int] | None:
    if kind in status.counts:
        return status.counts[kind]
    items = {n: met for (k, n), met in status.items.items() if k == kind}
    numbered = known | set(items)
    # "STG 2" means there are at least two
    total = max(len(numbered), max(numbered, default=0), stated or 0)
    if kind in status.every and not items:
        return (total if status.every[kind] else 0, total) if total else None
    if kind in status.all_met:
        n = status.all_met[kind] or total or len(items) or 1
        return n, n
    if kind in status.none_met:
        return (0, total) if total else None
    if not items and not total:
        return None
    return sum(items.values()), max(total, len(items))


def record_goals(pages: Sequence[tuple[int, str]]) -> Found[Goals] | None:
    """Goals met / total from the last page with a goal status; totals from the record up to it."""
    read = [(n, page_goals(text)) for n, text in pages]
    last = next(((n, pg) for n, pg in reversed(read) if pg.has_status), None)
    if last is None:
        return None
    number, status = last
    known: dict[str, set[int]] = {"STG": set(), "LTG": set()}
    stated: dict[str, int] = {}
    for n, pg in read:
        if n > number:
            break
        for kind in ("STG", "LTG"):
            known[kind] |= pg.defined.get(kind, set())
            if kind in pg.totals:
                stated[kind] = pg.totals[kind]
    stg = _kind_figures("STG", status, known["STG"], stated.get("STG"))
    ltg = _kind_figures("LTG", status, known["LTG"], stated.get("LTG"))
    if stg is None and ltg is None:
        return None
    s = stg or (0, 0)
    lt = ltg or (0, 0)
    return Found(Goals(s[0], s[1], lt[0], lt[1]), number, " ".join(status.quotes)[:500])
