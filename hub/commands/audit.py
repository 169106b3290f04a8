"""``riskhub audit``: the audit trail."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from hub.services import audit

audit_cli = click.Group("audit", help="The audit trail.")


@audit_cli.command("verify")
@with_appcontext
def audit_verify():
    """Check the audit chain; name the first broken link."""
    result = audit.verify_chain()
    if result.ok:
        click.echo(f"audit chain ok: {result.checked} events")
        return
    click.echo(
        f"audit chain BROKEN at event {result.broken_id}: {result.reason} "
        f"({result.checked} events verified before it)"
    )
    sys.exit(1)


COMMANDS = [audit_cli]
