"""``GET /api/v1/audit`` with filters, ``/audit/verify``, and every state change leaving an event."""

from __future__ import annotations

import sqlalchemy as sa

from hub.extensions import db
from tests.hub.helpers import assert_error
from tests.hub.moderation_support import approve, make_pattern, submit


def test_state_changes_are_audited_and_filterable(app, client, member_a, member_b, admin):
    first = submit(client, member_a, 500)
    second = submit(client, member_b, 501)
    approve(client, admin, first["id"])
    client.delete(f"/api/v1/cases/{second['id']}", headers=member_b.headers)
    client.post(
        "/api/v1/indicators/lookup",
        json={"values": [{"type": "phone", "value": "13800001111"}]},
        headers=member_b.headers,
    )
    make_pattern(app, "P-AU1", [])
    client.post("/api/v1/patterns/P-AU1/feedback", json={"kind": "seen"}, headers=member_b.headers)

    def get(query=""):
        response = client.get(f"/api/v1/audit?{query}", headers=admin.headers)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    actions = {e["action"] for e in get("limit=1000")["items"]}
    assert actions >= {
        "member.created",
        "key.issued",
        "case.submitted",
        "case.approved",
        "case.withdrawn",
        "lookup.batch",
        "pattern.feedback",
    }
    case_events = get(f"object_id={first['id']}")["items"]
    assert [e["action"] for e in case_events] == ["case.approved", "case.submitted"]  # newest first
    assert case_events[0]["actor"] == f"key:{admin.prefix}"
    assert {e["action"] for e in get("action=case.")["items"]} == {
        "case.submitted",
        "case.approved",
        "case.withdrawn",
    }
    assert all(
        e["actor_member_id"] == member_b.member_id for e in get(f"member_id={member_b.member_id}")["items"]
    )
    assert get("action=lookup.batch")["items"][0]["details"] == {"values": 1, "invalid": 0, "matched": 0}
    assert get("since=2999-01-01T00:00:00Z")["items"] == []

    page = get("limit=2")
    assert len(page["items"]) == 2 and page["next_before_id"] == page["items"][-1]["id"]
    following = get(f"limit=2&before_id={page['next_before_id']}")
    assert following["items"][0]["id"] < page["items"][-1]["id"]
    assert following["items"][0]["digest"] == page["items"][-1]["prev_digest"]


def test_verify_endpoint_names_the_first_broken_link(app, client, member_a, admin):
    for seed in (510, 511):
        submit(client, member_a, seed)
    report = client.get("/api/v1/audit/verify", headers=admin.headers).get_json()
    assert report["ok"] is True and report["checked"] >= 5 and report["broken_id"] is None
    with app.app_context():
        target = db.session.execute(sa.text("SELECT max(id) FROM audit_event")).scalar() - 1
        db.session.execute(sa.text("UPDATE audit_event SET details = '{}' WHERE id = :i"), {"i": target})
        db.session.commit()
    report = client.get("/api/v1/audit/verify", headers=admin.headers).get_json()
    assert (report["ok"], report["broken_id"]) == (False, target) and "edited" in report["reason"]


def test_audit_is_for_admins(client, member_a, subscriber):
    for actor in (member_a, subscriber):
        assert_error(client.get("/api/v1/audit", headers=actor.headers), 403)
        assert_error(client.get("/api/v1/audit/verify", headers=actor.headers), 403)
    assert_error(client.get("/api/v1/audit"), 401)


def _ids(app):
    with app.app_context():
        return db.session.execute(sa.text("SELECT id FROM audit_event ORDER BY id")).scalars().all()


def test_verify_endpoint_names_a_deleted_and_a_reordered_event(app, client, member_a, admin):
    for seed in (520, 521, 522):
        submit(client, member_a, seed)
    ids = _ids(app)
    gone = ids[len(ids) // 2]
    with app.app_context():
        db.session.execute(sa.text("DELETE FROM audit_event WHERE id = :i"), {"i": gone})
        db.session.commit()
    report = client.get("/api/v1/audit/verify", headers=admin.headers).get_json()
    assert (report["ok"], report["broken_id"]) == (False, ids[ids.index(gone) + 1])
    assert "missing or reordered" in report["reason"]


def test_verify_endpoint_names_a_reordered_event(app, client, member_a, admin):
    for seed in (530, 531, 532):
        submit(client, member_a, seed)
    ids = _ids(app)
    first, second = ids[-3], ids[-2]
    with app.app_context():
        db.session.execute(sa.text("UPDATE audit_event SET id = -1 WHERE id = :a"), {"a": first})
        db.session.execute(sa.text("UPDATE audit_event SET id = :a WHERE id = :b"), {"a": first, "b": second})
        db.session.execute(sa.text("UPDATE audit_event SET id = :b WHERE id = -1"), {"b": second})
        db.session.commit()  # the two events swapped places in id order, each kept intact
    report = client.get("/api/v1/audit/verify", headers=admin.headers).get_json()
    assert (report["ok"], report["broken_id"]) == (False, first)
