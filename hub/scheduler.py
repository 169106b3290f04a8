"""The scheduler: APScheduler 3.x with its job store in the hub's database.

Production runs one ``riskhub scheduler`` process (``BlockingScheduler``); the demo server runs a
``BackgroundScheduler`` in-process. Jobs are module-level functions that open their own app context.
"""

from __future__ import annotations

import contextlib

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600}
JOBS_TABLE = "apscheduler_jobs"

#: The app the jobs run against (set when a scheduler is built; jobs are plain functions).
_APP: Flask | None = None


def build_scheduler(app: Flask, *, blocking: bool) -> BackgroundScheduler | BlockingScheduler:
    """A scheduler whose jobs live in the hub's database, with every hub job registered."""
    import hub.jobs  # noqa: F401  (registers the hub's jobs)

    _bind(app)
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(
        jobstores={
            "default": SQLAlchemyJobStore(url=app.config["SQLALCHEMY_DATABASE_URI"], tablename=JOBS_TABLE),
            "memory": MemoryJobStore(),  # one-off jobs of this process (the start-up catch-up)
        },
        job_defaults=JOB_DEFAULTS,
        timezone=app.config["TIMEZONE"],
    )
    for register in _REGISTRARS:
        register(scheduler, app)
    return scheduler


def start_background(app: Flask) -> BackgroundScheduler:
    """Start the in-process scheduler of the demo server; missed periods are caught up in its thread,
    so the server answers at once."""
    scheduler = build_scheduler(app, blocking=False)
    scheduler.add_job(_catch_up_safely, args=[app], id="catch-up", jobstore="memory")
    scheduler.start()
    return scheduler


def run_blocking(app: Flask) -> None:
    """The ``riskhub scheduler`` process: catch up missed periods, then run the jobs until stopped."""
    _catch_up_safely(app)
    scheduler = build_scheduler(app, blocking=True)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()


def _catch_up_safely(app: Flask) -> None:
    from hub import jobs

    _bind(app)
    try:
        published = jobs.catch_up()
    except Exception:  # the scheduler must start even if one publication fails; it is logged
        app.logger.exception("catching up missed periods failed")
        return
    if published:
        app.logger.info("caught up: published %s", ", ".join(published))


def _bind(app: Flask) -> None:
    global _APP
    _APP = app


#: Functions ``(scheduler, app) -> None`` that add the hub's jobs (filled by the services that own jobs).
_REGISTRARS: list = []


def registers_jobs(func):
    """Decorator: ``func(scheduler, app)`` adds jobs whenever a scheduler is built."""
    _REGISTRARS.append(func)
    return func
