"""`manage.py import_cases FILE... [--replace] [--assign USERNAME]`: import ur-case/1 files, each all-or-nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.case_format import CaseFileError, load_case_file
from reviews.services.cases import CaseImportError, case_import


class Command(BaseCommand):
    help = "Import ur-case/1 case files. Each file is all-or-nothing; every problem is printed with its JSON path."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--replace", action="store_true", help="Replace a case whose reference already exists.")
        parser.add_argument("--assign", metavar="USERNAME", help="Assign the imported cases to this reviewer.")

    def handle(self, *args: Any, **options: Any) -> None:
        assign_to = None
        if options["assign"]:
            try:
                assign_to = get_user_model().objects.get(username=options["assign"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"--assign: no user named {options['assign']!r}") from None
        failed = 0
        for path in options["files"]:
            try:
                data = load_case_file(path)
                case = case_import(data=data, replace=options["replace"], assign_to=assign_to)
            except (CaseFileError, CaseImportError) as exc:
                failed += 1
                for error in exc.errors:
                    self.stderr.write(f"{path}: {error}")
                continue
            assignee = case.assigned_reviewer.username if case.assigned_reviewer else "unassigned"
            self.stdout.write(
                f"imported {case.reference} ({case.urgency} {case.review_type}, "
                f"{len(data['diagnoses'])} diagnoses, {len(data.get('visits') or [])} visits, {assignee})"
            )
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} file(s) not imported", returncode=1)
