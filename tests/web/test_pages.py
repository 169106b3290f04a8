"""Every page through Flask's test client: who may open it, what it shows, and what it never shows."""

from __future__ import annotations

import io
import json

import pytest

from hub.extensions import db
from hub.models import Case, CaseStatus, User
from hub.services import bulletins as bulletin_service
from hub.services import cases as case_service
from tests.hub.factories import case_payload, strip
from tests.hub.moderation_support import make_pattern
from tests.web.support import PASSWORD, csrf_token, post_form, sign_in, text_of

XSS = "<script>window.__xss=1</script>"


def _submit(app, person, seed: int, **overrides) -> str:
    """A case of *person*'s member through the cases service; returns its id."""
    from hub.api.cases.schemas import CaseCreateSchema
    from hub.models import Member

    with app.test_request_context():
        member = db.session.get(Member, person.member_id)
        data = CaseCreateSchema().load(strip(case_payload(seed=seed, **overrides)))
        case, _ = case_service.submit_case(member, data)
        db.session.commit()
        return case.id


@pytest.fixture
def world(app, people):
    """A case of Bank A and one of Bank B and a pattern over both."""
    case_a = _submit(app, people["alice"], 1)
    case_b = _submit(app, people["bob"], 2)
    make_pattern(app, "P-WEB1", [case_a, case_b], excerpts=["持卡人[PERSON]在商户分笔刷卡套现"])
    return {"case_a": case_a, "case_b": case_b, "pattern": "P-WEB1"}


@pytest.fixture
def published(app, world):
    """``world`` with the last complete week's bulletin published."""
    with app.test_request_context():
        bulletin, _ = bulletin_service.publish(bulletin_service.last_complete_period())
        db.session.commit()
        return dict(world, period=bulletin.period)


MEMBER, SUBSCRIBER, ADMIN = "alice", "sam", "root"
ALL = {MEMBER, SUBSCRIBER, ADMIN}

PAGES = [
    ("/dashboard", {MEMBER}),
    ("/cases", {MEMBER}),
    ("/cases/new", {MEMBER}),
    ("/cases/bulk", {MEMBER}),
    ("/cases/{case_a}", {MEMBER}),
    ("/lookup", {MEMBER}),
    ("/score", {MEMBER}),
    ("/patterns", ALL),
    ("/patterns/{pattern}", ALL),
    ("/bulletins", ALL),
    ("/bulletins/feed.atom", ALL),
    ("/bulletins/{period}", ALL),
    ("/admin/moderation", {ADMIN}),
    ("/admin/moderation/{case_a}", {ADMIN}),
    ("/admin/members", {ADMIN}),
    ("/admin/members/{member_a}", {ADMIN}),
    ("/admin/deliveries", {ADMIN}),
    ("/admin/publish", {ADMIN}),
    ("/admin/audit", {ADMIN}),
    ("/admin/audit?verify=1", {ADMIN}),
]


def test_every_page_answers_each_role_as_it_should(app, people, published, browser_of):
    values = dict(published, member_a=people["alice"].member_id)
    anonymous = app.test_client()
    for template, allowed in PAGES:
        path = template.format(**values)
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.location, path
        for name in (MEMBER, SUBSCRIBER, ADMIN):
            response = browser_of(name).get(path)
            expected = 200 if name in allowed else 403
            assert response.status_code == expected, (path, name, response.status_code)
            if expected == 403:
                assert "403" in text_of(response)  # the HTML 403 page, not JSON
                assert response.mimetype == "text/html"


def test_another_members_case_is_not_found(people, world, browser_of):
    response = browser_of("bob").get(f"/cases/{world['case_a']}")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_members_never_see_another_members_identity(people, published, browser_of):
    world = published
    bob = people["bob"]
    for path in (
        "/dashboard",
        "/cases",
        f"/patterns/{world['pattern']}",
        "/patterns",
        "/bulletins",
        f"/bulletins/{world['period']}",
        "/score",
        "/lookup",
        f"/cases/{world['case_a']}",
    ):
        page = browser_of("alice").get(path).get_data(as_text=True)
        assert bob.member_name not in page and bob.member_code not in page, path
    admin_page = browser_of("root").get(f"/admin/moderation/{world['case_b']}").get_data(as_text=True)
    assert bob.member_name in admin_page and bob.member_code in admin_page


def test_forms_need_the_csrf_token(app, people, browser_of):
    client = browser_of("alice")
    response = client.post("/cases/new", data={"external_ref": "X-1", "narrative": "x"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "alice", "password": PASSWORD}).status_code == 400


def test_api_keeps_working_without_csrf(app, people):
    from tests.conftest import make_actor

    actor = make_actor(app, "Bank A", "member")
    response = app.test_client().post(
        "/api/v1/cases", json=strip(case_payload(seed=9)), headers=actor.headers
    )
    assert response.status_code == 201


def test_sign_in_cookie_lock_out_and_sign_out(app, people):
    client = app.test_client()
    response = sign_in(client, "alice")
    assert response.status_code == 302 and response.location.endswith("/dashboard")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/dashboard").status_code == 200
    copied = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    post_form(client, "/logout")
    assert client.get("/dashboard").status_code == 302
    replay = app.test_client()  # a copy of the cookie taken before signing out no longer works
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], copied)
    assert replay.get("/dashboard").status_code == 302

    other = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        failed = sign_in(other, "alice", "wrong password here")
        assert failed.status_code == 401
        assert "wrong password here" not in failed.get_data(as_text=True)
    locked = sign_in(other, "alice")  # the right password, but locked now
    assert locked.status_code == 401
    with app.app_context():
        user = db.session.get(User, people["alice"].user_id)
        assert user.locked_until is not None and user.failed_logins == app.config["LOGIN_MAX_FAILURES"]


def test_next_only_goes_to_local_pages(app, people):
    client = app.test_client()
    token = csrf_token(client)
    for target, expected in (
        ("/cases", "/cases"),
        ("//evil.example/x", "/dashboard"),
        ("https://evil.example", "/dashboard"),
    ):
        response = client.post(
            "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token, "next": target}
        )
        assert response.location.endswith(expected), target
        post_form(client, "/logout")
        token = csrf_token(client)


def test_language_choice_is_remembered_on_the_user(app, people, browser_of):
    client = browser_of("alice")
    assert "我的案例" in text_of(client.get("/cases"))
    post_form(client, "/language", {"lang": "en", "next": "/cases"})
    assert "My cases" in text_of(client.get("/cases"))
    with app.app_context():
        assert db.session.get(User, people["alice"].user_id).language == "en"
    again = app.test_client()  # a new session of the same user gets English at once
    sign_in(again, "alice")
    assert "My cases" in text_of(again.get("/cases"))


def test_submit_a_case_by_form_stores_it_anonymized(app, people, browser_of):
    client = browser_of("alice")
    payload = case_payload(seed=31)
    pii = payload["_pii"]
    form = {
        "external_ref": "WEB-31",
        "occurred_at": "2026-11-10T09:30",
        "fraud_type": "card_cash_out",
        "channel": "pos",
        "amount": "12800",
        "currency": "cny",
        "region": payload["region"],
        "narrative": payload["narrative"],
        "indicators": f"phone: {pii['phone']}\ncard: {pii['card']}",
    }
    response = post_form(client, "/cases/new", form)
    assert response.status_code == 302, text_of(response)[:500]
    detail = client.get(response.location, follow_redirects=True)
    listing = client.get("/cases")
    for page in (detail, listing):
        text = page.get_data(as_text=True)
        for value in (
            pii["phone"],
            pii["card"],
            pii["email"],
            pii["name"],
        ):  # (an ID with a bad check digit stays, flagged)
            assert value not in text
    assert "WEB-31" in text_of(listing)
    with app.app_context():
        case = db.session.execute(db.select(Case).where(Case.external_ref == "WEB-31")).scalar_one()
        assert case.currency == "CNY" and len(case.sightings) >= 2 and pii["phone"] not in case.narrative


def test_an_invalid_form_answers_422_with_field_messages(people, browser_of):
    response = post_form(browser_of("alice"), "/cases/new", {"external_ref": "has space", "narrative": "x"})
    assert response.status_code == 422
    text = text_of(response)
    assert "printable ASCII" in text and "Missing data" in text


def test_live_preview_anonymizes_without_storing(app, people, browser_of):
    client = browser_of("alice")
    pii = case_payload(seed=5)["_pii"]
    token = csrf_token(client, "/cases/new")
    response = client.post(
        "/cases/preview", json={"narrative": f"联系电话{pii['phone']}"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert pii["phone"] not in json.dumps(body, ensure_ascii=False)
    assert any(s["kind"] == "placeholder" for s in body["segments"])
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Case)).scalar_one() == 0


def test_bulk_upload_reports_the_bad_row_and_stores_the_good_ones(app, people, browser_of):
    rows = [strip(case_payload(seed=40 + i)) for i in range(3)]
    rows[1]["fraud_type"] = "not_a_type"
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    response = post_form(
        browser_of("alice"),
        "/cases/bulk",
        {"file": (io.BytesIO(data), "cases.jsonl")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="bulk-created">2<' in html and 'id="bulk-errors">1<' in html
    assert "fraud_type" in text_of(response) and "data:text/csv;charset=utf-8;base64," in html
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Case)).scalar_one() == 2


def test_bulk_upload_of_a_broken_file_is_a_clean_error(people, browser_of):
    response = post_form(
        browser_of("alice"),
        "/cases/bulk",
        {"file": (io.BytesIO(b"[not json"), "cases.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "not valid JSON" in text_of(response)


def test_reject_with_reason_then_the_member_sees_it(app, people, world, browser_of):
    reason = "叙述不完整 <b>bold</b> & more"
    response = post_form(
        browser_of("root"), f"/admin/moderation/{world['case_a']}/reject", {"reason": reason}
    )
    assert response.status_code == 302
    page = browser_of("alice").get("/cases?status=rejected").get_data(as_text=True)
    assert "叙述不完整 &lt;b&gt;bold&lt;/b&gt; &amp; more" in page and "<b>bold</b>" not in page
    # decided cases stay decided; the answer is an HTML page with the service's message
    again = post_form(browser_of("root"), f"/admin/moderation/{world['case_a']}/approve")
    # the service's message is shown in the reader's language (Chinese by default, then English)
    assert again.status_code == 409 and "该案例已审核过" in text_of(again)
    assert post_form(browser_of("root"), "/language", {"lang": "en"}).status_code == 302
    again = post_form(browser_of("root"), f"/admin/moderation/{world['case_a']}/approve")
    assert again.status_code == 409 and "the case was already decided" in text_of(again)
    with app.app_context():
        assert db.session.get(Case, world["case_a"]).status == CaseStatus.REJECTED


def test_decisions_on_the_pages_name_the_person_and_count_for_the_members_standing(
    app, people, world, browser_of
):
    from hub.models import Member
    from hub.services import moderation

    extra = _submit(app, people["alice"], 78)
    assert post_form(browser_of("root"), f"/admin/moderation/{world['case_a']}/approve").status_code == 302
    reject = post_form(browser_of("root"), f"/admin/moderation/{extra}/reject", {"reason": "重复"})
    assert reject.status_code == 302
    app.config.update(AUTO_APPROVE_MIN_APPROVED=1, AUTO_APPROVE_MIN_RATE=0.5)
    with app.app_context():
        root = db.session.execute(db.select(User).where(User.username == "root")).scalar_one()
        for case_id in (world["case_a"], extra):
            case = db.session.get(Case, case_id)
            assert case.moderated_by is None and case.moderated_by_user == root.id
        alice = db.session.get(Member, people["alice"].member_id)
        assert moderation.in_good_standing(alice)  # 1 approved of 2 decided, both by a person
        app.config["AUTO_APPROVE_MIN_RATE"] = 0.75
        assert not moderation.in_good_standing(alice)


def test_admin_cannot_decide_a_case_of_their_own_member(app, people, browser_of):
    own = _submit(app, people["root"], 77)
    response = post_form(browser_of("root"), f"/admin/moderation/{own}/approve")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Case, own).status == CaseStatus.PENDING


def test_redact_further_masks_the_span(app, people, world, browser_of):
    with app.app_context():
        text = db.session.get(Case, world["case_b"]).narrative
    start = text.index("商户")
    response = post_form(
        browser_of("root"), f"/admin/moderation/{world['case_b']}/redact", {"spans": f"{start}-{start + 2}"}
    )
    assert response.status_code == 302
    with app.app_context():
        case = db.session.get(Case, world["case_b"])
        assert "[REDACTED]" in case.narrative and case.redactions == 1
    bad = post_form(browser_of("root"), f"/admin/moderation/{world['case_b']}/redact", {"spans": "x-y"})
    assert bad.status_code == 422


def test_admin_creates_a_member_a_user_and_a_key(app, people, browser_of):
    admin = browser_of("root")
    response = post_form(
        admin, "/admin/members", {"name": "Bank New", "contact_email": "r@new.example", "language": "en"}
    )
    assert response.status_code == 302
    member_path = response.location
    member_id = int(member_path.rstrip("/").rsplit("/", 1)[1])
    mismatch = post_form(
        admin,
        f"/admin/members/{member_id}/users",
        {"username": "newbie", "password": PASSWORD, "password2": "other", "role": "member"},
    )
    assert mismatch.status_code == 422
    created = post_form(
        admin,
        f"/admin/members/{member_id}/users",
        {"username": "newbie", "password": PASSWORD, "password2": PASSWORD, "role": "member"},
    )
    assert created.status_code == 302
    assert sign_in(app.test_client(), "newbie").status_code == 302
    issued = post_form(admin, f"/admin/members/{member_id}/keys", {"role": "subscriber", "label": "feed"})
    key = issued.get_data(as_text=True).split('class="secret">', 1)[1].split("<", 1)[0]
    assert key.startswith("rh_")
    assert (
        app.test_client().get("/api/v1/bulletins", headers={"Authorization": f"Bearer {key}"}).status_code
        == 200
    )
    assert key not in admin.get(f"/admin/members/{member_id}").get_data(as_text=True)  # shown once


def test_publish_page_and_downloads(app, people, browser_of):
    admin = browser_of("root")
    with app.app_context():
        period = bulletin_service.last_complete_period()
    response = post_form(admin, "/admin/publish", {"period": period})
    assert response.status_code == 302
    reader = browser_of("sam")
    pdf = reader.get(f"/bulletins/{period}?format=pdf&lang=en")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert reader.get(f"/bulletins/{period}?format=json").get_json()["period"]["id"] == period
    assert reader.get(f"/bulletins/{period}?format=html&lang=zh").mimetype == "text/html"
    assert period in reader.get("/bulletins/feed.atom").get_data(as_text=True)
    not_ended = post_form(admin, "/admin/publish", {"period": "2999-W01"})
    assert not_ended.status_code == 409


def test_deliveries_and_audit_pages(app, people, published, browser_of):
    world = published
    admin = browser_of("root")
    page = admin.get("/admin/deliveries")
    assert page.status_code == 200 and world["period"] in text_of(page)
    verify = admin.get("/admin/audit?verify=1")
    assert "✔" in text_of(verify) and "user.signed_in" in text_of(admin.get("/admin/audit?action=user."))


def test_stored_markup_is_escaped_on_every_page_that_shows_it(app, people, browser_of):
    case_id = _submit(app, people["alice"], 60, narrative=f"嫌疑人在商户刷卡套现。{XSS}")
    make_pattern(app, "P-XSS", [case_id], excerpts=[f"摘录 {XSS}"])
    with app.test_request_context():
        from hub.models import Pattern
        from hub.services import moderation

        db.session.get(Pattern, "P-XSS").label = f"标签 {XSS}"
        moderation.approve(db.session.get(Case, case_id))  # approved cases count for the pattern
        db.session.commit()
    app.config["MIN_MEMBERS"] = 1  # so the pattern is described and its label shown
    pages = [
        (browser_of("alice"), f"/cases/{case_id}"),
        (browser_of("alice"), "/cases"),
        (browser_of("alice"), "/patterns"),
        (browser_of("alice"), "/patterns/P-XSS"),
        (browser_of("root"), "/admin/moderation?status=approved"),
        (browser_of("root"), f"/admin/moderation/{case_id}"),
    ]
    for client, path in pages:
        html = client.get(path).get_data(as_text=True)
        assert "<script>window.__xss" not in html, path
        assert (
            "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html or "&lt;script&gt;window.__xss" in html
        ), path


def test_feedback_and_lookup(app, people, world, browser_of):
    client = browser_of("alice")
    assert post_form(client, f"/patterns/{world['pattern']}/feedback", {"kind": "seen"}).status_code == 302
    pii = case_payload(seed=1)["_pii"]
    response = post_form(client, "/lookup", {"type": "phone", "values": f"{pii['phone']}\n12"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert pii["phone"] not in html  # the value is never shown back
    assert 'id="lookup-table"' in html


def test_catalogues_are_compiled_into_the_instance_folder(app, tmp_path):
    from pathlib import Path

    from hub.web import i18n

    mo = Path(app.instance_path) / "translations" / "zh" / "LC_MESSAGES" / "messages.mo"
    assert mo.exists()

    class Fake:
        instance_path = str(tmp_path)

    folders = i18n.compile_catalogues(Fake())
    fresh = tmp_path / "translations" / "zh" / "LC_MESSAGES" / "messages.mo"
    assert folders == [str(tmp_path / "translations")] and fresh.stat().st_size > 1000
    before = fresh.stat().st_mtime_ns
    i18n.compile_catalogues(Fake())  # up to date: not written again
    assert fresh.stat().st_mtime_ns == before
    assert not list(fresh.parent.glob("*.tmp"))


def test_every_msgid_has_a_chinese_translation():
    from babel.messages.pofile import read_po

    from hub.web.i18n import SOURCE

    with (SOURCE / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    assert not untranslated


def test_every_constant_service_message_has_a_chinese_translation():
    """Service errors are shown on the pages through gettext: each constant message needs a msgid."""
    import ast
    from pathlib import Path

    from babel.messages.pofile import read_po

    import hub.services
    from hub.services import errors
    from hub.web.i18n import SOURCE

    kinds = {name for name, obj in vars(errors).items() if isinstance(obj, type)}
    raised = set()
    for path in Path(hub.services.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in kinds
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                raised.add(node.args[0].value)
    with (SOURCE / "zh" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        translated = {m.id for m in read_po(fh) if m.id and m.string}
    assert len(raised) > 20
    assert sorted(raised - translated) == []
