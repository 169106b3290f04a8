"""End to end in real headless Chromium (Debian ``chromium`` driven by Playwright).

One browser for the session and one live server for this module (werkzeug on 127.0.0.1, over a copy of
the migrated SQLite template; the page tests cover PostgreSQL). Screenshots of the main pages at
1280×800 go to ``test-artifacts/screenshots/``. Skipped, with the reason, where Chromium or Playwright
is missing (``scripts/test-system-deps.sh`` installs Chromium where it can).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading
from pathlib import Path

import pytest

from hub import PROJECT_ROOT, create_app
from hub.extensions import db
from hub.models import Case, Pattern
from tests.conftest import TOKEN_KEY
from tests.hub.factories import case_payload, strip
from tests.hub.moderation_support import make_pattern
from tests.web.support import PASSWORD, make_person

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
XSS = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian chromium is not installed at /usr/bin/chromium (scripts/test-system-deps.sh installs it as root)",
        allow_module_level=True,
    )


@pytest.fixture(scope="session")
def chromium():
    with playwright_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as exc:  # a browser that cannot start is a skip, not a failure
            pytest.skip(f"Chromium could not start: {type(exc).__name__}")
        yield browser
        browser.close()


def _submit(app, person, seed, **overrides) -> str:
    from hub.api.cases.schemas import CaseCreateSchema
    from hub.models import Member
    from hub.services import cases

    with app.test_request_context():
        data = CaseCreateSchema().load(strip(case_payload(seed=seed, **overrides)))
        case, _ = cases.submit_case(db.session.get(Member, person.member_id), data)
        db.session.commit()
        return case.id


@pytest.fixture(scope="module")
def site(migrated, tmp_path_factory):
    """A live hub with one person of each role, cases (one with markup), a pattern, and no bulletin yet."""
    from werkzeug.serving import make_server

    folder = tmp_path_factory.mktemp("browser")
    shutil.copyfile(migrated["sqlite"], folder / "hub.sqlite3")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'hub.sqlite3'}",
            "TOKEN_KEY": TOKEN_KEY,
            "TESTING": True,
            "SECRET_KEY": "browser-test",
            "MIN_MEMBERS": 1,
        }
    )
    people = {
        "member": make_person(app, "Bank A", "alice", "member"),
        "other": make_person(app, "Bank B", "bob", "member", language="en"),
        "subscriber": make_person(app, "Bank A", "sam", "subscriber"),
        "admin": make_person(app, "Alliance Secretariat", "root", "admin"),
    }
    xss_case = _submit(
        app, people["other"], 501, narrative=f"The merchant ran split POS charges. {XSS}{XSS_IMG}"
    )
    pattern_case = _submit(app, people["member"], 502)
    with app.test_request_context():
        from hub.services import moderation

        moderation.approve(db.session.get(Case, pattern_case))
        moderation.approve(db.session.get(Case, xss_case))
        db.session.commit()
    make_pattern(app, "P-E2E1", [pattern_case, xss_case], excerpts=[f"摘录：商户分笔刷卡 {XSS}"])
    with app.app_context():
        db.session.get(Pattern, "P-E2E1").label = f"POS 分笔套现 {XSS_IMG}"
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with app.test_request_context():  # warm the anonymizer up once, outside any page's timing
        from hub.services.anonymization import engine

        engine().anonymize("预热 warm-up")
    yield {
        "url": f"http://127.0.0.1:{server.server_port}",
        "app": app,
        "people": people,
        "xss_case": xss_case,
    }
    server.shutdown()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def signed_states():
    """Role → the browser storage (session cookie) of its first sign-in through the form, reused after."""
    return {}


@pytest.fixture
def open_as(chromium, site, signed_states):
    """``open_as("member")``: a fresh 1280×800 page of a person of that role, signed in (through the form
    the first time in this module, then with the same session cookie)."""
    contexts = []

    def open_page(role: str):
        context = chromium.new_context(
            viewport={"width": 1280, "height": 800},
            accept_downloads=True,
            locale="zh-CN",
            storage_state=signed_states.get(role),
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        if role in signed_states:
            return page
        page.goto(site["url"] + "/login")
        page.fill("#username", site["people"][role].username)
        page.fill("#password", PASSWORD)
        page.click("#sign-in")
        page.wait_for_load_state()
        assert "/login" not in page.url, page.inner_text("body")[:300]
        signed_states[role] = context.storage_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def assert_inert(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_sign_in_as_each_role_lands_on_its_home(open_as, site, signed_states):
    landing = {"member": "/dashboard", "subscriber": "/bulletins", "admin": "/admin/moderation"}
    for role, path in landing.items():
        page = open_as(role)
        if not page.url.endswith(path):  # signed in earlier in this module: start from the root
            page.goto(site["url"] + "/")
        assert page.url.endswith(path)
        assert site["people"][role].username in page.inner_text("header")
        shot(page, f"home-{role}")
    page = open_as("other")  # (a person of its own: signing out does not touch the others' sessions)
    page.goto(site["url"] + "/")
    page.click("#sign-out")
    page.wait_for_load_state()
    assert page.url.endswith("/login")
    page.goto(site["url"] + "/cases")
    assert page.url.split("?")[0].endswith("/login")
    signed_states.pop("other")  # later tests sign this person in again through the form
    shot(page, "login")


def test_wrong_password_shows_one_message(chromium, site):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", "alice")
    page.fill("#password", "not the password")
    page.click("#sign-in")
    assert page.locator("#login-error").is_visible()
    assert "not the password" not in page.content()
    shot(page, "login-failed")
    context.close()


def test_submit_a_case_with_personal_data_and_see_it_anonymized(open_as, site):
    page = open_as("member")
    page.goto(site["url"] + "/dashboard")
    page.click("text=提交案例")
    pii = case_payload(seed=700)["_pii"]
    narrative = f"持卡人{pii['name']}在商户分5笔刷卡套现，资金转入{pii['card']}，联系电话{pii['phone']}，邮箱{pii['email']}。"
    page.fill("#external_ref", "E2E-700")
    page.fill("#occurred_at", "2026-11-10T09:30")
    page.select_option("#fraud_type", "card_cash_out")
    page.select_option("#channel", "pos")
    page.fill("#amount", "12800")
    page.fill("#currency", "CNY")
    page.fill("#region", "浙江省杭州市西湖区文三路90号")
    page.fill("#narrative", narrative)
    page.fill("#indicators", f"phone: {pii['phone']}")
    page.wait_for_selector("#preview-text mark.m-placeholder")  # the live preview answered
    preview = page.inner_text("#preview-text")
    assert "[PHONE_1]" in preview and pii["phone"] not in preview
    shot(page, "case-new-preview")
    page.click("#submit-case")
    page.wait_for_selector("#case-narrative")
    stored = page.inner_text("#case-narrative")
    assert pii["phone"] not in stored and pii["card"] not in stored and pii["name"] not in stored
    assert "[PHONE_1]" in stored
    shot(page, "case-detail")
    page.click("nav.mainnav >> text=我的案例")
    table = page.inner_text("#cases-table")
    assert "E2E-700" in table and pii["phone"] not in page.content()
    shot(page, "my-cases")


def test_bulk_upload_with_a_bad_row_shows_the_row_error(open_as, site):
    page = open_as("member")
    page.goto(site["url"] + "/cases/bulk")
    rows = [strip(case_payload(seed=800 + i, external_ref=f"BULK-{i}")) for i in range(3)]
    rows[1]["occurred_at"] = "not a date"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    fields = ["external_ref", "occurred_at", "fraud_type", "channel", "amount", "currency", "narrative"]
    writer.writerow(fields)
    for row in rows:
        writer.writerow([row[f] for f in fields])
    page.set_input_files(
        "#bulk-file", {"name": "cases.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode()}
    )
    page.click("#bulk-submit")
    page.wait_for_selector("#bulk-result")
    assert page.inner_text("#bulk-created") == "2" and page.inner_text("#bulk-errors") == "1"
    error_row = page.locator("#bulk-table tr.row-error")
    assert "occurred_at" in error_row.inner_text() and error_row.locator("td").first.inner_text() == "2"
    shot(page, "bulk-result")
    with page.expect_download() as download_info:
        page.click("#bulk-download")
    content = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0] == "row,status,id,errors" and "occurred_at" in content


def test_moderate_reject_with_reason_then_the_member_sees_it(open_as, site):
    case_id = _submit(site["app"], site["people"]["member"], 900, external_ref="MOD-900")
    admin = open_as("admin")
    admin.goto(site["url"] + "/admin/moderation")
    assert "Bank A" in admin.inner_text("#queue-table")  # admins see members
    shot(admin, "admin-queue")
    admin.goto(site["url"] + f"/admin/moderation/{case_id}")
    assert admin.locator("#review-narrative mark.m-placeholder").count() >= 2
    # redact further by selecting text with the mouse: the span field fills itself
    target = admin.locator("#review-narrative span").first
    box = target.bounding_box()
    admin.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
    admin.mouse.down()
    admin.mouse.move(box["x"] + min(box["width"] - 1, 40), box["y"] + box["height"] / 2)
    admin.mouse.up()
    assert re.fullmatch(r"\d+-\d+", admin.input_value("#redact-spans"))
    shot(admin, "admin-review")
    admin.click("#redact-submit")
    admin.wait_for_selector("#review-narrative")
    assert "[REDACTED]" in admin.inner_text("#review-narrative")
    reason = "叙述缺少交易时间 <b>请补充</b>"
    admin.fill("#reject-reason", reason)
    admin.click("#reject")
    admin.wait_for_url(re.compile(r".*/admin/moderation$"))
    member = open_as("member")
    member.goto(site["url"] + "/cases?status=rejected")
    assert reason in member.inner_text("#cases-table")  # shown literally, markup inert
    member.click("text=MOD-900")
    assert reason in member.inner_text("#moderation-reason")
    assert_inert(member)
    shot(member, "case-rejected")


def test_publish_a_bulletin_and_download_its_pdf(open_as, site):
    admin = open_as("admin")
    admin.goto(site["url"] + "/admin/publish")
    shot(admin, "admin-publish")
    admin.click("#publish")
    admin.wait_for_selector("#edition")
    period = admin.url.rsplit("/", 1)[1]
    assert re.fullmatch(r"\d{4}-W\d{2}", period)
    reader = open_as("subscriber")
    reader.goto(site["url"] + "/bulletins")
    assert period in reader.inner_text("#bulletins-table")
    reader.click(f"text={period}")
    frame = reader.frame_locator("#edition")
    frame.locator("body").wait_for()
    assert "风险预警" in frame.locator("body").inner_text()
    shot(reader, "bulletin")
    with reader.expect_download() as download_info:
        reader.click("#download-pdf")
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")
    admin.goto(site["url"] + "/admin/deliveries")
    assert period in admin.inner_text("#deliveries-table")
    shot(admin, "admin-deliveries")


def test_a_member_cannot_open_an_admin_page(open_as, site):
    page = open_as("member")
    for path in ("/admin/moderation", "/admin/members", "/admin/audit"):
        response = page.goto(site["url"] + path)
        assert response.status == 403
        assert "403" in page.inner_text("main")
    shot(page, "forbidden")
    subscriber = open_as("subscriber")
    assert subscriber.goto(site["url"] + "/cases/new").status == 403


def test_stored_markup_renders_inert_on_every_page_that_shows_it(open_as, site):
    pages = {
        "member": ["/patterns", "/patterns/P-E2E1"],
        "other": [f"/cases/{site['xss_case']}", "/cases", "/patterns/P-E2E1"],
        "admin": [
            "/admin/moderation?status=approved",
            f"/admin/moderation/{site['xss_case']}",
            "/patterns/P-E2E1",
        ],
    }
    for role, paths in pages.items():
        page = open_as(role)
        for path in paths:
            page.goto(site["url"] + path)
            assert_inert(page)
            body = page.inner_text("main")
            assert "<script>window.__xss=1</script>" in body or "<img src=x" in body, path
    shot(page, "pattern-detail-markup")


def test_main_pages_in_both_languages(open_as, site):
    member = open_as("member")
    for name, path in (
        ("dashboard", "/dashboard"),
        ("patterns", "/patterns"),
        ("pattern", "/patterns/P-E2E1"),
        ("lookup", "/lookup"),
        ("score", "/score"),
        ("case-new", "/cases/new"),
    ):
        member.goto(site["url"] + path)
        assert member.locator("main h1").is_visible()
        shot(member, f"member-{name}")
    assert "概览" in member.inner_text("nav.mainnav")
    member.click("#lang-switch")
    member.wait_for_load_state()
    assert "Dashboard" in member.inner_text("nav.mainnav")
    member.goto(site["url"] + "/dashboard")
    shot(member, "member-dashboard-en")
    member.click("#lang-switch")  # back to Chinese for the other tests
    member.wait_for_load_state()
    assert "概览" in member.inner_text("nav.mainnav")
    admin = open_as("admin")
    for name, path in (("members", "/admin/members"), ("audit", "/admin/audit?verify=1")):
        admin.goto(site["url"] + path)
        shot(admin, f"admin-{name}")
    assert "✔" in admin.inner_text("#verify-report")
    admin.goto(site["url"] + "/admin/members")
    admin.click("text=Bank A")
    assert "alice" in admin.inner_text("#users-table")
    shot(admin, "admin-member")


def test_lookup_never_shows_the_value_back(open_as, site):
    page = open_as("member")
    page.goto(site["url"] + "/lookup")
    pii = case_payload(seed=502)["_pii"]
    page.select_option("#lookup-type", "phone")
    page.fill("#lookup-values", pii["phone"])
    page.click("#lookup-submit")
    page.wait_for_selector("#lookup-table")
    assert pii["phone"] not in page.content()
    shot(page, "member-lookup-answer")
