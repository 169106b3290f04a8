"""The hash-chained audit trail.

Each event's digest is SHA-256 over a canonical JSON form of the event that includes the previous event's
digest, so editing, deleting or reordering any event breaks every later link. Appends are serialised: on
PostgreSQL with a transaction-scoped advisory lock, everywhere by a unique constraint on ``prev_digest``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask import g, has_request_context

from hub.extensions import db
from hub.models import AuditEvent, utcnow
from hub.services import locks

GENESIS = "0" * 64


_FIELDS = ("actor", "actor_member_id", "action", "object_type", "object_id", "prev_digest")


def canonical(event: AuditEvent | dict) -> bytes:
    """The bytes an event's digest is computed over (an event or the dict of its columns)."""
    get = event.get if isinstance(event, dict) else lambda name: getattr(event, name)
    body = {name: get(name) for name in _FIELDS}
    body["occurred_at"] = get("occurred_at").isoformat(timespec="microseconds")
    body["details"] = get("details") or {}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _current_actor() -> tuple[str, int | None]:
    if has_request_context():
        key = g.get("api_key")
        if key is not None:
            return f"key:{key.prefix}", key.member_id
        user = g.get("user")
        if user is not None:
            return f"user:{user.id}", user.member_id
        return "anonymous", None
    return "system", None


def _lock_chain() -> str:
    session = db.session
    locks.exclusive("audit-chain")
    last = session.execute(db.select(AuditEvent.digest).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    return last or GENESIS


def record(
    action: str,
    object_type: str,
    object_id: str | int | None = None,
    details: dict | None = None,
    *,
    actor: str | None = None,
    actor_member_id: int | None = None,
) -> str:
    """Append one event to the chain; return its digest. ``details`` must hold no raw personal value."""
    return record_many(
        [(action, object_type, object_id, details)], actor=actor, actor_member_id=actor_member_id
    )


def record_many(
    items: list[tuple[str, str, str | int | None, dict | None]],
    *,
    actor: str | None = None,
    actor_member_id: int | None = None,
) -> str:
    """Append several events, in order, under one lock of the chain; return the last digest."""
    if actor is None:
        actor, found_member = _current_actor()
        actor_member_id = actor_member_id if actor_member_id is not None else found_member
    prev = _lock_chain()
    now = utcnow()
    rows = []
    for action, object_type, object_id, details in items:
        row = {
            "occurred_at": now,
            "actor": actor,
            "actor_member_id": actor_member_id,
            "action": action,
            "object_type": object_type,
            "object_id": None if object_id is None else str(object_id),
            "details": details or {},
            "prev_digest": prev,
        }
        row["digest"] = prev = hashlib.sha256(canonical(row)).hexdigest()
        rows.append(row)
    db.session.execute(AuditEvent.__table__.insert(), rows)
    return prev


@dataclass
class ChainReport:
    """What :func:`verify_chain` found: ``ok``, how many events it checked, the first broken one."""

    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str | None = None


def verify_chain(batch: int = 5000) -> ChainReport:
    """Walk the chain in id order and name the first event whose link or digest does not hold."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = (
            db.session.execute(
                db.select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            return ChainReport(True, checked)
        for event in rows:
            if event.prev_digest != prev:
                return ChainReport(
                    False, checked, event.id, "previous digest does not match (event missing or reordered)"
                )
            if hashlib.sha256(canonical(event)).hexdigest() != event.digest:
                return ChainReport(False, checked, event.id, "digest does not match the event (event edited)")
            prev = event.digest
            checked += 1
            last_id = event.id
        db.session.expunge_all()
