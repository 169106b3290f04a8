"""``riskhub cluster`` (back-tests on JSON Lines) and ``riskhub patterns refresh``."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

import clustering
from hub.commands import fail
from hub.extensions import db
from hub.services.errors import ServiceError


@click.command("cluster")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--patterns",
    "patterns_out",
    type=click.File("w", encoding="utf-8"),
    help="Also write one JSON line per pattern here.",
)
def cluster(file, patterns_out):
    """Cluster JSON Lines cases (``id``, ``text``, optional ``submitted_at`` and fields) week by week.

    Writes ``{"id", "pattern"}`` per case to stdout. Cases spanning several weeks are replayed week by
    week through the same tracker the scheduler runs, so a back-test is the real thing.
    """
    clustering.replay.replay_jsonl(file, sys.stdout, patterns_out=patterns_out)


patterns_cli = click.Group("patterns", help="Attack patterns in the hub's database.")


@patterns_cli.command("refresh")
@click.option("--period", help="ISO week (default: the current week).")
@with_appcontext
def refresh(period):
    """Cluster a week's approved cases now."""
    from hub.services import patterns

    try:
        result = patterns.refresh(period)
    except ServiceError as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"{result['period']}: {result['cases']} cases, {result['patterns']} patterns")


COMMANDS = [cluster, patterns_cli]
