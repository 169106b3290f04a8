"""Who may call what: missing, malformed, revoked, expired and suspended keys; roles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.extensions import db
from hub.models import ApiKey, Case, MemberStatus, utcnow
from hub.services import members
from tests.hub.factories import case_payload, strip
from tests.hub.helpers import assert_error, count


def test_no_key_is_401(client, app):
    body = assert_error(client.post("/api/v1/cases", json=strip(case_payload())), 401)
    assert "key" in body["message"]
    assert count(app, Case) == 0


@pytest.mark.parametrize(
    "header", ["Basic abc", "Bearer", "Bearer nonsense", "Bearer rh_aaaaaaaaaa_" + "A" * 43]
)
def test_malformed_or_unknown_key_is_401(client, header):
    response = client.get("/api/v1/cases", headers={"Authorization": header})
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_key_is_401(client, app, member_a):
    assert client.get("/api/v1/cases", headers=member_a.headers).status_code == 200
    with app.app_context():
        members.revoke_key(members.get_key(member_a.prefix))
        db.session.commit()
    assert_error(client.get("/api/v1/cases", headers=member_a.headers), 401)


def test_expired_key_is_401(client, app, member_a):
    with app.app_context():
        key = members.get_key(member_a.prefix)
        key.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert_error(client.get("/api/v1/cases", headers=member_a.headers), 401)


def test_suspended_members_keys_are_401_and_reactivation_restores(client, app, member_a):
    with app.app_context():
        members.set_member_status(members.get_member(member_a.member_code), MemberStatus.SUSPENDED)
        db.session.commit()
    assert_error(client.get("/api/v1/cases", headers=member_a.headers), 401)
    with app.app_context():
        members.set_member_status(members.get_member(member_a.member_code), MemberStatus.ACTIVE)
        db.session.commit()
    assert client.get("/api/v1/cases", headers=member_a.headers).status_code == 200


def test_subscriber_cannot_upload(client, app, subscriber):
    assert_error(client.post("/api/v1/cases", json=strip(case_payload()), headers=subscriber.headers), 403)
    assert_error(
        client.post("/api/v1/cases/bulk", json=[strip(case_payload())], headers=subscriber.headers), 403
    )
    assert count(app, Case) == 0


def test_key_secret_is_not_stored(app, member_a):
    with app.app_context():
        key = members.get_key(member_a.prefix)
        assert member_a.secret not in (key.secret_hash, key.prefix)
        assert isinstance(db.session.get(ApiKey, key.id).secret_hash, str)
