"""Record extraction: precision and recall per field group, and the time to read a 20-page fax.

Renders the labelled synthetic records (bench/extraction_data/: PDFs with a text layer, PDFs with
pages faxed as 200 dpi images, multi-page TIFF faxes), reads each one the way an upload is read
(reviews.record_reader: text layer, else Tesseract OCR), extracts suggestions (extraction/) and
scores them against the labels. A value counts only with its right page. The development, the
held-out records (written before the extractor was tuned) and the blind records (written by someone
who had not seen the extractor, bench/extraction_data/blind.py, and a second such set written after
the first had been used for tuning, blind2.py, and a third, blind3.py, written after blind2 had been
used for tuning too) are reported separately.
Time: the 20-page record with 5 faxed pages, file bytes -> suggestions, in this process, and through
`manage.py extract_record --json` (a fresh process, as the CLI runs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import ROOT
from bench.extraction_data.generate import write_all
from bench.extraction_score import GROUPS, score
from extraction import extract, to_payload
from reviews.record_reader import read_pages


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        written = write_all(Path(tmp))
        # one list per split, in generate.all_records()'s order (a new record set needs no edit here)
        results: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
        for split, record, path in written:
            start = time.perf_counter()
            pages = read_pages(path.read_bytes())
            payload = to_payload(extract(pages))
            elapsed = time.perf_counter() - start
            results.setdefault(split, []).append((record.labels, payload))
            if split == "big":
                figures["fax_20_pages"] = len(pages)
                figures["fax_ocr_pages"] = len(payload["ocr_pages"])
                figures["fax_ready_s"] = round(elapsed, 1)
        for split in (name for name in results if name != "big"):
            s = score(results[split])
            figures[f"{split}_records"] = len(results[split])
            for g in GROUPS:
                figures[f"{split}_{g}_P"] = round(s[g]["precision"], 3)
                figures[f"{split}_{g}_R"] = round(s[g]["recall"], 3)
        big = score(results["big"])
        figures["fax_all_groups_min_P"] = round(min(v["precision"] for v in big.values()), 3)
        figures["fax_all_groups_min_R"] = round(min(v["recall"] for v in big.values()), 3)
        fax = next(p for split, _, p in written if split == "big")
        env = dict(os.environ)
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "manage.py", "extract_record", str(fax), "--json"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        figures["fax_cli_s"] = round(time.perf_counter() - start, 1)
        figures["fax_cli_sources"] = len(json.loads(out.stdout)["sources"])
    figures["cpus"] = os.cpu_count()
    return figures


if __name__ == "__main__":
    from bench._common import django_setup

    django_setup()
    for key, value in run().items():
        print(f"{key:32} {value}")
