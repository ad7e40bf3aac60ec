"""`manage.py export_case REFERENCE [--out FILE]`: print (or write) a case as ur-case/1 JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.models import Case
from reviews.services.cases import export_case_dict


class Command(BaseCommand):
    help = "Export one case as ur-case/1 JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference")
        parser.add_argument("--out", metavar="FILE", help="Write to FILE instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            case = Case.objects.get(reference=options["reference"])
        except Case.DoesNotExist:
            raise CommandError(f"no case with reference {options['reference']!r}") from None
        text = json.dumps(export_case_dict(case), indent=2, ensure_ascii=False) + "\n"
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {case.reference} to {options['out']}")
        else:
            self.stdout.write(text, ending="")
