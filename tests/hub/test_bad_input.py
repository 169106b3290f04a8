"""Every kind of bad input gets its 4xx with the common error body, and nothing is stored."""

from __future__ import annotations

import json

import pytest

from hub.models import AuditEvent, Case, IndicatorSighting
from tests.hub.factories import case_payload, strip
from tests.hub.helpers import assert_error, count


def nothing_stored(app):
    assert count(app, Case) == 0
    assert count(app, IndicatorSighting) == 0


def test_malformed_json_is_400(client, app, member_a):
    response = client.post(
        "/api/v1/cases",
        data=b'{"external_ref": "x",',
        headers=member_a.headers,
        content_type="application/json",
    )
    assert_error(response, 400)
    nothing_stored(app)


def test_bad_encoding_is_400(client, app, member_a):
    body = json.dumps(strip(case_payload()), ensure_ascii=False).encode("gb18030")
    response = client.post(
        "/api/v1/cases", data=body, headers=member_a.headers, content_type="application/json"
    )
    assert_error(response, 400)
    nothing_stored(app)


@pytest.mark.parametrize("where", ["narrative", "external_ref"])
def test_unpaired_surrogate_escape_is_400(client, app, member_a, where):
    body = json.dumps(strip(case_payload()), ensure_ascii=False)
    body = body.replace(f'"{where}": "', f'"{where}": "\\ud800', 1)
    response = client.post(
        "/api/v1/cases", data=body.encode(), headers=member_a.headers, content_type="application/json"
    )
    assert_error(response, 400)
    assert "surrogate" in response.get_json()["message"]
    nothing_stored(app)
    preview = client.post(
        "/api/v1/anonymize/preview",
        data=b'{"narrative": "call 13812345678 \\udc00"}',
        headers=member_a.headers,
        content_type="application/json",
    )
    assert_error(preview, 400)


def test_paired_surrogate_escape_is_a_character(client, app, member_a):
    payload = strip(case_payload())
    body = json.dumps(payload).replace('"narrative": "', '"narrative": "\\ud83d\\ude00 ', 1)
    response = client.post(
        "/api/v1/cases", data=body.encode(), headers=member_a.headers, content_type="application/json"
    )
    assert response.status_code == 201, response.get_json()
    assert count(app, Case) == 1


@pytest.mark.parametrize(
    "field,value",
    [
        ("amount", "lots"),
        ("amount", -5),
        ("occurred_at", "yesterday"),
        ("fraud_type", "bank_robbery"),
        ("mcc", "54111"),
        ("currency", "yuan"),
        ("channel", 7),
        ("indicators", "13800000000"),
        ("external_ref", "has space"),
        ("narrative", ""),
        ("narrative", 12),
    ],
)
def test_wrong_types_and_values_are_422(client, app, member_a, field, value):
    payload = strip(case_payload())
    payload[field] = value
    body = assert_error(
        client.post("/api/v1/cases", json=payload, headers=member_a.headers), 422, field=field
    )
    assert not str(value) or str(value) not in json.dumps(body, ensure_ascii=False)
    nothing_stored(app)


def test_missing_required_field_is_422(client, app, member_a):
    payload = strip(case_payload())
    del payload["narrative"]
    assert_error(client.post("/api/v1/cases", json=payload, headers=member_a.headers), 422, field="narrative")
    nothing_stored(app)


def test_unknown_field_is_422(client, app, member_a):
    payload = strip(case_payload()) | {"victim_name": "someone"}
    assert_error(
        client.post("/api/v1/cases", json=payload, headers=member_a.headers), 422, field="victim_name"
    )
    nothing_stored(app)


def test_narrative_over_limit_is_422(client, app, member_a):
    payload = strip(case_payload()) | {"narrative": "套现" * 10_001}
    assert_error(client.post("/api/v1/cases", json=payload, headers=member_a.headers), 422, field="narrative")
    nothing_stored(app)


def test_future_occurrence_is_422(client, app, member_a):
    payload = strip(case_payload()) | {"occurred_at": "2099-01-01T00:00:00Z"}
    assert_error(
        client.post("/api/v1/cases", json=payload, headers=member_a.headers), 422, field="occurred_at"
    )
    nothing_stored(app)


def test_invalid_indicator_is_422_without_echoing_value(client, app, member_a):
    payload = case_payload()
    payload["indicators"] = [{"type": "email", "value": "not-an-email-13912345678"}]
    response = client.post("/api/v1/cases", json=strip(payload), headers=member_a.headers)
    body = assert_error(response, 422, field="indicators")
    assert "13912345678" not in response.get_data(as_text=True)
    assert "value" in json.dumps(body["errors"])
    nothing_stored(app)


def test_raw_values_never_echoed_in_errors(client, member_a):
    payload = case_payload()
    payload["amount"] = "not-a-number"
    text = client.post("/api/v1/cases", json=strip(payload), headers=member_a.headers).get_data(as_text=True)
    for value in payload["_pii"].values():
        assert value not in text


def test_oversized_body_on_configured_app_is_413_and_stores_nothing(app, client, member_a):
    app.config["MAX_CONTENT_LENGTH"] = 4096
    rows = [strip(case_payload()) for _ in range(10)]
    assert_error(client.post("/api/v1/cases/bulk", json=rows, headers=member_a.headers), 413)
    nothing_stored(app)


def test_wrong_method_is_405(client, member_a):
    assert_error(client.put("/api/v1/cases", json={}, headers=member_a.headers), 405)


def test_failed_request_writes_no_audit_event(client, app, member_a):
    before = count(app, AuditEvent)
    client.post("/api/v1/cases", json={"bad": 1}, headers=member_a.headers)
    assert count(app, AuditEvent) == before
