"""Publishing and reading bulletins: once per period, chained, in three formats, for every role."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import time_machine

from hub.extensions import db
from hub.models import AuditEvent, Bulletin, Delivery
from hub.services import bulletins
from tests.hub.helpers import assert_error, count
from tests.hub.seeding import seed_week

W45 = datetime(2026, 11, 2, 0, 0)
W46 = datetime(2026, 11, 9, 0, 0)
AFTER_W46 = datetime(2026, 11, 16, 1, 0, tzinfo=UTC)  # Monday 09:00 Shanghai


def _publish(app, period, now=AFTER_W46):
    with app.app_context():
        bulletin, created = bulletins.publish(period, now)
        db.session.commit()
        return bulletin.period, bulletin.digest, created


def test_publish_once_and_chain(app, client, runner, member_a, member_b, admin):
    seed_week(app, ["Bank A", "Bank B"], W45, 20, seed=21)
    seed_week(app, ["Bank A", "Bank B"], W46, 25, seed=22)
    p45, d45, created = _publish(app, "2026-W45")
    assert created
    p46, d46, created = _publish(app, "2026-W46")
    assert created
    assert _publish(app, "2026-W46")[1:] == (d46, False)
    with app.app_context():
        b46 = db.session.execute(db.select(Bulletin).where(Bulletin.period == "2026-W46")).scalar_one()
        assert b46.prev_digest == d45
        content = json.loads(b46.content_json)
        assert content["previous_digest"] == d45
        deliveries = (
            db.session.execute(db.select(Delivery).where(Delivery.bulletin_id == b46.id)).scalars().all()
        )
        # three members with contact e-mail: e-mail + in-app each
        assert sorted({d.channel for d in deliveries}) == ["email", "in_app"]
        assert (
            db.session.execute(
                db.select(db.func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "bulletin.published")
            ).scalar_one()
            == 2
        )
    result = runner.invoke(args=["bulletins", "verify"])
    assert result.exit_code == 0 and "2 bulletins" in result.output
    text = json.dumps(content, ensure_ascii=False)
    for actor in (member_a, member_b, admin):
        assert actor.member_code not in text and actor.member_name not in text


def test_tampered_bulletin_fails_verification(app, runner, member_a):
    seed_week(app, ["Bank A"], W45, 5, seed=23)
    _publish(app, "2026-W45")
    _publish(app, "2026-W46")
    with app.app_context():
        b = db.session.execute(db.select(Bulletin).where(Bulletin.period == "2026-W45")).scalar_one()
        b.content_json = b.content_json.replace(b'"2026-W45"', b'"2026-W44"', 1)
        db.session.commit()
    result = runner.invoke(args=["bulletins", "verify"])
    assert result.exit_code == 1 and "2026-W45" in result.output and "edited" in result.output


def test_unfinished_period_cannot_be_published(app, client, admin):
    with time_machine.travel(datetime(2026, 11, 12, 4, 0, tzinfo=UTC), tick=False):
        assert_error(
            client.post("/api/v1/bulletins?period=2026-W46", headers=admin.headers), 409, field="period"
        )
        assert_error(
            client.post("/api/v1/bulletins?period=2026-W99", headers=admin.headers), 422, field="period"
        )
    assert count(app, Bulletin) == 0


def test_admin_publish_api_and_roles(app, client, admin, member_a, subscriber):
    seed_week(app, ["Bank A"], W45, 5, seed=24)
    assert_error(client.post("/api/v1/bulletins?period=2026-W45", headers=member_a.headers), 403)
    assert_error(client.post("/api/v1/bulletins?period=2026-W45", headers=subscriber.headers), 403)
    first = client.post("/api/v1/bulletins?period=2026-W45", headers=admin.headers)
    assert first.status_code == 201
    again = client.post("/api/v1/bulletins?period=2026-W45", headers=admin.headers)
    assert again.status_code == 200 and again.get_json()["digest"] == first.get_json()["digest"]
    assert count(app, Bulletin) == 1


def test_read_formats_with_etag(app, client, subscriber, member_a):
    seed_week(app, ["Bank A"], W45, 8, seed=25)
    _publish(app, "2026-W45")
    listed = client.get("/api/v1/bulletins", headers=subscriber.headers).get_json()["items"]
    assert [b["period"] for b in listed] == ["2026-W45"]
    as_json = client.get("/api/v1/bulletins/2026-W45", headers=subscriber.headers)
    assert as_json.mimetype == "application/json" and as_json.get_json()["period"]["id"] == "2026-W45"
    html = client.get("/api/v1/bulletins/2026-W45?format=html&lang=en", headers=subscriber.headers)
    assert html.mimetype == "text/html" and b"<html" in html.data.lower()
    pdf = client.get("/api/v1/bulletins/2026-W45", headers=subscriber.headers | {"Accept": "application/pdf"})
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert "attachment" in pdf.headers["Content-Disposition"]
    etag = pdf.headers["ETag"]
    assert pdf.headers["Last-Modified"]
    cached = client.get(
        "/api/v1/bulletins/2026-W45",
        headers=subscriber.headers | {"Accept": "application/pdf", "If-None-Match": etag},
    )
    assert cached.status_code == 304
    assert client.get("/api/v1/bulletins/2026-W45?format=html", headers=member_a.headers).status_code == 200
    assert_error(
        client.get("/api/v1/bulletins/2026-W45", headers=subscriber.headers | {"Accept": "image/png"}), 406
    )
    assert_error(client.get("/api/v1/bulletins/2026-W45?format=docx", headers=subscriber.headers), 422)
    assert_error(client.get("/api/v1/bulletins/2026-W40", headers=subscriber.headers), 404)
    assert_error(client.get("/api/v1/bulletins/latest", headers=subscriber.headers), 422)
    assert_error(client.get("/api/v1/bulletins"), 401)


def test_atom_feed(app, client, subscriber):
    _publish(app, "2026-W45")
    feed = client.get("/api/v1/bulletins/feed.atom", headers=subscriber.headers)
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert b"<feed" in feed.data and b"2026-W45" in feed.data and b"format=pdf" in feed.data


def test_draft_preview_is_not_stored(app, client, admin, member_a):
    seed_week(app, ["Bank A"], W45, 5, seed=26)
    with time_machine.travel(datetime(2026, 11, 5, 4, 0, tzinfo=UTC), tick=False):
        draft = client.get("/api/v1/bulletins/drafts?period=2026-W45", headers=admin.headers)
    assert draft.status_code == 200 and draft.get_json()["period"]["id"] == "2026-W45"
    assert count(app, Bulletin) == 0
    assert_error(client.get("/api/v1/bulletins/drafts?period=2026-W45", headers=member_a.headers), 403)


def test_xss_in_narrative_is_inert_in_bulletin(app, client, subscriber):
    # excerpts come from anonymized narratives; a script tag there must be escaped in HTML
    from hub.models import Pattern, PatternPeriod

    with app.app_context():
        db.session.add(
            Pattern(
                id="P0900",
                label="<script>alert(1)</script>",
                keywords=["<b>x</b>"],
                status="NEW",
                first_period="2026-W45",
                last_period="2026-W45",
                excerpts=["<script>alert(2)</script> 套现"],
                fraud_type="card_cash_out",
            )
        )
        db.session.add(PatternPeriod(pattern_id="P0900", period="2026-W45", size=30, members=3, status="NEW"))
        db.session.commit()
    _publish(app, "2026-W45")
    html = client.get("/api/v1/bulletins/2026-W45?format=html", headers=subscriber.headers).data
    assert b"<script>alert" not in html and b"&lt;script&gt;" in html
