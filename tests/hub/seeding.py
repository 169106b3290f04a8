"""Approved cases placed in chosen weeks, through the real services (anonymizer included)."""

from __future__ import annotations

from datetime import datetime, timedelta

from hub.api.cases.schemas import CaseCreateSchema
from hub.demo import generate_cases
from hub.extensions import db
from hub.models import Case, Member
from hub.services import cases as case_service
from hub.services import moderation


def seed_week(
    app,
    member_names: list[str],
    period_monday: datetime,
    n: int,
    *,
    seed: int = 1,
    fraud_types: list[str] | None = None,
) -> list[str]:
    """*n* approved cases submitted during the week starting *period_monday* (naive UTC), spread over
    the given members; returns the case ids."""
    schema = CaseCreateSchema()
    rows = generate_cases(n * 3 if fraud_types else n, seed=seed)
    if fraud_types:
        rows = [r for r in rows if r["fraud_type"] in fraud_types][:n]
    ids = []
    with app.app_context():
        members = [
            db.session.execute(db.select(Member).where(Member.name == name)).scalar_one()
            for name in member_names
        ]
        for index, row in enumerate(rows):
            row = dict(
                row,
                external_ref=f"S{seed}-{index}",
                occurred_at=(period_monday + timedelta(hours=index % 100)).isoformat() + "Z",
            )
            case, _ = case_service.submit_case(members[index % len(members)], schema.load(row))
            case.submitted_at = period_monday + timedelta(hours=1 + (index * 7) % 150)
            moderation.approve(case)
            ids.append(case.id)
        db.session.commit()
    return ids


def case_count(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count()).select_from(Case)).scalar_one()
