"""People: argon2 hashes, sign-in, lock-out, sessions ending, and the ``riskhub users`` command."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.extensions import db
from hub.models import AuditEvent, User, utcnow
from hub.services import members as member_service
from hub.services import users
from hub.services.errors import Conflict, Invalid
from tests.hub.helpers import dump_database
from tests.web.support import PASSWORD, make_person


@pytest.fixture
def person(app):
    return make_person(app, "Bank A", "alice", "member")


def _user(app, user_id) -> User:
    return db.session.get(User, user_id)


def test_password_is_stored_as_an_argon2id_hash_only(app, person):
    with app.app_context():
        user = _user(app, person.user_id)
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
    dump = dump_database(app)
    assert PASSWORD not in dump
    assert "alice" not in "".join(str(e.details) for e in _events(app)), (
        "audit details must not carry the username"
    )


def _events(app) -> list[AuditEvent]:
    with app.app_context():
        events = db.session.execute(db.select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        db.session.expunge_all()
        return events


def test_sign_in_succeeds_and_is_audited(app, person):
    with app.test_request_context():
        result = users.sign_in("ALICE", PASSWORD)  # usernames are case-insensitive
        db.session.commit()
        assert result.user.id == person.user_id
        assert result.user.last_login_at is not None
        assert users.session_user(person.user_id, result.fingerprint).id == person.user_id
    assert any(e.action == "user.signed_in" and e.actor == f"user:{person.user_id}" for e in _events(app))


@pytest.mark.parametrize("username, password", [("alice", "wrong password!"), ("nobody", PASSWORD), ("", "")])
def test_every_failure_has_the_same_message(app, person, username, password):
    with app.test_request_context(), pytest.raises(users.SignInFailed) as caught:
        users.sign_in(username, password)
    assert caught.value.message == users.SIGN_IN_FAILED
    assert password not in caught.value.message or not password


def test_lock_out_after_repeated_failures_then_release(app, person):
    limit = app.config["LOGIN_MAX_FAILURES"]
    now = utcnow()
    with app.test_request_context():
        for _ in range(limit):
            with pytest.raises(users.SignInFailed):
                users.sign_in("alice", "not the password", now=now)
        user = _user(app, person.user_id)
        assert user.failed_logins == limit
        assert users.user_state(user, now) == "locked"
        # while locked, even the right password is refused
        with pytest.raises(users.SignInFailed):
            users.sign_in("alice", PASSWORD, now=now + timedelta(minutes=1))
        # after the lock-out time the right password works and the count is reset
        later = now + timedelta(minutes=app.config["LOGIN_LOCKOUT_MINUTES"], seconds=1)
        result = users.sign_in("alice", PASSWORD, now=later)
        assert result.user.failed_logins == 0 and result.user.locked_until is None
        db.session.commit()
    actions = [e.action for e in _events(app)]
    assert actions.count("user.locked") == 1


def test_a_success_resets_the_failure_count(app, person):
    with app.test_request_context():
        for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
            with pytest.raises(users.SignInFailed):
                users.sign_in("alice", "nope nope nope")
        users.sign_in("alice", PASSWORD)
        assert _user(app, person.user_id).failed_logins == 0


def test_disabled_user_suspended_member_and_password_change_end_sessions(app, person):
    with app.test_request_context():
        fingerprint = users.sign_in("alice", PASSWORD).fingerprint
        user = _user(app, person.user_id)
        users.set_password(user, "another long password")
        assert users.session_user(user.id, fingerprint) is None  # old session stops
        fingerprint = users.sign_in("alice", "another long password").fingerprint
        users.disable(user)
        assert users.session_user(user.id, fingerprint) is None
        with pytest.raises(users.SignInFailed):
            users.sign_in("alice", "another long password")
        users.enable(user)
        assert users.session_user(user.id, fingerprint) is not None
        member_service.set_member_status(user.member, member_service.MemberStatus.SUSPENDED)
        assert users.session_user(user.id, fingerprint) is None
        with pytest.raises(users.SignInFailed):
            users.sign_in("alice", "another long password")


def test_create_user_rules(app, person):
    with app.app_context():
        member = member_service.get_member("Bank A")
        with pytest.raises(Conflict):
            users.create_user(member, "Alice", PASSWORD, "member")
        with pytest.raises(Invalid) as bad_role:
            users.create_user(member, "carol", PASSWORD, "root")
        assert "role" in bad_role.value.errors
        with pytest.raises(Invalid) as short:
            users.create_user(member, "carol", "short", "member")
        assert "password" in short.value.errors and "short" not in short.value.message
        with pytest.raises(Invalid):
            users.create_user(member, "no spaces allowed", PASSWORD, "member")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=st.text(max_size=80))
def test_any_username_is_accepted_or_refused_cleanly(app, username):
    with app.app_context():
        member = db.session.execute(db.select(member_service.Member).limit(1)).scalar_one_or_none()
        if member is None:
            member = member_service.create_member("Bank H", None, "zh")
        try:
            user = users.create_user(member, username, PASSWORD, "member")
        except (Invalid, Conflict) as exc:
            assert exc.message in {"the user is not valid", "this username is taken"}  # never echoes it
        else:
            assert user.username == username.strip()
        db.session.rollback()


def test_users_cli(app, runner):
    with app.app_context():
        member_service.create_member("Bank Q", None, "zh")
        db.session.commit()
    result = runner.invoke(
        args=["users", "add", "--member", "Bank Q", "--role", "admin", "quinn"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    listed = runner.invoke(args=["users", "list"])
    assert "quinn\tadmin\tactive" in listed.output
    with app.test_request_context():
        assert users.sign_in("quinn", PASSWORD).user.role == "admin"
    taken = runner.invoke(
        args=["users", "add", "--member", "Bank Q", "--role", "member", "quinn"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert taken.exit_code != 0 and "taken" in taken.output
    assert runner.invoke(args=["users", "unlock", "quinn"]).exit_code == 0
    assert runner.invoke(args=["users", "disable", "quinn"]).exit_code == 0
    assert "disabled" in runner.invoke(args=["users", "list", "--member", "Bank Q"]).output
