"""Render the labelled records as the files a UR desk receives: PDFs (text layer), PDFs with pages
faxed as images (no text layer), and multi-page TIFF faxes. Deterministic; written under a folder.

    python -m bench.extraction_data.generate OUT_DIR
"""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter

from bench.extraction_data.big import BIG
from bench.extraction_data.blind import BLIND
from bench.extraction_data.blind2 import BLIND2
from bench.extraction_data.blind3 import BLIND3
from bench.extraction_data.blind4 import BLIND4
from bench.extraction_data.blind5 import BLIND5
from bench.extraction_data.blind6 import BLIND6
from bench.extraction_data.dev import DEV
from bench.extraction_data.heldout import HELDOUT
from bench.extraction_data.model import Record

FAX_DPI = 200
CSS = """
@page { size: letter; margin: 0.8in; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.35; }
p { margin: 0 0 2pt 0; white-space: pre-wrap; }
.page { page-break-after: always; }
"""


def _html(record: Record) -> str:
    pages = []
    for page in record.pages:
        lines = "".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in page.text.split("\n"))
        pages.append(f'<div class="page">{lines}</div>')
    return f"<html><head><style>{CSS}</style></head><body>{''.join(pages)}</body></html>"


def _text_pdf(record: Record) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=_html(record)).write_pdf()
    n = len(PdfReader(io.BytesIO(data)).pages)
    if n != len(record.pages):
        raise RuntimeError(f"{record.name}: a page overflowed ({n} PDF pages for {len(record.pages)} record pages)")
    return data


def _fax_images(pdf: bytes, pages: list[int]) -> dict[int, Image.Image]:
    """Render pages as a fax machine would send them: 200 dpi, black and white, slightly skewed."""
    out: dict[int, Image.Image] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        for number in pages:
            prefix = Path(tmp) / f"p{number}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(FAX_DPI),
                    "-gray",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-png",
                    str(src),
                    str(prefix),
                ],
                check=True,
                capture_output=True,
            )
            img = Image.open(next(Path(tmp).glob(f"p{number}*.png"))).convert("L")
            img = img.rotate(0.4 if number % 2 else -0.3, expand=False, fillcolor=255)
            out[number] = img.point(lambda v: 255 if v > 160 else 0).convert("1")
    return out


def render(record: Record) -> tuple[bytes, str]:
    """(file bytes, suffix) for one record."""
    pdf = _text_pdf(record)
    if record.tiff:
        images = list(_fax_images(pdf, list(range(1, len(record.pages) + 1))).values())
        buf = io.BytesIO()
        images[0].save(
            buf, format="TIFF", save_all=True, append_images=images[1:], compression="group4", dpi=(FAX_DPI, FAX_DPI)
        )
        return buf.getvalue(), ".tif"
    scanned = [i for i, p in enumerate(record.pages, 1) if p.scanned]
    if not scanned:
        return pdf, ".pdf"
    faxed = _fax_images(pdf, scanned)
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for i, page in enumerate(reader.pages, 1):
        if i in faxed:
            buf = io.BytesIO()
            faxed[i].save(buf, format="PDF", resolution=FAX_DPI)
            writer.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
        else:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), ".pdf"


def all_records() -> list[tuple[str, Record]]:
    return (
        [("dev", r) for r in DEV]
        + [("heldout", r) for r in HELDOUT]
        + [("blind", r) for r in BLIND]
        + [("blind2", r) for r in BLIND2]
        + [("blind3", r) for r in BLIND3]
        + [("blind4", r) for r in BLIND4]
        + [("blind5", r) for r in BLIND5]
        + [("blind6", r) for r in BLIND6]
        + [("big", BIG)]
    )


def write_all(out_dir: Path) -> list[tuple[str, Record, Path]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for split, record in all_records():
        data, suffix = render(record)
        path = out_dir / f"{record.name}{suffix}"
        path.write_bytes(data)
        (out_dir / f"{record.name}.labels.json").write_text(labels_json(record))
        written.append((split, record, path))
    return written


LABELS_DIR = Path(__file__).resolve().parent / "labels"


def labels_json(record: Record) -> str:
    return json.dumps(record.labels, indent=1, sort_keys=True) + "\n"


def write_labels(out_dir: Path = LABELS_DIR) -> None:
    """The labels as JSON files (committed under labels/; a test checks they match the records)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for split, record in all_records():
        (out_dir / f"{split}--{record.name}.json").write_text(labels_json(record))


if __name__ == "__main__":
    if sys.argv[1:] == ["--labels"]:
        write_labels()
        sys.exit(0)
    for split, record, path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "var/extraction_records")):
        print(split, record.name, path)
