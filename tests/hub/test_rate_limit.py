"""Look-ups are rate-limited per API key: 429 with Retry-After and the common error body."""

from __future__ import annotations

import shutil

import pytest

from hub import create_app
from hub.extensions import db
from tests.conftest import TOKEN_KEY, make_actor
from tests.hub.helpers import assert_error

URL = "/api/v1/indicators/lookup"
BODY = {"values": [{"type": "phone", "value": "13800001111"}]}


def test_429_with_retry_after_per_key(app, client, member_a, member_b):
    app.config["LOOKUP_RATE_LIMIT"] = "3/minute"
    for _ in range(3):
        assert client.post(URL, json=BODY, headers=member_a.headers).status_code == 200
    response = client.post(URL, json=BODY, headers=member_a.headers)
    body = assert_error(response, 429)
    assert int(response.headers["Retry-After"]) >= 1
    assert "13800001111" not in response.get_data(as_text=True)
    assert body["status"] == "Too Many Requests"
    # another key has its own budget; other endpoints are not limited
    assert client.post(URL, json=BODY, headers=member_b.headers).status_code == 200
    assert client.get("/api/v1/cases", headers=member_a.headers).status_code == 200


def test_unauthenticated_calls_do_not_spend_a_keys_budget(app, client, member_a):
    app.config["LOOKUP_RATE_LIMIT"] = "2/minute"
    forged = {"Authorization": f"Bearer {member_a.prefix}_" + "A" * 43}
    for _ in range(5):
        assert_error(client.post(URL, json=BODY, headers=forged), 401)
    assert client.post(URL, json=BODY, headers=member_a.headers).status_code == 200


def _redis_ok(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.skipif(not _redis_ok(REDIS_URL), reason="no Redis on 127.0.0.1:6379")
def test_redis_storage_is_shared_between_app_instances(app, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("one backend is enough for the storage check")
    path = tmp_path / "shared.sqlite3"
    shutil.copyfile(app.config["DATABASE_URL"].removeprefix("sqlite:///"), path)
    config = {
        "DATABASE_URL": f"sqlite:///{path}",
        "TOKEN_KEY": TOKEN_KEY,
        "TESTING": True,
        "SECRET_KEY": "test",
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "LOOKUP_RATE_LIMIT": "2/minute",
    }
    first = create_app(config)
    actor = make_actor(first, "Bank R", "member")
    assert first.test_client().post(URL, json=BODY, headers=actor.headers).status_code == 200
    second = create_app(config)  # another "worker" with the same Redis
    assert second.test_client().post(URL, json=BODY, headers=actor.headers).status_code == 200
    assert_error(second.test_client().post(URL, json=BODY, headers=actor.headers), 429)
    for made in (first, second):
        with made.app_context():
            db.session.remove()
            db.engine.dispose()


def test_storage_down_falls_back_to_memory_limits_not_500(app, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("one backend is enough for the storage check")
    path = tmp_path / "down.sqlite3"
    shutil.copyfile(app.config["DATABASE_URL"].removeprefix("sqlite:///"), path)
    down = create_app(
        {
            "DATABASE_URL": f"sqlite:///{path}",
            "TOKEN_KEY": TOKEN_KEY,
            "TESTING": True,
            "SECRET_KEY": "test",
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
            "LOOKUP_RATE_LIMIT": "2/minute",
        }
    )
    actor = make_actor(down, "Bank D", "member")
    client = down.test_client()
    assert [client.post(URL, json=BODY, headers=actor.headers).status_code for _ in range(2)] == [200, 200]
    assert_error(client.post(URL, json=BODY, headers=actor.headers), 429)
    with down.app_context():
        db.session.remove()
        db.engine.dispose()
