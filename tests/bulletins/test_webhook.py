import hashlib
import hmac
import http.server
import json
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bulletins
from bulletins.delivery import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    DeliveryError,
    ReplayGuard,
    WebhookSender,
    sign_webhook,
    verify_webhook,
)

SECRET = b"member-webhook-secret"


class Receiver(http.server.ThreadingHTTPServer):
    """A member's endpoint: verifies the signature, rejects replays, records what it accepted."""

    def __init__(self, status=204, delay=0.0):
        super().__init__(("127.0.0.1", 0), Handler)
        self.status, self.delay = status, delay
        self.guard = ReplayGuard()
        self.accepted, self.rejected = [], []
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        server: Receiver = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(server.delay)
        ts, sig, delivery = (self.headers[h] for h in (TIMESTAMP_HEADER, SIGNATURE_HEADER, DELIVERY_HEADER))
        if server.status != 204:
            code = server.status
        elif not verify_webhook(SECRET, ts, body, sig):
            code = 401
        elif not server.guard.accept(delivery, ts):
            code = 409
        else:
            code = 204
        with server.lock:
            (server.accepted if code == 204 else server.rejected).append((delivery, code, body))
        self.send_response(code)
        if code in (301, 302):
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def receiver(request):
    server = Receiver(**getattr(request, "param", {}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_signature_format():
    sig = sign_webhook(SECRET, 1700000000, b'{"a":1}')
    expected = hmac.new(SECRET, b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert sig == "sha256=" + expected


def test_real_listener_verifies_signed_bulletin(receiver, content):
    body = bulletins.render_json(content)
    status = WebhookSender(timeout=5, proxies={}).send(receiver.url, SECRET, body, delivery_id="dlv-1")
    assert status == 204
    assert receiver.accepted == [("dlv-1", 204, body)]
    assert json.loads(receiver.accepted[0][2])["period"]["id"] == "2026-W47"


def test_real_listener_rejects_wrong_secret_and_replays(receiver):
    sender = WebhookSender(timeout=5, proxies={})
    with pytest.raises(DeliveryError) as info:
        sender.send(receiver.url, b"wrong-secret", b"{}", delivery_id="dlv-2")
    assert info.value.permanent and info.value.code == 401
    sender.send(receiver.url, SECRET, b"{}", delivery_id="dlv-3")
    with pytest.raises(DeliveryError) as info:  # same delivery id again: the receiver refuses the replay
        sender.send(receiver.url, SECRET, b"{}", delivery_id="dlv-3")
    assert info.value.code == 409
    stale = int(time.time()) - 3600
    with pytest.raises(DeliveryError) as info:  # an old captured request fails the timestamp check
        sender.send(receiver.url, SECRET, b"{}", delivery_id="dlv-4", timestamp=stale)
    assert info.value.code == 401
    assert [d for d, *_ in receiver.accepted] == ["dlv-3"]


@pytest.mark.parametrize(
    "receiver, permanent",
    [
        ({"status": 400}, True),
        ({"status": 410}, True),
        ({"status": 408}, False),
        ({"status": 429}, False),
        ({"status": 500}, False),
        ({"status": 503}, False),
        ({"status": 302}, False),
    ],
    indirect=["receiver"],
)
def test_status_mapping(receiver, permanent):
    with pytest.raises(DeliveryError) as info:
        WebhookSender(timeout=5, proxies={}).send(receiver.url, SECRET, b"{}", delivery_id="x")
    assert info.value.permanent is permanent
    assert info.value.code == receiver.status
    assert len(receiver.rejected) == 1  # redirects are not followed


@pytest.mark.parametrize("receiver", [{"delay": 2.0}], indirect=True)
def test_timeout_is_transient(receiver):
    with pytest.raises(DeliveryError) as info:
        WebhookSender(timeout=0.5, proxies={}).send(receiver.url, SECRET, b"{}", delivery_id="slow")
    assert info.value.permanent is False


def test_connection_refused_is_transient():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DeliveryError) as info:
        WebhookSender(timeout=2, proxies={}).send(f"http://127.0.0.1:{port}/", SECRET, b"{}", delivery_id="x")
    assert info.value.permanent is False


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://host/x", "http:///nohost", "javascript:alert(1)"]
)
def test_non_http_urls_are_permanent_errors(url):
    with pytest.raises(DeliveryError) as info:
        WebhookSender().send(url, SECRET, b"{}", delivery_id="x")
    assert info.value.permanent


def test_verify_tolerance_window():
    body, ts = b"payload", 1_000_000
    sig = sign_webhook(SECRET, ts, body)
    assert verify_webhook(SECRET, ts, body, sig, now=ts + 300)
    assert verify_webhook(SECRET, str(ts), body, sig, now=ts - 300)
    assert not verify_webhook(SECRET, ts, body, sig, now=ts + 301)
    assert not verify_webhook(SECRET, ts, body, sig, now=ts + 60, tolerance=30)
    assert not verify_webhook(SECRET, "abc", body, sig, now=ts)
    assert not verify_webhook(SECRET, ts, body, "", now=ts)
    # rotation: several signatures, any one may match
    assert verify_webhook(SECRET, ts, body, f"sha256={'0' * 64}, {sig}", now=ts)


def test_replay_guard_forgets_after_the_window():
    guard = ReplayGuard(tolerance=300)
    assert guard.accept("d1", 1000, now=1000)
    assert not guard.accept("d1", 1000, now=1010)
    assert guard.accept("d2", 1000, now=1010)
    assert not guard.accept("d3", 1000, now=1400)  # stale
    assert not guard.accept("", 1000, now=1000)
    guard.accept("d4", 2000, now=2000)  # expires d1 and d2
    assert "d1" not in guard._seen and "d4" in guard._seen


@settings(deadline=None)
@given(
    st.binary(min_size=1, max_size=64), st.integers(0, 2**40), st.binary(max_size=512), st.integers(0, 511)
)
def test_property_sign_then_verify_and_any_change_fails(secret, ts, body, flip):
    sig = sign_webhook(secret, ts, body)
    assert verify_webhook(secret, ts, body, sig, now=ts)
    assert not verify_webhook(secret, ts + 1, body, sig, now=ts)
    if body:
        i = flip % len(body)
        tampered = body[:i] + bytes([body[i] ^ 1]) + body[i + 1 :]
        assert not verify_webhook(secret, ts, tampered, sig, now=ts)
    assert not verify_webhook(secret + b"x", ts, body, sig, now=ts)
