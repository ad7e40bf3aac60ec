"""The app's own certificate authority and the reviewers' signing certificates.

The CA is created on first use under settings.UR_PKI_DIR. Every private key (the CA's on disk,
the reviewers' in `SigningIdentity`) is PEM encrypted with a password derived from
settings.UR_KEY_ENCRYPTION_KEY, so a copy of the database or the directory alone signs nothing.
"""

from __future__ import annotations

import fcntl
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.db import IntegrityError, transaction

CA_KEY_FILE = "ca.key.pem"
CA_CERT_FILE = "ca.cert.pem"
CA_VALIDITY = timedelta(days=3650)
REVIEWER_VALIDITY = timedelta(days=730)
KEY_SIZE = 2048


@dataclass(frozen=True)
class CertificateAuthority:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate


# One CA per directory per process: loading and decrypting it costs more than signing.
_CA_CACHE: dict[str, CertificateAuthority] = {}


def _password() -> bytes:
    """The key-encryption password, derived (HKDF-SHA256) from settings.UR_KEY_ENCRYPTION_KEY."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"ur-desk/pki/v1", info=b"private-key-encryption").derive(
        settings.UR_KEY_ENCRYPTION_KEY.encode()
    )


def encrypt_private_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_password()),
    )


def decrypt_private_key(pem: bytes | str) -> rsa.RSAPrivateKey:
    data = pem.encode() if isinstance(pem, str) else pem
    key = serialization.load_pem_private_key(data, password=_password())
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("Unexpected private key type")
    return key


def _pki_dir() -> Path:
    return Path(settings.UR_PKI_DIR)


def _new_ca() -> CertificateAuthority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    org = settings.UR_ORGANIZATION["name"]
    # A random serial in the name keeps two installations' CAs apart during path building.
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{org} Signing CA"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, secrets.token_hex(8)),
        ]
    )
    now = datetime.now(UTC)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return CertificateAuthority(key=key, cert=cert)


def _load_ca_files(directory: Path) -> CertificateAuthority:
    cert = x509.load_pem_x509_certificate((directory / CA_CERT_FILE).read_bytes())
    key = decrypt_private_key((directory / CA_KEY_FILE).read_bytes())
    return CertificateAuthority(key=key, cert=cert)


def get_ca() -> CertificateAuthority:
    """The app's CA, created on first use. A file lock keeps two workers from creating two CAs."""
    directory = _pki_dir()
    cache_key = str(directory.resolve())
    if cache_key in _CA_CACHE:
        return _CA_CACHE[cache_key]
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / CA_CERT_FILE).exists():
            ca = _new_ca()
            _write_private(directory / CA_KEY_FILE, encrypt_private_key(ca.key))
            _write_private(directory / CA_CERT_FILE, ca.cert.public_bytes(serialization.Encoding.PEM))
        ca = _load_ca_files(directory)
    _CA_CACHE[cache_key] = ca
    return ca


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def ca_certificate(*, create: bool = False) -> x509.Certificate | None:
    """The CA certificate (the trust root for verification), or None when no CA exists yet."""
    directory = _pki_dir()
    if create:
        return get_ca().cert
    path = directory / CA_CERT_FILE
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())


def issue_certificate(
    ca: CertificateAuthority, *, common_name: str, email: str = "", title: str = ""
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A new key pair and a document-signing certificate for it, issued by `ca`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    attrs = [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.UR_ORGANIZATION["name"]),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title[:64]))
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + REVIEWER_VALIDITY, ca.cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.cert.public_key()), critical=False)  # type: ignore[arg-type]
    )
    if email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    return key, builder.sign(ca.key, hashes.SHA256())


def _signer_name(user: Any) -> tuple[str, str, str]:
    profile = getattr(user, "reviewer_profile", None)
    if profile is not None:
        return profile.display_name, profile.email, profile.credentials
    return user.get_full_name() or user.username, user.email or "", ""


def ensure_signing_identity(*, user: Any) -> Any:
    """The user's SigningIdentity, issuing a certificate from the app's CA on first use."""
    from reviews.models import SigningIdentity

    existing = SigningIdentity.objects.filter(user=user).first()
    if existing is not None and existing.not_after > datetime.now(UTC):
        return existing
    ca = get_ca()
    name, email, credentials = _signer_name(user)
    key, cert = issue_certificate(ca, common_name=name, email=email, title=credentials)
    values = {
        "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
        "encrypted_private_key_pem": encrypt_private_key(key).decode(),
        "serial_number": format(cert.serial_number, "x"),
        "not_after": cert.not_valid_after_utc,
    }
    if existing is not None:  # expired: re-issue in place (the old letters keep their embedded certificate)
        for field, value in values.items():
            setattr(existing, field, value)
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return SigningIdentity.objects.create(user=user, **values)
    except IntegrityError:  # another worker issued one first
        return SigningIdentity.objects.get(user=user)
