"""RiskHub: the alliance's anonymous risk-intelligence sharing hub (the Flask application)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from hub import config as hub_config

__version__ = "0.1.0"

#: The checkout (or install) root: ``migrations/`` and, by default, ``instance/`` live here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_instance_path() -> str:
    return os.environ.get("RISKHUB_INSTANCE_PATH") or str(PROJECT_ROOT / "instance")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the hub. ``test_config`` overrides every other source of configuration."""
    app = Flask(__name__, instance_path=default_instance_path(), instance_relative_config=True)
    app.config.from_object(hub_config.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(hub_config.from_environ())
    if test_config:
        app.config.update(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    url = app.config.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'riskhub.sqlite3'}"
    app.config["DATABASE_URL"] = url
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(url))
    token_key = app.config.get("TOKEN_KEY")
    if isinstance(token_key, str) or token_key is None:
        app.config["TOKEN_KEY"] = hub_config.load_token_key(app.instance_path, token_key)
    app.config["TOKEN_KEY_ID"] = hub_config.key_id(app.config["TOKEN_KEY"])
    app.config["SECRET_KEY"] = hub_config.load_secret_key(app.instance_path, app.config.get("SECRET_KEY"))
    app.logger.setLevel(app.config["LOG_LEVEL"])
    logging.getLogger("jieba").setLevel(logging.WARNING)

    from hub import api as _api  # noqa: F401
    from hub.extensions import api, db, limiter, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    if url.startswith("sqlite"):
        _sqlite_pragmas(app, db)
    limiter.init_app(app)
    api.init_app(app, spec_kwargs={"components": {"securitySchemes": {"bearer": _bearer()}}})
    _register_blueprints(api)
    _swagger_assets(app)

    _request_transactions(app, db)
    _reject_unpaired_surrogates(app)

    from hub.health import bp as health_bp

    app.register_blueprint(health_bp)

    # -- web pages (issue 7): the page blueprint, Flask-Babel, CSRF for forms (not for /api) ---------------
    from hub.web import init_app as init_web

    init_web(app)
    # -- end web pages -----------------------------------------------------------------------------------

    from hub.cli import register_commands

    register_commands(app)
    return app


def _request_transactions(app: Flask, db) -> None:
    """The request boundary commits once when the answer is a success and rolls back otherwise."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    @app.after_request
    def _commit(response):
        if response.status_code >= 400:
            db.session.rollback()
            return response
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            response = _json_error(409, "a concurrent request changed the same record; retry")
        except OperationalError:
            db.session.rollback()
            response = _json_error(503, "the database is busy; retry")
            response.headers["Retry-After"] = "5"
        return response


def _reject_unpaired_surrogates(app: Flask) -> None:
    """A JSON body whose strings hold an unpaired surrogate (``"\\ud800"``: valid JSON, not text) is a 400.

    Such a string cannot be stored or logged as UTF-8. The raw body is searched for a surrogate escape first,
    so only those rare bodies are parsed here (the API parses every body again itself).
    """
    import json
    import re

    from flask import request

    escape = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")

    @app.before_request
    def _check():
        if request.mimetype != "application/json":
            return None
        data = request.get_data(cache=True)
        if not escape.search(data):
            return None
        try:
            body = json.loads(data)
        except ValueError:
            return None  # the API answers malformed JSON itself
        if not _has_surrogate(body):
            return None
        return _json_error(
            400, "the JSON body holds an unpaired surrogate escape (\\ud800-\\udfff): not a character"
        )


def _json_error(code: int, message: str):
    """The API's error body (``code``, ``status``, ``errors``, ``message``) outside a view."""
    from http import HTTPStatus

    from flask import jsonify

    response = jsonify(code=code, status=HTTPStatus(code).phrase, errors={}, message=message)
    response.status_code = code
    return response


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _bearer():
    from hub.auth import BEARER_SCHEME

    return BEARER_SCHEME


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}


def _sqlite_pragmas(app: Flask, db) -> None:
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite's own transaction handling is turned off so that "begin" below controls it
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Every transaction takes the write lock up front (waiting up to the busy timeout), so two
        # writers never both read a snapshot and then fail to upgrade it: SQLite serialises them.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _register_blueprints(api) -> None:
    """Register every blueprint of every ``hub/api/<resource>/resources.py`` under ``/api/v1``."""
    import importlib
    import importlib.util
    import pkgutil

    import hub.api
    from hub.api.base import API_PREFIX, Blueprint

    for info in sorted(pkgutil.iter_modules(hub.api.__path__), key=lambda i: i.name):
        if info.ispkg and importlib.util.find_spec(f"hub.api.{info.name}.resources") is not None:
            module = importlib.import_module(f"hub.api.{info.name}.resources")
            for blp in vars(module).values():
                if isinstance(blp, Blueprint):
                    api.register_blueprint(blp, url_prefix=API_PREFIX + blp.url_prefix)


def _swagger_assets(app: Flask) -> None:
    """Serve Swagger UI's files from the swagger-ui-bundle package: the docs page needs no CDN."""
    import swagger_ui_bundle
    from flask import send_from_directory

    folder = swagger_ui_bundle.swagger_ui_path

    @app.get("/api/docs/static/<path:filename>")
    def swagger_static(filename):
        return send_from_directory(folder, filename)
