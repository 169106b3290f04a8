"""The outbox: sending queued bulletin deliveries by e-mail and webhook, with retries.

Each delivery is claimed (status ``sending`` with a lease) and committed before anything is sent, and
marked ``sent`` in its own commit right after; a worker that dies mid-run leaves at most the one
delivery it was sending in ``sending``, which is sent again when its lease expires. That resend carries
the same Message-ID (e-mail) or ``X-RiskHub-Delivery`` id (webhook), so receivers recognise it: no
delivery is lost, and none reaches a member as two different messages. Failures are retried with
exponential backoff up to ``DELIVERY_MAX_ATTEMPTS``; a permanent failure (bad address, 4xx) or the
last attempt leaves the delivery ``failed``, visible to admins, who may re-send it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import or_

from bulletins import delivery as channels
from hub.extensions import db
from hub.models import Bulletin, Delivery, DeliveryStatus, Member, utcnow
from hub.services import audit
from hub.services.errors import Conflict, NotFound


@dataclass
class DeliveryRun:
    """What one pass of the worker did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _due(now: datetime, limit: int):
    query = (
        db.select(Delivery)
        .where(
            or_(
                (Delivery.status == DeliveryStatus.PENDING) & (Delivery.next_attempt_at <= now),
                (Delivery.status == DeliveryStatus.SENDING) & (Delivery.lease_until < now),
            )
        )
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return db.session.execute(query).scalars().all()


def claim(now: datetime | None = None, limit: int = 50) -> list[int]:
    """Claim up to *limit* due deliveries for this worker and commit the claim."""
    now = now or utcnow()
    lease = now + timedelta(seconds=current_app.config["DELIVERY_LEASE_SECONDS"])
    ids = []
    for item in _due(now, limit):
        item.status = DeliveryStatus.SENDING.value
        item.lease_until = lease
        item.attempts += 1
        ids.append(item.id)
    db.session.commit()
    return ids


@dataclass
class _Published:
    """What a pass needs of one bulletin, read once (each commit expires ORM objects; blobs are large)."""

    digest: str
    content: dict
    body: bytes
    html: dict
    pdf: dict


class _Senders:
    """The channel senders of one worker pass: one SMTP connection (opened on first use) for the pass."""

    def __init__(self, app):
        self.config = app.config
        self.outbox = self.config.get("OUTBOX_DIR") or str(Path(app.instance_path) / "outbox")
        self._smtp = None
        self._bulletins: dict[int, _Published] = {}
        self.webhook = channels.WebhookSender(timeout=self.config["WEBHOOK_TIMEOUT"])

    @property
    def mail(self):
        config = self.config
        if not config.get("SMTP_HOST"):
            return channels.OutboxDirSender(self.outbox)
        if self._smtp is None:
            sender = channels.SmtpSender(
                config["SMTP_HOST"],
                config["SMTP_PORT"],
                starttls=config["SMTP_STARTTLS"],
                username=config.get("SMTP_USERNAME"),
                password=config.get("SMTP_PASSWORD"),
            )
            self._smtp = sender.__enter__()  # keeps one connection; raises DeliveryError if down
        return self._smtp

    def bulletin(self, bulletin_id: int) -> _Published:
        if bulletin_id not in self._bulletins:
            b = db.session.get(Bulletin, bulletin_id)
            self._bulletins[bulletin_id] = _Published(
                b.digest,
                json.loads(b.content_json),
                b.content_json,
                {"zh": b.html_zh, "en": b.html_en},
                {"zh": b.pdf_zh, "en": b.pdf_en},
            )
        return self._bulletins[bulletin_id]

    def close(self):
        if self._smtp is not None:
            self._smtp.__exit__(None, None, None)
            self._smtp = None


def _send(item: Delivery, senders: _Senders) -> None:
    bulletin = senders.bulletin(item.bulletin_id)
    member: Member = item.member
    if item.channel == "email":
        lang = member.language if member.language in ("zh", "en") else "zh"
        if not member.contact_email:
            raise channels.DeliveryError("member has no contact e-mail", permanent=True)
        message = channels.build_email(
            bulletin.content,
            lang,
            member.contact_email,
            current_app.config["MAIL_SENDER"],
            bulletin.html[lang],
            bulletin.pdf[lang],
            message_id=item.message_id,
            digest=bulletin.digest,
        )
        senders.mail.send(message)
    elif item.channel == "webhook":
        from hub.services.members import webhook_secret

        if not member.webhook_url:
            raise channels.DeliveryError("member has no webhook URL", permanent=True)
        senders.webhook.send(
            member.webhook_url, webhook_secret(member), bulletin.body, delivery_id=item.message_id
        )
    elif item.channel != "in_app":
        raise channels.DeliveryError("unknown channel", permanent=True)


def deliver_due(now: datetime | None = None, limit: int = 500) -> DeliveryRun:
    """Send every due delivery (claimed in batches); commit each result as soon as it is known."""
    run = DeliveryRun()
    app = current_app._get_current_object()
    config = app.config
    senders = _Senders(app)
    try:
        while True:
            ids = claim(now, limit=min(limit, 50))
            if not ids:
                break
            for delivery_id in ids:
                item = db.session.get(Delivery, delivery_id)
                try:
                    _send(item, senders)
                except channels.DeliveryError as exc:
                    item.last_error = str(exc)[:500]
                    if exc.permanent or item.attempts >= config["DELIVERY_MAX_ATTEMPTS"]:
                        item.status = DeliveryStatus.FAILED.value
                        run.failed += 1
                    else:
                        item.status = DeliveryStatus.PENDING.value
                        item.next_attempt_at = (now or utcnow()) + timedelta(
                            seconds=channels.backoff(
                                item.attempts,
                                base=config["DELIVERY_BACKOFF_BASE"],
                                cap=config["DELIVERY_BACKOFF_CAP"],
                            )
                        )
                        run.retried += 1
                    item.lease_until = None
                    run.errors.append(f"delivery {item.id} ({item.channel}): {item.last_error}")
                else:
                    item.status = DeliveryStatus.SENT.value
                    item.sent_at = utcnow()
                    item.lease_until = None
                    item.last_error = None
                    run.sent += 1
                db.session.commit()
            limit -= len(ids)
            if limit <= 0:
                break
    finally:
        senders.close()
    return run


def resend(delivery_id: int) -> Delivery:
    """Queue a failed (or sent) delivery again, with the same message id; audited."""
    item = db.session.get(Delivery, delivery_id)
    if item is None:
        raise NotFound("delivery not found")
    if item.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING):
        raise Conflict("the delivery is already queued", {"status": [item.status]})
    item.status = DeliveryStatus.PENDING.value
    item.next_attempt_at = utcnow()
    item.attempts = 0
    item.last_error = None
    db.session.flush()
    audit.record("delivery.resent", "delivery", item.id, {"channel": item.channel})
    return item
