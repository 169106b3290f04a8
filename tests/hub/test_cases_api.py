"""Submitting, reading, listing and withdrawing cases through the API."""

from __future__ import annotations

from hub.models import AuditEvent, Case, IndicatorSighting
from tests.hub.factories import case_payload, strip
from tests.hub.helpers import assert_error, count


def post_case(client, actor, payload):
    return client.post("/api/v1/cases", json=strip(payload), headers=actor.headers)


def test_submit_anonymizes_and_stores_tokens(client, app, member_a):
    payload = case_payload()
    response = post_case(client, member_a, payload)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "pending"
    assert body["external_ref"] == payload["external_ref"]
    assert body["amount"] == "12800.00" and body["currency"] == "CNY"
    assert body["region"] == "浙江省杭州市"
    for value in ("phone", "card", "idno", "email"):
        assert payload["_pii"][value] not in body["narrative"]
    # evidence survives: amount, MCC, merchant id, BIN
    assert "12800" in body["narrative"] and "5411" in body["narrative"]
    assert "302100058120043" in body["narrative"]
    assert "622848" in body["narrative"]
    types = {f["entity_type"] for f in body["findings"]}
    assert {"PHONE", "CN_ID", "BANK_CARD", "EMAIL"} <= types
    for finding in body["findings"]:
        assert body["narrative"][finding["out_start"] : finding["out_end"]] == finding["placeholder"]
    assert body["indicators"] >= 2
    assert count(app, Case) == 1
    assert count(app, AuditEvent) >= 1


def test_same_phone_in_narrative_and_indicator_is_one_token(client, app, member_a):
    payload = case_payload()
    assert post_case(client, member_a, payload).status_code == 201
    with app.app_context():
        from hub.extensions import db

        rows = db.session.execute(db.select(IndicatorSighting.kind, IndicatorSighting.token)).all()
    phones = {token for kind, token in rows if kind == "phone"}
    assert len(phones) == 1


def test_repeat_with_same_content_returns_existing(client, app, member_a):
    payload = case_payload()
    first = post_case(client, member_a, payload)
    second = post_case(client, member_a, payload)
    assert first.status_code == 201 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]
    assert count(app, Case) == 1


def test_repeat_with_other_content_is_409(client, app, member_a):
    payload = case_payload()
    assert post_case(client, member_a, payload).status_code == 201
    changed = dict(payload, amount="1.00")
    assert_error(post_case(client, member_a, changed), 409, field="external_ref")
    assert count(app, Case) == 1


def test_same_external_ref_for_two_members_is_two_cases(client, app, member_a, member_b):
    payload = case_payload()
    assert post_case(client, member_a, payload).status_code == 201
    assert post_case(client, member_b, payload).status_code == 201
    assert count(app, Case) == 2


def test_get_own_case_and_other_members_is_404(client, member_a, member_b):
    case_id = post_case(client, member_a, case_payload()).get_json()["id"]
    mine = client.get(f"/api/v1/cases/{case_id}", headers=member_a.headers)
    assert mine.status_code == 200 and mine.get_json()["id"] == case_id
    assert_error(client.get(f"/api/v1/cases/{case_id}", headers=member_b.headers), 404)
    assert_error(client.get("/api/v1/cases/not-an-id", headers=member_a.headers), 404)


def test_list_own_cases_with_cursor_and_filters(client, member_a, member_b):
    ids = [
        post_case(
            client, member_a, case_payload(fraud_type="task_scam" if i % 2 else "card_cash_out")
        ).get_json()["id"]
        for i in range(5)
    ]
    post_case(client, member_b, case_payload())
    seen, cursor = [], None
    while True:
        query = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/cases", query_string=query, headers=member_a.headers).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 5
    scams = client.get(
        "/api/v1/cases", query_string={"fraud_type": "task_scam"}, headers=member_a.headers
    ).get_json()["items"]
    assert len(scams) == 2
    none = client.get(
        "/api/v1/cases", query_string={"status": "approved"}, headers=member_a.headers
    ).get_json()
    assert none["items"] == [] and none["next_cursor"] is None
    window = client.get(
        "/api/v1/cases", query_string={"occurred_from": "2026-11-11T00:00:00+08:00"}, headers=member_a.headers
    ).get_json()["items"]
    assert window == []


def test_bad_cursor_is_422(client, member_a):
    assert_error(
        client.get("/api/v1/cases", query_string={"cursor": "@@@"}, headers=member_a.headers),
        422,
        field="cursor",
    )


def test_withdraw_pending_case(client, app, member_a, member_b):
    case_id = post_case(client, member_a, case_payload()).get_json()["id"]
    assert_error(client.delete(f"/api/v1/cases/{case_id}", headers=member_b.headers), 404)
    response = client.delete(f"/api/v1/cases/{case_id}", headers=member_a.headers)
    assert response.status_code == 204
    assert (
        client.get(f"/api/v1/cases/{case_id}", headers=member_a.headers).get_json()["status"] == "withdrawn"
    )
    assert count(app, IndicatorSighting) == 0
    assert_error(client.delete(f"/api/v1/cases/{case_id}", headers=member_a.headers), 409)


def test_decided_case_cannot_be_withdrawn(client, app, member_a):
    case_id = post_case(client, member_a, case_payload()).get_json()["id"]
    with app.app_context():
        from hub.extensions import db
        from hub.services import moderation

        moderation.approve(db.session.get(Case, case_id))
        db.session.commit()
    assert_error(client.delete(f"/api/v1/cases/{case_id}", headers=member_a.headers), 409, field="status")


def test_naive_occurred_at_is_read_in_alliance_time_zone(client, member_a):
    body = post_case(client, member_a, case_payload(occurred_at="2026-11-10T08:00:00")).get_json()
    assert body["occurred_at"].startswith("2026-11-10T00:00:00")


def test_english_region_drops_street_line(client, member_a):
    body = post_case(client, member_a, case_payload(region="221B Baker Street, London, UK")).get_json()
    assert body["region"] == "London, UK"
