"""Rendered record pages: a PNG per page (poppler's pdftoppm) and the words' boxes (pdftotext -bbox)
for the text layer over it. Both are cached per document page under MEDIA_ROOT/page-cache/;
the views serve them only after the case access check (records are never served from MEDIA_URL).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess  # noqa: S404 - fixed argv, no shell
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET  # noqa: S405 - our own pdftotext output

from django.conf import settings

from ..models import ClinicalDocument

logger = logging.getLogger(__name__)

DPI = 110
TIMEOUT_S = 30


class PageRenderError(RuntimeError):
    """The page could not be rendered (the message is for the reviewer, no PHI)."""


@dataclass(frozen=True)
class Word:
    text: str
    left: float  # fractions of the page's width / height, 0..1
    top: float
    width: float
    height: float
    size: float = 0.0  # the word's height as a fraction of the page's width (for the font size)


def _cache_dir(doc: ClinicalDocument) -> Path:
    path = Path(settings.MEDIA_ROOT) / "page-cache" / str(doc.public_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise PageRenderError(f"{name} (poppler-utils) is not installed, so page images cannot be shown.")
    return found


def _check(doc: ClinicalDocument, number: int) -> None:
    if not 1 <= number <= (doc.page_count or 0):
        raise PageRenderError("This page is not in the document.")


def page_png(doc: ClinicalDocument, number: int) -> Path:
    """The page rendered at DPI as PNG (rendered once, then served from the cache)."""
    _check(doc, number)
    target = _cache_dir(doc) / f"{number}-{DPI}.png"
    if target.exists():
        return target
    with tempfile.TemporaryDirectory(dir=_cache_dir(doc)) as tmp:
        prefix = Path(tmp) / "page"
        argv = [_tool("pdftoppm"), "-png", "-r", str(DPI), "-f", str(number), "-l", str(number), "-singlefile"]
        try:
            subprocess.run([*argv, doc.file.path, str(prefix)], check=True, capture_output=True, timeout=TIMEOUT_S)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            logger.warning("pdftoppm failed on a page of document %s: %s", doc.pk, type(exc).__name__)
            raise PageRenderError("This page could not be rendered as an image.") from exc
        Path(f"{prefix}.png").replace(target)  # atomic: a concurrent request sees all or nothing
    return target


def page_words(doc: ClinicalDocument, number: int) -> list[Word]:
    """The page's words with their boxes, as fractions of the page (cached as JSON)."""
    _check(doc, number)
    cache = _cache_dir(doc) / f"{number}.words-v2.json"
    if cache.exists():
        return [Word(**w) for w in json.loads(cache.read_text())]
    argv = [_tool("pdftotext"), "-bbox", "-enc", "UTF-8", "-f", str(number), "-l", str(number), doc.file.path, "-"]
    try:
        out = subprocess.run(argv, check=True, capture_output=True, timeout=TIMEOUT_S).stdout  # noqa: S603
        root = ET.fromstring(out)  # noqa: S314 - poppler's XHTML, not user markup
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, ET.ParseError) as exc:
        logger.warning("pdftotext -bbox failed on a page of document %s: %s", doc.pk, type(exc).__name__)
        return []
    words: list[Word] = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        width, height = float(page.get("width") or 0), float(page.get("height") or 0)
        if width <= 0 or height <= 0:
            continue
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            x0, y0 = float(w.get("xMin") or 0), float(w.get("yMin") or 0)
            x1, y1 = float(w.get("xMax") or 0), float(w.get("yMax") or 0)
            if w.text and x1 > x0 and y1 > y0:
                words.append(
                    Word(w.text, x0 / width, y0 / height, (x1 - x0) / width, (y1 - y0) / height, (y1 - y0) / width)
                )
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps([w.__dict__ for w in words]))
    tmp.replace(cache)
    return words
