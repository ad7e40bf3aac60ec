"""A submitted record (PDF with or without a text layer, or a multi-page TIFF fax) -> per-page text.

Pages without a text layer are rendered (poppler's pdftoppm) and OCR'd by Tesseract (Debian's
tesseract-ocr + eng, through pytesseract). No Django and no database here: the document service and
`manage.py extract_record` both use it. Limits: pages, bytes, decoded image size, time per page.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from extraction import PageText

MIN_TEXT_CHARS = 25  # a page with less text than this in its text layer is treated as scanned
OCR_DPI = 300


class RecordRefused(ValueError):
    """The file cannot be read as a record; the message says why, in words for the uploader."""


@dataclass(frozen=True)
class Limits:
    max_pages: int = 300
    max_bytes: int = 50 * 1024 * 1024
    max_page_pixels: int = 60_000_000  # one decoded page image (a decompression bomb is refused)
    page_timeout_s: int = 30  # OCR of one page


def kind_of(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    raise RecordRefused("This file is not a PDF or a TIFF image (a record must be one of those).")


def clean_text(text: str) -> str:
    # PostgreSQL text cannot hold NUL; other control chars (except newlines/tabs) are noise.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def ocr_image(image: Image.Image, *, timeout_s: int) -> str:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per Tesseract; pages run side by side instead
    try:
        text = pytesseract.image_to_string(image, lang="eng", config="--psm 4", timeout=timeout_s)
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
        raise RecordRefused(f"OCR of a page took longer than {timeout_s} s; the page could not be read.") from exc
    return clean_text(str(text))


def ocr_word_boxes(image: Image.Image, *, timeout_s: int) -> list[tuple[str, float, float, float, float]]:
    """Tesseract's words on a page image with their boxes, as fractions of the image:
    (text, left, top, width, height). The boxes a highlight is drawn with over the page image."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            image, lang="eng", config="--psm 4", output_type=pytesseract.Output.DICT, timeout=timeout_s
        )
    except RuntimeError as exc:
        raise RecordRefused(f"OCR of a page took longer than {timeout_s} s; the page could not be read.") from exc
    w, h = image.size
    out: list[tuple[str, float, float, float, float]] = []
    for i, text in enumerate(data.get("text", [])):
        text = str(text).strip()
        if not text or float(data["conf"][i]) < 0 or w <= 0 or h <= 0:
            continue
        out.append((text, data["left"][i] / w, data["top"][i] / h, data["width"][i] / w, data["height"][i] / h))
    return out


def page_image(path: Path, number: int, *, timeout_s: int = 30) -> Image.Image:
    """Page `number` (1-based) of a stored record as an image at OCR resolution (PDF or TIFF fax)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if kind_of(head) == "tiff":
        img = Image.open(path)
        img.seek(number - 1)
        frame = img.convert("L")
        frame.load()
        return frame
    return _render_pdf_page(path, number, timeout_s=timeout_s)


def _render_pdf_page(path: Path, number: int, *, timeout_s: int) -> Image.Image:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page"
        try:
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(OCR_DPI),
                    "-gray",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-png",
                    str(path),
                    str(out),
                ],
                check=True,
                capture_output=True,
                timeout=timeout_s,
            )
        except subprocess.TimeoutExpired as exc:
            raise RecordRefused(f"Page {number} took longer than {timeout_s} s to render.") from exc
        except subprocess.CalledProcessError as exc:
            raise RecordRefused(f"Page {number} could not be rendered for OCR.") from exc
        files = sorted(Path(tmp).glob("page*.png"))
        if not files:
            raise RecordRefused(f"Page {number} could not be rendered for OCR.")
        img = Image.open(files[0])
        img.load()
        return img


def open_pdf(data: bytes, limits: Limits) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RecordRefused("This PDF is password-protected; upload an unencrypted copy.")
        count = len(reader.pages)
    except RecordRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise RecordRefused("This PDF is damaged and cannot be opened.") from exc
    if count == 0:
        raise RecordRefused("This PDF has no pages.")
    if count > limits.max_pages:
        raise RecordRefused(f"This record has {count} pages; the limit is {limits.max_pages}. Split it into parts.")
    return reader


def open_tiff(data: bytes, limits: Limits) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data))
        count = getattr(img, "n_frames", 1)
    except (OSError, Image.DecompressionBombError) as exc:
        raise RecordRefused("This TIFF image is damaged or too large to decode.") from exc
    if count > limits.max_pages:
        raise RecordRefused(f"This fax has {count} pages; the limit is {limits.max_pages}. Split it into parts.")
    return img


def page_count(data: bytes, limits: Limits | None = None) -> int:
    """Validate the file and count its pages (raises RecordRefused with the reason)."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise RecordRefused(f"The file is larger than the {limits.max_bytes // (1024 * 1024)} MB limit.")
    if not data:
        raise RecordRefused("The file is empty.")
    if kind_of(data) == "pdf":
        return len(open_pdf(data, limits).pages)
    return int(getattr(open_tiff(data, limits), "n_frames", 1))


def read_pages(
    data: bytes,
    *,
    limits: Limits | None = None,
    on_page: Callable[[int, int], None] | None = None,
    force_ocr: bool = False,
) -> list[PageText]:
    """Every page's text (OCR where the page has no text layer). on_page(done, total) after each page."""
    limits = limits or Limits()
    total = page_count(data, limits)
    pages: list[PageText] = []
    if kind_of(data) == "tiff":
        img = open_tiff(data, limits)
        for i, frame in enumerate(ImageSequence.Iterator(img), 1):
            w, h = frame.size
            if w * h > limits.max_page_pixels:
                raise RecordRefused(f"Page {i} of the fax is too large an image ({w} x {h} pixels).")
            pages.append(PageText(i, ocr_image(frame.convert("L"), timeout_s=limits.page_timeout_s), ocr=True))
            if on_page:
                on_page(i, total)
        return pages
    reader = open_pdf(data, limits)
    texts: dict[int, PageText] = {}
    to_ocr: list[int] = []
    done = 0
    for i, page in enumerate(reader.pages, 1):
        try:
            text = clean_text(page.extract_text() or "")
        except Exception:  # noqa: BLE001 - one unreadable text layer: fall back to OCR of that page
            text = ""
        if force_ocr or len("".join(text.split())) < MIN_TEXT_CHARS:
            box = page.mediabox
            pixels = float(box.width) * float(box.height) * (OCR_DPI / 72) ** 2
            if pixels > limits.max_page_pixels:
                raise RecordRefused(f"Page {i} is too large to OCR ({int(box.width)} x {int(box.height)} points).")
            to_ocr.append(i)
        else:
            texts[i] = PageText(i, text, ocr=False)
            done += 1
            if on_page:
                on_page(done, total)
    if to_ocr:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
            fh.write(data)
            fh.flush()

            def ocr_page(number: int) -> PageText:
                image = _render_pdf_page(Path(fh.name), number, timeout_s=limits.page_timeout_s)
                return PageText(number, ocr_image(image, timeout_s=limits.page_timeout_s), ocr=True)

            # pages are OCR'd side by side (one Tesseract process per core); progress is reported here
            with ThreadPoolExecutor(max_workers=min(ocr_workers(), len(to_ocr))) as pool:
                futures = [pool.submit(ocr_page, n) for n in to_ocr]
                try:
                    for fut in as_completed(futures):
                        result = fut.result()
                        texts[result.number] = result
                        done += 1
                        if on_page:
                            on_page(done, total)
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
    return [texts[i] for i in sorted(texts)]


def ocr_workers() -> int:
    raw = os.environ.get("UR_OCR_WORKERS", "")
    return max(1, int(raw)) if raw.isdigit() else max(1, os.cpu_count() or 1)
