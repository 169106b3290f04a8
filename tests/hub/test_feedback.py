"""Members' "seen it too" / "not relevant" on patterns."""

from __future__ import annotations

from hub.extensions import db
from hub.models import AuditEvent, PatternFeedback
from hub.services.feedback import feedback_counts
from tests.conftest import make_actor
from tests.hub.helpers import assert_error, count
from tests.hub.moderation_support import make_pattern


def _url(pattern_id):
    return f"/api/v1/patterns/{pattern_id}/feedback"


def test_one_feedback_per_member_changeable_and_counted(app, client, member_a, member_b):
    make_pattern(app, "P-FB1", [])
    third = make_actor(app, "Bank C", "member")
    for actor, kind in ((member_a, "seen"), (member_b, "seen"), (third, "not_relevant")):
        response = client.post(_url("P-FB1"), json={"kind": kind}, headers=actor.headers)
        assert response.status_code == 200 and response.get_json() == {"pattern_id": "P-FB1", "kind": kind}
    with app.app_context():
        assert feedback_counts(["P-FB1"]) == {"P-FB1": {"seen": 2, "not_relevant": 1}}
    client.post(_url("P-FB1"), json={"kind": "not_relevant"}, headers=member_a.headers)
    client.post(_url("P-FB1"), json={"kind": "not_relevant"}, headers=member_a.headers)  # repeat: no change
    with app.app_context():
        assert feedback_counts(["P-FB1", "P-NONE"]) == {
            "P-FB1": {"seen": 1, "not_relevant": 2},
            "P-NONE": {"seen": 0, "not_relevant": 0},
        }
        actions = (
            db.session.execute(db.select(AuditEvent.action).where(AuditEvent.object_id == "P-FB1"))
            .scalars()
            .all()
        )
        assert actions.count("pattern.feedback") == 4
    assert count(app, PatternFeedback) == 3
    # the lead's pattern view reads the same counts
    shown = client.get("/api/v1/patterns/P-FB1", headers=member_b.headers).get_json()
    assert shown["feedback"] == {"seen": 1, "not_relevant": 2}
    assert client.delete(_url("P-FB1"), headers=member_a.headers).status_code == 204
    assert client.delete(_url("P-FB1"), headers=member_a.headers).status_code == 204
    assert count(app, PatternFeedback) == 2


def test_feedback_errors(app, client, member_a, subscriber):
    make_pattern(app, "P-FB2", [])
    assert_error(client.post(_url("P-NOPE"), json={"kind": "seen"}, headers=member_a.headers), 404)
    assert_error(client.delete(_url("P-NOPE"), headers=member_a.headers), 404)
    assert_error(client.post(_url("P-FB2"), json={"kind": "love"}, headers=member_a.headers), 422)
    assert_error(client.post(_url("P-FB2"), json={"kind": "seen"}, headers=subscriber.headers), 403)
    assert_error(client.post(_url("P-FB2"), json={"kind": "seen"}), 401)
