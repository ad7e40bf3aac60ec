"""The shape of a labelled synthetic record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    text: str
    scanned: bool = False  # rendered to an image (a faxed page with no text layer)


@dataclass(frozen=True)
class Record:
    name: str
    pages: list[Page]
    labels: dict[str, Any]
    tiff: bool = False  # the whole record is sent as a multi-page TIFF fax
    extra: dict[str, Any] = field(default_factory=dict)
