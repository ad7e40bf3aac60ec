"""Verify a signed letter: intact, cryptographically valid, issued by our CA, and is it one we stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import pki


@dataclass
class VerificationResult:
    ok: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    signer: str = ""
    signed_at: datetime | None = None
    reason: str = ""
    sha256: str = ""
    matches_letter_id: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if self.ok:
            return f"Signature intact and valid; signed by {self.signer} at {self.signed_at:%Y-%m-%d %H:%M:%S} UTC"
        return "; ".join(self.problems) or "Not verified"


def _trust_roots(extra: list[Any] | None) -> list[asn1_x509.Certificate]:
    roots = list(extra or [])
    ca = pki.ca_certificate()
    if ca is not None:
        roots.append(ca)
    return [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in roots]


def verify_pdf(data: bytes, *, trust_roots: list[Any] | None = None, match_letters: bool = True) -> VerificationResult:
    """Check the (single) signature of `data`. `ok` is pyHanko's bottom line AND intact AND whole-file coverage.

    Never trust `valid` alone: a flipped byte leaves `valid=True` (the signed digest still verifies)
    with `intact=False`.
    """
    result = VerificationResult(sha256=hashlib.sha256(data).hexdigest())
    if match_letters:
        from reviews.models import Letter

        result.matches_letter_id = Letter.objects.filter(sha256=result.sha256).values_list("pk", flat=True).first()
    if not data.startswith(b"%PDF"):
        result.problems.append("Not a PDF file")
        return result
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # any parse failure means the file is damaged: report, never crash
        result.problems.append(f"The PDF cannot be read ({type(exc).__name__}); it may have been altered")
        return result
    if not signatures:
        result.problems.append("The PDF carries no signature")
        return result
    if len(signatures) > 1:
        result.problems.append(f"The PDF carries {len(signatures)} signatures; a letter has exactly one")
    sig = signatures[-1]
    roots = _trust_roots(trust_roots)
    if not roots:
        result.problems.append("No certificate authority is configured on this system")
    try:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots, allow_fetching=False))
    except Exception as exc:  # malformed signature containers end up here
        result.problems.append(f"The signature cannot be validated ({type(exc).__name__})")
        return result
    result.intact, result.valid, result.trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    try:
        result.signer = status.signing_cert.subject.native.get("common_name", "")
    except Exception:  # a certificate without a subject CN: leave the name blank
        result.signer = ""
    result.signed_at = status.signer_reported_dt
    reason = sig.sig_object.get("/Reason")
    result.reason = str(reason) if reason is not None else ""
    if not status.intact:
        result.problems.append("The document was changed after it was signed (signature not intact)")
    if not status.valid:
        result.problems.append("The signature value does not verify")
    if status.intact and status.valid and not status.trusted:
        result.problems.append("The signing certificate was not issued by this system's certificate authority")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        result.problems.append("Content was added to the file after it was signed")
    result.ok = bool(status.bottom_line) and result.intact and not result.problems
    return result
