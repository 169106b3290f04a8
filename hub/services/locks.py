"""Serialising writers of one kind (publication, clustering, the audit chain) until commit.

On PostgreSQL this is a transaction-scoped advisory lock. On SQLite every transaction already holds
the database's write lock from its first statement (``BEGIN IMMEDIATE``, see :func:`hub.create_app`),
so there is nothing more to take.
"""

from __future__ import annotations

import zlib

from sqlalchemy import text

from hub.extensions import db


def exclusive(name: str) -> None:
    """Hold the lock called *name* until the current transaction ends."""
    if db.session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"riskhub:{name}".encode())
        db.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
