"""The review queue, decisions (approve, reject, redact further, bulk) and the auto-approval policy."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.extensions import db
from hub.models import AuditEvent, Case, Pattern, utcnow
from tests.conftest import make_actor
from tests.hub.helpers import assert_error
from tests.hub.moderation_support import RESIDUAL, age_case, approve, make_pattern, set_case, submit

Q = "/api/v1/moderation/cases"


def test_queue_is_oldest_first_with_age_overdue_and_member(app, client, member_a, member_b, admin):
    first = submit(client, member_a, 100)
    second = submit(client, member_b, 101)
    third = submit(client, member_a, 102)
    age_case(app, first["id"], 80)
    age_case(app, second["id"], 10)
    age_case(app, third["id"], 75)
    body = client.get(Q, headers=admin.headers).get_json()
    assert [c["id"] for c in body["items"]] == [first["id"], third["id"], second["id"]]
    assert body["total"] == 3 and body["overdue"] == 2 and body["target_hours"] == 72
    by_id = {c["id"]: c for c in body["items"]}
    assert by_id[first["id"]]["overdue"] and not by_id[second["id"]]["overdue"]
    assert 79.9 <= by_id[first["id"]]["age_hours"] <= 80.2
    assert by_id[second["id"]]["member"] == {
        "id": member_b.member_id,
        "code": member_b.member_code,
        "name": "Bank B",
    }


def test_queue_highlights_every_placeholder_and_residual_warning(app, client, member_a, admin):
    case = submit(client, member_a, 110)
    set_case(app, case["id"], residual=RESIDUAL)
    item = client.get(f"{Q}/{case['id']}", headers=admin.headers).get_json()
    marks = item["highlights"]
    placeholders = [m for m in marks if m["kind"] == "placeholder"]
    assert len(placeholders) == len(case["findings"]) >= 1
    for mark in placeholders:
        assert item["narrative"][mark["start"] : mark["end"]] == mark["text"]
    residual = [m for m in marks if m["kind"] == "residual"]
    assert residual == [
        {
            "kind": "residual",
            "start": 0,
            "end": 2,
            "label": "digit_run",
            "text": item["narrative"][0:2],
            "message": "a run of digits remains",
        }
    ]
    assert [m["start"] for m in marks] == sorted(m["start"] for m in marks)


def test_queue_filters(app, client, member_a, member_b, admin):
    a = submit(client, member_a, 120)
    b = submit(client, member_b, 121, fraud_type="task_scam")
    c = submit(client, member_b, 122)
    set_case(app, a["id"], residual=[])
    set_case(app, b["id"], residual=[])
    set_case(app, c["id"], residual=RESIDUAL)
    age_case(app, a["id"], 100)

    def ids(query):
        response = client.get(f"{Q}?{query}", headers=admin.headers)
        assert response.status_code == 200, response.get_json()
        return {item["id"] for item in response.get_json()["items"]}

    assert ids("fraud_type=task_scam") == {b["id"]}
    assert ids(f"member={member_b.member_code}") == {b["id"], c["id"]}
    assert ids("overdue=true") == {a["id"]}
    assert ids("overdue=false") == {b["id"], c["id"]}
    assert ids("residual=true") == {c["id"]}
    assert ids("residual=false") == {a["id"], b["id"]}
    assert ids("limit=1&offset=1") == {b["id"]}
    approve(client, admin, a["id"])
    assert ids("status=approved") == {a["id"]}
    assert a["id"] not in ids("")
    assert_error(client.get(f"{Q}?status=nope", headers=admin.headers), 422)


def test_approve_is_final_and_audited_and_seen_by_member(app, client, member_a, admin):
    case = submit(client, member_a, 130)
    decided = approve(client, admin, case["id"])
    assert decided["status"] == "approved" and decided["moderated_at"]
    own = client.get(f"/api/v1/cases/{case['id']}", headers=member_a.headers).get_json()
    assert own["status"] == "approved"
    assert_error(client.post(f"{Q}/{case['id']}/approve", headers=admin.headers), 409)
    assert_error(client.post(f"{Q}/{case['id']}/reject", json={"reason": "late"}, headers=admin.headers), 409)
    with app.app_context():
        events = db.session.execute(
            db.select(AuditEvent).where(AuditEvent.object_id == case["id"]).order_by(AuditEvent.id)
        ).scalars()
        assert [(e.action, e.actor) for e in events] == [
            ("case.submitted", f"key:{member_a.prefix}"),
            ("case.approved", f"key:{admin.prefix}"),
        ]


def test_reject_needs_a_reason_that_the_member_sees(app, client, member_a, admin):
    case = submit(client, member_a, 140)
    assert_error(client.post(f"{Q}/{case['id']}/reject", json={}, headers=admin.headers), 422, field="reason")
    assert_error(client.post(f"{Q}/{case['id']}/reject", json={"reason": "   "}, headers=admin.headers), 422)
    response = client.post(
        f"{Q}/{case['id']}/reject", json={"reason": "duplicate of an earlier report"}, headers=admin.headers
    )
    assert response.status_code == 200 and response.get_json()["status"] == "rejected"
    own = client.get(f"/api/v1/cases/{case['id']}", headers=member_a.headers).get_json()
    assert (own["status"], own["moderation_reason"]) == ("rejected", "duplicate of an earlier report")
    listed = client.get("/api/v1/cases?status=rejected", headers=member_a.headers).get_json()["items"]
    assert [c["moderation_reason"] for c in listed] == ["duplicate of an earlier report"]


def test_admin_key_of_the_submitting_member_cannot_moderate(app, client, member_a, admin):
    own_admin = make_actor(app, "Bank A", "admin")
    case = submit(client, member_a, 150)
    for path, body in (("approve", None), ("reject", {"reason": "x"}), ("redact", {"spans": [[0, 1]]})):
        assert_error(client.post(f"{Q}/{case['id']}/{path}", json=body, headers=own_admin.headers), 403)
    result = client.post(
        "/api/v1/moderation/bulk-approve", json={"ids": [case["id"]]}, headers=own_admin.headers
    ).get_json()
    assert result["approved"] == 0 and result["results"][0]["status"] == "error"
    assert (
        client.get(f"/api/v1/cases/{case['id']}", headers=member_a.headers).get_json()["status"] == "pending"
    )
    approve(client, admin, case["id"])


def test_unknown_case_is_404(client, admin):
    for case_id in ("0" * 32, "not-an-id"):
        assert_error(client.get(f"{Q}/{case_id}", headers=admin.headers), 404)
        assert_error(client.post(f"{Q}/{case_id}/approve", headers=admin.headers), 404)


def test_bulk_approve_answers_each_id(app, client, member_a, member_b, admin):
    a = submit(client, member_a, 160)
    b = submit(client, member_b, 161)
    done = submit(client, member_b, 162)
    approve(client, admin, done["id"])
    response = client.post(
        "/api/v1/moderation/bulk-approve",
        json={"ids": [a["id"], done["id"], "f" * 32, b["id"], a["id"]]},
        headers=admin.headers,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["approved"], body["error"]) == (2, 3)
    assert [r["status"] for r in body["results"]] == ["approved", "error", "error", "approved", "error"]
    assert "already decided" in body["results"][1]["message"]
    assert "not found" in body["results"][2]["message"]
    assert_error(client.post("/api/v1/moderation/bulk-approve", json={"ids": []}, headers=admin.headers), 422)


def _span_of(text: str, piece: str) -> list[int]:
    start = text.index(piece)
    return [start, start + len(piece)]


def test_redact_further_removes_the_span_from_every_later_answer(app, client, member_a, member_b, admin):
    case = submit(
        client,
        member_a,
        170,
        narrative="嫌疑人自称张记五金店老板，在杭州西溪路开店，诱导持卡人分笔刷卡套现。",
    )
    other = submit(client, member_b, 171, narrative="另一起：张记五金店的同伙收取手续费，协助分笔刷卡套现。")
    secret = "张记五金店"
    assert secret in case["narrative"]
    approve(client, admin, other["id"])
    make_pattern(
        app, "P-REDACT1", [case["id"], other["id"]], excerpts=[case["narrative"], {"text": case["narrative"]}]
    )
    response = client.post(
        f"{Q}/{case['id']}/redact",
        json={"spans": [_span_of(case["narrative"], secret)]},
        headers=admin.headers,
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert secret not in body["narrative"] and "[REDACTED]" in body["narrative"]
    assert body["redactions"] == 1
    masks = [m for m in body["highlights"] if m["kind"] == "redaction"]
    assert len(masks) == 1 and body["narrative"][masks[0]["start"] : masks[0]["end"]] == "[REDACTED]"
    approve(client, admin, case["id"])
    answers = [
        client.get(f"/api/v1/cases/{case['id']}", headers=member_a.headers).get_data(as_text=True),
        client.get("/api/v1/cases", headers=member_a.headers).get_data(as_text=True),
        client.get(f"{Q}/{case['id']}", headers=admin.headers).get_data(as_text=True),
        client.get(f"{Q}?status=approved", headers=admin.headers).get_data(as_text=True),
        client.get("/api/v1/patterns/P-REDACT1", headers=member_b.headers).get_data(as_text=True),
    ]
    for text in answers:
        assert secret not in text
    with app.app_context():
        assert secret not in db.session.get(Case, case["id"]).narrative
        excerpts = db.session.get(Pattern, "P-REDACT1").excerpts
        assert len(excerpts) == 2 and secret not in str(excerpts) and "[REDACTED]" in str(excerpts)


def test_redact_never_unmasks_and_keeps_findings_in_place(app, client, member_a, admin):
    case = submit(client, member_a, 180)
    text = case["narrative"]
    finding = case["findings"][0]
    inside = [finding["out_start"] + 1, finding["out_start"] + 2]  # a piece of a placeholder
    body = client.post(f"{Q}/{case['id']}/redact", json={"spans": [inside]}, headers=admin.headers).get_json()
    assert text[finding["out_start"] : finding["out_end"]] not in body["narrative"]
    assert body["narrative"].count("[REDACTED]") == 1
    for mark in body["highlights"]:
        assert body["narrative"][mark["start"] : mark["end"]] == mark["text"]
    for spans in ([[0, 10**6]], [[5, 2]], []):
        assert_error(
            client.post(f"{Q}/{case['id']}/redact", json={"spans": spans}, headers=admin.headers), 422
        )


def test_redact_of_rejected_case_is_409(app, client, member_a, admin):
    case = submit(client, member_a, 190)
    client.post(f"{Q}/{case['id']}/reject", json={"reason": "no"}, headers=admin.headers)
    assert_error(
        client.post(f"{Q}/{case['id']}/redact", json={"spans": [[0, 1]]}, headers=admin.headers), 409
    )


# -- auto-approval -------------------------------------------------------------------------------------


CLEAN = "商户通过POS机分笔刷卡套现，资金当日转出。"


def _clean(client, actor, seed):
    case = submit(client, actor, seed, narrative=f"{CLEAN}（{seed}）", indicators=[])
    assert case["residual_warnings"] == 0, "the clean narrative must not draw residual warnings"
    return case


def _earn_standing(client, actor, admin, seeds):
    for seed in seeds:
        approve(client, admin, submit(client, actor, seed)["id"])


def test_auto_approval_is_off_by_default(app, client, member_a, admin):
    assert app.config["AUTO_APPROVE"] is False
    _earn_standing(client, member_a, admin, range(200, 203))
    app.config["AUTO_APPROVE_MIN_APPROVED"] = 1
    assert _clean(client, member_a, 210)["status"] == "pending"


def test_auto_approval_for_members_in_good_standing_without_warnings(app, client, member_a, member_b, admin):
    app.config.update(AUTO_APPROVE=True, AUTO_APPROVE_MIN_APPROVED=3, AUTO_APPROVE_MIN_RATE=0.75)
    assert _clean(client, member_a, 220)["status"] == "pending"  # no record yet
    _earn_standing(client, member_a, admin, range(221, 224))
    automatic = _clean(client, member_a, 230)
    assert automatic["status"] == "approved"
    with app.app_context():
        event = db.session.execute(
            db.select(AuditEvent).where(
                AuditEvent.object_id == automatic["id"], AuditEvent.action == "case.approved"
            )
        ).scalar_one()
        assert event.actor == "policy:auto-approve" and event.details["auto"] is True
        assert db.session.get(Case, automatic["id"]).moderated_by is None
    # bulk uploads go through the same policy
    from tests.hub.factories import case_payload, strip

    bulk = client.post(
        "/api/v1/cases/bulk",
        json=[strip(case_payload(seed=s, narrative=f"{CLEAN}（{s}）", indicators=[])) for s in (231, 232)],
        headers=member_a.headers,
    ).get_json()
    statuses = [
        client.get(f"/api/v1/cases/{r['id']}", headers=member_a.headers).get_json()["status"]
        for r in bulk["rows"]
    ]
    assert statuses == ["approved", "approved"]
    # a member without the record waits for a person
    assert _clean(client, member_b, 240)["status"] == "pending"


def test_auto_approval_leaves_residual_warnings_and_poor_records_to_people(app, client, member_a, admin):
    app.config.update(AUTO_APPROVE=True, AUTO_APPROVE_MIN_APPROVED=2, AUTO_APPROVE_MIN_RATE=0.75)
    _earn_standing(client, member_a, admin, range(250, 252))
    from hub.services import moderation

    with app.app_context():
        case = db.session.get(Case, _clean(client, member_a, 253)["id"])
        assert case.status == "approved"
        from hub.models import Member

        member = db.session.get(Member, member_a.member_id)
        pending = Case(
            **{
                c.name: getattr(case, c.name)
                for c in Case.__table__.c
                if c.name not in ("id", "external_ref")
            }
        )
        pending.external_ref, pending.status, pending.residual = "R-RES", "pending", RESIDUAL
        db.session.add(pending)
        db.session.flush()
        assert moderation.auto_approve(member, [pending]) == []
        assert pending.status == "pending"
        db.session.rollback()
    app.config["AUTO_APPROVE"] = False  # so that the two cases below wait for a person
    for seed in (260, 261):  # two rejections bring the human approval rate to 2/4 < 0.75
        case = submit(client, member_a, seed)
        rejected = client.post(f"{Q}/{case['id']}/reject", json={"reason": "thin"}, headers=admin.headers)
        assert rejected.status_code == 200
    app.config["AUTO_APPROVE"] = True
    assert _clean(client, member_a, 262)["status"] == "pending"


_PLACEHOLDER_TEXT = "持卡人[PERSON_1]在商户刷卡，资金转入[BANK_CARD_1]，电话[PHONE_1]。"


def _placeholder_findings(text):
    import re

    return [
        {
            "entity_type": m.group(1).rsplit("_", 1)[0],
            "out_start": m.start(),
            "out_end": m.end(),
            "score": 1.0,
            "recognizer": "test",
            "placeholder": m.group(0),
            "token": None,
            "indicator_kind": None,
            "key_id": None,
        }
        for m in re.finditer(r"\[([A-Z_]+_\d+)\]", text)
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_PLACEHOLDER_TEXT)), st.integers(0, len(_PLACEHOLDER_TEXT))).map(sorted),
        min_size=1,
        max_size=4,
    )
)
def test_redact_property_nothing_is_unmasked(app, member_a, spans):
    from hub.services import moderation

    with app.app_context():
        case = Case(
            member_id=member_a.member_id,
            external_ref=f"PROP-{abs(hash(str(spans)))}",
            content_digest="0" * 64,
            occurred_at=utcnow(),
            fraud_type="card_cash_out",
            narrative=_PLACEHOLDER_TEXT,
            language="zh",
            findings=_placeholder_findings(_PLACEHOLDER_TEXT),
            residual=[],
            anonymizer_version="test",
        )
        db.session.add(case)
        db.session.flush()
        moderation.redact(case, [tuple(s) for s in spans])
        text = case.narrative
        for before, after in zip(_placeholder_findings(_PLACEHOLDER_TEXT), case.findings, strict=True):
            shown = text[after["out_start"] : after["out_end"]]
            assert shown in (before["placeholder"], "[REDACTED]")  # whole placeholder or whole mask
        for start, end in spans:
            if (
                start < end
                and "[" not in _PLACEHOLDER_TEXT[start:end]
                and "]" not in _PLACEHOLDER_TEXT[start:end]
            ):
                piece = _PLACEHOLDER_TEXT[start:end]
                assert text.count(piece) < _PLACEHOLDER_TEXT.count(piece) or piece in "[REDACTED]"
        placeholders = [(f["out_start"], f["out_end"]) for f in _placeholder_findings(_PLACEHOLDER_TEXT)]
        outside = [
            i
            for i in range(len(_PLACEHOLDER_TEXT))
            if not any(s <= i < e for s, e in spans) and not any(s <= i < e for s, e in placeholders)
        ]
        assert all(ch in text for ch in {_PLACEHOLDER_TEXT[i] for i in outside})
        db.session.rollback()
