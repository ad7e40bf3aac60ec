"""Appeal-rights notices by line of business and review type, and the language-assistance insert.

- Medicare Advantage denials follow the sections of the CMS-10003 Notice of Denial of Medical
  Coverage (or Payment) (OMB 0938-0829): 12 pt type, the OMB number, standard and fast appeals,
  who may appeal and how to name a representative, what happens next (automatic independent
  review), and "Get help & more information" with 1-800-MEDICARE.
- A retrospective review is a payment decision: its appeal is a payment appeal with its own clock,
  and there is never a fast (expedited) appeal.
- Commercial (ERISA / ACA internal appeal and external review) and Medicaid (plan appeal, State fair
  hearing, continuation of benefits) variants; every deadline comes from settings.UR_LINES_OF_BUSINESS.
- Every letter carries the language-assistance taglines (15 languages), the nondiscrimination notice
  and an offer of alternate formats (data/language_assistance.json names its public sources).
Pure: plain values in, frozen dataclasses out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vocabulary import Decision, ReviewType

DATA = Path(__file__).with_name("data") / "language_assistance.json"
NDMC_FORM = "Form CMS-10003-NDMCP"
NDMC_OMB = "OMB Approval 0938-0829"
MEDICARE_HELP = "1-800-MEDICARE (1-800-633-4227), TTY 1-877-486-2048, 24 hours a day, 7 days a week"


@dataclass(frozen=True)
class Notice:
    kind: str  # ma_ndmc | commercial | medicaid | approval
    payment: bool  # a retrospective (payment) decision
    appeal_name: str
    appeal_days: int
    decision_days: int  # the standard appeal's clock for this review type
    fast_hours: int | None  # None: no fast appeal (payment decisions, approvals)
    external_review_months: int | None = None
    fair_hearing_days: int | None = None
    continuation_days: int | None = None
    form_id: str = ""
    omb: str = ""
    medicare_help: str = ""


@dataclass(frozen=True)
class Tagline:
    lang: str
    language: str
    text: str
    dir: str = "ltr"


@dataclass(frozen=True)
class LanguageInsert:
    english: str
    taglines: tuple[Tagline, ...]
    nondiscrimination: tuple[str, ...]
    alternate_formats: str
    sources: tuple[tuple[str, str], ...]  # (title, url)


def build_notice(*, lob_key: str, decision: str, review_type: str, org: dict[str, str], lob: dict[str, Any]) -> Notice:
    payment = review_type == ReviewType.RETROSPECTIVE
    decision_days = int(lob["payment_decision_days"] if payment else lob["standard_decision_days"])
    fast = None if payment or decision == Decision.APPROVE else int(lob["expedited_appeal_hours"])
    if decision == Decision.APPROVE:
        kind = "approval"
    elif lob_key == "medicare_advantage":
        kind = "ma_ndmc"
    elif lob_key == "medicaid":
        kind = "medicaid"
    else:
        kind = "commercial"
    return Notice(
        kind=kind,
        payment=payment,
        appeal_name=str(lob["appeal_name"]),
        appeal_days=int(lob["appeal_days"]),
        decision_days=decision_days,
        fast_hours=fast,
        external_review_months=lob.get("external_review_months"),
        fair_hearing_days=lob.get("fair_hearing_days"),
        continuation_days=None if payment else lob.get("continuation_days"),
        form_id=NDMC_FORM if kind == "ma_ndmc" else "",
        omb=NDMC_OMB if kind == "ma_ndmc" else "",
        medicare_help=MEDICARE_HELP if lob_key == "medicare_advantage" else "",
    )


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def language_insert(org: dict[str, str]) -> LanguageInsert:
    d = _data()
    fill = {"phone": org["phone"], "tty": org["tty"], "org": org["name"], "address": org["address"], "fax": org["fax"]}
    return LanguageInsert(
        english=d["english"].format(**fill),
        taglines=tuple(
            Tagline(lang=t["lang"], language=t["language"], text=t["text"].format(**fill), dir=t.get("dir", "ltr"))
            for t in d["taglines"]
        ),
        nondiscrimination=tuple(p.format(**fill) for p in d["nondiscrimination"]),
        alternate_formats=d["alternate_formats"].format(**fill),
        sources=tuple((s["title"], s["url"]) for s in d["sources"]),
    )
