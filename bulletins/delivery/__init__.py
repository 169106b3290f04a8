"""Delivery channels for bulletins: e-mail (SMTP or an outbox folder), signed webhooks, retries.

Every sender raises :class:`DeliveryError` with ``permanent`` telling the caller whether to retry
(after :func:`backoff`) or to mark the delivery failed for an admin to look at. Senders are
idempotency-friendly: e-mails carry a caller-chosen stable ``Message-ID``, outbox files are named
after it and replaced atomically, webhooks carry the delivery id in ``X-RiskHub-Delivery``.
"""

from .backoff import backoff
from .errors import DeliveryError
from .mail import OutboxDirSender, SmtpSender, build_email
from .webhook import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    ReplayGuard,
    WebhookSender,
    sign_webhook,
    verify_webhook,
)

__all__ = [
    "DELIVERY_HEADER",
    "EVENT_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "DeliveryError",
    "OutboxDirSender",
    "ReplayGuard",
    "SmtpSender",
    "WebhookSender",
    "backoff",
    "build_email",
    "sign_webhook",
    "verify_webhook",
]
