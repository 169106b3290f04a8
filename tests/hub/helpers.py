"""Assertions shared by the hub tests."""

from __future__ import annotations

import sqlalchemy as sa

from hub.extensions import db


def assert_error(response, status: int, *, message_contains: str | None = None, field: str | None = None):
    """The response is the common error body with this status."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}, body
    assert body["code"] == status
    assert isinstance(body["message"], str) and body["message"]
    if message_contains:
        assert message_contains in body["message"], body
    if field:
        assert field in str(body["errors"]), body
    return body


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def dump_database(app) -> str:
    """Every value of every table (including Alembic's and APScheduler's) as one text."""
    chunks = []
    with app.app_context():
        inspector = sa.inspect(db.engine)
        with db.engine.connect() as conn:
            for table in inspector.get_table_names():
                quoted = db.engine.dialect.identifier_preparer.quote(table)
                for row in conn.execute(sa.text(f"SELECT * FROM {quoted}")):
                    chunks.append(" ".join(str(v) for v in row))
    return "\n".join(chunks)
