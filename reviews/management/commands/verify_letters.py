"""`python manage.py verify_letters`: verify every stored letter (the restore drill's last step)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reviews.letters.verify import verify_pdf
from reviews.models import Letter


class Command(BaseCommand):
    help = "Verify the signature, integrity and stored-copy match of every stored letter; exit 1 naming any that fail."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, failed = 0, []
        for letter in Letter.objects.order_by("id").iterator(chunk_size=50):
            result = verify_pdf(bytes(letter.pdf))
            checked += 1
            if not result.ok or result.matches_letter_id != letter.pk:
                failed.append(f"letter {letter.pk}: " + ("; ".join(result.problems) or "does not match its row"))
        if failed:
            raise CommandError(f"{len(failed)} of {checked} letters do not verify: " + " | ".join(failed[:10]))
        self.stdout.write(self.style.SUCCESS(f"All {checked} stored letters verify."))
