"""Shared fixtures: the app on every configured database backend, a client, a CLI runner, and keys.

Every database test runs on SQLite and, when ``RISKHUB_TEST_DATABASE_URL`` is set, on PostgreSQL too.
The schema comes from the Alembic migrations (never ``create_all``), built once per backend and worker;
each test starts from empty tables.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from hub import create_app
from hub.extensions import db

TOKEN_KEY = bytes.fromhex("5a" * 32)
PG_URL = os.environ.get("RISKHUB_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _worker(request) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


def _pg_database_url(worker: str) -> str:
    """A database of this worker's own on the test server, created fresh."""
    url = sa.engine.make_url(PG_URL)
    name = f"riskhub_test_{worker}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _migrate(url: str, instance: str) -> None:
    from flask_migrate import upgrade

    app = create_app({"DATABASE_URL": url, "TOKEN_KEY": TOKEN_KEY, "TESTING": True, "SECRET_KEY": "test"})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated(request, tmp_path_factory):
    """backend → (url maker, template): the migrated schema of each backend, made once per worker."""
    made = {}
    worker = _worker(request)
    base = tmp_path_factory.mktemp("db")
    os.environ["RISKHUB_INSTANCE_PATH"] = str(base / "instance")
    for backend in BACKENDS:
        if backend == "sqlite":
            template = base / "template.sqlite3"
            _migrate(f"sqlite:///{template}", str(base))
            made[backend] = template
        else:
            url = _pg_database_url(worker)
            _migrate(url, str(base))
            made[backend] = url
    return made


def _empty_tables(app) -> None:
    with app.app_context():
        tables = [t for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def app(backend, migrated, tmp_path):
    """The hub on one backend, with empty tables."""
    if backend == "sqlite":
        path = tmp_path / "riskhub.sqlite3"
        shutil.copyfile(migrated["sqlite"], path)
        url = f"sqlite:///{path}"
    else:
        url = migrated["postgresql"]
    application = create_app(
        {"DATABASE_URL": url, "TOKEN_KEY": TOKEN_KEY, "TESTING": True, "SECRET_KEY": "test"}
    )
    if backend != "sqlite":
        _empty_tables(application)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class Actor:
    """A key holder in tests: member code and id, the key prefix and the secret to send."""

    member_id: int
    member_code: str
    member_name: str
    prefix: str
    secret: str
    role: str

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.secret}"}


def make_actor(app, member_name: str, role: str, *, language: str = "zh") -> Actor:
    from hub.models import Member
    from hub.services import members

    with app.app_context():
        member = db.session.execute(db.select(Member).where(Member.name == member_name)).scalar_one_or_none()
        if member is None:
            member = members.create_member(
                member_name, f"{abs(hash(member_name)) % 10**6}@example.org", language
            )
        issued = members.issue_key(member, role)
        db.session.commit()
        return Actor(member.id, member.code, member.name, issued.api_key.prefix, issued.secret, role)


@pytest.fixture
def member_a(app):
    return make_actor(app, "Bank A", "member")


@pytest.fixture
def member_b(app):
    return make_actor(app, "Bank B", "member")


@pytest.fixture
def subscriber(app):
    return make_actor(app, "Bank A", "subscriber")


@pytest.fixture
def admin(app):
    return make_actor(app, "Alliance Secretariat", "admin")
