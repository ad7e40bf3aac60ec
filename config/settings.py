"""UR Desk settings: one file, driven by environment variables.

The defaults are the embedded mode (SQLite under var/, Celery eager, files under var/):
nothing to start. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and
UR_PRODUCTION=1 (see README, "Production shape").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("UR_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str = "") -> str:
    """A string setting; `NAME_FILE` (a path) wins over `NAME`, for secrets kept in files."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_path!r} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


PRODUCTION = env_bool("UR_PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when UR_PRODUCTION=1")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-ur-desk-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "accounts",
    "audit",
    "guidelines",
    "criteria",
    "reviews",
    "appeals",
    "oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://...).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "ur-desk.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reviews:queue"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a proxy every request comes from the proxy: UR_TRUSTED_PROXIES=1 (one TLS proxy that appends
# to X-Forwarded-For) makes audit events and the lockout see the client's address instead.
UR_TRUSTED_PROXIES = env_int("UR_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "audit.context.client_ip"

# Idle sessions expire (15 minutes by default): the expiry is pushed on every request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 15) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    INSTALLED_APPS.append("csp")
    MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")

# Content-Security-Policy (django-csp 4): everything is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded records are never served from MEDIA_URL: views stream them after an access check.
MEDIA_URL = "/media-not-served/"

# Uploads: size limits (bytes).
UR_MAX_UPLOAD_BYTES = env_int("UR_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: eager (in-process) unless a broker is configured.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "ur-desk")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Audit chain: HMAC key from the environment.
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY")
if not AUDIT_HMAC_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("AUDIT_HMAC_KEY must be set when UR_PRODUCTION=1")
    AUDIT_HMAC_KEY = "dev-only-audit-key"

# Letter signing: the app's certificate authority and reviewers' keys live under UR_PKI_DIR;
# private keys are encrypted at rest with UR_KEY_ENCRYPTION_KEY.
UR_PKI_DIR = Path(env_str("UR_PKI_DIR", str(VAR_DIR / "pki")))
UR_KEY_ENCRYPTION_KEY = env_str("UR_KEY_ENCRYPTION_KEY")
if not UR_KEY_ENCRYPTION_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("UR_KEY_ENCRYPTION_KEY must be set when UR_PRODUCTION=1")
    UR_KEY_ENCRYPTION_KEY = "dev-only-key-encryption-key"
UR_TSA_URL = env_str("UR_TSA_URL", "")

# The organisation that issues determinations, and its appeal rules per line of business.
UR_ORGANIZATION = {
    "name": env_str("UR_ORG_NAME", "UR Desk Review Services"),
    "address": env_str("UR_ORG_ADDRESS", "100 Review Way, Suite 200, Springfield, ST 00000"),
    "phone": env_str("UR_ORG_PHONE", "1-800-555-0100"),
    "tty": env_str("UR_ORG_TTY", "711"),
    "fax": env_str("UR_ORG_FAX", "1-800-555-0101"),
    "appeals_address": env_str("UR_APPEALS_ADDRESS", "Appeals Unit, 100 Review Way, Springfield, ST 00000"),
    "criteria_request": env_str(
        "UR_CRITERIA_REQUEST", "call 1-800-555-0100 or write to the address above; copies are free of charge"
    ),
}
UR_LINES_OF_BUSINESS = {
    "medicare_advantage": {
        "label": "Medicare Advantage",
        "appeal_days": env_int("UR_APPEAL_DAYS_MA", 65),
        "expedited_appeal_hours": 72,
        "appeal_name": "reconsideration",
    },
    "commercial": {
        "label": "Commercial",
        "appeal_days": env_int("UR_APPEAL_DAYS_COMMERCIAL", 180),
        "expedited_appeal_hours": 72,
        "appeal_name": "internal appeal",
    },
    "medicaid": {
        "label": "Medicaid",
        "appeal_days": env_int("UR_APPEAL_DAYS_MEDICAID", 60),
        "expedited_appeal_hours": 72,
        "appeal_name": "appeal",
    },
}

# Appeals, peer-to-peer and extensions (appeals/). Clocks run in the plan's time zone: a clock in
# days ends at the same wall-clock time N calendar days later (so it is 23 or 25 hours short or long
# across a DST change); a clock in hours is elapsed time.
UR_PLAN_TIME_ZONE = env_str("UR_PLAN_TIME_ZONE", "America/New_York")
# Appeal (reconsideration) clocks by line of business and kind (pre_service | payment) and urgency.
# extension_days: how far the clock may be extended, once (0 = never); extension_reasons: who may
# trigger it (member_request | plan_justification).
UR_APPEAL_CLOCKS: dict[str, dict[str, dict[str, dict[str, Any]]]] = {
    # 42 CFR 422.590: 30 days standard pre-service, 72 h expedited, 60 days payment (no extension);
    # 422.590(f): up to 14 days when the enrollee asks or the plan justifies it.
    "medicare_advantage": {
        "pre_service": {
            "standard": {
                "days": 30,
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
            "expedited": {
                "hours": 72,
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
        },
        "payment": {"standard": {"days": 60, "extension_days": 0, "extension_reasons": []}},
    },
    # Configurable: defaults follow 29 CFR 2560.503-1 (30 days pre-service, 60 days post-service, 72 h urgent).
    "commercial": {
        "pre_service": {
            "standard": {
                "days": env_int("UR_APPEAL_DAYS_COMMERCIAL_PRE", 30),
                "extension_days": 0,
                "extension_reasons": [],
            },
            "expedited": {
                "hours": env_int("UR_APPEAL_HOURS_COMMERCIAL_EXPEDITED", 72),
                "extension_days": 0,
                "extension_reasons": [],
            },
        },
        "payment": {
            "standard": {
                "days": env_int("UR_APPEAL_DAYS_COMMERCIAL_POST", 60),
                "extension_days": 0,
                "extension_reasons": [],
            }
        },
    },
    # Configurable: defaults follow 42 CFR 438.408 (30 days, 72 h expedited, up to 14 days' extension).
    "medicaid": {
        "pre_service": {
            "standard": {
                "days": env_int("UR_APPEAL_DAYS_MEDICAID", 30),
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
            "expedited": {
                "hours": env_int("UR_APPEAL_HOURS_MEDICAID_EXPEDITED", 72),
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
        },
        "payment": {
            "standard": {
                "days": env_int("UR_APPEAL_DAYS_MEDICAID", 30),
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            }
        },
    },
}
# Extensions of the initial prior-authorization clock (the clock itself is reviews' DUE_WINDOWS).
# MA 422.568(b)/422.572(b) and Medicaid 438.210(d): up to 14 days; ERISA pre-service: one 15-day
# extension for matters beyond the plan's control; urgent commercial requests cannot be extended.
UR_INITIAL_EXTENSIONS: dict[str, dict[str, dict[str, Any]]] = {
    "medicare_advantage": {
        "standard": {"extension_days": 14, "extension_reasons": ["member_request", "plan_justification"]},
        "expedited": {"extension_days": 14, "extension_reasons": ["member_request", "plan_justification"]},
    },
    "medicaid": {
        "standard": {"extension_days": 14, "extension_reasons": ["member_request", "plan_justification"]},
        "expedited": {"extension_days": 14, "extension_reasons": ["member_request", "plan_justification"]},
    },
    "commercial": {
        "standard": {"extension_days": 15, "extension_reasons": ["plan_justification"]},
        "expedited": {"extension_days": 0, "extension_reasons": []},
    },
}
# Similar specialties for appeal and peer-to-peer matching (lower-case terms found in a profile's specialty).
UR_SPECIALTY_GROUPS: dict[str, list[str]] = {
    "musculoskeletal rehabilitation": [
        "physical therapy",
        "physiotherapy",
        "physical medicine",
        "orthopaedic",
        "orthopedic",
        "sports medicine",
    ],
    "utilization management nursing": ["nursing"],
}
# Demo steps that load_demo runs around its decisions (apps built on reviews add their own data).
UR_DEMO_STEPS = ["appeals.demo"]
# CMS-0057-F public report: does a partial approval count as "approved" or as "denied"? Payers differ
# (some count it as denied); the choice is printed with the figures.
UR_CMS_PARTIAL_COUNTS_AS = env_str("UR_CMS_PARTIAL_COUNTS_AS", "approved")
if UR_CMS_PARTIAL_COUNTS_AS not in ("approved", "denied"):
    raise ImproperlyConfigured("UR_CMS_PARTIAL_COUNTS_AS must be 'approved' or 'denied'")

# Logging: no PHI. Request logs carry method, path and status only (paths use opaque ids).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"strip_query": {"()": "config.logging_filters.StripQueryString"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "access": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["strip_query"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["access"], "level": "WARNING", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "kombu": {"level": "ERROR"},
        # A rejected foreign signature is a normal verification outcome, not an error trace.
        "pyhanko": {"level": "CRITICAL"},
        "pyhanko_certvalidator": {"level": "CRITICAL"},
    },
}
