"""Delivering bulletins for real: SMTP to an aiosmtpd server, webhooks to an HTTP listener, retries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from bulletins.delivery import verify_webhook
from hub.extensions import db
from hub.models import Delivery, DeliveryStatus, Member
from hub.services import bulletins, deliveries, members
from tests.conftest import make_actor
from tests.hub.helpers import assert_error
from tests.hub.seeding import seed_week
from tests.servers import SmtpServer, WebhookReceiver

W45 = datetime(2026, 11, 2, 0, 0)
NOW = datetime(2026, 11, 10, 1, 0, tzinfo=UTC)


def _members(app, n, *, language_of=lambda i: "zh" if i % 2 else "en"):
    with app.app_context():
        for i in range(n):
            members.create_member(f"Member {i:03d}", f"risk{i:03d}@bank{i:03d}.example", language_of(i))
        db.session.commit()


def _publish(app):
    with app.app_context():
        bulletin, _ = bulletins.publish("2026-W45", NOW)
        db.session.commit()
        return bulletin.id


def test_one_email_per_member_in_their_language_with_pdf(app):
    _members(app, 6)
    _publish(app)
    with SmtpServer() as smtp:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port)
        with app.app_context():
            run = deliveries.deliver_due()
            db.session.commit()
            again = deliveries.deliver_due()
        assert (run.sent, run.failed) == (6, 0) and again.sent == 0
        received = smtp.handler.messages
    assert len(received) == 6
    by_rcpt = {r.recipients[0]: r.message for r in received}
    assert sorted(by_rcpt) == [f"risk{i:03d}@bank{i:03d}.example" for i in range(6)]
    for address, message in by_rcpt.items():
        index = int(address[4:7])
        expected = "zh-CN" if index % 2 else "en"
        assert message["Content-Language"] == expected
        subject = message["Subject"]
        assert ("风险预警" in subject) == (expected == "zh-CN")
        pdfs = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
        assert len(pdfs) == 1 and pdfs[0].get_content().startswith(b"%PDF")
        assert message["X-RiskHub-Period"] == "2026-W45"


def test_outbox_folder_without_smtp(app, tmp_path):
    _members(app, 2)
    _publish(app)
    app.config.update(SMTP_HOST=None, OUTBOX_DIR=str(tmp_path / "outbox"))
    with app.app_context():
        assert deliveries.deliver_due().sent == 2
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2


def test_signed_webhook_verified_by_a_real_listener(app):
    _members(app, 1)
    with WebhookReceiver() as hook, app.app_context():
        member = db.session.execute(db.select(Member)).scalar_one()
        member.webhook_url = hook.url
        member.email_enabled = False
        db.session.commit()
        secret = members.webhook_secret(member)
        bulletin, _ = bulletins.publish("2026-W45", NOW)
        db.session.commit()
        run = deliveries.deliver_due()
        assert run.sent == 1
        headers, body = hook.requests[0]
        assert json.loads(body)["period"]["id"] == "2026-W45"
        assert body == bulletin.content_json
        assert verify_webhook(secret, headers["x-riskhub-timestamp"], body, headers["x-riskhub-signature"])
        assert not verify_webhook(
            b"wrong" * 8, headers["x-riskhub-timestamp"], body, headers["x-riskhub-signature"]
        )
        assert not verify_webhook(
            secret, int(headers["x-riskhub-timestamp"]) - 3600, body, headers["x-riskhub-signature"]
        )
        assert headers["x-riskhub-delivery"].startswith("bulletin-2026-W45-")


def test_transient_failure_retries_with_backoff_then_permanent_fails(app, client):
    admin = make_actor(app, "Alliance", "admin")
    _members(app, 1)
    with WebhookReceiver(status=503) as hook:
        with app.app_context():
            for other in db.session.execute(db.select(Member)).scalars():
                other.email_enabled = False
            member = db.session.execute(db.select(Member).where(Member.name == "Member 000")).scalar_one()
            member.webhook_url = hook.url
            db.session.commit()
            bulletins.publish("2026-W45", NOW)
            db.session.commit()
            run = deliveries.deliver_due()
            assert (run.sent, run.retried) == (0, 1)
            item = db.session.execute(db.select(Delivery).where(Delivery.channel == "webhook")).scalar_one()
            assert item.status == "pending" and item.attempts == 1
            wait = (item.next_attempt_at - datetime.now(UTC).replace(tzinfo=None)).total_seconds()
            assert 30 < wait <= 60
            assert deliveries.deliver_due().retried == 0  # not due yet
            hook.status = 410
            item.next_attempt_at = datetime(2000, 1, 1)
            db.session.commit()
            assert deliveries.deliver_due().failed == 1
            db.session.refresh(item)
            assert item.status == DeliveryStatus.FAILED and "410" in item.last_error
            delivery_id = item.id
        failed = client.get("/api/v1/deliveries?status=failed", headers=admin.headers).get_json()["items"]
        assert [d["id"] for d in failed] == [delivery_id]
        assert failed[0]["member_name"] == "Member 000"
        hook.status = 200
        resent = client.post(f"/api/v1/deliveries/{delivery_id}/resend", headers=admin.headers)
        assert resent.status_code == 200 and resent.get_json()["status"] == "pending"
        assert_error(client.post(f"/api/v1/deliveries/{delivery_id}/resend", headers=admin.headers), 409)
        with app.app_context():
            assert deliveries.deliver_due().sent == 1
        assert len(hook.requests) == 3  # 503, 410, then 200
    assert_error(client.post("/api/v1/deliveries/999999/resend", headers=admin.headers), 404)
    assert_error(client.get("/api/v1/deliveries", headers=make_actor(app, "Bank M", "member").headers), 403)


def test_killed_worker_loses_nothing_and_duplicates_nothing(app, tmp_path):
    """A real ``riskhub bulletins deliver`` process is killed mid-run, then run again."""
    n = 24
    _members(app, n)
    seed_week(app, ["Member 000", "Member 001"], W45, 4, seed=31)
    _publish(app)
    with SmtpServer() as smtp:
        env = dict(
            os.environ,
            RISKHUB_DATABASE_URL=app.config["DATABASE_URL"],
            RISKHUB_TOKEN_KEY=app.config["TOKEN_KEY"].hex(),
            RISKHUB_SECRET_KEY="test",
            RISKHUB_SMTP_HOST="127.0.0.1",
            RISKHUB_SMTP_PORT=str(smtp.port),
            RISKHUB_DELIVERY_LEASE_SECONDS="1",
            RISKHUB_INSTANCE_PATH=str(tmp_path),
        )
        command = [sys.executable, "-m", "hub.cli", "bulletins", "deliver"]
        worker = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        smtp.handler.on_message = lambda count: count == 7 and os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=120)
        assert worker.returncode == -signal.SIGKILL
        assert 7 <= len(smtp.handler.messages) < n
        time.sleep(1.5)  # the killed worker's lease runs out
        smtp.handler.on_message = None
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stdout + second.stderr
        received = smtp.handler.by_recipient()
    assert sorted(received) == [f"risk{i:03d}@bank{i:03d}.example" for i in range(n)]
    assert all(len(ids) == 1 for ids in received.values()), received
    with app.app_context():
        statuses = (
            db.session.execute(db.select(Delivery.status).where(Delivery.channel == "email")).scalars().all()
        )
    assert statuses == ["sent"] * n
