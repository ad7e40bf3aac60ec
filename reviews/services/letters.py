"""Letters: render, sign and store the determination letter (immutable once stored)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record_event
from reviews.letters import content, pki, render, signing
from reviews.models import Determination, Letter
from reviews.models.decisions import DeterminationStatus
from reviews.signals import letter_stored


def build_signed_pdf(*, determination: Determination, version: int, supersedes: Letter | None) -> tuple[bytes, Any]:
    """Render and sign the letter for `determination`; returns (pdf bytes, signed_at). Writes no rows
    except, on first use, the reviewer's SigningIdentity. `signed_at` is the one signing time: the letter
    prints it, the signature carries it (signing.sign_pdf checks), and the Letter row stores it."""
    identity = pki.ensure_signing_identity(user=determination.reviewer)
    signed_at = timezone.now().replace(microsecond=0)
    ctx = content.build_letter_context(determination, version=version, signed_at=signed_at, supersedes=supersedes)
    html = render.render_letter_html(ctx)
    pdf = render.html_to_pdf(html, attachment=content.machine_readable(ctx, determination))
    signed = signing.sign_pdf(
        pdf,
        signer=signing.signer_for_identity(identity),
        reason=signing.signature_meaning(determination.decision),
        name=ctx.signature.name,
        location=ctx.header.org["name"],
        signing_time=signed_at,
    )
    return signed, signed_at


def letter_issue(*, determination: Determination) -> Letter:
    """Render, sign and store the letter for `determination`. Idempotent: an existing letter is returned.

    The slow part (render + sign, about a second) runs outside any transaction; the insert is a
    short locked transaction that re-checks the case's latest letter and re-renders if another
    letter for the case was stored in between (so `version` and `supersedes` are always right).
    """
    for _attempt in range(3):
        existing = Letter.objects.filter(determination_id=determination.pk).first()
        if existing is not None:
            return existing
        det = Determination.objects.select_related(
            "case", "case__member", "case__provider", "case__request", "recommendation", "reviewer"
        ).get(pk=determination.pk)
        previous = Letter.objects.filter(case=det.case).defer("pdf").order_by("-version").first()
        version = previous.version + 1 if previous else 1
        pdf, signed_at = build_signed_pdf(determination=det, version=version, supersedes=previous)
        with transaction.atomic():
            # Lock the determination so two workers never store two letters for it.
            Determination.objects.select_for_update().filter(pk=det.pk).first()
            existing = Letter.objects.filter(determination=det).first()
            if existing is not None:
                return existing
            latest = Letter.objects.filter(case=det.case).order_by("-version").values_list("pk", flat=True).first()
            if latest != (previous.pk if previous else None):
                continue  # another letter of this case landed meanwhile: render again with the right version
            letter = Letter.objects.create(
                determination=det,
                case=det.case,
                version=version,
                supersedes=previous,
                pdf=pdf,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                signer=det.reviewer,
                signed_at=signed_at,
            )
            Determination.objects.filter(pk=det.pk).update(status=DeterminationStatus.SIGNED)
            record_event(
                "determination.signed",
                actor=det.reviewer,
                obj=det.case,
                summary={"determination_id": det.pk, "version": det.version, "decision": det.decision},
            )
            record_event(
                "letter.generated",
                actor=det.reviewer,
                obj=letter,
                summary={
                    "case": det.case.reference,
                    "letter_id": letter.pk,
                    "version": version,
                    "sha256": letter.sha256,
                    "size": letter.size,
                    "supersedes_letter_id": previous.pk if previous else None,
                },
            )
            letter_stored.send(sender=Letter, letter=letter)
            return letter
    raise RuntimeError(f"determination {determination.pk}: the case's letters kept changing; retry")
