"""Members' feedback on patterns: "seen it too" or "not relevant"; the counts feed the bulletin."""

from __future__ import annotations

from sqlalchemy import func

from hub.extensions import db
from hub.models import Member, Pattern, PatternFeedback, utcnow
from hub.services import audit
from hub.services.errors import Invalid, NotFound

SEEN_TOO = "seen"
NOT_RELEVANT = "not_relevant"
KINDS = (SEEN_TOO, NOT_RELEVANT)


def give_feedback(member: Member, pattern_id: str, kind: str) -> PatternFeedback:
    """Record (or change) the member's one feedback on a pattern."""
    if kind not in KINDS:
        raise Invalid("feedback must be seen or not_relevant", {"kind": [f"one of {', '.join(KINDS)}"]})
    if db.session.get(Pattern, pattern_id) is None:
        raise NotFound("pattern not found")
    row = db.session.execute(
        db.select(PatternFeedback).where(
            PatternFeedback.pattern_id == pattern_id, PatternFeedback.member_id == member.id
        )
    ).scalar_one_or_none()
    if row is None:
        row = PatternFeedback(pattern_id=pattern_id, member_id=member.id, kind=kind)
        db.session.add(row)
    elif row.kind != kind:
        row.kind = kind
        row.created_at = utcnow()
    else:
        return row
    db.session.flush()
    audit.record("pattern.feedback", "pattern", pattern_id, {"kind": kind})
    return row


def withdraw_feedback(member: Member, pattern_id: str) -> None:
    """Remove the member's feedback on a pattern (nothing happens when there is none)."""
    row = db.session.execute(
        db.select(PatternFeedback).where(
            PatternFeedback.pattern_id == pattern_id, PatternFeedback.member_id == member.id
        )
    ).scalar_one_or_none()
    if row is None:
        if db.session.get(Pattern, pattern_id) is None:
            raise NotFound("pattern not found")
        return
    db.session.delete(row)
    db.session.flush()
    audit.record("pattern.feedback_withdrawn", "pattern", pattern_id)


def feedback_counts(pattern_ids=None) -> dict[str, dict[str, int]]:
    """``{pattern_id: {"seen": n, "not_relevant": m}}`` for the given patterns (all when ``None``)."""
    query = db.select(PatternFeedback.pattern_id, PatternFeedback.kind, func.count()).group_by(
        PatternFeedback.pattern_id, PatternFeedback.kind
    )
    if pattern_ids is not None:
        ids = list(pattern_ids)
        if not ids:
            return {}
        query = query.where(PatternFeedback.pattern_id.in_(ids))
    counts: dict[str, dict[str, int]] = {}
    for pattern_id, kind, n in db.session.execute(query):
        counts.setdefault(pattern_id, dict.fromkeys(KINDS, 0))[kind] = n
    for pattern_id in pattern_ids or ():
        counts.setdefault(pattern_id, dict.fromkeys(KINDS, 0))
    return counts
