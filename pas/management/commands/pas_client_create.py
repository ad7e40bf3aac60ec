"""`manage.py pas_client_create NAME [--npi N] [--tin T] [--email E]`: register a PAS client system and
print one JSON object {"client_id", "client_secret", "token_url", "fhir_base"} (the secret is shown once)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pas.models import PasClient
from pas.services import client_create
from pas.views import token_url


class Command(BaseCommand):
    help = "Register a PAS client system (OAuth2 client credentials) and print its credentials as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--npi", default="")
        parser.add_argument("--tin", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name:
            raise CommandError("NAME must not be empty")
        if PasClient.objects.filter(name=name).exists():
            raise CommandError(f"a client named {name!r} already exists")
        npi = options["npi"]
        if npi and not (len(npi) == 10 and npi.isdigit()):
            raise CommandError("--npi must be 10 digits")
        client, secret = client_create(name=name, npi=npi, tin=options["tin"], contact_email=options["email"])
        self.stdout.write(
            json.dumps(
                {
                    "client_id": client.application.client_id,
                    "client_secret": secret,
                    "token_url": token_url(),
                    "fhir_base": settings.PAS_FHIR_BASE_URL.rstrip("/"),
                }
            )
        )
