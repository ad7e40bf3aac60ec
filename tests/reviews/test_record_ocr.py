"""Record ingestion with the real tools: a faxed (image-only) page through Tesseract, a multi-page
TIFF fax, the limits (pages, bytes, decoded size, encrypted PDF) with their reasons, and progress."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter

from reviews.models import ClinicalDocument, DocumentPage
from reviews.record_reader import Limits, RecordRefused, read_pages
from reviews.services.suggestions import case_suggestions
from tests.reviews.record_support import make_pdf, upload
from tests.support import login

SCANNED_TEXT = [
    "Progress Note",
    "Date of Service: 08/25/2025",
    "Patient reports 55% improvement. NPRS 4/10 left hip.",
    "LEFS 49/80. STG 1 met, STG 2 not met.",
]


def _fax_image(lines: list[str]) -> Image.Image:
    pdf = make_pdf(["<br>".join(lines)])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(src), f"{tmp}/out"], check=True)
        img = Image.open(f"{tmp}/out.png").convert("L")
        img.load()
    return img.point(lambda v: 255 if v > 160 else 0).convert("1")


def _scanned_pdf() -> bytes:
    """Page 1 with a text layer, page 2 a faxed image with no text layer."""
    text_page = PdfReader(
        io.BytesIO(make_pdf(["Evaluation 2025-08-04. Patient reports left hip pain for months."]))
    ).pages[0]
    buf = io.BytesIO()
    _fax_image(SCANNED_TEXT).save(buf, format="PDF", resolution=200)
    writer = PdfWriter()
    writer.add_page(text_page)
    writer.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _tiff(pages: int = 2) -> bytes:
    images = [_fax_image(SCANNED_TEXT) for _ in range(pages)]
    buf = io.BytesIO()
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:], compression="group4", dpi=(200, 200))
    return buf.getvalue()


def test_scanned_page_is_ocrd_and_suggestions_carry_its_page(case, reviewer, media):  # noqa: F811
    doc = upload(case, reviewer, _scanned_pdf())
    assert doc.extraction_status == ClinicalDocument.ExtractionStatus.DONE
    assert doc.pages_done == doc.page_count == 2
    pages = list(DocumentPage.objects.filter(document=doc).order_by("number"))
    assert [p.ocr for p in pages] == [False, True]
    assert "improvement" in pages[1].text.lower() and "LEFS" in pages[1].text
    s = doc.suggestions
    assert s["ocr_pages"] == [2]
    assert s["documentation"]["reported_improvement_pct"] == 55
    assert {"finding": "reported_improvement_pct", "page": 2} in s["documentation"]["evidence"]
    visit = next(v for v in s["visits"] if v["date"] == "2025-08-25")
    assert (visit["kind"], visit["pain_nprs"], visit["page"]) == ("progress_note", 4, 2)


def _quote_boxes(html: str) -> list[tuple[float, float, str]]:
    """(left %, top %, word) of the words drawn as the quote's highlight over the page image."""
    rx = r'<span class="ur-hit ur-quote-box" style="left:([\d.]+)%;top:([\d.]+)%[^"]*">([^<]*)</span>'
    return [(float(a), float(b), w) for a, b, w in re.findall(rx, html)]


def test_an_ocrd_pages_quote_is_highlighted_on_the_page_image(case, reviewer, media):  # noqa: F811
    doc = upload(case, reviewer, _scanned_pdf())
    s = next(s for s in case_suggestions(case) if s.finding == "reported_improvement_pct")
    assert s.page == 2 and "55% improvement" in s.quote
    url = reverse("reviews:document_page", args=[case.public_id, doc.public_id, 2])
    html = login(reviewer).get(url, {"hl": s.quote, "part": "viewer"}, HTTP_HX_REQUEST="true").content.decode()
    boxes = _quote_boxes(html)
    words = " ".join(w for _, _, w in boxes)
    assert "improvement" in words and "55%" in words, words
    assert "LEFS" not in words  # only the quoted sentence, not the page
    # Tesseract's boxes: one line of the page image, left to right, inside the page
    tops = [t for _, t, _ in boxes]
    assert max(tops) - min(tops) < 1.5 and all(0 < left < 100 for left, _, _ in boxes)
    assert [left for left, _, _ in boxes] == sorted(left for left, _, _ in boxes)
    # every word of the OCR'd page is in the text layer (selectable over the image)
    assert html.count("<span class=") >= len(SCANNED_TEXT[2].split()) + len(SCANNED_TEXT[3].split())


def test_a_tiff_fax_page_is_shown_as_an_image_with_its_words(case, reviewer, media):  # noqa: F811
    doc = upload(case, reviewer, _tiff(1), name="fax.tif")
    client = login(reviewer)
    img = client.get(reverse("reviews:document_page_image", args=[case.public_id, doc.public_id, 1]))
    assert img.status_code == 200
    png = Image.open(io.BytesIO(b"".join(img.streaming_content)))  # type: ignore[attr-defined]
    assert png.format == "PNG" and png.size[0] > 500
    html = client.get(
        reverse("reviews:document_page", args=[case.public_id, doc.public_id, 1]),
        {"hl": "LEFS 49/80.", "part": "viewer"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert any(w.startswith("LEFS") for _, _, w in _quote_boxes(html))


def test_multipage_tiff_fax_is_accepted_and_read(case, reviewer, media):  # noqa: F811
    doc = upload(case, reviewer, _tiff(2), name="fax.tif")
    assert doc.file.name.endswith(".tif")
    assert doc.page_count == 2 and doc.extraction_status == ClinicalDocument.ExtractionStatus.DONE
    assert all(p.ocr and "LEFS" in p.text for p in DocumentPage.objects.filter(document=doc))


def test_progress_is_reported_page_by_page():
    seen: list[tuple[int, int]] = []
    read_pages(_scanned_pdf(), on_page=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_encrypted_pdf_is_refused_with_a_reason(case, reviewer, media):  # noqa: F811
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["secret"])))
    writer.encrypt("pw")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ValidationError) as exc:
        upload(case, reviewer, buf.getvalue())
    assert "password-protected" in exc.value.message_dict["file"][0]
    assert ClinicalDocument.objects.count() == 0


def test_page_limit_is_refused_with_a_reason(case, reviewer, media, settings):  # noqa: F811
    settings.UR_RECORD_MAX_PAGES = 1
    with pytest.raises(ValidationError) as exc:
        upload(case, reviewer, make_pdf(["one", "two"]))
    assert "the limit is 1" in exc.value.message_dict["file"][0]


def test_oversized_page_image_is_refused():
    img = Image.new("1", (3000, 3000), 1)
    buf = io.BytesIO()
    img.save(buf, format="TIFF", compression="group4")
    with pytest.raises(RecordRefused, match="too large an image"):
        read_pages(buf.getvalue(), limits=Limits(max_page_pixels=1_000_000))


def test_not_a_record_is_refused():
    with pytest.raises(RecordRefused, match="not a PDF or a TIFF"):
        read_pages(b"GIF89a....")
