"""``riskhub keys``: API keys."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import with_appcontext

from hub.commands import fail
from hub.extensions import db
from hub.models import ApiKey, Role, utcnow
from hub.services import members as member_service
from hub.services.errors import ServiceError

keys_cli = click.Group("keys", help="API keys.")


@keys_cli.command("create")
@click.option("--member", "member_name", required=True, help="Member name or code.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--label", help="A note to tell keys apart.")
@click.option(
    "--expires-in-days", type=click.IntRange(min=1), help="The key stops working after this many days."
)
@with_appcontext
def keys_create(member_name, role, label, expires_in_days):
    """Issue a key. The key is printed once, alone on the last line."""
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    try:
        issued = member_service.issue_key(member_service.get_member(member_name), role, label, expires_at)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"key {issued.api_key.prefix} ({role}) issued; it is shown once:")
    click.echo(issued.secret)


@keys_cli.command("list")
@click.option("--member", "member_name", help="Only this member's keys.")
@with_appcontext
def keys_list(member_name):
    """List keys by prefix (the secret is never stored)."""
    query = db.select(ApiKey).order_by(ApiKey.id)
    if member_name:
        try:
            query = query.where(ApiKey.member_id == member_service.get_member(member_name).id)
        except ServiceError as exc:
            fail(exc)
    for key in db.session.execute(query).scalars():
        state = member_service.key_state(key)
        expires = key.expires_at.isoformat(timespec="seconds") + "Z" if key.expires_at else "-"
        click.echo(f"{key.prefix}\t{key.role}\t{state}\t{key.member.code}\t{expires}\t{key.label or ''}")


@keys_cli.command("revoke")
@click.argument("prefix")
@with_appcontext
def keys_revoke(prefix):
    """Revoke a key by its prefix (``rh_xxxxxxxxxx``)."""
    try:
        member_service.revoke_key(member_service.get_key(prefix))
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("revoked")


@keys_cli.command("expire")
@click.argument("prefix")
@click.option("--in-days", type=click.IntRange(min=0), default=0, show_default=True, help="0 = now.")
@with_appcontext
def keys_expire(prefix, in_days):
    """Set when a key (by prefix) stops working: now, or in N days."""
    try:
        key = member_service.expire_key(member_service.get_key(prefix), utcnow() + timedelta(days=in_days))
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"{key.prefix} expires at {key.expires_at.isoformat(timespec='seconds')}Z")


COMMANDS = [keys_cli]
