"""``riskhub users``: people who sign in to the web pages (API keys are ``riskhub keys``)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from hub.commands import fail
from hub.extensions import db
from hub.models import Role
from hub.services import members as member_service
from hub.services import users as user_service
from hub.services.errors import ServiceError

users_cli = click.Group("users", help="People who sign in to the web pages.")


@users_cli.command("add")
@click.argument("username")
@click.option("--member", "member_name", required=True, help="Member name or code.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--language", type=click.Choice(["zh", "en"]), help="Page language (default: the browser's).")
@click.password_option("--password", help="Read from a prompt (or stdin) when not given.")
@with_appcontext
def users_add(username, member_name, role, language, password):
    """Create a user of a member with a role; the password is asked for (twice) and stored hashed."""
    try:
        user = user_service.create_user(
            member_service.get_member(member_name), username, password, role, language
        )
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"user {user.id} ({role}) created")


@users_cli.command("list")
@click.option("--member", "member_name", help="Only this member's users.")
@with_appcontext
def users_list(member_name):
    """List users: id, username, role, state, member code."""
    try:
        member = member_service.get_member(member_name) if member_name else None
    except ServiceError as exc:
        fail(exc)
    for user in user_service.list_users(member):
        click.echo(
            f"{user.id}\t{user.username}\t{user.role}\t{user_service.user_state(user)}\t{user.member.code}"
        )


@users_cli.command("unlock")
@click.argument("username")
@with_appcontext
def users_unlock(username):
    """Lift a lock-out after failed sign-ins."""
    try:
        user_service.unlock(user_service.get_user_by_name(username))
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("unlocked")


@users_cli.command("password")
@click.argument("username")
@click.password_option("--password", help="Read from a prompt (or stdin) when not given.")
@with_appcontext
def users_password(username, password):
    """Set a new password; the user's open sessions end."""
    try:
        user_service.set_password(user_service.get_user_by_name(username), password)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("password set")


@users_cli.command("disable")
@click.argument("username")
@with_appcontext
def users_disable(username):
    """Stop a user from signing in (open sessions end at their next request)."""
    try:
        user_service.disable(user_service.get_user_by_name(username))
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("disabled")


COMMANDS = [users_cli]
