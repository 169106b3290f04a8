"""The hash-chained audit trail and ``riskhub audit verify``."""

from __future__ import annotations

import sqlalchemy as sa

from hub.extensions import db
from hub.models import AuditEvent
from hub.services import audit
from tests.hub.factories import case_payload, strip


def _events(client, member_a, n=4):
    for i in range(n):
        client.post("/api/v1/cases", json=strip(case_payload(seed=8000 + i)), headers=member_a.headers)


def test_chain_verifies(app, client, runner, member_a):
    _events(client, member_a)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "audit chain ok" in result.output
    with app.app_context():
        events = db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert events[0].prev_digest == audit.GENESIS
        assert all(b.prev_digest == a.digest for a, b in zip(events, events[1:], strict=False))
        assert {e.action for e in events} >= {"member.created", "key.issued", "case.submitted"}


def _tamper(app, statement):
    with app.app_context():
        db.session.execute(sa.text(statement))
        db.session.commit()


def _middle_id(app):
    with app.app_context():
        ids = db.session.execute(db.select(AuditEvent.id).order_by(AuditEvent.id)).scalars().all()
        return ids[len(ids) // 2]


def test_edited_event_is_named(app, client, runner, member_a):
    _events(client, member_a)
    target = _middle_id(app)
    _tamper(app, f"UPDATE audit_event SET action = 'case.approved' WHERE id = {target}")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at event {target}" in result.output and "edited" in result.output


def test_deleted_event_is_named(app, client, runner, member_a):
    _events(client, member_a)
    target = _middle_id(app)
    _tamper(app, f"DELETE FROM audit_event WHERE id = {target}")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at event {target + 1}" in result.output


def test_reordered_events_are_named(app, client, runner, member_a):
    _events(client, member_a)
    target = _middle_id(app)
    # swap the content of two neighbours (ids stay in place, order of events changes)
    with app.app_context():
        a = db.session.get(AuditEvent, target)
        b = db.session.get(AuditEvent, target + 1)
        fields = [
            "occurred_at",
            "actor",
            "actor_member_id",
            "action",
            "object_type",
            "object_id",
            "details",
            "prev_digest",
            "digest",
        ]
        va, vb = [getattr(a, f) for f in fields], [getattr(b, f) for f in fields]
        for f in ("prev_digest", "digest"):
            setattr(a, f, "x" * 64)
            setattr(b, f, "y" * 64)
        db.session.flush()
        for f, v in zip(fields, vb, strict=True):
            setattr(a, f, v)
        for f, v in zip(fields, va, strict=True):
            setattr(b, f, v)
        db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at event {target}" in result.output


def test_fork_of_the_chain_cannot_be_written(app, client, member_a):
    _events(client, member_a, 1)
    with app.app_context():
        last = db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
        db.session.add(
            AuditEvent(
                actor="x",
                action="forged",
                object_type="case",
                details={},
                prev_digest=last.prev_digest,
                digest="f" * 64,
            )
        )
        try:
            db.session.commit()
            forked = True
        except sa.exc.IntegrityError:
            db.session.rollback()
            forked = False
    assert not forked
