"""E-mail delivery: building the bulletin message, sending it over SMTP or into an outbox folder."""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime as dt
import email.policy
import hashlib
import io
import os
import re
import secrets
import smtplib
import socket
import ssl
import tempfile
from collections.abc import Sequence
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formatdate, make_msgid
from functools import lru_cache
from pathlib import Path

from ..labels import UI
from .errors import DeliveryError

_DATA_URI = re.compile(r'src="data:image/(png|svg\+xml);base64,([A-Za-z0-9+/=]+)"')
_SAFE = re.compile(r"[^A-Za-z0-9._@+=-]")


def _message_id(message_id: str | None, sender: str) -> str:
    domain = sender.rpartition("@")[2].strip(" >") or "riskhub.invalid"
    if message_id is None:
        return make_msgid(domain=domain)
    value = message_id.strip()
    if value.startswith("<") and value.endswith(">") and "@" in value:
        return value
    token = _SAFE.sub("-", value.strip("<>")) or "bulletin"
    return f"<{token}@{domain}>" if "@" not in token else f"<{token}>"


def _text_body(content: dict, lang: str) -> str:
    ui = UI[lang]
    lines = [content["title"][lang], f"{content['period']['start']} – {content['period']['end']}", ""]
    lines += [f"- {line}" for line in content["highlights"][lang]]
    lines.append("")
    top = [p for p in content["patterns"] if p["status"] in ("NEW", "GROWING")][:5]
    if top:
        lines.append(ui["patterns"] + ":")
        lines += [f"- [{p['status_label'][lang]}] {p['label']} ({p['size']})" for p in top]
        lines.append("")
    lines.append("完整报告见附件 PDF。" if lang == "zh" else "The full report is attached as a PDF.")
    lines.append(ui["distribution"])
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=8)
def _body(text: str, html: str, pdf: bytes | None, pdf_name: str) -> EmailMessage:
    """The recipient-independent MIME tree, built once per edition and shared (read-only) by the
    messages of all recipients: with 1,000 members, encoding it again for each would dominate."""
    body = EmailMessage()
    body.set_content(text, charset="utf-8", cte="base64")
    images: list[tuple[str, str, bytes]] = []

    def to_cid(match: re.Match) -> str:
        subtype = match.group(1)
        data = base64.b64decode(match.group(2))
        cid = make_msgid(idstring=f"chart{len(images)}", domain="riskhub.invalid")
        images.append((cid, subtype, data))
        return f'src="cid:{cid[1:-1]}"'

    html_body = _DATA_URI.sub(to_cid, html)
    # base64 keeps the message 7-bit clean and is smaller than quoted-printable for Chinese text
    body.add_alternative(html_body, subtype="html", charset="utf-8", cte="base64")
    if images:
        html_part = body.get_payload()[-1]
        for cid, subtype, data in images:
            html_part.add_related(data, maintype="image", subtype=subtype, cid=cid)
    if pdf is not None:
        body.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    else:
        body.make_mixed()
    # fix the boundaries now (the generator would pick them at send time): the per-recipient
    # messages copy the top-level Content-Type and reuse the serialised parts. "_" is not in the
    # base64 alphabet and every part is base64, so a boundary cannot occur inside a part.
    for part in body.walk():
        if part.is_multipart() and part.get_boundary() is None:
            part.set_boundary(f"=_riskhub_{secrets.token_hex(12)}")
    return body


def build_email(
    content: dict,
    lang: str,
    to: str | Sequence[str],
    sender: str,
    html: str,
    pdf: bytes | None,
    *,
    message_id: str | None = None,
    date: dt.datetime | None = None,
    digest: str | None = None,
) -> EmailMessage:
    """Build the bulletin e-mail: text and HTML alternatives, charts inline, the PDF attached.

    Inline ``data:`` images of the HTML are moved into ``cid:`` parts (mail clients block data URIs).
    The body parts are built once per edition and shared by the messages built from the same
    ``html`` and ``pdf``: change headers freely, but do not edit the parts in place.

    :param to: one address (one message per member is the rule) or several.
    :param message_id: a stable id per delivery (``"delivery-123"`` or ``"<delivery-123@host>"``) so
        that a resend after a crash carries the same ``Message-ID`` and receivers can drop it.
    :param date: the ``Date`` header (default: now).
    :param digest: the bulletin digest, added as ``X-RiskHub-Bulletin-Digest``.
    """
    if lang not in UI:
        raise ValueError("lang must be 'zh' or 'en'")
    msg = EmailMessage()
    msg["Subject"] = content["title"][lang]
    msg["From"] = sender
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Date"] = format_datetime(date) if date else formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = _message_id(message_id, sender)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-RiskHub-Period"] = content["period"]["id"]
    if digest:
        msg["X-RiskHub-Bulletin-Digest"] = digest
    body = _body(
        _text_body(content, lang), html, pdf, f"riskhub-bulletin-{content['period']['id']}-{lang}.pdf"
    )
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = str(body["Content-Type"])
    msg.set_payload(list(body.get_payload()))
    msg._riskhub_body = body  # lets SmtpSender reuse the body's serialised bytes
    # after the body: set_content() and friends drop every Content-* header
    msg["Content-Language"] = "zh-CN" if lang == "zh" else "en"
    return msg


def _recipients(message: EmailMessage) -> list[str]:
    found = []
    for header in ("To", "Cc", "Bcc"):
        for value in message.get_all(header, []):
            for address in getattr(value, "addresses", ()):
                if isinstance(address, Address) and address.addr_spec:
                    found.append(address.addr_spec)
    return found


class SmtpSender:
    """Send messages over SMTP (optionally STARTTLS and AUTH).

    Use it as a context manager to reuse one connection for many messages (checked with ``NOOP``
    before each message and reopened if the server dropped it); ``send`` outside a ``with`` block
    opens and closes a connection per message. Failures raise :class:`DeliveryError`:
    5xx replies (bad address, refused authentication, STARTTLS unavailable) are permanent; 4xx
    replies, timeouts and connection errors are transient. Messages should have one recipient each
    (one delivery per member): a message accepted for some recipients and refused for others raises a
    permanent error, because retrying would duplicate it for the ones that got it.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30,
        ssl_context: ssl.SSLContext | None = None,
        local_hostname: str | None = None,
    ):
        self.host = host
        self.port = port
        self.starttls = starttls
        self.username = username
        self._password = password
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.local_hostname = local_hostname
        self._conn: smtplib.SMTP | None = None

    def __repr__(self) -> str:  # never shows the password
        return (
            f"SmtpSender(host={self.host!r}, port={self.port}, starttls={self.starttls}, "
            f"auth={self.username is not None})"
        )

    def _connect(self) -> smtplib.SMTP:
        try:
            conn = smtplib.SMTP(
                self.host, self.port, timeout=self.timeout, local_hostname=self.local_hostname
            )
        except smtplib.SMTPConnectError as exc:
            raise DeliveryError(
                "SMTP connection refused by server", permanent=False, code=exc.smtp_code
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP connection failed ({type(exc).__name__})", permanent=False) from None
        try:
            conn.ehlo_or_helo_if_needed()
            if self.starttls:
                conn.starttls(context=self.ssl_context or ssl.create_default_context())
                conn.ehlo()
            if self.username is not None:
                conn.login(self.username, self._password or "")
        except BaseException as exc:
            try:
                conn.close()
            finally:
                raise _map_error(exc) from None
        return conn

    def __enter__(self) -> SmtpSender:
        self._conn = self._connect()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the kept connection, if any."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()

    def send(self, message: EmailMessage) -> None:
        """Send one message.

        :raises DeliveryError: with ``permanent`` set as described in the class docstring.
        """
        recipients = _recipients(message)
        if not recipients:
            raise DeliveryError("message has no recipient", permanent=True)
        envelope_from = _envelope_sender(message)
        raw = None
        if envelope_from is not None and all(a.isascii() for a in [envelope_from, *recipients]):
            # flatten once, with CRLF line ends (send_message would copy and flatten again)
            raw = _flatten(message)
        keep = self._conn is not None
        if keep and not _alive(self._conn):
            # a kept connection may have been dropped by the server while idle: reconnect before
            # sending (never resend after a failure in the middle of a transaction: that could
            # deliver twice)
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._conn.close()
            self._conn = self._connect()
        conn = self._conn if keep else self._connect()
        try:
            if raw is not None:
                refused = conn.sendmail(envelope_from, recipients, raw)
            else:
                refused = conn.send_message(message, to_addrs=recipients)
        except BaseException as exc:
            if keep:
                _reset(conn)
            raise _map_error(exc) from None
        finally:
            if not keep:
                try:
                    conn.quit()
                except (OSError, smtplib.SMTPException):
                    conn.close()
        if refused:
            codes = sorted({code for code, _ in refused.values()})
            raise DeliveryError(
                f"SMTP refused {len(refused)} of {len(recipients)} recipients",
                permanent=True,
                code=codes[-1],
            )


def _alive(conn: smtplib.SMTP) -> bool:
    try:
        return conn.noop()[0] == 250
    except (OSError, smtplib.SMTPException):
        return False


def _envelope_sender(message: EmailMessage) -> str | None:
    for header in ("Sender", "From"):
        value = message.get(header)
        addresses = getattr(value, "addresses", ())
        if len(addresses) == 1 and addresses[0].addr_spec:
            return addresses[0].addr_spec
    return None


def _flatten(message: EmailMessage) -> bytes:
    """Serialise with CRLF line ends; reuse the cached body bytes of a message from build_email."""
    if message.get("Bcc") is not None:  # Bcc must not travel with the message
        message = copy.copy(message)
        del message["Bcc"]
    body = getattr(message, "_riskhub_body", None)
    if body is not None and message.get_payload() == body.get_payload():
        policy = email.policy.SMTP
        head = b"".join(policy.fold_binary(name, value) for name, value in message.raw_items())
        return head + b"\r\n" + _body_bytes(body)
    buffer = io.BytesIO()
    BytesGenerator(buffer, policy=email.policy.SMTP).flatten(message, linesep="\r\n")
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _body_bytes(body: EmailMessage) -> bytes:
    buffer = io.BytesIO()
    BytesGenerator(buffer, policy=email.policy.SMTP).flatten(body, linesep="\r\n")
    return buffer.getvalue().split(b"\r\n\r\n", 1)[1]


def _reset(conn: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        conn.rset()


def _map_error(exc: BaseException) -> BaseException:
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        permanent = bool(codes) and all(code >= 500 for code in codes)
        return DeliveryError(
            "SMTP refused the recipient", permanent=permanent, code=max(codes) if codes else None
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            "SMTP authentication refused", permanent=exc.smtp_code >= 500, code=exc.smtp_code
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return DeliveryError(f"SMTP error reply {code}", permanent=code >= 500, code=code)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError("SMTP server lacks a required extension (STARTTLS or AUTH)", permanent=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError("SMTP TLS certificate not trusted", permanent=True)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return DeliveryError("SMTP server disconnected", permanent=False)
    if isinstance(exc, TimeoutError | socket.timeout):
        return DeliveryError("SMTP timed out", permanent=False)
    if isinstance(exc, OSError | smtplib.SMTPException):
        return DeliveryError(f"SMTP failure ({type(exc).__name__})", permanent=False)
    return exc


class OutboxDirSender:
    """Write messages as ``.eml`` files into a folder (the demo's outbox when no SMTP is set).

    The file name comes from the ``Message-ID`` (made filesystem-safe), and the file is written
    atomically (temporary file, then rename): sending the same message again replaces the file, so a
    retry after a crash never leaves two copies nor a half-written one.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"OutboxDirSender({str(self.path)!r})"

    def filename(self, message: EmailMessage) -> str:
        """Return the ``.eml`` file name this message is written to."""
        message_id = (message.get("Message-ID") or "").strip().strip("<>")
        if message_id:
            safe = _SAFE.sub("_", message_id).strip("._") or "message"
            return safe[:180] + ".eml"
        return hashlib.sha256(message.as_bytes()).hexdigest()[:32] + ".eml"

    def send(self, message: EmailMessage) -> Path:
        """Write ``message``; return the path of the ``.eml`` file.

        :raises DeliveryError: (transient) if the folder cannot be written.
        """
        target = self.path / self.filename(message)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".eml", dir=self.path)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(message.as_bytes())
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            raise DeliveryError(f"outbox write failed ({type(exc).__name__})", permanent=False) from None
        return target
