"""The ``riskhub`` command line: a Flask CLI group bound to :func:`hub.create_app`.

Run from the checkout it uses the same instance folder and database as ``make run``. Each module of
:mod:`hub.commands` contributes its commands through a module-level ``COMMANDS`` list.
"""

from __future__ import annotations

import importlib
import pkgutil

import click
from flask import Flask
from flask.cli import FlaskGroup

import hub.commands


def _create_app(*_args, **_kwargs) -> Flask:
    from hub import create_app

    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
)
def main():
    """RiskHub: anonymous risk-intelligence sharing hub."""


def register_commands(app: Flask) -> None:
    """Add every command of every :mod:`hub.commands` module to the app's CLI."""
    for info in sorted(pkgutil.iter_modules(hub.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"hub.commands.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            app.cli.add_command(command)


if __name__ == "__main__":
    main()
