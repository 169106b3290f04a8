"""Signed webhook delivery (HMAC-SHA256 over timestamp and body) and the receiver-side check.

Every POST carries:

``X-RiskHub-Timestamp``
    Unix time (seconds) when the request was signed.
``X-RiskHub-Signature``
    ``sha256=<hex>``: HMAC-SHA256 with the member's webhook secret over
    ``f"{timestamp}.".encode() + body``.
``X-RiskHub-Delivery``
    The delivery id: the same for every retry of one delivery, so receivers can drop duplicates.
``X-RiskHub-Event``
    ``bulletin.published``.

A receiver recomputes the signature over the raw body, compares in constant time, rejects timestamps
more than 5 minutes from its clock, and remembers delivery ids for that window (:class:`ReplayGuard`).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .errors import DeliveryError

TIMESTAMP_HEADER = "X-RiskHub-Timestamp"
SIGNATURE_HEADER = "X-RiskHub-Signature"
DELIVERY_HEADER = "X-RiskHub-Delivery"
EVENT_HEADER = "X-RiskHub-Event"
DEFAULT_TOLERANCE = 300
USER_AGENT = "RiskHub-Webhook/1.0"


def _key(secret: bytes | str) -> bytes:
    return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)


def sign_webhook(secret: bytes | str, timestamp: int, body: bytes) -> str:
    """Return ``"sha256=<hex>"``, the HMAC-SHA256 of ``f"{timestamp}.".encode() + body``."""
    mac = hmac.new(_key(secret), f"{int(timestamp)}.".encode("ascii") + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_webhook(
    secret: bytes | str,
    timestamp: int | str,
    body: bytes,
    signature: str,
    *,
    now: float | None = None,
    tolerance: int = DEFAULT_TOLERANCE,
) -> bool:
    """Check a webhook's signature and freshness (what a receiver runs on each request).

    :param timestamp: the ``X-RiskHub-Timestamp`` header (int or its text).
    :param signature: the ``X-RiskHub-Signature`` header; several comma-separated values are accepted
        (any match passes), which allows rotating secrets.
    :param now: the receiver's clock (Unix seconds); default ``time.time()``.
    :param tolerance: the largest accepted distance, in seconds, between ``timestamp`` and ``now``.
    :returns: ``True`` only if a signature matches and the timestamp is within the tolerance.
    """
    try:
        ts = int(str(timestamp).strip())
    except (TypeError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - ts) > tolerance:
        return False
    expected = sign_webhook(secret, ts, body)
    candidates = [s.strip() for s in str(signature or "").split(",") if s.strip()]
    # compare against every candidate so timing does not depend on which one matches
    return sum(hmac.compare_digest(expected, c) for c in candidates) > 0


class ReplayGuard:
    """Receiver-side memory of delivery ids seen within the tolerance window (thread-safe).

    ``accept(delivery_id, timestamp)`` is ``True`` the first time an id is seen with a fresh
    timestamp and ``False`` for a replay (or a stale timestamp). Use it after :func:`verify_webhook`.
    Ids are forgotten once their timestamp has left the window, because such a request would fail
    the timestamp check anyway.
    """

    def __init__(self, tolerance: int = DEFAULT_TOLERANCE):
        self.tolerance = tolerance
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def accept(self, delivery_id: str, timestamp: int | str, *, now: float | None = None) -> bool:
        """Return ``True`` if this delivery id is new and its timestamp fresh; remember it."""
        try:
            ts = int(str(timestamp).strip())
        except (TypeError, ValueError):
            return False
        current = time.time() if now is None else now
        if abs(current - ts) > self.tolerance or not delivery_id:
            return False
        with self._lock:
            for key, expiry in list(self._seen.items()):
                if expiry < current:
                    del self._seen[key]
            if delivery_id in self._seen:
                return False
            self._seen[delivery_id] = ts + self.tolerance
            return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect surfaces as an HTTPError with the 3xx status


class WebhookSender:
    """POST signed bulletin JSON to a member's webhook URL.

    2xx is success. 4xx other than 408 and 429 raises a permanent :class:`DeliveryError`; other
    statuses (3xx included, redirects are not followed), timeouts and connection errors raise a
    transient one. Only ``http`` and ``https`` URLs are accepted.

    :param timeout: seconds for connecting and for each read.
    :param proxies: as for :class:`urllib.request.ProxyHandler`; ``None`` uses the environment.
    """

    def __init__(
        self, timeout: float = 10, *, proxies: dict[str, str] | None = None, user_agent: str = USER_AGENT
    ):
        self.timeout = timeout
        self.user_agent = user_agent
        handlers: list = [_NoRedirect()]
        if proxies is not None:
            handlers.append(urllib.request.ProxyHandler(proxies))
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"WebhookSender(timeout={self.timeout})"

    def headers(
        self, secret: bytes | str, body: bytes, *, delivery_id: str, timestamp: int
    ) -> dict[str, str]:
        """Return the headers of a signed request (useful for tests and for documentation)."""
        return {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": self.user_agent,
            TIMESTAMP_HEADER: str(int(timestamp)),
            SIGNATURE_HEADER: sign_webhook(secret, timestamp, body),
            DELIVERY_HEADER: delivery_id,
            EVENT_HEADER: "bulletin.published",
        }

    def send(
        self,
        url: str,
        secret: bytes | str,
        body: bytes,
        *,
        delivery_id: str,
        timestamp: int | None = None,
    ) -> int:
        """POST ``body`` to ``url``, signed with ``secret``; return the HTTP status on success.

        :raises DeliveryError: ``permanent`` as described in the class docstring.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DeliveryError("webhook URL must be http(s) with a host", permanent=True)
        ts = int(time.time()) if timestamp is None else int(timestamp)
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers=self.headers(secret, body, delivery_id=delivery_id, timestamp=ts),
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read(65536)
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
        except TimeoutError:
            raise DeliveryError("webhook timed out", permanent=False) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise DeliveryError("webhook timed out", permanent=False) from None
            raise DeliveryError(
                f"webhook connection failed ({type(reason).__name__})", permanent=False
            ) from None
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise DeliveryError(f"webhook request failed ({type(exc).__name__})", permanent=False) from None
        if 200 <= status < 300:
            return status
        permanent = 400 <= status < 500 and status not in (408, 429)
        raise DeliveryError(f"webhook answered HTTP {status}", permanent=permanent, code=status)
