"""``riskhub anonymize``: anonymize JSON Lines narratives from a file or stdin (analysts, back-tests)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

import anonymizer


@click.command("anonymize")
@click.option(
    "--lang", "language", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True
)
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@with_appcontext
def anonymize_command(language, file):
    """Read JSON Lines ``{"id", "text", …}`` and write them with ``text`` anonymized and ``findings`` added.

    Tokens are keyed with this hub's token key, so they match the tokens stored by the hub.
    """
    from hub.services.anonymization import engine

    # a terminal gets each line back at once; a file or a pipe is anonymized in batches (faster)
    batch = 1 if file.isatty() else anonymizer.jsonl.BATCH
    count = anonymizer.jsonl.anonymize_stream(file, sys.stdout, engine(), language=language, batch=batch)
    click.echo(f"{count} records", err=True)


COMMANDS = [anonymize_command]
