"""Members, profiles, keys and webhook secrets through the admin API, /me, and the CLI."""

from __future__ import annotations

import hashlib
import hmac

from hub.extensions import db
from hub.models import AuditEvent, Member
from hub.services import members as member_service
from tests.conftest import TOKEN_KEY
from tests.hub.helpers import assert_error, dump_database

A = "/api/v1/admin"


def _create(client, admin, name="Bank New", **extra):
    response = client.post(f"{A}/members", json={"name": name, **extra}, headers=admin.headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_member_lifecycle_and_keys(app, client, admin):
    member = _create(client, admin, contact_email="risk@new.example", language="en")
    assert member["code"].startswith("M-") and member["language"] == "en" and member["status"] == "active"
    assert member["contact_email"] == "risk@new.example"
    issued = client.post(
        f"{A}/members/{member['id']}/keys", json={"role": "member", "label": "ops"}, headers=admin.headers
    )
    assert issued.status_code == 201
    key = issued.get_json()
    headers = {"Authorization": f"Bearer {key['secret']}"}
    assert client.get("/api/v1/cases", headers=headers).status_code == 200

    listed = client.get(f"{A}/members/{member['id']}/keys", headers=admin.headers).get_json()
    assert [k["prefix"] for k in listed] == [key["prefix"]] and listed[0]["state"] == "active"
    assert key["secret"] not in client.get(f"{A}/keys", headers=admin.headers).get_data(as_text=True)
    assert key["secret"] not in dump_database(app)

    assert (
        client.post(f"{A}/members/{member['id']}/suspend", headers=admin.headers).get_json()["status"]
        == "suspended"
    )
    assert_error(client.get("/api/v1/cases", headers=headers), 401)
    assert client.post(f"{A}/members/{member['id']}/reactivate", headers=admin.headers).status_code == 200
    assert client.get("/api/v1/cases", headers=headers).status_code == 200

    expired = client.post(f"{A}/keys/{key['prefix']}/expire", json={}, headers=admin.headers).get_json()
    assert expired["state"] == "expired"
    assert_error(client.get("/api/v1/cases", headers=headers), 401)

    second = client.post(
        f"{A}/members/{member['id']}/keys",
        json={"role": "subscriber", "expires_at": "2099-01-01T00:00:00+08:00"},
        headers=admin.headers,
    ).get_json()
    assert second["expires_at"] == "2098-12-31T16:00:00+00:00"
    revoked = client.post(f"{A}/keys/{second['prefix']}/revoke", headers=admin.headers).get_json()
    assert revoked["state"] == "revoked"
    assert_error(client.get("/api/v1/me", headers={"Authorization": f"Bearer {second['secret']}"}), 401)
    assert_error(client.post(f"{A}/keys/{second['prefix']}/expire", json={}, headers=admin.headers), 409)
    with app.app_context():
        actions = [
            e.action for e in db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars()
        ]
    for action in (
        "member.created",
        "key.issued",
        "member.suspended",
        "member.reactivated",
        "key.expiry_set",
        "key.revoked",
    ):
        assert action in actions


def test_profile_updates_validate_and_audit_field_names_only(app, client, admin):
    member = _create(client, admin)
    url = f"{A}/members/{member['id']}"
    changed = client.patch(
        url,
        json={"webhook_url": "https://hooks.new.example/riskhub", "language": "en", "email_enabled": False},
        headers=admin.headers,
    ).get_json()
    assert (changed["webhook_url"], changed["language"], changed["email_enabled"]) == (
        "https://hooks.new.example/riskhub",
        "en",
        False,
    )
    assert (
        client.patch(url, json={"webhook_url": None}, headers=admin.headers).get_json()["webhook_url"] is None
    )
    assert_error(
        client.patch(url, json={"webhook_url": "ftp://x"}, headers=admin.headers), 422, field="webhook_url"
    )
    assert_error(client.patch(url, json={"contact_email": "not-an-email"}, headers=admin.headers), 422)
    assert_error(client.patch(url, json={"language": "fr"}, headers=admin.headers), 422)
    assert_error(client.patch(url, json={"code": "M-XXXXXX"}, headers=admin.headers), 422)
    _create(client, admin, name="Other Bank")
    assert_error(client.patch(url, json={"name": "Other Bank"}, headers=admin.headers), 409)
    assert_error(client.get(f"{A}/members/999999", headers=admin.headers), 404)
    with app.app_context():
        events = (
            db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "member.changed"))
            .scalars()
            .all()
        )
        assert events[0].details == {"fields": ["language", "webhook_url", "email_enabled"]}
        assert "hooks.new.example" not in str([e.details for e in events])


def test_webhook_secret_is_derived_never_stored_and_shown_once(app, client, admin, member_a):
    rotated = client.post(
        f"{A}/members/{member_a.member_id}/webhook-secret", headers=admin.headers
    ).get_json()
    assert rotated["version"] == 1
    expected = hmac.new(
        TOKEN_KEY, f"riskhub-webhook:{member_a.member_id}:1".encode(), hashlib.sha256
    ).hexdigest()
    assert rotated["secret"] == expected
    with app.app_context():
        member = db.session.get(Member, member_a.member_id)
        assert member_service.webhook_secret(member).hex() == expected
        assert member.webhook_secret_version == 1
    assert expected not in dump_database(app)
    again = client.post("/api/v1/me/webhook-secret", headers=member_a.headers).get_json()
    assert again["version"] == 2 and again["secret"] != expected
    assert "secret" not in client.get(f"{A}/members/{member_a.member_id}", headers=admin.headers).get_json()


def test_me_shows_own_profile_and_changes_delivery_settings(app, client, member_a, subscriber):
    me = client.get("/api/v1/me", headers=member_a.headers).get_json()
    assert (me["code"], me["name"], me["role"]) == (member_a.member_code, "Bank A", "member")
    assert client.get("/api/v1/me", headers=subscriber.headers).get_json()["role"] == "subscriber"
    changed = client.patch(
        "/api/v1/me", json={"language": "en", "contact_email": "fraud@a.example"}, headers=member_a.headers
    )
    assert changed.status_code == 200 and changed.get_json()["language"] == "en"
    assert_error(client.patch("/api/v1/me", json={"name": "Renamed"}, headers=member_a.headers), 422)
    assert_error(client.patch("/api/v1/me", json={"language": "en"}, headers=subscriber.headers), 403)
    keys = client.get("/api/v1/me/keys", headers=member_a.headers).get_json()
    assert {k["prefix"] for k in keys} == {member_a.prefix, subscriber.prefix}


def test_admin_key_listing_filters(client, admin, member_a, member_b, subscriber):
    everything = client.get(f"{A}/keys", headers=admin.headers).get_json()
    assert {k["prefix"] for k in everything} >= {
        admin.prefix,
        member_a.prefix,
        member_b.prefix,
        subscriber.prefix,
    }
    only_a = client.get(
        f"{A}/keys?member_id={member_a.member_id}&role=subscriber", headers=admin.headers
    ).get_json()
    assert [k["prefix"] for k in only_a] == [subscriber.prefix]
    members = client.get(f"{A}/members", headers=admin.headers).get_json()
    assert {m["name"] for m in members} >= {"Bank A", "Bank B"}
    assert client.get(f"{A}/members?status=suspended", headers=admin.headers).get_json() == []
    assert_error(client.post(f"{A}/members", json={"name": "Bank A"}, headers=admin.headers), 409)
    assert_error(
        client.post(f"{A}/members/{member_a.member_id}/keys", json={"role": "root"}, headers=admin.headers),
        422,
    )


def test_cli_profile_keys_and_webhook_secret(app, runner, client):
    assert runner.invoke(args=["members", "add", "Bank CLI"]).exit_code == 0
    result = runner.invoke(
        args=[
            "members",
            "update",
            "Bank CLI",
            "--email",
            "x@cli.example",
            "--webhook-url",
            "https://h.example/x",
            "--language",
            "en",
        ]
    )
    assert result.exit_code == 0, result.output
    shown = runner.invoke(args=["members", "show", "Bank CLI"]).output
    assert "x@cli.example" in shown and "https://h.example/x" in shown and "score" in shown
    bad = runner.invoke(args=["members", "update", "Bank CLI", "--webhook-url", "nope"])
    assert bad.exit_code != 0 and "webhook" in bad.output
    secret = runner.invoke(args=["members", "webhook-secret", "Bank CLI"]).output.strip().splitlines()[-1]
    assert len(secret) == 64 and secret not in dump_database(app)
    created = runner.invoke(
        args=["keys", "create", "--member", "Bank CLI", "--role", "member", "--expires-in-days", "30"]
    )
    key = created.output.strip().splitlines()[-1]
    listed = runner.invoke(args=["keys", "list", "--member", "Bank CLI"]).output
    assert key[:13] in listed and "\tactive\t" in listed
    assert runner.invoke(args=["keys", "expire", key[:13]]).exit_code == 0
    assert "\texpired\t" in runner.invoke(args=["keys", "list", "--member", "Bank CLI"]).output
    assert client.get("/api/v1/cases", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert "Bank CLI" in runner.invoke(args=["members", "scores"]).output
