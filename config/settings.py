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

from config.secret_checks import require_strong_secret

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

# Secrets: dev defaults outside production; production refuses missing, default, short or repetitive
# values (config/secret_checks.py), each with a message naming the setting.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-ur-desk-0123456789"
DEV_AUDIT_HMAC_KEY = "dev-only-audit-key"
DEV_KEY_ENCRYPTION_KEY = "dev-only-key-encryption-key"
_DEV_DEFAULTS = (DEV_SECRET_KEY, DEV_AUDIT_HMAC_KEY, DEV_KEY_ENCRYPTION_KEY)

SECRET_KEY = env_str("SECRET_KEY")
if PRODUCTION:
    require_strong_secret("SECRET_KEY", SECRET_KEY, dev_defaults=_DEV_DEFAULTS)
elif not SECRET_KEY:
    SECRET_KEY = DEV_SECRET_KEY

# Benchmark-only endpoints (bench/load.py's empty view: the stack's own limit). Off by default and
# refused in production.
UR_BENCH_ENDPOINTS = env_bool("UR_BENCH_ENDPOINTS", False)
if PRODUCTION and UR_BENCH_ENDPOINTS:
    raise ImproperlyConfigured("UR_BENCH_ENDPOINTS=1 is for benchmarks only and refused with UR_PRODUCTION=1.")

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
    "intake",
    "oversight",
    "oauth2_provider",
    "pas",
    "relay",
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
    "relay.middleware.UnsentTasksMiddleware",
    "config.db_resilience.DatabaseInterruptedMiddleware",
    "axes.middleware.AxesMiddleware",
    "reviews.middleware.ScriptAuthMiddleware",
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
    # Persistent connections are checked before reuse (CONN_HEALTH_CHECKS): after a database restart
    # or a terminated backend, the next request opens a new connection instead of failing once.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "ur-desk.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "config.login_throttle.IPThrottledAxesBackend",
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
# A second check (config/login_throttle.py): failed logins per client IP across all usernames. Higher
# than the per-user limit, so one office behind a NAT is not locked out by one person's typos.
UR_LOGIN_IP_FAILURE_LIMIT = env_int("UR_LOGIN_IP_FAILURE_LIMIT", 20)
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
CSRF_FAILURE_VIEW = "reviews.views.session.csrf_failure"
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
# Records: limits a submitted record must meet (a refused file gets the reason).
UR_RECORD_MAX_PAGES = env_int("UR_RECORD_MAX_PAGES", 300)
UR_RECORD_MAX_PAGE_PIXELS = env_int("UR_RECORD_MAX_PAGE_PIXELS", 60_000_000)
UR_OCR_PAGE_TIMEOUT_S = env_int("UR_OCR_PAGE_TIMEOUT_S", 30)
UR_RECORD_TASK_SOFT_LIMIT_S = env_int("UR_RECORD_TASK_SOFT_LIMIT_S", 900)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The criteria version's admin page posts every inline (benchmarks, services, outcome measures,
# red flags, override reasons ...): well over Django's default 1,000 fields with the starter criteria.
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("UR_DATA_UPLOAD_MAX_NUMBER_FIELDS", 10_000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: eager (in-process) unless a broker is configured.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Reliability (docs/reliability.md): a message is acknowledged only after its task finished, and a
# task whose worker process died (kill -9, OOM killer, hard time limit) goes back to the queue.
# Redis redelivers an unacknowledged message after the visibility timeout (Celery's default is an
# hour): 5 minutes here, longer than the hard time limit and the longest retry countdown.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 300)
# Workers look for messages whose worker died (unacknowledged past the visibility timeout) every
# 10 s (kombu's default scans every ~100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
}
# With Redis down, a send fails within about a second (the work is already in PostgreSQL and the
# sweeper sends it later) instead of holding the request for Celery's default retry policy.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker keeps reconnecting while Redis is away
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 60)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 90)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "ur-desk")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Reading records (OCR) runs on its own queue so that long faxes never hold up recommendations or letters:
# `celery -A config worker -Q ur-desk-records`.
CELERY_RECORDS_QUEUE = env_str("CELERY_RECORDS_QUEUE", "ur-desk-records")
CELERY_TASK_ROUTES = {"reviews.tasks.documents.*": {"queue": CELERY_RECORDS_QUEUE}}
# Celery beat (`celery -A config beat`) runs the sweeper that re-sends work whose message was lost
# (Redis down at send time, a flushed queue): every UR_SWEEP_SECONDS, and once at each worker start.
UR_SWEEP_SECONDS = env_int("UR_SWEEP_SECONDS", 60)
# Work younger than this is left alone (its message is most likely still in the queue).
UR_SWEEP_GRACE_SECONDS = env_int("UR_SWEEP_GRACE_SECONDS", 120)
# Record files no row names (an upload whose transaction failed after the file was written) are
# removed once older than UR_ORPHAN_FILE_MINUTES, every UR_ORPHAN_SWEEP_SECONDS (reviews/services/orphan_files.py).
UR_ORPHAN_FILE_MINUTES = env_int("UR_ORPHAN_FILE_MINUTES", 60)
UR_ORPHAN_SWEEP_SECONDS = env_int("UR_ORPHAN_SWEEP_SECONDS", 3600)
if UR_ORPHAN_FILE_MINUTES < 1:
    raise ImproperlyConfigured(
        "UR_ORPHAN_FILE_MINUTES must be at least 1 (a younger file may be an upload in progress)."
    )
CELERY_BEAT_SCHEDULE = {
    "sweep-pending-work": {"task": "reviews.sweep_pending_work", "schedule": float(UR_SWEEP_SECONDS)},
    "sweep-orphan-files": {"task": "reviews.sweep_orphan_files", "schedule": float(UR_ORPHAN_SWEEP_SECONDS)},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Audit chain: HMAC key from the environment.
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY")
if PRODUCTION:
    require_strong_secret("AUDIT_HMAC_KEY", AUDIT_HMAC_KEY, dev_defaults=_DEV_DEFAULTS)
elif not AUDIT_HMAC_KEY:
    AUDIT_HMAC_KEY = DEV_AUDIT_HMAC_KEY

# Letter signing: the app's certificate authority and reviewers' keys live under UR_PKI_DIR;
# private keys are encrypted at rest with UR_KEY_ENCRYPTION_KEY.
UR_PKI_DIR = Path(env_str("UR_PKI_DIR", str(VAR_DIR / "pki")))
UR_KEY_ENCRYPTION_KEY = env_str("UR_KEY_ENCRYPTION_KEY")
if PRODUCTION:
    require_strong_secret("UR_KEY_ENCRYPTION_KEY", UR_KEY_ENCRYPTION_KEY, dev_defaults=_DEV_DEFAULTS)
elif not UR_KEY_ENCRYPTION_KEY:
    UR_KEY_ENCRYPTION_KEY = DEV_KEY_ENCRYPTION_KEY
UR_TSA_URL = env_str("UR_TSA_URL", "")
# The audit chain's head is anchored outside its table: an HMAC-signed checkpoint is appended to this
# file every UR_AUDIT_CHECKPOINT_EVERY events and at each verification (audit/anchor.py).
UR_AUDIT_ANCHOR_FILE = Path(env_str("UR_AUDIT_ANCHOR_FILE", str(UR_PKI_DIR / "audit-anchor.log")))
UR_AUDIT_CHECKPOINT_EVERY = env_int("UR_AUDIT_CHECKPOINT_EVERY", 100)

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
# Appeal decision clocks, ONE setting per figure: the letters print them (UR_LINES_OF_BUSINESS) and the
# appeals app runs its clocks on them (UR_APPEAL_CLOCKS). pre: a pre-service appeal (days), payment: a
# retrospective (payment) appeal (days), hours: an expedited appeal. The older names
# UR_APPEAL_DAYS_COMMERCIAL_PRE / _POST are still read as fallbacks.
UR_APPEAL_DECISION: dict[str, dict[str, int]] = {
    "medicare_advantage": {
        "pre": env_int("UR_APPEAL_DECISION_DAYS_MA", 30),
        "payment": env_int("UR_PAYMENT_APPEAL_DECISION_DAYS_MA", 60),
        "hours": env_int("UR_APPEAL_HOURS_MA_EXPEDITED", 72),
    },
    "commercial": {
        "pre": env_int("UR_APPEAL_DECISION_DAYS_COMMERCIAL", env_int("UR_APPEAL_DAYS_COMMERCIAL_PRE", 30)),
        "payment": env_int("UR_PAYMENT_APPEAL_DECISION_DAYS_COMMERCIAL", env_int("UR_APPEAL_DAYS_COMMERCIAL_POST", 60)),
        "hours": env_int("UR_APPEAL_HOURS_COMMERCIAL_EXPEDITED", 72),
    },
    "medicaid": {
        "pre": env_int("UR_APPEAL_DECISION_DAYS_MEDICAID", 30),
        "payment": env_int("UR_PAYMENT_APPEAL_DECISION_DAYS_MEDICAID", 30),
        "hours": env_int("UR_APPEAL_HOURS_MEDICAID_EXPEDITED", 72),
    },
}
# Appeal rights per line of business (letters print these; deadlines in calendar days unless named hours).
# standard_decision_days: a pre-service (prospective/concurrent) appeal; payment_decision_days: a
# retrospective (payment) appeal, which never has a fast track.
UR_LINES_OF_BUSINESS = {
    "medicare_advantage": {
        "label": "Medicare Advantage",
        "appeal_days": env_int("UR_APPEAL_DAYS_MA", 65),
        "expedited_appeal_hours": UR_APPEAL_DECISION["medicare_advantage"]["hours"],
        "standard_decision_days": UR_APPEAL_DECISION["medicare_advantage"]["pre"],
        "payment_decision_days": UR_APPEAL_DECISION["medicare_advantage"]["payment"],
        "appeal_name": "reconsideration",
    },
    "commercial": {
        "label": "Commercial",
        "appeal_days": env_int("UR_APPEAL_DAYS_COMMERCIAL", 180),
        "expedited_appeal_hours": UR_APPEAL_DECISION["commercial"]["hours"],
        "standard_decision_days": UR_APPEAL_DECISION["commercial"]["pre"],
        "payment_decision_days": UR_APPEAL_DECISION["commercial"]["payment"],
        "external_review_months": env_int("UR_EXTERNAL_REVIEW_MONTHS", 4),
        "appeal_name": "internal appeal",
    },
    "medicaid": {
        "label": "Medicaid",
        "appeal_days": env_int("UR_APPEAL_DAYS_MEDICAID", 60),
        "expedited_appeal_hours": UR_APPEAL_DECISION["medicaid"]["hours"],
        "standard_decision_days": UR_APPEAL_DECISION["medicaid"]["pre"],
        "payment_decision_days": UR_APPEAL_DECISION["medicaid"]["payment"],
        "fair_hearing_days": env_int("UR_FAIR_HEARING_DAYS", 120),
        "continuation_days": env_int("UR_CONTINUATION_DAYS", 10),
        "appeal_name": "appeal",
    },
}
# Peer-to-peer discussion of a determination: a full phone number and the call windows.
UR_PEER_TO_PEER = {
    "phone": env_str("UR_P2P_PHONE", "1-800-555-0102"),
    "windows": env_str(
        "UR_P2P_WINDOWS", "Monday to Friday, 8:00 a.m. to 12:00 p.m. and 1:00 p.m. to 5:00 p.m. Eastern time"
    ),
}

# PAS prior-authorization API (/fhir/): OAuth2 client credentials (django-oauth-toolkit), limits.
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("PAS_TOKEN_SECONDS", 300),
    "SCOPES": {
        "system/Claim.write": "Submit PAS requests",
        "system/ClaimResponse.read": "Read PAS responses",
        "system/Subscription.write": "Manage PAS subscriptions",
    },
    "DEFAULT_SCOPES": ["system/Claim.write", "system/ClaimResponse.read", "system/Subscription.write"],
    "ALLOWED_GRANT_TYPES": ["client_credentials"],
    # RFC 9700 (OAuth 2.0 Security BCP): only the client-credentials grant is used; refuse the
    # legacy behaviours outright (what `check --deploy` asks for), store tokens hashed, https only.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
PAS_FHIR_BASE_URL = env_str("PAS_FHIR_BASE_URL", "http://127.0.0.1:8000/fhir")
PAS_MAX_BODY_BYTES = env_int("PAS_MAX_BODY_BYTES", 30 * 1024 * 1024)
PAS_RATE_LIMIT_PER_MINUTE = env_int("PAS_RATE_LIMIT_PER_MINUTE", 120)
PAS_ASSIGN_TO = env_str("PAS_ASSIGN_TO", "")  # username new PAS cases go to ('' = unassigned, supervisors assign)
PAS_ALLOW_HTTP_HOOKS = env_bool("PAS_ALLOW_HTTP_HOOKS", not PRODUCTION)  # production: https endpoints only
PAS_NOTIFY_MAX_RETRIES = env_int("PAS_NOTIFY_MAX_RETRIES", 6)
PAS_NOTIFY_TIMEOUT_SECONDS = env_int("PAS_NOTIFY_TIMEOUT_SECONDS", 10)
# X12 886 review decision reason codes sent in reviewAction.reasonCode. X12 tables are copyrighted:
# set the codes your trading partners agreed; the specific reason itself is always in processNote.text.
PAS_REASON_CODES = {
    "deny": env_str("PAS_REASON_CODE_DENY", "MN"),
    "partial": env_str("PAS_REASON_CODE_PARTIAL", "MN"),
    "pend": env_str("PAS_REASON_CODE_PEND", "AI"),
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Per-client rate-limit counters: shared across processes when Redis is configured.
    "pas": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "pas"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pas"}
    ),
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
                "days": UR_APPEAL_DECISION["medicare_advantage"]["pre"],
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
            "expedited": {
                "hours": UR_APPEAL_DECISION["medicare_advantage"]["hours"],
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
        },
        "payment": {
            "standard": {
                "days": UR_APPEAL_DECISION["medicare_advantage"]["payment"],
                "extension_days": 0,
                "extension_reasons": [],
            }
        },
    },
    # Configurable: defaults follow 29 CFR 2560.503-1 (30 days pre-service, 60 days post-service, 72 h urgent).
    "commercial": {
        "pre_service": {
            "standard": {
                "days": UR_APPEAL_DECISION["commercial"]["pre"],
                "extension_days": 0,
                "extension_reasons": [],
            },
            "expedited": {
                "hours": UR_APPEAL_DECISION["commercial"]["hours"],
                "extension_days": 0,
                "extension_reasons": [],
            },
        },
        "payment": {
            "standard": {
                "days": UR_APPEAL_DECISION["commercial"]["payment"],
                "extension_days": 0,
                "extension_reasons": [],
            }
        },
    },
    # Configurable: defaults follow 42 CFR 438.408 (30 days, 72 h expedited, up to 14 days' extension).
    "medicaid": {
        "pre_service": {
            "standard": {
                "days": UR_APPEAL_DECISION["medicaid"]["pre"],
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
            "expedited": {
                "hours": UR_APPEAL_DECISION["medicaid"]["hours"],
                "extension_days": 14,
                "extension_reasons": ["member_request", "plan_justification"],
            },
        },
        "payment": {
            "standard": {
                "days": UR_APPEAL_DECISION["medicaid"]["payment"],
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
