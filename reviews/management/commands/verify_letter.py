"""`python manage.py verify_letter PATH`: exit 0 when the letter's signature is intact and valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reviews.letters.verify import verify_pdf


class Command(BaseCommand):
    help = "Verify a signed determination letter (PDF): integrity, signature, issuing authority, stored copy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The PDF file to verify")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"No such file or not readable: {path} ({exc.strerror})") from exc
        result = verify_pdf(data)
        self.stdout.write(f"file: {path}  sha256: {result.sha256}")
        self.stdout.write(f"intact: {result.intact}  valid: {result.valid}  trusted: {result.trusted}")
        if result.signer:
            self.stdout.write(f"signer: {result.signer}  signed at: {result.signed_at}  reason: {result.reason}")
        if result.matches_letter_id:
            self.stdout.write(f"matches stored letter id {result.matches_letter_id}")
        else:
            self.stdout.write("does not match any stored letter")
        if not result.ok:
            raise CommandError("INVALID: " + "; ".join(result.problems))
        self.stdout.write(self.style.SUCCESS("VALID: " + result.summary))
