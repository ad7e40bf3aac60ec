"""Record extraction: per-page text -> suggested ur-case/1 findings, each with its page and quote.

Pure (no Django, no database, no clock): plain frozen dataclasses in and out, like criteria.engine.
A person confirms every suggestion before the engine sees it.
"""

from __future__ import annotations

from .core import extract
from .payload import to_payload
from .types import (
    DocumentationSuggestion,
    EpisodeSuggestion,
    Extraction,
    Found,
    Goals,
    OutcomeMeasure,
    PageText,
    SideMention,
    VisitSuggestion,
)

__all__ = [
    "DocumentationSuggestion",
    "EpisodeSuggestion",
    "Extraction",
    "Found",
    "Goals",
    "OutcomeMeasure",
    "PageText",
    "SideMention",
    "VisitSuggestion",
    "extract",
    "to_payload",
]
