"""Authorization matrix generated from the OpenAPI document.

Every operation of ``/api/v1/openapi.json`` is called as each of: no key, a member (owner of the objects
in the path), another member, a subscriber, an admin and a member whose institution is suspended, and
the status is compared with :data:`EXPECTED`. An operation missing from the table fails the test, so a new
endpoint cannot skip it.

To add an endpoint: put a row ``("method", "/path/{param}"): exp(member=..., subscriber=..., admin=...)``
in :data:`EXPECTED` (``OK`` = any 2xx; ``other`` defaults to ``member``; ``none`` and ``suspended`` to 401),
a body in :func:`_body` / a query in :data:`QUERIES` if it needs one, and a value for any new path
parameter in :func:`_path_value`.
"""

from __future__ import annotations

import itertools
import re

import pytest

from hub.extensions import db
from hub.models import Case, MemberStatus, Pattern, utcnow
from hub.services import members as member_service
from tests.conftest import make_actor
from tests.hub.factories import case_payload, strip

OK = "2xx"
ACTORS = ("none", "member", "other", "subscriber", "admin", "suspended")


def exp(member, subscriber, admin, *, other=None, none=401, suspended=401) -> dict:
    return {
        "none": none,
        "member": member,
        "other": member if other is None else other,
        "subscriber": subscriber,
        "admin": admin,
        "suspended": suspended,
    }


MEMBER_ONLY = exp(OK, 403, 403)
ADMIN_ONLY = exp(403, 403, OK)
ANY_ROLE = exp(OK, OK, OK)

EXPECTED: dict[tuple[str, str], dict] = {
    # -- cases (issue 2) ------------------------------------------------------------------------------
    ("get", "/cases"): MEMBER_ONLY,
    ("post", "/cases"): MEMBER_ONLY,
    ("post", "/cases/bulk"): MEMBER_ONLY,
    ("get", "/cases/{case_id}"): exp(OK, 403, 403, other=404),
    ("delete", "/cases/{case_id}"): exp(OK, 403, 403, other=404),
    ("post", "/anonymize/preview"): MEMBER_ONLY,
    # -- moderation, members and keys, look-up, feedback, score, audit (issue 5) -----------------------
    ("get", "/moderation/cases"): ADMIN_ONLY,
    ("get", "/moderation/cases/{case_id}"): ADMIN_ONLY,
    ("post", "/moderation/cases/{case_id}/approve"): ADMIN_ONLY,
    ("post", "/moderation/cases/{case_id}/reject"): ADMIN_ONLY,
    ("post", "/moderation/cases/{case_id}/redact"): ADMIN_ONLY,
    ("post", "/moderation/bulk-approve"): ADMIN_ONLY,
    ("get", "/admin/members"): ADMIN_ONLY,
    ("post", "/admin/members"): ADMIN_ONLY,
    ("get", "/admin/members/{member_id}"): ADMIN_ONLY,
    ("patch", "/admin/members/{member_id}"): ADMIN_ONLY,
    ("post", "/admin/members/{member_id}/suspend"): ADMIN_ONLY,
    ("post", "/admin/members/{member_id}/reactivate"): ADMIN_ONLY,
    ("post", "/admin/members/{member_id}/webhook-secret"): ADMIN_ONLY,
    ("get", "/admin/members/{member_id}/keys"): ADMIN_ONLY,
    ("post", "/admin/members/{member_id}/keys"): ADMIN_ONLY,
    ("get", "/admin/members/{member_id}/score"): ADMIN_ONLY,
    ("get", "/admin/scores"): ADMIN_ONLY,
    ("get", "/admin/keys"): ADMIN_ONLY,
    ("post", "/admin/keys/{prefix}/revoke"): ADMIN_ONLY,
    ("post", "/admin/keys/{prefix}/expire"): ADMIN_ONLY,
    ("get", "/me"): exp(OK, OK, 403),
    ("patch", "/me"): MEMBER_ONLY,
    ("post", "/me/webhook-secret"): MEMBER_ONLY,
    ("get", "/me/keys"): exp(OK, OK, 403),
    ("get", "/me/score"): MEMBER_ONLY,
    ("post", "/indicators/lookup"): MEMBER_ONLY,
    ("post", "/patterns/{pattern_id}/feedback"): MEMBER_ONLY,
    ("delete", "/patterns/{pattern_id}/feedback"): MEMBER_ONLY,
    ("get", "/audit"): ADMIN_ONLY,
    ("get", "/audit/verify"): ADMIN_ONLY,
    # -- patterns, bulletins, deliveries (lead, issues 3-4): add new endpoints here ---------------------
    ("get", "/patterns"): ANY_ROLE,
    ("get", "/patterns/{pattern_id}"): ANY_ROLE,
    ("post", "/patterns/refresh"): exp(403, 403, 422),  # called with an invalid week: 422 once allowed
    ("get", "/bulletins"): ANY_ROLE,
    ("post", "/bulletins"): exp(403, 403, 409),  # called with a week not ended: 409 once allowed
    ("get", "/bulletins/feed.atom"): ANY_ROLE,
    ("get", "/bulletins/drafts"): exp(403, 403, 422),  # invalid week: 422 once allowed
    ("get", "/bulletins/{period}"): exp(404, 404, 404),  # no bulletin for the week: 404 once allowed
    ("get", "/deliveries"): ADMIN_ONLY,
    ("post", "/deliveries/{delivery_id}/resend"): exp(403, 403, 404),  # unknown delivery: 404 once allowed
}

#: Query strings for operations whose call needs one.
QUERIES = {
    ("post", "/patterns/refresh"): "period=2026-W99",
    ("post", "/bulletins"): "period=2999-W01",
    ("get", "/bulletins/drafts"): "period=2026-W99",
}

_counter = itertools.count(1)


def _body(method: str, path: str):
    n = next(_counter)
    bodies = {
        ("post", "/cases"): lambda: strip(case_payload(seed=90_000 + n)),
        ("post", "/cases/bulk"): lambda: [strip(case_payload(seed=91_000 + n))],
        ("post", "/anonymize/preview"): lambda: {"narrative": "客户手机13812345678"},
        ("post", "/moderation/cases/{case_id}/reject"): lambda: {"reason": "not enough detail"},
        ("post", "/moderation/cases/{case_id}/redact"): lambda: {"spans": [[0, 2]]},
        ("post", "/moderation/bulk-approve"): lambda: {"ids": ["0" * 32]},
        ("post", "/admin/members"): lambda: {"name": f"Matrix Bank {n}"},
        ("patch", "/admin/members/{member_id}"): lambda: {"language": "en"},
        ("post", "/admin/members/{member_id}/keys"): lambda: {"role": "member"},
        ("post", "/admin/keys/{prefix}/expire"): lambda: {},
        ("patch", "/me"): lambda: {"language": "zh"},
        ("post", "/indicators/lookup"): lambda: {"values": [{"type": "phone", "value": "13800001111"}]},
        ("post", "/patterns/{pattern_id}/feedback"): lambda: {"kind": "seen"},
    }
    maker = bodies.get((method, path))
    return maker() if maker else None


def _fresh_case(app, owner) -> str:
    with app.app_context():
        case = Case(
            member_id=owner.member_id,
            external_ref=f"MATRIX-{next(_counter)}",
            content_digest="0" * 64,
            occurred_at=utcnow(),
            fraud_type="card_cash_out",
            narrative="商户通过POS机分笔刷卡套现。",
            language="zh",
            findings=[],
            residual=[],
            anonymizer_version="test",
        )
        db.session.add(case)
        db.session.commit()
        return case.id


def _fresh_member(app) -> int:
    with app.app_context():
        member = member_service.create_member(f"Matrix Target {next(_counter)}")
        db.session.commit()
        return member.id


def _fresh_key(app) -> str:
    with app.app_context():
        member = member_service.create_member(f"Matrix Key Holder {next(_counter)}")
        issued = member_service.issue_key(member, "member")
        db.session.commit()
        return issued.api_key.prefix


def _path_value(app, name: str, owner) -> str:
    if name == "case_id":
        return _fresh_case(app, owner)
    if name == "member_id":
        return str(_fresh_member(app))
    if name == "prefix":
        return _fresh_key(app)
    if name == "pattern_id":
        return "P-MATRIX"
    if name == "period":
        return "2020-W01"
    if name == "delivery_id":
        return "999999"
    raise AssertionError(f"no value for path parameter {name!r}: add one to _path_value")


def _operations(client) -> set[tuple[str, str]]:
    spec = client.get("/api/v1/openapi.json").get_json()
    ops = set()
    for path, item in spec["paths"].items():
        for method in item:
            if method in {"get", "post", "put", "patch", "delete"}:
                ops.add((method, path.removeprefix("/api/v1")))
    return ops


def test_every_operation_is_in_the_table(client):
    ops = _operations(client)
    missing = sorted(ops - set(EXPECTED))
    stale = sorted(set(EXPECTED) - ops)
    assert not missing, f"operations without a row in EXPECTED (tests/hub/test_authz_matrix.py): {missing}"
    assert not stale, f"rows in EXPECTED for operations that no longer exist: {stale}"


@pytest.fixture
def actors(app, member_a, member_b, subscriber, admin):
    suspended = make_actor(app, "Bank Suspended", "member")
    with app.app_context():
        member_service.set_member_status(member_service.get_member("Bank Suspended"), MemberStatus.SUSPENDED)
        db.session.add(
            Pattern(
                id="P-MATRIX",
                label="x",
                keywords=[],
                status="NEW",
                first_period="2026-W46",
                last_period="2026-W46",
            )
        )
        db.session.commit()
    return {
        "none": None,
        "member": member_a,
        "other": member_b,
        "subscriber": subscriber,
        "admin": admin,
        "suspended": suspended,
    }


def _matches(expected, status: int) -> bool:
    return 200 <= status < 300 if expected == OK else status == expected


def test_authorization_matrix(app, client, actors):
    app.config["LOOKUP_RATE_LIMIT"] = "1000/minute"
    failures = []
    for method, path in sorted(_operations(client) & set(EXPECTED)):
        for actor_name in ACTORS:
            actor = actors[actor_name]
            url = re.sub(r"\{(\w+)\}", lambda m: _path_value(app, m.group(1), actors["member"]), path)
            query = QUERIES.get((method, path))
            full = f"/api/v1{url}" + (f"?{query}" if query else "")
            headers = actor.headers if actor is not None else {}
            response = client.open(full, method=method.upper(), json=_body(method, path), headers=headers)
            expected = EXPECTED[(method, path)][actor_name]
            if not _matches(expected, response.status_code):
                failures.append(
                    f"{method.upper()} {path} as {actor_name}: {response.status_code}, expected {expected}"
                )
            if response.status_code >= 400:
                body = response.get_json(silent=True)
                if not (isinstance(body, dict) and {"code", "status", "message", "errors"} <= set(body)):
                    failures.append(
                        f"{method.upper()} {path} as {actor_name}: error body is not the common one"
                    )
    assert not failures, "\n".join(failures)


def test_an_operation_without_a_row_fails_the_table_check(client, monkeypatch):
    monkeypatch.delitem(EXPECTED, ("get", "/cases"))
    with pytest.raises(AssertionError, match="without a row"):
        test_every_operation_is_in_the_table(client)
    monkeypatch.setitem(EXPECTED, ("get", "/cases"), MEMBER_ONLY)
    monkeypatch.setitem(EXPECTED, ("get", "/gone"), MEMBER_ONLY)
    with pytest.raises(AssertionError, match="no longer exist"):
        test_every_operation_is_in_the_table(client)
