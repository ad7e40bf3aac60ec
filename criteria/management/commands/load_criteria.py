from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from criteria.loader import starter_load


class Command(BaseCommand):
    help = "Load the guideline library and publish starter version 1 of pt-outpatient if absent (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = starter_load()
        self.stdout.write(
            f"guideline sources created: {result['sources_created']}; "
            f"recommendations created: {result['recommendations_created']}"
        )
        if result["published"]:
            self.stdout.write(self.style.SUCCESS(f"published {result['published'].label}"))
        else:
            self.stdout.write("criteria set already has versions; nothing published")
