"""Members (institutions) and their API keys."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from hub.extensions import db
from hub.models import ApiKey, Member, MemberStatus, Role, utcnow
from hub.services import audit
from hub.services.errors import Conflict, Invalid, NotFound

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_KEY_RE = re.compile(r"^rh_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$")


def _code() -> str:
    return "M-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))


def get_member(name_or_code: str) -> Member:
    """The member with this name or public code."""
    member = db.session.execute(
        db.select(Member).where((Member.name == name_or_code) | (Member.code == name_or_code))
    ).scalar_one_or_none()
    if member is None:
        raise NotFound("member not found")
    return member


def create_member(name: str, contact_email: str | None = None, language: str = "zh") -> Member:
    """Create a member institution with a fresh public pseudonym code."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise Invalid("member name must be 1-200 characters", {"name": ["invalid length"]})
    if language not in ("zh", "en"):
        raise Invalid("language must be zh or en", {"language": ["must be zh or en"]})
    exists = db.session.execute(db.select(Member.id).where(Member.name == name)).first()
    if exists:
        raise Conflict("a member with this name exists")
    member = Member(name=name, code=_code(), contact_email=contact_email, language=language)
    db.session.add(member)
    db.session.flush()
    audit.record("member.created", "member", member.id, {"code": member.code})
    return member


def set_member_status(member: Member, status: MemberStatus) -> Member:
    """Suspend or reactivate a member; a suspended member's keys stop working at once."""
    if member.status != status:
        member.status = status.value
        db.session.flush()
        audit.record(
            f"member.{'suspended' if status == MemberStatus.SUSPENDED else 'reactivated'}",
            "member",
            member.id,
        )
    return member


@dataclass
class IssuedKey:
    """A new key: ``secret`` is the full key, shown once and never stored."""

    api_key: ApiKey
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(
    member: Member, role: Role | str, label: str | None = None, expires_at: datetime | None = None
) -> IssuedKey:
    """Issue an API key: ``rh_<prefix>_<256-bit secret>``; only the prefix and a hash are stored."""
    try:
        role = Role(role)
    except ValueError:
        raise Invalid(
            "unknown role", {"role": [f"must be one of {', '.join(r.value for r in Role)}"]}
        ) from None
    prefix = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10))
    secret = secrets.token_urlsafe(32)
    full = f"rh_{prefix}_{secret}"
    key = ApiKey(
        member_id=member.id,
        role=role.value,
        prefix=f"rh_{prefix}",
        secret_hash=hash_secret(full),
        label=label,
        expires_at=expires_at,
    )
    db.session.add(key)
    db.session.flush()
    audit.record(
        "key.issued", "api_key", key.id, {"prefix": key.prefix, "role": key.role, "member_id": member.id}
    )
    return IssuedKey(key, full)


def get_key(prefix: str) -> ApiKey:
    key = db.session.execute(db.select(ApiKey).where(ApiKey.prefix == prefix)).scalar_one_or_none()
    if key is None:
        raise NotFound("key not found")
    return key


def revoke_key(key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        db.session.flush()
        audit.record("key.revoked", "api_key", key.id, {"prefix": key.prefix})
    return key


def authenticate(presented: str) -> ApiKey | None:
    """The usable key matching a presented secret, or ``None`` (wrong, revoked, expired, suspended)."""
    match = _KEY_RE.match(presented or "")
    if not match:
        return None
    key = db.session.execute(
        db.select(ApiKey).where(ApiKey.prefix == f"rh_{match.group(1)}")
    ).scalar_one_or_none()
    if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(presented)):
        return None
    if not key.usable_at(utcnow()) or not key.member.is_active:
        return None
    return key


# -- profiles, key expiry and webhook secrets (issue 5) ----------------------------------------------------

_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
PROFILE_FIELDS = ("name", "contact_email", "language", "webhook_url", "email_enabled")


def get_member_by_id(member_id: int) -> Member:
    member = db.session.get(Member, member_id)
    if member is None:
        raise NotFound("member not found")
    return member


def list_members(status: str | None = None) -> list[Member]:
    query = db.select(Member).order_by(Member.id)
    if status:
        query = query.where(Member.status == status)
    return list(db.session.execute(query).scalars())


def _check_webhook_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or len(url) > 500:
        raise Invalid(
            "the webhook URL must be an http(s) URL of at most 500 characters", {"webhook_url": ["invalid"]}
        )
    return url


def update_profile(member: Member, changes: dict) -> Member:
    """Change a member's profile: name, contact e-mail, language (zh / en), webhook URL, e-mail on/off.

    Only the keys present in ``changes`` are touched; ``None`` clears the e-mail or the webhook URL. The
    audit event names the fields changed, never their values.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise Invalid("unknown profile fields", {name: ["unknown field"] for name in sorted(unknown)})
    changed = []
    for name, value in changes.items():
        if name == "name":
            value = (value or "").strip()
            if not value or len(value) > 200:
                raise Invalid("member name must be 1-200 characters", {"name": ["invalid length"]})
            clash = db.session.execute(
                db.select(Member.id).where(Member.name == value, Member.id != member.id)
            ).first()
            if clash:
                raise Conflict("a member with this name exists")
        elif name == "contact_email" and value is not None:
            value = value.strip()
            if not _EMAIL_RE.match(value) or len(value) > 320:
                raise Invalid("the contact e-mail is not valid", {"contact_email": ["invalid"]})
        elif name == "language" and value not in ("zh", "en"):
            raise Invalid("language must be zh or en", {"language": ["must be zh or en"]})
        elif name == "webhook_url" and value is not None:
            value = _check_webhook_url(value.strip())
        elif name == "email_enabled":
            value = bool(value)
        if getattr(member, name) != value:
            setattr(member, name, value)
            changed.append(name)
    if changed:
        db.session.flush()
        audit.record("member.changed", "member", member.id, {"fields": changed})
    return member


def webhook_secret(member: Member, key: bytes | None = None) -> bytes:
    """The member's current webhook signing secret: HMAC of the hub key over id and version; never stored."""
    if key is None:
        from flask import current_app

        key = current_app.config["TOKEN_KEY"]
    message = f"riskhub-webhook:{member.id}:{member.webhook_secret_version or 0}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()


def rotate_webhook_secret(member: Member) -> str:
    """Move the member to a new webhook secret; return it (hex), to be shown once."""
    member.webhook_secret_version = (member.webhook_secret_version or 0) + 1
    db.session.flush()
    audit.record(
        "member.webhook_secret_rotated", "member", member.id, {"version": member.webhook_secret_version}
    )
    return webhook_secret(member).hex()


def list_keys(member: Member | None = None, role: str | None = None) -> list[ApiKey]:
    query = db.select(ApiKey).order_by(ApiKey.id)
    if member is not None:
        query = query.where(ApiKey.member_id == member.id)
    if role:
        query = query.where(ApiKey.role == role)
    return list(db.session.execute(query).scalars())


def key_state(key: ApiKey, now: datetime | None = None) -> str:
    """``active``, ``expired`` or ``revoked``."""
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= (now or utcnow()):
        return "expired"
    return "active"


def expire_key(key: ApiKey, at: datetime | None = None) -> ApiKey:
    """Set when a key stops working (now when ``at`` is not given). A revoked key stays revoked."""
    if key.revoked_at is not None:
        raise Conflict("the key is revoked", {"state": ["revoked"]})
    at = at or utcnow()
    key.expires_at = at
    db.session.flush()
    audit.record("key.expiry_set", "api_key", key.id, {"prefix": key.prefix, "expires_at": at.isoformat()})
    return key
