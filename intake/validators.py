"""Field checks for intake: the NPI check digit and ICD-10-CM code search (official titles)."""

from __future__ import annotations

from functools import cache

from reviews.case_format import icd10_problem, normalize_icd10


def npi_is_valid(npi: str) -> bool:
    """A 10-digit NPI whose last digit is the Luhn check digit of '80840' + the first 9 digits (CMS)."""
    if len(npi) != 10 or not npi.isdigit():
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:  # every second digit from the right, starting with the rightmost of the payload
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


@cache
def _index() -> list[tuple[str, str, bool]]:
    import simple_icd_10_cm as cm

    out = []
    for code in cm.get_all_codes(with_dots=True):
        if cm.is_chapter(code) or cm.is_block(code):
            continue
        out.append((code, cm.get_description(code), cm.is_leaf(code)))
    return out


def icd10_search(query: str, limit: int = 15) -> list[dict[str, object]]:
    """Codes whose code starts with, or whose official title contains every word of, the query."""
    q = query.strip()
    if len(q) < 2:
        return []
    code_q = q.upper().replace(".", "")
    words = [w for w in q.lower().split() if w]
    hits: list[dict[str, object]] = []
    for code, title, billable in _index():
        if code.replace(".", "").startswith(code_q) or all(w in title.lower() for w in words):
            hits.append({"code": code, "title": title, "billable": billable})
            if len(hits) >= limit:
                break
    return hits


def icd10_check(code: str) -> str | None:
    """None when `code` is a billable ICD-10-CM code, else the reason (same check as ur-case/1 import)."""
    return icd10_problem(normalize_icd10(code))
