"""``riskhub serve``: the development server with the in-process scheduler."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--scheduler/--no-scheduler",
    default=True,
    show_default=True,
    help="Run the scheduler inside this process (demo); production runs `riskhub scheduler`.",
)
@with_appcontext
def serve(host, port, scheduler):
    """Serve the hub (threaded development server; use gunicorn 'hub.wsgi:app' in production)."""
    app = current_app._get_current_object()
    if scheduler:
        from hub.scheduler import start_background

        start_background(app)
    click.echo(f"RiskHub on http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)")
    # app.run() refuses to block inside the flask CLI; werkzeug's server is what it would run
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


COMMANDS = [serve]
