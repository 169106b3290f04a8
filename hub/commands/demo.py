"""``riskhub demo``: demo data."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

demo_cli = click.Group("demo", help="Demo data.")


@demo_cli.command("seed")
@click.option("--cases", default=400, show_default=True, help="How many synthetic cases.")
@click.option("--seed", default=2026, show_default=True)
@with_appcontext
def demo_seed(cases, seed):
    """Create demo members, keys and synthetic cases once; a second run changes nothing."""
    from hub.demo import seed_demo

    report = seed_demo(n_cases=cases, seed=seed)
    if report is None:
        click.echo("demo data present; keys were shown when it was made (riskhub keys create makes new ones)")
        return
    click.echo(f"demo data created: {report['members']} members, {report['cases']} cases")
    click.echo("API keys (shown once):")
    for line in report["keys"]:
        click.echo("  " + line)
    people = report["people"]
    click.echo(
        f"Web sign-in at /login (shown once): users {', '.join(people['usernames'])} "
        f"(member, subscriber, admin), password {people['password']}"
    )


COMMANDS = [demo_cli]
