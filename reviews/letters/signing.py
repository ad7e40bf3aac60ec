"""PAdES signatures with pyHanko: B-B, or B-T when settings.UR_TSA_URL names a timestamp authority."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vocabulary import DETERMINATION_DECISIONS

from . import pki

SIGNATURE_FIELD = "DeterminationSignature"

MEANINGS: dict[str, str] = {d: f"Utilization review determination: {d}" for d in DETERMINATION_DECISIONS}


def signature_meaning(decision: str) -> str:
    """The signature's reason (21 CFR 11.50 'meaning'), e.g. 'Utilization review determination: deny'."""
    return MEANINGS.get(decision, f"Utilization review determination: {decision}")


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def make_signer(*, key: Any, cert: x509.Certificate, chain: list[x509.Certificate]) -> signers.SimpleSigner:
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in chain]),
    )


# Decrypting a key costs ~40 ms; a long-lived worker keeps a few signers in memory (never on disk).
_SIGNERS: dict[tuple[int, str, str], signers.SimpleSigner] = {}
_MAX_SIGNERS = 32


def signer_for_identity(identity: Any) -> signers.SimpleSigner:
    """A pyHanko signer from a SigningIdentity (the key is decrypted only in memory)."""
    cache_key = (identity.pk, identity.serial_number, str(settings.UR_PKI_DIR))
    cached = _SIGNERS.get(cache_key)
    if cached is not None:
        return cached
    cert = x509.load_pem_x509_certificate(identity.certificate_pem.encode())
    key = pki.decrypt_private_key(identity.encrypted_private_key_pem)
    signer = make_signer(key=key, cert=cert, chain=[pki.get_ca().cert])
    if len(_SIGNERS) >= _MAX_SIGNERS:
        _SIGNERS.pop(next(iter(_SIGNERS)))
    _SIGNERS[cache_key] = signer
    return signer


def _timestamper() -> Any:
    if not settings.UR_TSA_URL:
        return None
    from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

    return HTTPTimeStamper(settings.UR_TSA_URL)


class _SigningTimePdfSigner(signers.PdfSigner):
    """pyHanko's PdfSigner, signing at a given instant instead of its own clock.

    pyHanko takes `datetime.now()` when the session starts (PdfSigningSession.system_time, used for the
    CMS signingTime attribute, the signature dictionary's /M and the appearance). The letter prints the
    signing time before it is signed, so the session gets that same instant: one value everywhere.
    """

    def __init__(self, *args: Any, signing_time: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def signing_time_of(pdf: bytes) -> datetime | None:
    """The signing time the (last) signature of `pdf` reports (its CMS signingTime), or None."""
    signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    return signatures[-1].self_reported_timestamp if signatures else None


def sign_pdf(
    pdf: bytes,
    *,
    signer: signers.SimpleSigner,
    reason: str,
    name: str,
    location: str = "",
    signing_time: datetime | None = None,
) -> bytes:
    """Sign `pdf` (an incremental update, so a PDF/A input stays PDF/A) and return the signed bytes.

    `signing_time` (aware; whole seconds, as the PDF stores them): the instant the signature reports,
    the same one the letter prints and the database stores. Without it: now, to the second.
    """
    when = (signing_time or timezone.now()).astimezone(UTC).replace(microsecond=0)
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=name,
        location=location or None,
        contact_info=settings.UR_ORGANIZATION.get("phone") or None,
    )
    pdf_signer = _SigningTimePdfSigner(
        meta,
        signer=signer,
        timestamper=_timestamper(),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SIGNATURE_FIELD),
        signing_time=when,
    )
    out = pdf_signer.sign_pdf(writer)
    signed = out.getvalue()
    reported = signing_time_of(signed)
    if reported != when:  # pyHanko changed how it takes the time: never store a time the PDF does not carry
        raise RuntimeError(f"the signature reports {reported}, not the signing time {when}")
    return signed
