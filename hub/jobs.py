"""Scheduled jobs: module-level functions that open their own app context (APScheduler pickles refs).

The schedule (see :func:`register`): weekly publication (cron, Monday 08:00 in the alliance's time
zone by default), delivery retries every minute, and a daily pattern refresh. When a scheduler starts
it catches up the periods it missed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from hub import scheduler as hub_scheduler
from hub.extensions import db
from hub.services import locks

log = logging.getLogger("riskhub.jobs")


def _app():
    app = hub_scheduler._APP
    if app is None:
        from hub import create_app

        app = create_app()
    return app


def publish_weekly(now: datetime | None = None) -> str | None:
    """Refresh the patterns of the last complete week, then publish its bulletin (once)."""
    from hub.services import bulletins

    with _app().app_context():
        try:
            period = bulletins.last_complete_period(now)
            locks.exclusive("publish")
            _refresh_patterns(period)
            bulletin, created = bulletins.publish(period, now)
            db.session.commit()
            log.info("bulletin %s %s", bulletin.period, "published" if created else "already published")
            return bulletin.period
        except Exception:
            db.session.rollback()
            log.exception("weekly publication failed")
            raise


def catch_up(now: datetime | None = None) -> list[str]:
    """Publish the complete periods missed since the last published one (at most ``CATCH_UP_PERIODS``);
    a hub that never published starts with the last complete period."""
    import bulletins as lib
    from hub.models import Bulletin
    from hub.services import bulletins

    with _app().app_context() as ctx:
        now = now or datetime.now(UTC)
        latest = bulletins.last_complete_period(now)
        locks.exclusive("publish")
        last = db.session.execute(db.select(Bulletin.period).order_by(Bulletin.id.desc()).limit(1)).scalar()
        if last is None:
            wanted = [latest]
        else:
            wanted = [*lib.previous_periods(latest, ctx.app.config["CATCH_UP_PERIODS"] - 1), latest]
        published = []
        for period in wanted:
            if last is not None and period <= last:
                continue
            locks.exclusive("publish")
            _refresh_patterns(period)
            bulletin, created = bulletins.publish(period, now)
            db.session.commit()
            if created:
                published.append(period)
        db.session.commit()
        return published


def deliver(now: datetime | None = None) -> None:
    """Send due deliveries (retries included)."""
    from hub.services import deliveries

    with _app().app_context():
        run = deliveries.deliver_due(now)
        if run.sent or run.failed or run.retried:
            log.info("deliveries: %s sent, %s retried, %s failed", run.sent, run.retried, run.failed)


def refresh_patterns() -> None:
    """Cluster the last complete week if it has not been clustered yet."""
    from hub.services import bulletins

    with _app().app_context():
        locks.exclusive("publish")
        _refresh_patterns(bulletins.last_complete_period())
        db.session.commit()


def _refresh_patterns(period: str) -> None:
    from hub.services import patterns

    patterns.ensure_period(period)


@hub_scheduler.registers_jobs
def register(scheduler, app) -> None:
    config = app.config
    scheduler.add_job(
        "hub.jobs:publish_weekly",
        CronTrigger(
            day_of_week=config["PUBLISH_DAY_OF_WEEK"],
            hour=config["PUBLISH_HOUR"],
            minute=config["PUBLISH_MINUTE"],
            timezone=config["TIMEZONE"],
        ),
        id="publish-weekly",
        replace_existing=True,
    )
    scheduler.add_job("hub.jobs:deliver", IntervalTrigger(minutes=1), id="deliver", replace_existing=True)
    scheduler.add_job(
        "hub.jobs:refresh_patterns",
        CronTrigger(hour=3, minute=30, timezone=config["TIMEZONE"]),
        id="refresh-patterns",
        replace_existing=True,
    )
