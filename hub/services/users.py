"""People who sign in to the web pages: accounts, argon2 password hashes, sign-in and lock-out.

API keys stay for machines; a :class:`~hub.models.User` belongs to one member and has one role. Sign-in
answers every failure (unknown name, wrong password, locked, disabled, suspended member) the same way, so
the form does not tell which names exist. After ``LOGIN_MAX_FAILURES`` consecutive failures the account
is locked for ``LOGIN_LOCKOUT_MINUTES``; while locked, even the right password is refused. Every change
is audited with ids and counts only: never a username, never a password.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

from hub.extensions import db
from hub.models import Member, Role, User, utcnow
from hub.services import audit
from hub.services.errors import Conflict, Invalid, NotFound, ServiceError

#: argon2id cost: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), about 0.1 s on one core.
#: ``ARGON2_MEMORY_COST`` (KiB), ``ARGON2_TIME_COST`` and ``ARGON2_PARALLELISM`` in the config override it;
#: hashes made with other parameters are upgraded at the next successful sign-in.
ARGON2_DEFAULTS = {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}
_HASHERS: dict[tuple, tuple[PasswordHasher, str]] = {}
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCKOUT_MINUTES = 15
#: The one message of every failed sign-in.
SIGN_IN_FAILED = "wrong username or password, or the account is locked or disabled"


class SignInFailed(ServiceError):
    """Sign-in refused; the message never says why (see the module docstring)."""

    code = 401

    def __init__(self):
        super().__init__(SIGN_IN_FAILED)


def _hasher() -> tuple[PasswordHasher, str]:
    """The configured hasher and a dummy hash made with it (verified when the username is unknown, so a
    miss costs as much time as a wrong password)."""
    config = current_app.config
    params = tuple(
        int(config.get(f"ARGON2_{name.upper()}", default)) for name, default in ARGON2_DEFAULTS.items()
    )
    found = _HASHERS.get(params)
    if found is None:
        hasher = PasswordHasher(**dict(zip(ARGON2_DEFAULTS, params, strict=True)))
        found = _HASHERS[params] = (hasher, hasher.hash("riskhub-dummy-password"))
    return found


def hash_password(password: str) -> str:
    """The argon2id hash of *password* (salted; the string carries its parameters)."""
    check_password_rules(password)
    return _hasher()[0].hash(password)


def check_password_rules(password: str) -> None:
    """:class:`Invalid` unless *password* has ``MIN_PASSWORD``–``MAX_PASSWORD`` characters."""
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(
            f"a password needs {MIN_PASSWORD}-{MAX_PASSWORD} characters",
            {"password": [f"{MIN_PASSWORD}-{MAX_PASSWORD} characters"]},
        )


def _verify(password_hash: str | None, password: str) -> bool:
    """Check *password* against *password_hash* (the dummy hash when ``None``)."""
    hasher, dummy = _hasher()
    try:
        return hasher.verify(password_hash or dummy, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _max_failures() -> int:
    return int(current_app.config.get("LOGIN_MAX_FAILURES", DEFAULT_MAX_FAILURES))


def _lockout() -> timedelta:
    return timedelta(minutes=float(current_app.config.get("LOGIN_LOCKOUT_MINUTES", DEFAULT_LOCKOUT_MINUTES)))


def create_user(
    member: Member, username: str, password: str, role: Role | str, language: str | None = None
) -> User:
    """Create a person's account for *member* with *role*; the password is stored as an argon2 hash."""
    username = (username or "").strip()
    errors: dict = {}
    if not _USERNAME.match(username):
        errors["username"] = ["3-64 characters: letters, digits and . _ @ -, starting with a letter or digit"]
    try:
        role = Role(role)
    except ValueError:
        errors["role"] = [f"must be one of {', '.join(r.value for r in Role)}"]
    if language not in (None, "zh", "en"):
        errors["language"] = ["must be zh or en"]
    if errors:
        raise Invalid("the user is not valid", errors)
    password_hash = hash_password(password)
    taken = db.session.execute(
        db.select(User.id).where(db.func.lower(User.username) == username.lower())
    ).first()
    if taken:
        raise Conflict("this username is taken", {"username": ["taken"]})
    user = User(
        member_id=member.id,
        username=username,
        password_hash=password_hash,
        role=role.value,
        language=language,
        failed_logins=0,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", "user", user.id, {"member_id": member.id, "role": role.value})
    return user


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("user not found")
    return user


def get_user_by_name(username: str) -> User:
    user = db.session.execute(
        db.select(User).where(db.func.lower(User.username) == (username or "").strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise NotFound("user not found")
    return user


def list_users(member: Member | None = None) -> list[User]:
    query = db.select(User).order_by(User.id)
    if member is not None:
        query = query.where(User.member_id == member.id)
    return list(db.session.execute(query).scalars())


def is_locked(user: User, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def user_state(user: User, now: datetime | None = None) -> str:
    """``active``, ``locked`` or ``disabled``."""
    if user.disabled_at is not None:
        return "disabled"
    return "locked" if is_locked(user, now) else "active"


@dataclass
class SignIn:
    """A successful sign-in: the user and the session fingerprint to keep in the session."""

    user: User
    fingerprint: str


def session_fingerprint(user: User) -> str:
    """A value that changes when the password does or the user signs out: older sessions stop working."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    message = f"user-session:{user.id}:{user.session_epoch or 0}:{user.password_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def _record_failure(user: User, now: datetime) -> None:
    """Count a failure atomically in SQL (parallel guesses are all counted) and lock at the limit."""
    failures = db.session.execute(
        db.update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
    ).scalar_one()
    db.session.refresh(user)
    actor = {"actor": f"user:{user.id}", "actor_member_id": user.member_id}
    audit.record("user.sign_in_failed", "user", user.id, {"failures": failures}, **actor)
    if failures >= _max_failures() and not is_locked(user, now):
        user.locked_until = now + _lockout()
        db.session.flush()
        audit.record(
            "user.locked",
            "user",
            user.id,
            {"until": user.locked_until.isoformat(timespec="seconds")},
            **actor,
        )


def sign_in(username: str, password: str, now: datetime | None = None) -> SignIn:
    """Check a username and password; :class:`SignInFailed` for every kind of refusal.

    The caller must commit even when this raises: the failure count and the lock are the point.
    """
    now = now or utcnow()
    try:
        user = get_user_by_name(username)
    except NotFound:
        _verify(None, password or "")
        audit.record("user.sign_in_failed", "user", None, {"unknown": True})
        raise SignInFailed() from None
    if user.locked_until is not None and user.locked_until <= now:
        user.locked_until = None  # the lock ran out: a fresh series of attempts starts
        user.failed_logins = 0
        db.session.flush()
    if is_locked(user, now) or user.disabled_at is not None or not user.member.is_active:
        _verify(None, password or "")
        audit.record(
            "user.sign_in_failed",
            "user",
            user.id,
            {"state": user_state(user, now) if user.member.is_active else "member_suspended"},
            actor=f"user:{user.id}",
            actor_member_id=user.member_id,
        )
        raise SignInFailed()
    if not _verify(user.password_hash, password or ""):
        _record_failure(user, now)
        raise SignInFailed()
    if _hasher()[0].check_needs_rehash(user.password_hash):
        user.password_hash = _hasher()[0].hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.session.flush()
    audit.record("user.signed_in", "user", user.id, actor=f"user:{user.id}", actor_member_id=user.member_id)
    return SignIn(user, session_fingerprint(user))


def sign_out(user: User) -> None:
    """End every session of the user (server side: the fingerprint changes) and audit it; the caller
    clears the cookie."""
    user.session_epoch = (user.session_epoch or 0) + 1
    db.session.flush()
    audit.record("user.signed_out", "user", user.id, actor=f"user:{user.id}", actor_member_id=user.member_id)


def session_user(user_id, fingerprint: str | None) -> User | None:
    """The user a session belongs to, or ``None`` when it no longer may act (disabled, suspended member,
    password changed since, unknown id)."""
    if not isinstance(user_id, int) or not fingerprint:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.disabled_at is not None or not user.member.is_active:
        return None
    if not hmac.compare_digest(session_fingerprint(user), str(fingerprint)):
        return None
    return user


def set_password(user: User, password: str) -> User:
    """Give *user* a new password; sessions signed in with the old one stop working."""
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    db.session.flush()
    audit.record("user.password_set", "user", user.id)
    return user


def set_role(user: User, role: Role | str) -> User:
    try:
        role = Role(role)
    except ValueError:
        raise Invalid(
            "unknown role", {"role": [f"must be one of {', '.join(r.value for r in Role)}"]}
        ) from None
    if user.role != role.value:
        user.role = role.value
        db.session.flush()
        audit.record("user.role_changed", "user", user.id, {"role": role.value})
    return user


def set_language(user: User, language: str) -> User:
    """Remember the user's page language (``zh`` or ``en``)."""
    if language not in ("zh", "en"):
        raise Invalid("language must be zh or en", {"language": ["must be zh or en"]})
    if user.language != language:
        user.language = language
        db.session.flush()
    return user


def unlock(user: User) -> User:
    """Lift a lock-out now and reset the failure count."""
    if user.locked_until is not None or user.failed_logins:
        user.locked_until = None
        user.failed_logins = 0
        db.session.flush()
        audit.record("user.unlocked", "user", user.id)
    return user


def disable(user: User) -> User:
    """Stop a user from signing in; open sessions stop at their next request."""
    if user.disabled_at is None:
        user.disabled_at = utcnow()
        db.session.flush()
        audit.record("user.disabled", "user", user.id)
    return user


def enable(user: User) -> User:
    if user.disabled_at is not None:
        user.disabled_at = None
        db.session.flush()
        audit.record("user.enabled", "user", user.id)
    return user
