"""`manage.py extract_record FILE [--json]`: suggested findings from a record (PDF or TIFF fax).

With --json: one JSON object, a ur-case/1 fragment (visits, prior_episodes, request, clinical,
documentation) plus `sources` [{path, page, quote}], `side_mentions` and `ocr_pages`.
Nothing is saved; a person confirms suggestions in the review form before the engine uses them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from extraction import extract, to_payload

from ...record_reader import RecordRefused, read_pages
from ...services.documents import record_limits


class Command(BaseCommand):
    help = "Extract suggested ur-case/1 findings (with page and quote) from a PDF or TIFF record."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--force-ocr", action="store_true", help="OCR every page, even with a text layer")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        limits = record_limits()
        if path.stat().st_size > limits.max_bytes:
            raise CommandError(f"{path}: larger than the {limits.max_bytes // (1024 * 1024)} MB limit")
        try:
            pages = read_pages(path.read_bytes(), limits=limits, force_ocr=options["force_ocr"])
        except RecordRefused as exc:
            raise CommandError(f"{path}: {exc}") from exc
        payload = to_payload(extract(pages))
        if options["json"]:
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{path.name}: {len(pages)} pages, OCR'd: {payload['ocr_pages'] or 'none'}")
        for s in payload["sources"]:
            self.stdout.write(f"  pg {s['page']:>3}  {s['path']:<48} {s['quote'][:90]}")
        for m in payload["side_mentions"]:
            self.stdout.write(f"  pg {m['page']:>3}  side: {m['side']:<9} {m['quote'][:90]}")
