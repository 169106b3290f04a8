"""Indicator look-up: counts of approved cases only, the k rule, batches, and no raw value kept."""

from __future__ import annotations

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.extensions import db
from hub.models import AuditEvent
from tests.conftest import make_actor
from tests.hub.helpers import assert_error, dump_database
from tests.hub.moderation_support import approve, make_pattern, submit

URL = "/api/v1/indicators/lookup"


def _lookup(client, actor, values):
    response = client.post(URL, json={"values": values}, headers=actor.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def test_only_approved_cases_count(app, client, member_a, member_b, admin):
    phone = "13912345678"
    indicators = [{"type": "phone", "value": phone}]
    pending = submit(client, member_a, 300, indicators=indicators)
    rejected = submit(client, member_b, 301, indicators=indicators)
    client.post(
        f"/api/v1/moderation/cases/{rejected['id']}/reject", json={"reason": "x"}, headers=admin.headers
    )
    answer = _lookup(client, member_b, [{"type": "phone", "value": phone}])["results"][0]
    assert (answer["reported"], answer["cases"], answer["members"]) == (False, 0, 0)
    approve(client, admin, pending["id"])
    answer = _lookup(client, member_b, [{"type": "phone", "value": "+86 139-1234-5678"}])["results"][0]
    assert (answer["reported"], answer["cases"], answer["members"]) == (True, 1, 1)


def test_k_rule_counts_but_does_not_describe_below_k(app, client, member_a, member_b, admin):
    third = make_actor(app, "Bank C", "member")
    card = "6228480012345678907"
    ind = [{"type": "card", "value": card}]
    a1 = submit(client, member_a, 310, indicators=ind)
    a2 = submit(client, member_a, 311, indicators=ind)
    for case in (a1, a2):
        approve(client, admin, case["id"])
    make_pattern(app, "P-LOOKUP1", [a1["id"], a2["id"]])
    answer = _lookup(client, third, [{"type": "card", "value": card}])
    assert answer["min_members"] == 2
    result = answer["results"][0]
    assert (result["cases"], result["members"], result["described"]) == (2, 1, False)
    assert result["first_seen"] is None and result["last_seen"] is None and result["patterns"] == []

    b1 = submit(client, member_b, 312, indicators=ind, occurred_at="2026-11-12T10:00:00+08:00")
    approve(client, admin, b1["id"])
    result = _lookup(client, third, [{"type": "card", "value": card}])["results"][0]
    assert (result["cases"], result["members"], result["described"]) == (3, 2, True)
    assert (result["first_seen"], result["last_seen"]) == ("2026-11-10", "2026-11-12")
    # the pattern holds one member's cases only: it is not named even though the indicator is described
    assert result["patterns"] == []
    with app.app_context():
        from hub.models import Case

        db.session.get(Case, b1["id"]).pattern_id = "P-LOOKUP1"
        db.session.commit()
    result = _lookup(client, third, [{"type": "card", "value": card}])["results"][0]
    assert result["patterns"] == ["P-LOOKUP1"]

    app.config["MIN_MEMBERS"] = 3
    result = _lookup(client, third, [{"type": "card", "value": card}])["results"][0]
    assert result["described"] is False and result["patterns"] == [] and result["first_seen"] is None


def test_batch_answers_in_order_with_invalid_values_named_by_reason(app, client, member_a):
    values = [
        {"type": "phone", "value": "13800001111"},
        {"type": "card", "value": "12ab"},
        {"type": "email", "value": "Someone@Example.com"},
        {"type": "ip", "value": "999.1.1.1"},
    ]
    results = _lookup(client, member_a, values)["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3]
    assert [r["valid"] for r in results] == [True, False, True, False]
    assert "card" in results[1]["error"] and "12ab" not in results[1]["error"]
    assert results[0]["reported"] is False


def test_batch_limits(app, client, member_a):
    app.config["LOOKUP_MAX_VALUES"] = 5
    values = [{"type": "phone", "value": f"1380000{i:04d}"} for i in range(6)]
    assert_error(client.post(URL, json={"values": values}, headers=member_a.headers), 422, field="values")
    assert len(_lookup(client, member_a, values[:5])["results"]) == 5
    assert_error(client.post(URL, json={"values": []}, headers=member_a.headers), 422)
    assert_error(
        client.post(URL, json={"values": [{"type": "nope", "value": "1"}]}, headers=member_a.headers), 422
    )


def test_full_batch_of_1000(app, client, member_a):
    values = [{"type": "phone", "value": f"139{i:08d}"} for i in range(1000)]
    results = _lookup(client, member_a, values)["results"]
    assert len(results) == 1000 and all(r["valid"] and not r["reported"] for r in results)


def test_raw_values_are_not_stored_or_logged_and_batch_is_audited_by_count(app, client, member_a, caplog):
    caplog.set_level(logging.DEBUG)
    values = [
        {"type": "phone", "value": "13755550123"},
        {"type": "email", "value": "probe.target@example.net"},
    ]
    _lookup(client, member_a, values)
    everything = dump_database(app)
    for item in values:
        assert item["value"] not in everything and item["value"] not in caplog.text
    with app.app_context():
        event = db.session.execute(
            db.select(AuditEvent).where(AuditEvent.action == "lookup.batch")
        ).scalar_one()
        assert event.details == {"values": 2, "invalid": 0, "matched": 0}
        assert event.actor == f"key:{member_a.prefix}"


def test_lookup_is_for_members(client, subscriber, admin):
    body = {"values": [{"type": "phone", "value": "13800001111"}]}
    assert_error(client.post(URL, json=body, headers=subscriber.headers), 403)
    assert_error(client.post(URL, json=body, headers=admin.headers), 403)
    assert_error(client.post(URL, json=body), 401)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(
                    ["phone", "card", "account", "device", "email", "ip", "url", "wallet"]
                ),
                "value": st.text(min_size=1, max_size=40),
            }
        ),
        min_size=1,
        max_size=20,
    )
)
def test_any_batch_is_answered_without_echoing_values(app, client, member_a, values):
    app.config["LOOKUP_RATE_LIMIT"] = "10000/minute"
    response = client.post(URL, json={"values": values}, headers=member_a.headers)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["index"] for r in results] == list(range(len(values)))
    for item, result in zip(values, results, strict=True):
        assert result["type"] == item["type"]
        if not result["valid"] and len(item["value"]) >= 4:
            assert item["value"] not in result["error"]


def test_invalid_items_are_answered_without_echoing_anything_sent(client, member_a):
    body = {"values": [{"type": "phone", "value": "x" * 600, "13912340000": 1}, "13912340001"]}
    error = assert_error(client.post(URL, json=body, headers=member_a.headers), 422)
    assert "13912340000" not in str(error) and "13912340001" not in str(error) and "xxxx" not in str(error)
