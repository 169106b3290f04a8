"""``riskhub bulletins``: publish, preview, verify and deliver the weekly report."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from hub.commands import fail
from hub.extensions import db
from hub.services.errors import ServiceError

bulletins_cli = click.Group("bulletins", help="The weekly Risk Early-Warning Report.")


@bulletins_cli.command("publish")
@click.option("--period", help="ISO week such as 2026-W47 (default: the last complete week).")
@with_appcontext
def publish(period):
    """Publish a period's bulletin (once; publishing again changes nothing)."""
    from hub import jobs
    from hub.services import bulletins, locks

    try:
        period = bulletins.check_period(period) if period else bulletins.last_complete_period()
        locks.exclusive("publish")
        jobs._refresh_patterns(period)
        bulletin, created = bulletins.publish(period)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    state = "published" if created else "was already published"
    click.echo(f"bulletin {bulletin.period} {state}; digest {bulletin.digest}")


@bulletins_cli.command("preview")
@click.option("--period", help="ISO week (default: the current, unfinished week).")
@click.option("--format", "fmt", type=click.Choice(["json", "html"]), default="json", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@with_appcontext
def preview(period, fmt, lang):
    """Print a draft of a period's bulletin without publishing it."""
    from datetime import UTC, datetime

    import bulletins as lib
    from hub.services import bulletins

    try:
        period = (
            bulletins.check_period(period)
            if period
            else lib.period_of(datetime.now(UTC), db.get_app().config["TIMEZONE"])
        )
        content = bulletins.preview(period)
    except ServiceError as exc:
        fail(exc)
    if fmt == "json":
        sys.stdout.write(lib.render_json(content).decode() + "\n")
    else:
        sys.stdout.write(lib.render_html(content, lang))


@bulletins_cli.command("verify")
@with_appcontext
def verify():
    """Check the digest chain of every published bulletin."""
    from hub.services import bulletins

    report = bulletins.verify_chain()
    if report.ok:
        click.echo(f"bulletin chain ok: {report.checked} bulletins")
        return
    for problem in report.problems:
        click.echo(f"BROKEN: {problem}")
    sys.exit(1)


@bulletins_cli.command("deliver")
@with_appcontext
def deliver():
    """Send the due deliveries now (what the scheduler does every minute)."""
    from hub.services import deliveries

    run = deliveries.deliver_due()
    click.echo(f"{run.sent} sent, {run.retried} to retry, {run.failed} failed")


@click.command("scheduler")
@with_appcontext
def scheduler():
    """Run the scheduler process (weekly publication, deliveries, pattern refresh). Run exactly one."""
    from flask import current_app

    from hub.scheduler import run_blocking

    click.echo("RiskHub scheduler running; Ctrl-C stops it")
    run_blocking(current_app._get_current_object())


COMMANDS = [bulletins_cli, scheduler]
