"""`manage.py sweep_orphan_files [--older-than-minutes N] [--dry-run]`: remove record files no row points at."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reviews.services.orphan_files import sweep_orphan_files


class Command(BaseCommand):
    help = "Remove uploaded record files that no document row names (and orphan page-image caches)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=None,
            help="only files older than this (default UR_ORPHAN_FILE_MINUTES)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list them, remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = options["older_than_minutes"]
        if minutes is not None and minutes < 1:
            self.stderr.write("--older-than-minutes: must be at least 1 (a younger file may be an upload in progress).")
            raise SystemExit(2)
        report = sweep_orphan_files(older_than_minutes=minutes, dry_run=options["dry_run"])
        verb = "would remove" if report.dry_run else "removed"
        for name in report.files:
            self.stdout.write(f"{verb} {name}")
        for name in report.page_caches:
            self.stdout.write(f"{verb} page cache {name}")
        self.stdout.write(f"{verb} {len(report.files)} orphan file(s), {len(report.page_caches)} page cache(s)")
