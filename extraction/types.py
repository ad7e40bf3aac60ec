"""Frozen dataclasses in and out of the extraction module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PageText:
    """One page of a record: 1-based number, its text, and whether the text came from OCR."""

    number: int
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Found(Generic[T]):
    """One suggested value with the page it was read from and the sentence that says it."""

    value: T
    page: int
    quote: str


@dataclass(frozen=True)
class VisitSuggestion:
    date: Found[str]
    kind: Found[str]
    page: int
    pain_nprs: Found[int] | None = None
    function_pct: Found[int] | None = None
    side_documented: Found[str] | None = None
    services: Found[tuple[str, ...]] | None = None


@dataclass(frozen=True)
class EpisodeSuggestion:
    start_date: Found[str]
    end_date: Found[str]
    visits: Found[int]
    discharge_function_pct: Found[int] | None = None
    discharge_note: Found[str] | None = None


@dataclass(frozen=True)
class Goals:
    short_term_met: int
    short_term_total: int
    long_term_met: int
    long_term_total: int


@dataclass(frozen=True)
class OutcomeMeasure:
    name: str
    date: str | None
    score: float


@dataclass(frozen=True)
class DocumentationSuggestion:
    functional_deficits: tuple[Found[str], ...] = ()
    objective_impairments: tuple[Found[str], ...] = ()
    reported_improvement_pct: Found[int] | None = None
    goals: Found[Goals] | None = None
    outcome_measures: tuple[Found[OutcomeMeasure], ...] = ()
    strength: tuple[Found[str], ...] = ()  # objective strength measurements (MMT grades, dynamometry)
    exercise_parameters: tuple[Found[str], ...] = ()  # sets x reps, load, hold, rest
    gap_explanation: Found[str] | None = None


@dataclass(frozen=True)
class SideMention:
    side: str  # left | right | bilateral
    page: int
    quote: str


@dataclass(frozen=True)
class Extraction:
    visits: tuple[VisitSuggestion, ...]
    prior_episodes: tuple[EpisodeSuggestion, ...]
    frequency_per_week: Found[int] | None
    duration_weeks: Found[int] | None
    affected_side: Found[str] | None
    red_flags: tuple[Found[str], ...]
    documentation: DocumentationSuggestion
    side_mentions: tuple[SideMention, ...]
    ocr_pages: tuple[int, ...]
