"""CLI command modules; each exports ``COMMANDS``, registered by :func:`hub.cli.register_commands`."""

from __future__ import annotations

import click

from hub.extensions import db
from hub.services.errors import ServiceError


def fail(error: ServiceError):
    """End a command with the service's message (never a traceback, never a raw value)."""
    db.session.rollback()
    raise click.ClickException(error.message)
