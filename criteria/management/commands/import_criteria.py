from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from criteria.services import criteria_import


class Command(BaseCommand):
    help = "Import an ur-criteria/1 JSON file as a new DRAFT version (publish it in the admin)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise CommandError(f"file: cannot read {options['file']}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"file: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
        try:
            version = criteria_import(data=data, actor=None)
        except ValidationError as exc:
            lines = [f"  {field}: {'; '.join(msgs)}" for field, msgs in sorted(exc.message_dict.items())]
            raise CommandError("invalid criteria file, nothing imported:\n" + "\n".join(lines)) from exc
        self.stdout.write(self.style.SUCCESS(f"imported as draft {version.label} (id {version.pk})"))
