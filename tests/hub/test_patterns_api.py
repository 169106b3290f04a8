"""Patterns in the hub: the weekly run, what members see (k rule), the CLI back-test."""

from __future__ import annotations

import json
from datetime import datetime

from hub.extensions import db
from hub.models import Case, ClusteringRun, Pattern, PatternPeriod
from hub.services import patterns
from tests.conftest import make_actor
from tests.hub.helpers import assert_error
from tests.hub.seeding import seed_week

W45 = datetime(2026, 11, 2, 0, 0)  # Monday 2026-W45 08:00 Asia/Shanghai is 00:00 UTC


def test_weekly_run_stores_patterns_and_assigns_cases(app, client, member_a, member_b, admin):
    seed_week(app, ["Bank A", "Bank B"], W45, 60, seed=11)
    with app.app_context():
        run = patterns.run_period("2026-W45")
        db.session.commit()
        assert run.cases == 60 and run.patterns >= 1
        assert (
            db.session.execute(db.select(db.func.count()).select_from(Pattern)).scalar_one() == run.patterns
        )
        periods = db.session.execute(db.select(PatternPeriod)).scalars().all()
        assert {p.period for p in periods} == {"2026-W45"}
        assigned = {p for p in db.session.execute(db.select(Case.pattern_id)).scalars() if p}
        known = set(db.session.execute(db.select(Pattern.id)).scalars())
        assert assigned and assigned <= known
        state = db.session.execute(db.select(ClusteringRun.state)).scalar_one()
        json.dumps(state)
    listed = client.get("/api/v1/patterns", headers=member_a.headers).get_json()["items"]
    assert listed and all(item["described"] for item in listed)
    first = listed[0]
    assert first["label"] and first["keywords"] and first["sizes"] == {"2026-W45": first["size"]}
    detail = client.get(f"/api/v1/patterns/{first['id']}", headers=member_a.headers).get_json()
    assert detail["excerpts"] and detail["trend"][0]["period"] == "2026-W45"
    text = json.dumps(listed, ensure_ascii=False) + json.dumps(detail, ensure_ascii=False)
    for actor in (member_a, member_b, admin):
        assert actor.member_code not in text and actor.member_name not in text and actor.prefix not in text
    own = client.get("/api/v1/cases", headers=member_a.headers).get_json()["items"]
    assert any(item["pattern_id"] for item in own)


def test_pattern_of_one_member_is_counted_not_described(app, client, member_a):
    seed_week(app, ["Bank A"], W45, 40, seed=12)
    with app.app_context():
        patterns.run_period("2026-W45")
        db.session.commit()
    listed = client.get("/api/v1/patterns", headers=member_a.headers).get_json()["items"]
    assert listed
    for item in listed:
        assert item["described"] is False and item["members"] == 1
        assert "label" not in item and "keywords" not in item
        detail = client.get(f"/api/v1/patterns/{item['id']}", headers=member_a.headers).get_json()
        assert "excerpts" not in detail and "label" not in detail


def test_weeks_run_in_order_and_refresh(app, client, admin, member_a, member_b):
    seed_week(app, ["Bank A", "Bank B"], W45, 30, seed=13)
    with app.app_context():
        patterns.run_period("2026-W46")  # W45 is clustered first, then W46
        db.session.commit()
        assert db.session.execute(
            db.select(ClusteringRun.period).order_by(ClusteringRun.id)
        ).scalars().all() == ["2026-W45", "2026-W46"]
    assert_error(client.post("/api/v1/patterns/refresh?period=2026-W44", headers=admin.headers), 409)
    again = client.post("/api/v1/patterns/refresh?period=2026-W46", headers=admin.headers)
    assert again.status_code == 200 and again.get_json()["period"] == "2026-W46"
    assert_error(client.post("/api/v1/patterns/refresh", headers=member_a.headers), 403)
    assert_error(client.post("/api/v1/patterns/refresh?period=W46", headers=admin.headers), 422)
    assert_error(client.get("/api/v1/patterns/P9999", headers=member_a.headers), 404)


def test_subscriber_reads_patterns(app, client):
    subscriber = make_actor(app, "Reader", "subscriber")
    assert client.get("/api/v1/patterns", headers=subscriber.headers).status_code == 200


def test_cluster_cli_replays_weeks(runner, tmp_path):
    from hub.demo import generate_cases

    rows = generate_cases(120, seed=5)
    source = tmp_path / "cases.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for index, row in enumerate(rows):
            week = "2026-11-03" if index < 60 else "2026-11-10"
            fh.write(
                json.dumps(
                    {
                        "id": f"c{index}",
                        "text": row["narrative"],
                        "fraud_type": row["fraud_type"],
                        "submitted_at": f"{week}T10:00:00+08:00",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    out = tmp_path / "patterns.jsonl"
    result = runner.invoke(args=["cluster", str(source), "--patterns", str(out)])
    assert result.exit_code == 0, result.output
    assigned = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(assigned) == 120 and {a["id"] for a in assigned} == {f"c{i}" for i in range(120)}
    described = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert described and {"pattern", "label", "keywords", "status", "first_period", "sizes"} <= set(
        described[0]
    )
    assert any(set(p["sizes"]) >= {"2026-W45", "2026-W46"} for p in described)


def test_redacting_an_approved_case_scrubs_the_stored_tracker_state(app, client, admin, member_a, member_b):
    ids = seed_week(app, ["Bank A", "Bank B"], W45, 60, seed=11)
    with app.app_context():
        patterns.run_period("2026-W45")
        db.session.commit()
        run = db.session.execute(db.select(ClusteringRun).order_by(ClusteringRun.id.desc())).scalars().first()
        remembered = {m["case"]["text"] for m in run.state["memory"]}
        target = next(case for case in (db.session.get(Case, i) for i in ids) if case.narrative in remembered)
        old, case_id = target.narrative, target.id
    response = client.post(
        f"/api/v1/moderation/cases/{case_id}/redact", json={"spans": [[0, 6]]}, headers=admin.headers
    )
    assert response.status_code == 200, response.get_json()
    with app.app_context():
        latest = (
            db.session.execute(db.select(ClusteringRun).order_by(ClusteringRun.id.desc())).scalars().first()
        )
        texts = [m["case"]["text"] for m in latest.state["memory"]]
        new = db.session.get(Case, case_id).narrative
    assert new != old and "[REDACTED]" in new
    assert old not in texts  # the remembered copy lost the masked span as well
    assert new in texts  # ... exactly as the case's own text was masked


def test_only_the_latest_tracker_state_is_kept(app, member_a, member_b):
    seed_week(app, ["Bank A", "Bank B"], W45, 20, seed=15)
    with app.app_context():
        patterns.run_period("2026-W46")
        db.session.commit()
        states = db.session.execute(
            db.select(ClusteringRun.period, ClusteringRun.state).order_by(ClusteringRun.id)
        ).all()
    assert [p for p, _ in states] == ["2026-W45", "2026-W46"]
    assert states[0][1] == {} and states[1][1]["version"]
