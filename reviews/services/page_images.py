"""Rendered record pages: a PNG per page (poppler's pdftoppm; a TIFF fax's frame through Pillow) and
the words' boxes (pdftotext -bbox; Tesseract's image_to_data on an OCR'd page) for the text layer over it. Both are cached per document page under MEDIA_ROOT/page-cache/;
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

from ..models import ClinicalDocument, DocumentPage
from ..record_reader import RecordRefused, kind_of, ocr_word_boxes, page_image

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


def _is_tiff(doc: ClinicalDocument) -> bool:
    with Path(doc.file.path).open("rb") as fh:
        return kind_of(fh.read(8)) == "tiff"


def _check(doc: ClinicalDocument, number: int) -> None:
    if not 1 <= number <= (doc.page_count or 0):
        raise PageRenderError("This page is not in the document.")


def page_png(doc: ClinicalDocument, number: int) -> Path:
    """The page rendered at DPI as PNG (rendered once, then served from the cache)."""
    _check(doc, number)
    target = _cache_dir(doc) / f"{number}-{DPI}.png"
    if target.exists():
        return target
    if _is_tiff(doc):
        try:
            frame = page_image(Path(doc.file.path), number)
        except (OSError, EOFError) as exc:
            logger.warning("a TIFF frame of document %s could not be read: %s", doc.pk, type(exc).__name__)
            raise PageRenderError("This page could not be rendered as an image.") from exc
        scale = min(1.0, (8.5 * DPI) / max(frame.size[0], 1))
        frame = frame.resize((max(1, int(frame.size[0] * scale)), max(1, int(frame.size[1] * scale))))
        tmp_png = target.with_suffix(".tmp.png")
        frame.save(tmp_png, format="PNG")
        tmp_png.replace(target)
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
    cache = _cache_dir(doc) / f"{number}.words-v3.json"
    if cache.exists():
        return [Word(**w) for w in json.loads(cache.read_text())]
    words = _ocr_words(doc, number) if _is_tiff(doc) else _pdf_words(doc, number)
    if not words and DocumentPage.objects.filter(document=doc, number=number, ocr=True).exists():
        words = _ocr_words(doc, number)
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps([w.__dict__ for w in words]))
    tmp.replace(cache)
    return words


def _pdf_words(doc: ClinicalDocument, number: int) -> list[Word]:
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
    return words


def _ocr_words(doc: ClinicalDocument, number: int) -> list[Word]:
    """An OCR'd page's words with Tesseract's boxes (image_to_data), for the text layer and highlights."""
    try:
        image = page_image(Path(doc.file.path), number, timeout_s=TIMEOUT_S)
        boxes = ocr_word_boxes(image, timeout_s=TIMEOUT_S)
    except (RecordRefused, OSError, EOFError) as exc:
        logger.warning("OCR word boxes failed on a page of document %s: %s", doc.pk, type(exc).__name__)
        return []
    w, h = image.size
    return [
        Word(text, left, top, width, height, height * h / w if w else 0.0) for text, left, top, width, height in boxes
    ]
