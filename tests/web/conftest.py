"""Fixtures of the page tests: one person of each role, each with a signed-in test client."""

from __future__ import annotations

import pytest

from tests.web.support import make_person, sign_in


@pytest.fixture
def people(app):
    """alice (member, Bank A), bob (member, Bank B), sam (subscriber, Bank A), root (admin).

    The page tests hash with a cheap argon2 cost (``tests/web/test_users.py`` keeps the real one)."""
    app.config.update(ARGON2_MEMORY_COST=1024, ARGON2_TIME_COST=1)
    return {
        "alice": make_person(app, "Bank A", "alice", "member"),
        "bob": make_person(app, "Bank B", "bob", "member"),
        "sam": make_person(app, "Bank A", "sam", "subscriber"),
        "root": make_person(app, "Alliance Secretariat", "root", "admin"),
    }


@pytest.fixture
def browser_of(app, people):
    """``browser_of("alice")``: a test client signed in as that person."""
    clients = {}

    def get(name: str):
        if name not in clients:
            client = app.test_client()
            response = sign_in(client, name)
            assert response.status_code == 302, response.get_data(as_text=True)[:300]
            clients[name] = client
        return clients[name]

    return get
