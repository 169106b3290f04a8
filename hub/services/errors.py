"""Errors raised by services and answered by the API with the common error body."""

from __future__ import annotations


class ServiceError(Exception):
    """A rule said no. ``message`` and ``errors`` are shown to the caller: never put a raw value in them."""

    code = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class NotFound(ServiceError):
    code = 404


class Conflict(ServiceError):
    code = 409


class Forbidden(ServiceError):
    code = 403


class Invalid(ServiceError):
    code = 422


class PayloadTooLarge(ServiceError):
    code = 413
