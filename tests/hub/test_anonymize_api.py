"""The anonymization preview endpoint and the ``riskhub anonymize`` command."""

from __future__ import annotations

import json
import logging

from hub.models import AuditEvent, Case
from tests.hub.factories import case_payload
from tests.hub.helpers import assert_error, count


def test_preview_shows_what_would_be_stored_and_stores_nothing(client, app, member_a, caplog):
    caplog.set_level(logging.DEBUG)
    payload = case_payload()
    before = count(app, AuditEvent)
    response = client.post(
        "/api/v1/anonymize/preview", json={"narrative": payload["narrative"]}, headers=member_a.headers
    )
    assert response.status_code == 200
    body = response.get_json()
    assert payload["_pii"]["phone"] not in body["narrative"]
    assert "[PHONE_1]" in body["narrative"]
    assert {f["entity_type"] for f in body["findings"]} >= {"PHONE", "EMAIL"}
    assert count(app, Case) == 0 and count(app, AuditEvent) == before
    assert payload["_pii"]["phone"] not in caplog.text


def test_preview_bad_input(client, member_a, subscriber):
    assert_error(
        client.post("/api/v1/anonymize/preview", json={"narrative": ""}, headers=member_a.headers),
        422,
        field="narrative",
    )
    assert_error(
        client.post(
            "/api/v1/anonymize/preview", json={"narrative": "x", "language": "fr"}, headers=member_a.headers
        ),
        422,
        field="language",
    )
    assert_error(
        client.post("/api/v1/anonymize/preview", json={"narrative": "x"}, headers=subscriber.headers), 403
    )
    assert_error(client.post("/api/v1/anonymize/preview", json={"narrative": "x"}), 401)


def test_anonymize_cli_jsonl(runner, app, tmp_path):
    source = tmp_path / "in.jsonl"
    payload = case_payload()
    source.write_text(
        json.dumps({"id": 1, "text": payload["narrative"], "source": "kept"}, ensure_ascii=False)
        + "\n{broken\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["anonymize", "--lang", "zh", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines[0]["id"] == 1 and lines[0]["source"] == "kept"
    assert payload["_pii"]["phone"] not in lines[0]["text"]
    assert lines[0]["findings"]
    assert lines[1]["line"] == 2 and "error" in lines[1]
