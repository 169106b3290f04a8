"""Bulk upload: JSON array, JSON Lines and CSV; per-row answers; valid rows stored, invalid rows not."""

from __future__ import annotations

import csv
import io
import json

import pytest

from hub.models import Case
from tests.hub.factories import case_payload, strip
from tests.hub.helpers import assert_error, count


def rows(n, start=1000):
    return [strip(case_payload(seed=start + i)) for i in range(n)]


def to_csv(records) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=[
            "external_ref",
            "occurred_at",
            "fraud_type",
            "channel",
            "mcc",
            "amount",
            "currency",
            "region",
            "narrative",
            "indicators",
        ],
    )
    writer.writeheader()
    for record in records:
        record = dict(record)
        record["indicators"] = ";".join(f"{i['type']}:{i['value']}" for i in record.get("indicators", []))
        writer.writerow(record)
    return out.getvalue().encode("utf-8")


def test_json_array_mixed_valid_and_invalid(client, app, member_a):
    batch = rows(4)
    batch[1]["fraud_type"] = "nope"
    batch[3]["amount"] = "abc"
    response = client.post("/api/v1/cases/bulk", json=batch, headers=member_a.headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["created"], body["duplicate"], body["error"]) == (2, 0, 2)
    statuses = {r["row"]: r["status"] for r in body["rows"]}
    assert statuses == {1: "created", 2: "error", 3: "created", 4: "error"}
    assert "fraud_type" in body["rows"][1]["errors"]
    assert "amount" in body["rows"][3]["errors"]
    assert count(app, Case) == 2


def test_json_lines_with_broken_line(client, app, member_a):
    batch = rows(3, start=2000)
    lines = [
        json.dumps(batch[0], ensure_ascii=False),
        "{not json",
        json.dumps(batch[1], ensure_ascii=False),
        "",
        json.dumps(batch[2], ensure_ascii=False),
    ]
    response = client.post(
        "/api/v1/cases/bulk",
        data="\n".join(lines).encode(),
        headers=member_a.headers,
        content_type="application/x-ndjson",
    )
    body = response.get_json()
    assert [r["status"] for r in body["rows"]] == ["created", "error", "created", "created"]
    assert count(app, Case) == 3


def test_csv_multipart_upload_with_bad_row(client, app, member_a):
    batch = rows(3, start=3000)
    batch[2]["occurred_at"] = "not a date"
    data = {"file": (io.BytesIO(to_csv(batch)), "cases.csv")}
    response = client.post(
        "/api/v1/cases/bulk", data=data, headers=member_a.headers, content_type="multipart/form-data"
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert [r["status"] for r in body["rows"]] == ["created", "created", "error"]
    assert "occurred_at" in body["rows"][2]["errors"]
    assert count(app, Case) == 2
    created = client.get(f"/api/v1/cases/{body['rows'][0]['id']}", headers=member_a.headers).get_json()
    assert created["indicators"] >= 2


def test_gb18030_csv_with_declared_encoding(client, app, member_a):
    data = {"file": (io.BytesIO(to_csv(rows(2, start=3500)).decode().encode("gb18030")), "cases.csv")}
    plain = client.post(
        "/api/v1/cases/bulk", data=data, headers=member_a.headers, content_type="multipart/form-data"
    )
    assert_error(plain, 400, field="file")
    assert count(app, Case) == 0
    data = {"file": (io.BytesIO(to_csv(rows(2, start=3500)).decode().encode("gb18030")), "cases.csv")}
    declared = client.post(
        "/api/v1/cases/bulk?encoding=gb18030",
        data=data,
        headers=member_a.headers,
        content_type="multipart/form-data",
    )
    assert declared.get_json()["created"] == 2


def test_duplicates_within_upload_and_against_stored(client, app, member_a):
    batch = rows(2, start=4000)
    assert (
        client.post("/api/v1/cases/bulk", json=batch[:1], headers=member_a.headers).get_json()["created"] == 1
    )
    changed = dict(batch[1], external_ref=batch[1]["external_ref"])
    conflicting = dict(batch[1], amount="1.00")
    body = client.post(
        "/api/v1/cases/bulk", json=[batch[0], changed, changed, conflicting], headers=member_a.headers
    ).get_json()
    assert [r["status"] for r in body["rows"]] == ["duplicate", "created", "duplicate", "error"]
    assert body["rows"][2]["id"] == body["rows"][1]["id"]
    assert body["rows"][0]["id"]
    assert count(app, Case) == 2


@pytest.mark.parametrize(
    "content_type,data,status",
    [
        ("application/json", b'{"not": "an array"}', 400),
        ("application/json", b"[{", 400),
        ("text/csv", b"\xff\xfe\xfa", 400),
        ("text/csv", b"external_ref,shoe_size\nA,42\n", 400),
        ("text/csv", b'external_ref,narrative\n"unterminated,x\n', 400),
        ("application/x-ndjson", b"   \n", 400),
        ("application/xml", b"<cases/>", 415),
    ],
)
def test_file_level_errors(client, app, member_a, content_type, data, status):
    response = client.post(
        "/api/v1/cases/bulk", data=data, headers=member_a.headers, content_type=content_type
    )
    assert_error(response, status)
    assert count(app, Case) == 0


def test_multipart_without_file_is_400(client, app, member_a):
    response = client.post(
        "/api/v1/cases/bulk",
        data={"other": "x"},
        headers=member_a.headers,
        content_type="multipart/form-data",
    )
    assert_error(response, 400, field="file")


def test_too_many_rows_is_413(client, app, member_a):
    app.config["BULK_MAX_ROWS"] = 3
    response = client.post("/api/v1/cases/bulk", json=rows(4, start=5000), headers=member_a.headers)
    assert_error(response, 413, field="file")
    assert count(app, Case) == 0


def test_non_object_rows_are_row_errors(client, app, member_a):
    body = client.post(
        "/api/v1/cases/bulk", json=[1, "x", strip(case_payload(seed=6000))], headers=member_a.headers
    ).get_json()
    assert [r["status"] for r in body["rows"]] == ["error", "error", "created"]
