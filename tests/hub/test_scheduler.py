"""The schedule, with time travel: the right period on the right Monday, catch-up once, one publisher."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from hub import jobs, scheduler
from hub.extensions import db
from hub.models import Bulletin, Delivery
from tests.hub.seeding import seed_week

SHANGHAI = ZoneInfo("Asia/Shanghai")
W44 = datetime(2026, 10, 26, 0, 0)


def _periods(app) -> list[str]:
    with app.app_context():
        return db.session.execute(db.select(Bulletin.period).order_by(Bulletin.id)).scalars().all()


def test_weekly_job_fires_monday_8am_and_publishes_the_week_that_ended(app, member_a, member_b):
    for week in range(3):
        seed_week(app, ["Bank A", "Bank B"], W44 + timedelta(weeks=week), 12, seed=40 + week)
    sched = scheduler.build_scheduler(app, blocking=False)
    with time_machine.travel(datetime(2026, 10, 28, 12, 0, tzinfo=UTC), tick=False):
        sched.start(paused=True)
        job = sched.get_job("publish-weekly")
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time >= 3600
        fire = job.next_run_time
        sched.shutdown(wait=False)
    fired = []
    for _ in range(3):
        local = fire.astimezone(SHANGHAI)
        assert (local.weekday(), local.hour, local.minute) == (0, 8, 0)
        with time_machine.travel(fire + timedelta(seconds=5), tick=False):
            fired.append(jobs.publish_weekly())
        fire = job.trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    assert fired == ["2026-W44", "2026-W45", "2026-W46"]
    assert _periods(app) == fired
    with time_machine.travel(datetime(2026, 11, 22, 15, 59, tzinfo=UTC), tick=False):  # Sunday 23:59
        assert jobs.publish_weekly() == "2026-W46"  # W47 has not ended: nothing new
    assert _periods(app) == fired


def test_jobs_are_stored_in_the_database_with_explicit_ids(app):
    sched = scheduler.build_scheduler(app, blocking=False)
    sched.start(paused=True)
    try:
        assert {job.id for job in sched.get_jobs()} == {"publish-weekly", "deliver", "refresh-patterns"}
    finally:
        sched.shutdown(wait=False)
    with app.app_context():
        stored = db.session.execute(db.text("SELECT id FROM apscheduler_jobs ORDER BY id")).scalars().all()
    assert stored == ["deliver", "publish-weekly", "refresh-patterns"]
    again = scheduler.build_scheduler(app, blocking=False)  # replace_existing: no duplicates
    again.start(paused=True)
    again.shutdown(wait=False)
    with app.app_context():
        assert db.session.execute(db.text("SELECT count(*) FROM apscheduler_jobs")).scalar() == 3


def test_missed_runs_are_caught_up_once(app, member_a, member_b):
    for week in range(3):
        seed_week(app, ["Bank A", "Bank B"], W44 + timedelta(weeks=week), 6, seed=50 + week)
    scheduler._bind(app)
    with time_machine.travel(datetime(2026, 11, 3, 2, 0, tzinfo=UTC), tick=False):  # W45 Tuesday
        assert jobs.catch_up() == ["2026-W44"]
    # the process was down over two Mondays; on start it publishes both, in order, once
    with time_machine.travel(datetime(2026, 11, 18, 2, 0, tzinfo=UTC), tick=False):
        assert jobs.catch_up() == ["2026-W45", "2026-W46"]
        assert jobs.catch_up() == []
    assert _periods(app) == ["2026-W44", "2026-W45", "2026-W46"]


def test_two_publishers_at_once_publish_one_bulletin(app, member_a, member_b, tmp_path):
    seed_week(app, ["Bank A", "Bank B"], W44, 8, seed=60)
    env = dict(
        os.environ,
        RISKHUB_DATABASE_URL=app.config["DATABASE_URL"],
        RISKHUB_TOKEN_KEY=app.config["TOKEN_KEY"].hex(),
        RISKHUB_SECRET_KEY="test",
        RISKHUB_INSTANCE_PATH=str(tmp_path),
    )
    command = [sys.executable, "-m", "hub.cli", "bulletins", "publish", "--period", "2026-W44"]
    procs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sorted("already" in out for out in outputs) == [False, True], outputs
    assert _periods(app) == ["2026-W44"]
    with app.app_context():
        per_member = db.session.execute(
            db.select(Delivery.member_id, Delivery.channel, db.func.count()).group_by(
                Delivery.member_id, Delivery.channel
            )
        ).all()
    assert per_member and all(n == 1 for _, _, n in per_member)
