"""The ``riskhub`` CLI, through Flask's test runner."""

from __future__ import annotations

from hub.extensions import db
from hub.models import ApiKey, Case, CaseStatus, Member
from tests.hub.helpers import count


def test_members_and_keys_lifecycle(app, client, runner):
    result = runner.invoke(args=["members", "add", "Bank Z", "--email", "risk@z.example", "--language", "en"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(args=["members", "list"])
    assert "Bank Z" in listed.output and "\ten\t" in listed.output

    created = runner.invoke(args=["keys", "create", "--member", "Bank Z", "--role", "member"])
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("rh_") and len(key) == 3 + 10 + 1 + 43
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/cases", headers=headers).status_code == 200

    prefix = key[:13]
    assert prefix in runner.invoke(args=["keys", "list", "--member", "Bank Z"]).output
    assert key not in runner.invoke(args=["keys", "list"]).output

    assert runner.invoke(args=["members", "suspend", "Bank Z"]).exit_code == 0
    assert client.get("/api/v1/cases", headers=headers).status_code == 401
    assert runner.invoke(args=["members", "reactivate", "Bank Z"]).exit_code == 0
    assert client.get("/api/v1/cases", headers=headers).status_code == 200

    assert runner.invoke(args=["keys", "revoke", prefix]).exit_code == 0
    assert client.get("/api/v1/cases", headers=headers).status_code == 401


def test_cli_errors_are_clean(runner, app):
    result = runner.invoke(args=["keys", "create", "--member", "Nobody", "--role", "member"])
    assert result.exit_code != 0 and "member not found" in result.output
    result = runner.invoke(args=["members", "add", ""])
    assert result.exit_code != 0
    assert runner.invoke(args=["members", "add", "Dup"]).exit_code == 0
    again = runner.invoke(args=["members", "add", "Dup"])
    assert again.exit_code != 0 and "exists" in again.output
    assert runner.invoke(args=["keys", "revoke", "rh_nothing"]).exit_code != 0


def test_demo_seed_once(app, runner):
    first = runner.invoke(args=["demo", "seed", "--cases", "30"])
    assert first.exit_code == 0, first.output
    assert "API keys (shown once)" in first.output
    with app.app_context():
        roles = {k.role for k in db.session.execute(db.select(ApiKey)).scalars()}
        assert roles == {"member", "subscriber", "admin"}
        statuses = {c.status for c in db.session.execute(db.select(Case)).scalars()}
        assert CaseStatus.APPROVED.value in statuses
        from hub.models import User

        people = {u.username: u.role for u in db.session.execute(db.select(User)).scalars()}
        assert people == {"analyst": "member", "reader": "subscriber", "admin": "admin"}
    password = first.output.rsplit("password ", 1)[1].strip()
    with app.app_context():
        from hub.services import users

        assert users.sign_in("analyst", password).user.username == "analyst"
    members_before, cases_before = count(app, Member), count(app, Case)
    second = runner.invoke(args=["demo", "seed", "--cases", "30"])
    assert second.exit_code == 0 and "demo data present" in second.output
    assert (count(app, Member), count(app, Case)) == (members_before, cases_before)
    keys = [line.split(":  ")[-1] for line in first.output.splitlines() if "rh_" in line]
    assert len(keys) == 6
