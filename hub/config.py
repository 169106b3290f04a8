"""Configuration: defaults, ``RISKHUB_*`` environment variables and the instance file.

Precedence, lowest first: :class:`Defaults`, ``instance/config.py``, ``RISKHUB_*`` environment variables,
then the ``test_config`` mapping given to :func:`hub.create_app`.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

ENV_PREFIX = "RISKHUB_"

#: Settings read from the environment and how to parse them.
_PARSERS = {
    "DATABASE_URL": str,
    "TOKEN_KEY": str,
    "SECRET_KEY": str,
    "MAX_CONTENT_LENGTH": int,
    "MAX_NARRATIVE_CHARS": int,
    "BULK_MAX_ROWS": int,
    "MIN_MEMBERS": int,
    "TIMEZONE": str,
    "ANONYMIZER_SPACY": lambda v: v.lower() in {"1", "true", "yes", "on"},
    "LOG_LEVEL": str,
    "SCHEDULER_ENABLED": lambda v: v.lower() in {"1", "true", "yes", "on"},
    "RATELIMIT_STORAGE_URI": str,
    "SMTP_HOST": str,
    "SMTP_PORT": int,
    "SMTP_STARTTLS": lambda v: v.lower() in {"1", "true", "yes", "on"},
    "SMTP_USERNAME": str,
    "SMTP_PASSWORD": str,
    "MAIL_SENDER": str,
    "OUTBOX_DIR": str,
    "PUBLISH_DAY_OF_WEEK": str,
    "PUBLISH_HOUR": int,
    "DELIVERY_LEASE_SECONDS": int,
    "DELIVERY_MAX_ATTEMPTS": int,
    # -- web pages (issue 7) --
    "SESSION_COOKIE_SECURE": lambda v: v.lower() in {"1", "true", "yes", "on"},
    "LOGIN_MAX_FAILURES": int,
    "LOGIN_LOCKOUT_MINUTES": int,
}


class Defaults:
    """Built-in defaults; every one can be overridden (see the module docstring)."""

    #: SQLAlchemy URL; ``None`` means SQLite under the instance folder.
    DATABASE_URL: str | None = None
    #: Request bodies above this many bytes are answered 413.
    MAX_CONTENT_LENGTH = 32 * 1024 * 1024
    MAX_NARRATIVE_CHARS = 20_000
    BULK_MAX_ROWS = 10_000
    #: Minimum number of distinct members before a pattern or indicator is described to members.
    MIN_MEMBERS = 2
    TIMEZONE = "Asia/Shanghai"
    #: False runs the anonymizer's pattern layer only (no spaCy pipeline): faster, fewer English names.
    ANONYMIZER_SPACY = True
    LOG_LEVEL = "INFO"
    SCHEDULER_ENABLED = False
    #: flask-limiter storage: ``memory://`` in one process, ``redis://127.0.0.1:6379/0`` across workers.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    #: If the Redis storage is down, limits keep working per process in memory (never a 500).
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    #: Bulletin delivery. No SMTP host: e-mails are written as .eml files under OUTBOX_DIR.
    SMTP_HOST: str | None = None
    SMTP_PORT = 25
    SMTP_STARTTLS = False
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    MAIL_SENDER = "RiskHub <bulletins@riskhub.invalid>"
    OUTBOX_DIR: str | None = None  # default: <instance>/outbox
    DELIVERY_MAX_ATTEMPTS = 8
    DELIVERY_BACKOFF_BASE = 60
    DELIVERY_BACKOFF_CAP = 6 * 3600
    DELIVERY_LEASE_SECONDS = 300
    WEBHOOK_TIMEOUT = 10
    #: Weekly publication (cron fields in the alliance's time zone).
    PUBLISH_DAY_OF_WEEK = "mon"
    PUBLISH_HOUR = 8
    PUBLISH_MINUTE = 0
    #: How many missed periods the scheduler publishes when it starts.
    CATCH_UP_PERIODS = 4
    API_TITLE = "RiskHub"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "v1/openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    #: Swagger UI assets come from the swagger-ui-bundle package, served locally (no CDN).
    OPENAPI_SWAGGER_UI_URL = "/api/docs/static/"
    JSON_SORT_KEYS = False
    AUTO_APPROVE = False  # approve residual-free cases of members in good standing (docs/moderation.md)
    AUTO_APPROVE_MIN_APPROVED = 20  # good standing: at least this many approved cases ...
    AUTO_APPROVE_MIN_RATE = 0.9  # ... and at least this share of decided cases approved
    MODERATION_TARGET_HOURS = 72  # review target; older pending cases are marked overdue
    LOOKUP_RATE_LIMIT = "30/minute"  # indicator look-ups per API key (flask-limiter syntax)
    LOOKUP_MAX_VALUES = 1000  # values per look-up request
    # -- web pages (issue 7): session cookie and sign-in lock-out ----------------------------------------
    SESSION_COOKIE_NAME = "riskhub_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # RISKHUB_SESSION_COOKIE_SECURE=1 behind HTTPS
    PERMANENT_SESSION_LIFETIME = 8 * 3600  # seconds: a working day
    LOGIN_MAX_FAILURES = 5  # consecutive failed sign-ins before the account is locked ...
    LOGIN_LOCKOUT_MINUTES = 15  # ... for this long


def from_environ(environ: os._Environ | dict | None = None) -> dict:
    """Return the ``RISKHUB_*`` settings found in *environ*, parsed, without the prefix."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, parse in _PARSERS.items():
        raw = environ.get(ENV_PREFIX + name)
        if raw is not None and raw != "":
            try:
                found[name] = parse(raw)
            except ValueError as exc:
                raise RuntimeError(f"{ENV_PREFIX}{name} has an invalid value") from exc
    return found


def load_token_key(instance_path: str | Path, configured: str | None) -> bytes:
    """Return the keyed-token secret, generating one into the instance folder on first use.

    The key is hex text (at least 32 bytes). It is never logged; only its id (:func:`key_id`) is shown.
    """
    if configured:
        key = _parse_key(configured)
        if key is None:
            raise RuntimeError("RISKHUB_TOKEN_KEY must be at least 64 hex characters")
        return key
    path = Path(instance_path) / "token_key"
    if path.exists():
        key = _parse_key(path.read_text().strip())
        if key is None:
            raise RuntimeError(f"{path} does not hold a valid token key")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return _parse_key(path.read_text().strip())


def load_secret_key(instance_path: str | Path, configured: str | None) -> str:
    """Return Flask's session secret, generated into the instance folder on first use."""
    if configured:
        return configured
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48) + "\n")
    return path.read_text().strip()


def key_id(key: bytes) -> str:
    """A short public identifier of a token key, stored beside every token it made."""
    return "k" + hashlib.sha256(b"riskhub-key-id:" + key).hexdigest()[:8]


def _parse_key(text: str) -> bytes | None:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None
    return key if len(key) >= 32 else None
