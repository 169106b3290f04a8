import datetime as dt
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from bulletins.delivery import DeliveryError, OutboxDirSender, SmtpSender, build_email

SENDER = "RiskHub <bulletins@riskhub.test>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps every accepted message; refuses addresses by local part."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.hostname, controller.port
    finally:
        controller.stop()


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_build_email_structure(content, renderings):
    html, pdf = renderings["zh"]
    msg = build_email(
        content,
        "zh",
        "risk@bank-a.test",
        SENDER,
        html,
        pdf,
        message_id="delivery-42",
        date=dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC),
        digest="ab" * 32,
    )
    assert msg["Message-ID"] == "<delivery-42@riskhub.test>"
    assert msg["Subject"] == content["title"]["zh"]
    assert msg["Content-Language"] == "zh-CN"
    assert msg["X-RiskHub-Period"] == "2026-W47"
    assert msg["X-RiskHub-Bulletin-Digest"] == "ab" * 32
    back = parse(msg.as_bytes())
    attachments = list(back.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["riskhub-bulletin-2026-W47-zh.pdf"]
    assert attachments[0].get_content() == pdf
    body_html = back.get_body(preferencelist=("html",)).get_content()
    assert "data:image" not in body_html and 'src="cid:' in body_html
    inline = [p for p in back.walk() if p.get_content_type() == "image/png"]
    assert len(inline) == body_html.count('src="cid:') == 5
    assert "风险预警报告" in back.get_body(preferencelist=("plain",)).get_content()


def test_message_id_is_stable_for_a_delivery(content, renderings):
    html, pdf = renderings["en"]
    first = build_email(content, "en", "a@b.test", SENDER, html, pdf, message_id="delivery-7")
    again = build_email(content, "en", "a@b.test", SENDER, html, pdf, message_id="delivery-7")
    assert first["Message-ID"] == again["Message-ID"]
    assert (
        build_email(content, "en", "a@b.test", SENDER, html, None, message_id="<x@y.z>")["Message-ID"]
        == "<x@y.z>"
    )
    unique = {build_email(content, "en", "a@b.test", SENDER, html, None)["Message-ID"] for _ in range(3)}
    assert len(unique) == 3


def test_smtp_one_message_per_member_in_their_language(smtp_server, content, renderings):
    handler, host, port = smtp_server
    members = [(f"risk{i}@bank{i}.test", "zh" if i % 3 else "en") for i in range(9)]
    with SmtpSender(host, port, timeout=10) as sender:
        for i, (address, lang) in enumerate(members):
            html, pdf = renderings[lang]
            sender.send(build_email(content, lang, address, SENDER, html, pdf, message_id=f"d-{i}"))
    # a sender outside a with-block opens its own connection
    html, pdf = renderings["zh"]
    SmtpSender(host, port).send(
        build_email(content, "zh", "late@bank.test", SENDER, html, pdf, message_id="d-late")
    )

    received = {}
    for rcpts, raw in handler.messages:
        assert len(rcpts) == 1
        received.setdefault(rcpts[0], []).append(parse(raw))
    assert sorted(received) == sorted([a for a, _ in members] + ["late@bank.test"])
    for address, lang in members:
        (msg,) = received[address]
        assert msg["Content-Language"] == ("zh-CN" if lang == "zh" else "en")
        assert msg["Subject"] == content["title"][lang]
        (pdf_part,) = [a for a in msg.iter_attachments() if a.get_content_type() == "application/pdf"]
        assert pdf_part.get_content() == renderings[lang][1]
        assert pdf_part.get_filename().endswith(f"-{lang}.pdf")


@pytest.mark.parametrize(
    "address, permanent, code", [("gone@bank.test", True, 550), ("busy@bank.test", False, 451)]
)
def test_smtp_refusals_map_to_permanent_or_transient(smtp_server, content, address, permanent, code):
    handler, host, port = smtp_server
    msg = build_email(content, "en", address, SENDER, "<p>x</p>", None, message_id="d-1")
    with pytest.raises(DeliveryError) as info:
        SmtpSender(host, port).send(msg)
    assert info.value.permanent is permanent and info.value.code == code
    assert address not in str(info.value) and address not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert handler.messages == []


def test_smtp_connection_refused_is_transient(content):
    msg = build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None)
    with pytest.raises(DeliveryError) as info:
        SmtpSender("127.0.0.1", free_port(), timeout=5).send(msg)
    assert info.value.permanent is False


def test_smtp_auth_refused_is_permanent_and_password_never_shown(content):
    def deny(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    controller = Controller(
        Recorder(), hostname="127.0.0.1", port=free_port(), authenticator=deny, auth_require_tls=False
    )
    controller.start()
    try:
        sender = SmtpSender("127.0.0.1", controller.port, username="hub", password="s3cret-pw")
        assert "s3cret-pw" not in repr(sender)
        with pytest.raises(DeliveryError) as info:
            sender.send(build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None))
        assert info.value.permanent is True and info.value.code == 535
        assert "s3cret-pw" not in str(info.value)
    finally:
        controller.stop()


def test_smtp_auth_accepted(content):
    seen = []

    def allow(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)

    handler = Recorder()
    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(), authenticator=allow, auth_require_tls=False
    )
    controller.start()
    try:
        SmtpSender("127.0.0.1", controller.port, username="hub", password="pw").send(
            build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None)
        )
    finally:
        controller.stop()
    assert seen == [(b"hub", b"pw")] and len(handler.messages) == 1


def test_starttls_unsupported_is_permanent(smtp_server, content):
    _, host, port = smtp_server
    with pytest.raises(DeliveryError) as info:
        SmtpSender(host, port, starttls=True).send(
            build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None)
        )
    assert info.value.permanent is True


def test_message_without_recipient_is_permanent(content):
    msg = build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None)
    del msg["To"]
    with pytest.raises(DeliveryError) as info:
        SmtpSender("127.0.0.1", 1).send(msg)
    assert info.value.permanent


def test_outbox_writes_one_file_per_message_id_and_resend_replaces_it(tmp_path, content, renderings):
    html, pdf = renderings["zh"]
    outbox = OutboxDirSender(tmp_path / "outbox")
    paths = [
        outbox.send(
            build_email(content, "zh", f"m{i}@bank.test", SENDER, html, pdf, message_id=f"delivery-{i}")
        )
        for i in range(3)
    ]
    again = outbox.send(
        build_email(content, "zh", "m0@bank.test", SENDER, html, pdf, message_id="delivery-0")
    )
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert files == [
        "delivery-0@riskhub.test.eml",
        "delivery-1@riskhub.test.eml",
        "delivery-2@riskhub.test.eml",
    ]
    assert again == paths[0]
    back = parse(paths[1].read_bytes())
    assert back["To"] == "m1@bank.test"
    assert next(back.iter_attachments()).get_content() == pdf


def test_outbox_file_names_are_safe(tmp_path, content):
    outbox = OutboxDirSender(tmp_path)
    msg = build_email(content, "en", "a@b.test", SENDER, "<p/>", None, message_id="<../../etc/passwd@x>")
    path = outbox.send(msg)
    assert path.parent == tmp_path and "/" not in path.name and not path.name.startswith(".")


def test_outbox_unwritable_is_transient(tmp_path, content):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DeliveryError) as info:
        OutboxDirSender(blocker / "sub").send(build_email(content, "en", "a@b.test", SENDER, "<p/>", None))
    assert info.value.permanent is False


def test_fast_serialisation_matches_the_standard_one(content, renderings):
    from bulletins.delivery.mail import _flatten

    html, pdf = renderings["en"]
    msg = build_email(content, "en", "a@b.test", SENDER, html, pdf, message_id="d-9")
    msg["Bcc"] = "hidden@b.test"
    fast = parse(_flatten(msg))
    assert fast["Bcc"] is None and msg["Bcc"] == "hidden@b.test"
    slow = parse(msg.as_bytes())
    assert fast["Message-ID"] == slow["Message-ID"] == "<d-9@riskhub.test>"
    assert [p.get_content_type() for p in fast.walk()] == [p.get_content_type() for p in slow.walk()]
    assert next(fast.iter_attachments()).get_content() == pdf
    assert fast.get_body(("html",)).get_content() == slow.get_body(("html",)).get_content()


def test_messages_for_different_recipients_do_not_share_headers(content, renderings):
    html, pdf = renderings["zh"]
    a = build_email(content, "zh", "a@b.test", SENDER, html, pdf, message_id="d-a")
    b = build_email(content, "zh", "b@b.test", SENDER, html, pdf, message_id="d-b")
    a["X-Extra"] = "1"
    assert b["X-Extra"] is None and b["To"] == "b@b.test"
    assert parse(a.as_bytes())["To"] == "a@b.test"


def test_email_without_pdf(content):
    msg = build_email(content, "en", "a@b.test", SENDER, "<p>hello</p>", None)
    back = parse(msg.as_bytes())
    assert list(back.iter_attachments()) == []
    assert "hello" in back.get_body(("html",)).get_content()


def test_kept_connection_dropped_while_idle_is_reopened(smtp_server, content):
    handler, host, port = smtp_server
    with SmtpSender(host, port) as sender:
        sender.send(build_email(content, "en", "one@bank.test", SENDER, "<p>1</p>", None, message_id="d-1"))
        sender._conn.sock.close()  # the server side went away while we were idle
        sender.send(build_email(content, "en", "two@bank.test", SENDER, "<p>2</p>", None, message_id="d-2"))
    assert sorted(r[0] for r, _ in handler.messages) == ["one@bank.test", "two@bank.test"]


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl command not available to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return key, cert


@pytest.fixture
def tls_server(tls_files):
    import ssl

    key, cert = tls_files
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    logins = []

    def allow(server, session, envelope, mechanism, auth_data):
        logins.append(auth_data.login)
        return AuthResult(success=True)

    handler = Recorder()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=allow,
    )
    controller.start()
    try:
        yield handler, controller.port, cert, logins
    finally:
        controller.stop()


def test_starttls_and_auth(tls_server, content):
    import ssl

    handler, port, cert, logins = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    sender = SmtpSender("127.0.0.1", port, starttls=True, username="hub", password="pw", ssl_context=trusted)
    sender.send(build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None, message_id="tls-1"))
    assert logins == [b"hub"] and len(handler.messages) == 1


def test_starttls_untrusted_certificate_is_permanent(tls_server, content):
    handler, port, _, _ = tls_server
    with pytest.raises(DeliveryError) as info:
        SmtpSender("127.0.0.1", port, starttls=True).send(
            build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None)
        )
    assert info.value.permanent is True
    assert handler.messages == []


def test_server_requiring_starttls_refuses_plain_mail(tls_server, content):
    _, port, _, _ = tls_server
    with pytest.raises(DeliveryError) as info:
        SmtpSender("127.0.0.1", port).send(build_email(content, "en", "a@b.test", SENDER, "<p>x</p>", None))
    assert info.value.permanent is True and info.value.code == 530
