from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.verify import CHUNK_SIZE, verify_chain


class Command(BaseCommand):
    help = "Walk the audit chain, recompute every HMAC, and exit non-zero naming the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="rows fetched per database round trip")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain(chunk_size=options["chunk_size"])
        if not report.ok:
            raise CommandError(report.message, returncode=1)
        self.stdout.write(self.style.SUCCESS(report.message))
