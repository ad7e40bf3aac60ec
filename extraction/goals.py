"""Goals met / total (short-term and long-term) as clinics write their status.

Counts ("2/3 STGs met", "LTG 0 of 2 met", "met two of her three short-term goals", "all STGs (3/3)"),
item statuses ("STG 1 and 3 achieved; STG 2 not yet met", a goal table's status column:
"STG 2  Pain <= 3/10 at work  Met") and a status for all goals of a kind ("LTGs ongoing", whose
total comes from the goals as the plan listed them: "LTG: 1) ... 2) ...").
"""

from __future__ import annotations

import re

from .types import Goals

IC = re.IGNORECASE

_WORDS = {"zero": 0, "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUM = r"(?:\d{1,2}|zero|none|no|one|two|three|four|five|six)\b"
_KIND = r"(?P<kind>STGs?|LTGs?|short[- ]term\s+goals?|long[- ]term\s+goals?|short[- ]term|long[- ]term)"
_STATUS = (
    r"(?P<status>not\s+(?:yet\s+)?met|not\s+(?:yet\s+)?achieved|partially\s+(?:met|achieved)|met|achieved|attained|"
    r"progressing|in\s+progress|ongoing|continuing|deferred|discontinued)"
)
# "2/3 STGs met", "2 of 3 short-term goals", "two of her three short-term goals"
_COUNT_BEFORE = re.compile(
    r"(?<![\w/])(?P<met>" + _NUM + r")\s*(?:of|/|out\s+of)\s*(?:her|his|their|the|its)?\s*(?P<total>" + _NUM + r")\s+"
    r"(?:of\s+(?:her|his|their|the)\s+)?" + _KIND,
    IC,
)
# "LTG 0 of 2 met", "long-term goals 1/2", "STGs (3/3)", "STGs: 2 of 3 met"
_COUNT_AFTER = re.compile(
    _KIND + r"\s*[:\-(]?\s*(?P<met>" + _NUM + r")\s*(?:of|/|out\s+of)\s*(?P<total>" + _NUM + r")\b\)?", IC
)
# "STG 1 and 3 achieved", "STG #2: not met", "STG 1 Independent with HEP   Met"
_ITEMS = re.compile(
    r"\b(?P<kind>STG|LTG|short[- ]term\s+goal|long[- ]term\s+goal)\s*#?\s*"
    r"(?P<nums>\d{1,2}(?:\s*(?:,|and|&|\+)\s*\d{1,2})*)(?![\d/])",
    IC,
)
_STATUS_RX = re.compile(r"\b" + _STATUS + r"\b", IC)
# "LTGs ongoing", "all short-term goals met", "long-term goals: progressing"
_GROUP = re.compile(
    r"\b(?P<all>all\s+(?:(?:of\s+)?(?:her|his|their|the)\s+)?)?"
    r"(?P<kind>STGs?|LTGs?|short[- ]term\s+goals?|long[- ]term\s+goals?)\s*[:\-]?\s*"
    r"(?:are\s+|were\s+|is\s+|was\s+|have\s+been\s+|has\s+been\s+)?" + _STATUS + r"\b",
    IC,
)
# the goals as planned: "STG (3 wks): 1) NPRS <= 3/10  2) independent HEP", "STG1 ...; STG2 ..."
_DEFINITION_LEAD = re.compile(r"^\s*(?P<kind>STG|LTG|short[- ]term\s+goals?|long[- ]term\s+goals?)s?\b", IC)
_ENUM = re.compile(r"(?<![\d/.<>=])(\d)\s*[).](?!\d)")
_NUMBERED = re.compile(r"\b(STG|LTG)\s*#?\s*(\d)\b", IC)


def _n(token: str) -> int:
    return int(token) if token.isdigit() else _WORDS[token.lower()]


def _kind(word: str) -> str:
    return "STG" if word.lower().startswith(("stg", "short")) else "LTG"


def _met(status: str) -> bool:
    s = status.lower()
    return s in ("met", "achieved", "attained")


def goal_status_in(text: str) -> bool:
    """Whether a sentence gives the status of goals (not only lists them)."""
    if _COUNT_BEFORE.search(text) or _COUNT_AFTER.search(text) or _GROUP.search(text):
        return bool(re.search(r"\b(?:met|achieved|attained|ongoing|progress\w*|\d\s*/\s*\d)", text, IC))
    return any(_STATUS_RX.search(_clause_after(text, m.end())) for m in _ITEMS.finditer(text))


def planned_totals(text: str) -> dict[str, int]:
    """How many goals of each kind the plan lists (for a status given to all of them)."""
    out: dict[str, int] = {}
    for line in text.split("\n"):
        m = _DEFINITION_LEAD.match(line)
        if m is not None and not _STATUS_RX.search(line):
            nums = [int(x) for x in _ENUM.findall(line[m.end() :])]
            if nums:
                out[_kind(m.group("kind"))] = max(nums)
        for k, num in _NUMBERED.findall(line):
            if not _STATUS_RX.search(line):
                out[_kind(k)] = max(out.get(_kind(k), 0), int(num))
    return out


def _clause_after(text: str, start: int) -> str:
    """The rest of the clause an item number starts: up to the next goal item or sentence end."""
    rest = text[start:]
    cut = re.search(r"[;.](?:\s|$)|\n|\b(?:STG|LTG)s?\b|\bshort[- ]term\b|\blong[- ]term\b", rest, IC)
    return rest[: cut.start()] if cut else rest


def goals_from(text: str, planned: dict[str, int] | None = None) -> Goals | None:
    planned = planned or {}
    counts: dict[str, tuple[int, int]] = {}
    if re.search(r"\b(?:met|achieved|attained)\b|\(\s*\d\s*/\s*\d\s*\)", text, IC):
        for rx in (_COUNT_BEFORE, _COUNT_AFTER):
            for m in rx.finditer(text):
                met, total = _n(m.group("met")), _n(m.group("total"))
                if met <= total:
                    counts.setdefault(_kind(m.group("kind")), (met, total))
    items: dict[tuple[str, int], bool] = {}
    for m in _ITEMS.finditer(text):
        sm = _STATUS_RX.search(_clause_after(text, m.end()))
        if sm is None:
            continue
        for num in re.findall(r"\d{1,2}", m.group("nums")):
            items.setdefault((_kind(m.group("kind")), int(num)), _met(sm.group("status")))
    groups: dict[str, tuple[bool, bool]] = {}  # kind -> (met, written in the singular: one goal)
    for m in _GROUP.finditer(text):
        single = not m.group("kind").lower().endswith("s")
        groups.setdefault(_kind(m.group("kind")), (_met(m.group("status")), single))
    if not counts and not items and not groups:
        return None
    out: dict[str, tuple[int, int]] = {}
    for kind in ("STG", "LTG"):
        if kind in counts:
            out[kind] = counts[kind]
            continue
        mine = {num: met for (k, num), met in items.items() if k == kind}
        if mine:
            total = max(len(mine), max(mine), planned.get(kind, 0))
            out[kind] = (sum(mine.values()), total)
        elif kind in groups:
            met, single = groups[kind]
            total = planned.get(kind, 1 if single else 0)
            out[kind] = (total if met else 0, total)
        else:
            out[kind] = (0, 0)
    return Goals(out["STG"][0], out["STG"][1], out["LTG"][0], out["LTG"][1])
