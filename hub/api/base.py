"""The API's own subclasses of flask-smorest's ``Api`` and ``Blueprint`` and marshmallow's ``Schema``."""

from __future__ import annotations

from datetime import UTC
from http import HTTPStatus

import flask_smorest
import marshmallow as ma
from flask import jsonify
from werkzeug.exceptions import HTTPException, InternalServerError

from hub.services.errors import ServiceError

API_PREFIX = "/api/v1"


class Api(flask_smorest.Api):
    """The hub's API: every error, from any part of the app, answers ``{code, status, message, errors}``."""

    def _register_error_handlers(self):
        super()._register_error_handlers()
        self._app.register_error_handler(Exception, self._handle_unexpected)
        self._app.register_error_handler(ServiceError, self.handle_service_error)

    def handle_http_exception(self, error):
        """Answer ``{code, status, message, errors}`` for every HTTP error."""
        data = getattr(error, "data", None) or {}
        payload = {
            "code": error.code,
            "status": error.name,
            "message": data.get("message") or _DEFAULT_MESSAGES.get(error.code) or error.name.lower(),
            "errors": data.get("errors") or data.get("messages") or {},
        }
        return _json_error(payload, data.get("headers"))

    def handle_service_error(self, error):
        """Answer a :class:`hub.services.errors.ServiceError` with the same body."""
        payload = {
            "code": error.code,
            "status": HTTPStatus(error.code).phrase,
            "message": error.message,
            "errors": error.errors or {},
        }
        return _json_error(payload, None)

    def _handle_unexpected(self, error):
        if isinstance(error, HTTPException):
            return self.handle_http_exception(error)
        # Never echo the exception text: it may hold submitted values. The log names the type and place.
        tb = error.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else "?"
        self._app.logger.error("unhandled %s at %s", type(error).__name__, where)
        return _json_error(
            {"code": 500, "status": "Internal Server Error", "message": "internal error", "errors": {}},
            None,
            InternalServerError.code,
        )


_DEFAULT_MESSAGES = {
    400: "the request could not be read",
    401: "missing or invalid API key",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    409: "conflict",
    413: "the request body is too large",
    415: "unsupported media type",
    422: "the request is not valid",
    429: "too many requests",
}


def _json_error(payload: dict, headers, status: int | None = None):
    response = jsonify(payload)
    response.status_code = status or payload["code"]
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


class Blueprint(flask_smorest.Blueprint):
    """Blueprint under :data:`API_PREFIX`."""


class Schema(ma.Schema):
    """Base schema: unknown fields are an error, output keeps declaration order."""

    class Meta:
        unknown = ma.RAISE
        ordered = True


class UTCDateTime(ma.fields.DateTime):
    """A stored naive-UTC time, written out with its ``+00:00`` offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)
