"""Read-only figures the pages show that no API resource answers yet (counts only; no rule lives here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func

from hub.extensions import db
from hub.models import AuditEvent, Case, CaseStatus
from hub.services import bulletin_views
from hub.services.bulletins import alliance_timezone, period_window_utc


def own_status_counts(member_id: int) -> dict[str, int]:
    """The member's own cases by status."""
    rows = db.session.execute(
        db.select(Case.status, func.count()).where(Case.member_id == member_id).group_by(Case.status)
    ).all()
    counts = {status.value: 0 for status in CaseStatus}
    counts.update(dict(rows))
    return counts


def this_week() -> dict:
    """This week so far, alliance-wide: approved cases and how many members reported (counts only)."""
    import bulletins

    period = bulletins.period_of(datetime.now(UTC), alliance_timezone())
    start, end = period_window_utc(period)
    cases, members = db.session.execute(
        db.select(func.count(), func.count(func.distinct(Case.member_id))).where(
            Case.status == CaseStatus.APPROVED.value, Case.submitted_at >= start, Case.submitted_at < end
        )
    ).one()
    return {"period": period, "cases": cases, "members": members}


def latest_bulletin() -> dict | None:
    """The newest published bulletin's period, headline and highlights (its published content)."""
    items = bulletin_views.list_bulletins(1, with_content=True)
    if not items:
        return None
    content = json.loads(items[0].content_json)
    return {
        "period": items[0].period,
        "headline": content.get("headline", {}),
        "highlights": content.get("highlights", {}),
        "patterns_summary": content.get("patterns_summary", {}),
    }


def audit_page(before_id: int | None, action: str | None, limit: int = 50) -> dict:
    """Audit events newest first (the same filters as ``GET /api/v1/audit``: exact action or prefix.)."""
    query = db.select(AuditEvent)
    if action:
        query = query.where(
            AuditEvent.action.startswith(action, autoescape=True)
            if action.endswith(".")
            else AuditEvent.action == action
        )
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    rows = db.session.execute(query.order_by(AuditEvent.id.desc()).limit(limit + 1)).scalars().all()
    items = rows[:limit]
    return {"items": items, "next_before_id": items[-1].id if len(rows) > limit else None}
