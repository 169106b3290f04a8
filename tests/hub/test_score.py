"""The contribution score: its documented formula, and who may see it."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from hub.extensions import db
from hub.models import Case
from tests.hub.helpers import assert_error
from tests.hub.moderation_support import approve, make_pattern, submit


def _expected(approved, rejected, median_days, feedback):
    volume = min(1, math.log1p(approved) / math.log1p(50))
    quality = (approved + 1) / (approved + rejected + 2)
    timeliness = 0 if median_days is None else 1 / (1 + median_days / 7)
    engagement = min(1, feedback / 10)
    return round(40 * volume + 30 * quality + 20 * timeliness + 10 * engagement, 1)


def test_empty_record(client, member_a):
    score = client.get("/api/v1/me/score", headers=member_a.headers).get_json()
    assert score["approved"] == score["rejected"] == score["pending"] == score["feedback_given"] == 0
    assert score["approval_rate"] is None and score["median_delay_days"] is None
    assert score["score"] == _expected(0, 0, None, 0) == 15.0


def test_score_follows_the_formula(app, client, member_a, member_b, admin):
    cases = [submit(client, member_a, 400 + i) for i in range(4)]
    for case, days in zip(cases[:3], (1, 3, 10), strict=True):
        approve(client, admin, case["id"])
        with app.app_context():
            row = db.session.get(Case, case["id"])
            row.occurred_at = row.submitted_at - timedelta(days=days)
            db.session.commit()
    client.post(
        f"/api/v1/moderation/cases/{cases[3]['id']}/reject", json={"reason": "x"}, headers=admin.headers
    )
    submit(client, member_a, 410)  # pending: does not count
    make_pattern(app, "P-SC1", [])
    client.post("/api/v1/patterns/P-SC1/feedback", json={"kind": "seen"}, headers=member_a.headers)
    score = client.get("/api/v1/me/score", headers=member_a.headers).get_json()
    assert (score["approved"], score["rejected"], score["pending"], score["feedback_given"]) == (3, 1, 1, 1)
    assert score["approval_rate"] == 0.75
    assert score["median_delay_days"] == pytest.approx(3, abs=0.01)
    assert score["score"] == _expected(3, 1, 3, 1)
    as_admin = client.get(
        f"/api/v1/admin/members/{member_a.member_id}/score", headers=admin.headers
    ).get_json()
    assert as_admin["score"] == score["score"] and as_admin["member"]["name"] == "Bank A"
    ranking = client.get("/api/v1/admin/scores", headers=admin.headers).get_json()
    assert ranking[0]["member"]["id"] == member_a.member_id
    assert [r["score"] for r in ranking] == sorted((r["score"] for r in ranking), reverse=True)


def test_score_is_private(client, member_a, member_b, subscriber):
    assert_error(
        client.get(f"/api/v1/admin/members/{member_a.member_id}/score", headers=member_b.headers), 403
    )
    assert_error(client.get("/api/v1/admin/scores", headers=member_b.headers), 403)
    assert_error(client.get("/api/v1/me/score", headers=subscriber.headers), 403)
