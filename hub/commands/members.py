"""``riskhub members``: member institutions."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from hub.commands import fail
from hub.extensions import db
from hub.models import Member, MemberStatus
from hub.services import members as member_service
from hub.services.errors import ServiceError

members_cli = click.Group("members", help="Member institutions.")


@members_cli.command("add")
@click.argument("name")
@click.option("--email", help="Contact e-mail for bulletins.")
@click.option("--language", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@with_appcontext
def members_add(name, email, language):
    """Add a member institution."""
    try:
        member = member_service.create_member(name, email, language)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"member {member.code} created")


@members_cli.command("list")
@with_appcontext
def members_list():
    """List members (admin view: names and pseudonyms)."""
    for member in db.session.execute(db.select(Member).order_by(Member.id)).scalars():
        click.echo(f"{member.code}\t{member.status}\t{member.language}\t{member.name}")


@members_cli.command("suspend")
@click.argument("member")
@with_appcontext
def members_suspend(member):
    """Suspend a member (by name or code): its keys stop working at once."""
    try:
        member_service.set_member_status(member_service.get_member(member), MemberStatus.SUSPENDED)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("suspended")


@members_cli.command("reactivate")
@click.argument("member")
@with_appcontext
def members_reactivate(member):
    """Reactivate a suspended member."""
    try:
        member_service.set_member_status(member_service.get_member(member), MemberStatus.ACTIVE)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("reactivated")


@members_cli.command("show")
@click.argument("member")
@with_appcontext
def members_show(member):
    """Show a member's profile and contribution score."""
    from hub.services.scoring import contribution_score

    try:
        found = member_service.get_member(member)
    except ServiceError as exc:
        fail(exc)
    click.echo(f"code\t{found.code}\nname\t{found.name}\nstatus\t{found.status}\nlanguage\t{found.language}")
    click.echo(f"contact_email\t{found.contact_email or '-'}\nemail_enabled\t{found.email_enabled}")
    click.echo(
        f"webhook_url\t{found.webhook_url or '-'}\nwebhook_secret_version\t{found.webhook_secret_version}"
    )
    score = contribution_score(found)
    click.echo(
        f"score\t{score['score']}  (approved {score['approved']}, rejected {score['rejected']}, "
        f"feedback {score['feedback_given']})"
    )


@members_cli.command("update")
@click.argument("member")
@click.option("--name", help="New institution name.")
@click.option("--email", help="Contact e-mail ('' clears it).")
@click.option("--language", type=click.Choice(["zh", "en"]))
@click.option("--webhook-url", help="Where bulletins are POSTed ('' clears it).")
@click.option("--email-delivery/--no-email-delivery", default=None, help="Send bulletins by e-mail.")
@with_appcontext
def members_update(member, name, email, language, webhook_url, email_delivery):
    """Change a member's profile."""
    changes = {}
    if name is not None:
        changes["name"] = name
    if email is not None:
        changes["contact_email"] = email or None
    if language is not None:
        changes["language"] = language
    if webhook_url is not None:
        changes["webhook_url"] = webhook_url or None
    if email_delivery is not None:
        changes["email_enabled"] = email_delivery
    try:
        member_service.update_profile(member_service.get_member(member), changes)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo("updated" if changes else "nothing to change")


@members_cli.command("webhook-secret")
@click.argument("member")
@with_appcontext
def members_webhook_secret(member):
    """Rotate a member's webhook signing secret; the new one is printed once, on the last line."""
    try:
        found = member_service.get_member(member)
        secret = member_service.rotate_webhook_secret(found)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"webhook secret version {found.webhook_secret_version}; it is shown once:")
    click.echo(secret)


@members_cli.command("scores")
@with_appcontext
def members_scores():
    """Every member's contribution score (see docs/moderation.md for the formula)."""
    from hub.services.scoring import contribution_score

    for found in db.session.execute(db.select(Member).order_by(Member.id)).scalars():
        score = contribution_score(found)
        click.echo(f"{found.code}\t{score['score']}\t{score['approved']}\t{score['rejected']}\t{found.name}")


COMMANDS = [members_cli]
