"""Production refuses weak or default secrets: one check, one clear message per setting."""

from __future__ import annotations

import math
from collections import Counter

from django.core.exceptions import ImproperlyConfigured

MIN_SECRET_LENGTH = 32
# Shannon entropy of the characters, in bits per character: a random base64/hex key scores 4+,
# "aaaa..." scores 0, a repeated short word about 2.
MIN_BITS_PER_CHAR = 3.0
# The dev defaults of this project and Django's own template prefix.
KNOWN_WEAK_PREFIXES = ("dev-only", "django-insecure", "changeme", "change-me", "secret", "password")


def bits_per_char(value: str) -> float:
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def weakness(value: str, *, dev_defaults: tuple[str, ...] = ()) -> str | None:
    """Why `value` is not a production secret, or None when it is acceptable."""
    if not value:
        return "it is not set"
    if value in dev_defaults or value.lower().startswith(KNOWN_WEAK_PREFIXES):
        return "it is a development default"
    if len(value) < MIN_SECRET_LENGTH:
        return f"it has {len(value)} characters; at least {MIN_SECRET_LENGTH} are required"
    if bits_per_char(value) < MIN_BITS_PER_CHAR:
        return "it is too repetitive (low entropy); generate a random one"
    return None


def require_strong_secret(name: str, value: str, *, dev_defaults: tuple[str, ...] = ()) -> None:
    """Raise ImproperlyConfigured naming `name` when `value` is weak (production only)."""
    reason = weakness(value, dev_defaults=dev_defaults)
    if reason:
        raise ImproperlyConfigured(
            f"{name} is refused when UR_PRODUCTION=1: {reason}. Generate one with "
            f'`python -c "import secrets; print(secrets.token_urlsafe(48))"` and set {name} (or {name}_FILE).'
        )
