from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from criteria.models import CriteriaVersion
from criteria.selectors import version_in_effect
from criteria.services import criteria_export


class Command(BaseCommand):
    help = "Print a criteria version as JSON (default: the version of pt-outpatient in effect today)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # `--version ID` is our option; Django's own --version (print Django's version) gives way.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--version", dest="version_id", type=int, help="CriteriaVersion id")
        parser.add_argument("--set", dest="set_key", default="pt-outpatient")
        parser.add_argument("--output", help="write to this file instead of stdout")
        parser.add_argument("--no-guidelines", action="store_true", help="leave out the guideline library block")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["version_id"]:
            version = CriteriaVersion.objects.filter(pk=options["version_id"]).first()
            if version is None:
                raise CommandError(f"--version: no criteria version with id {options['version_id']}")
        else:
            version = version_in_effect(on=dt.date.today(), set_key=options["set_key"])  # noqa: DTZ011
            if version is None:
                raise CommandError(f"no published version of {options['set_key']!r} in effect; run load_criteria")
        text = json.dumps(
            criteria_export(version, include_guidelines=not options["no_guidelines"]), indent=1, ensure_ascii=False
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            self.stderr.write(f"wrote {options['output']}")
        else:
            self.stdout.write(text)
