"""Real servers on loopback for delivery tests: an SMTP server (aiosmtpd) and a webhook receiver."""

from __future__ import annotations

import email
import email.policy
import http.server
import socket
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    recipients: list[str]
    message: email.message.EmailMessage


@dataclass
class SmtpRecorder:
    """aiosmtpd handler that keeps every message; ``on_message`` is called after each one."""

    messages: list[Received] = field(default_factory=list)
    on_message: object = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: False: keep the raw bytes unparsed (benchmarks), ``message`` is then ``None``
    parse: bool = True

    async def handle_DATA(self, server, session, envelope):
        message = (
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            if self.parse
            else None
        )
        with self.lock:
            self.messages.append(Received(list(envelope.rcpt_tos), message))
            count = len(self.messages)
        if self.on_message is not None:
            self.on_message(count)
        return "250 OK"

    def by_recipient(self) -> dict[str, set[str]]:
        """Recipient → the distinct Message-IDs it received."""
        out: dict[str, set[str]] = {}
        with self.lock:
            for item in self.messages:
                for rcpt in item.recipients:
                    out.setdefault(rcpt, set()).add(item.message["Message-ID"])
        return out


class SmtpServer:
    """Context manager running an aiosmtpd server on 127.0.0.1."""

    def __init__(self, *, parse: bool = True):
        self.handler = SmtpRecorder(parse=parse)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1 recording POSTs (header names lower-cased); answers ``status``."""

    def __init__(self, status: int = 200):
        self.status = status
        self.requests: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/riskhub"

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
