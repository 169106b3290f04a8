"""Flask extensions, built once here and bound to the app in :func:`hub.create_app`."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from hub.api.base import Api

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every hub model; its metadata carries the constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)
api = Api()


def _rate_limit_key() -> str:
    """Rate limits count per API key (its public prefix), or per client address without one."""
    from flask import request

    header = request.headers.get("Authorization", "")
    parts = header.split(" ", 1)
    if len(parts) == 2 and parts[1].startswith("rh_"):
        return "key:" + parts[1][:13]
    return "ip:" + (request.remote_addr or "?")


limiter = Limiter(key_func=_rate_limit_key, headers_enabled=True, default_limits=[])
