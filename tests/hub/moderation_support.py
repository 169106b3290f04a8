"""Helpers shared by the moderation, look-up, feedback, score and anonymity tests."""

from __future__ import annotations

from datetime import timedelta

from hub.extensions import db
from hub.models import Case, Pattern, PatternPeriod, utcnow
from tests.hub.factories import case_payload, strip


def submit(client, actor, seed: int, **overrides) -> dict:
    """Submit one synthetic case as *actor*; return the answer."""
    payload = case_payload(seed=seed, **overrides)
    response = client.post("/api/v1/cases", json=strip(payload), headers=actor.headers)
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    body = response.get_json()
    body["_pii"] = payload["_pii"]
    body["_payload"] = payload
    return body


def approve(client, admin, case_id: str) -> dict:
    response = client.post(f"/api/v1/moderation/cases/{case_id}/approve", headers=admin.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()


def set_case(app, case_id: str, **values) -> None:
    """Change stored columns of a case directly (ages, residual warnings)."""
    with app.app_context():
        case = db.session.get(Case, case_id)
        for name, value in values.items():
            setattr(case, name, value)
        db.session.commit()


def age_case(app, case_id: str, hours: float) -> None:
    set_case(app, case_id, submitted_at=utcnow() - timedelta(hours=hours))


RESIDUAL = [
    {"kind": "digit_run", "out_start": 0, "out_end": 2, "score": 0.6, "message": "a run of digits remains"}
]


def make_pattern(app, pattern_id: str, case_ids: list[str], excerpts: list | None = None) -> None:
    """A pattern as the clustering run would leave it, with *case_ids* assigned to it."""
    with app.app_context():
        db.session.add(
            Pattern(
                id=pattern_id,
                label="POS 分笔刷卡套现",
                keywords=["套现", "POS"],
                language="zh",
                status="NEW",
                first_period="2026-W46",
                last_period="2026-W46",
                fraud_type="card_cash_out",
                excerpts=excerpts or [],
            )
        )
        db.session.flush()
        db.session.add(
            PatternPeriod(
                pattern_id=pattern_id, period="2026-W46", size=len(case_ids), members=1, status="NEW"
            )
        )
        for case_id in case_ids:
            db.session.get(Case, case_id).pattern_id = pattern_id
        db.session.commit()
