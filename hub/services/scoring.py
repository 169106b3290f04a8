"""The contribution score (信誉积分) of a member: what it shares, how good and how timely, and its feedback.

``score = 40·V + 30·Q + 20·T + 10·E`` on 0–100, with

* ``V = min(1, ln(1 + approved) / ln(1 + 50))`` — volume of approved cases (50 approved cases fill it);
* ``Q = (approved + 1) / (approved + rejected + 2)`` — approval rate with a Laplace prior, so that one
  early rejection or approval does not swing it;
* ``T = 1 / (1 + d / 7)`` with ``d`` the median days from ``occurred_at`` to ``submitted_at`` over the
  approved cases (same day ≈ 1, a week = 0.5); 0 with no approved case;
* ``E = min(1, feedback / 10)`` — patterns the member gave feedback on (10 fill it).

Pending and withdrawn cases do not count. See docs/moderation.md.
"""

from __future__ import annotations

import math
import statistics

from sqlalchemy import func

from hub.extensions import db
from hub.models import Case, CaseStatus, Member, PatternFeedback

WEIGHTS = {"volume": 40.0, "quality": 30.0, "timeliness": 20.0, "engagement": 10.0}
VOLUME_FULL = 50
TIMELINESS_HALF_DAYS = 7.0
ENGAGEMENT_FULL = 10


def contribution_score(member: Member) -> dict:
    """The member's score with every input and component, so that it can be checked by hand."""
    counts = dict(
        db.session.execute(
            db.select(Case.status, func.count()).where(Case.member_id == member.id).group_by(Case.status)
        ).all()
    )
    approved = counts.get(CaseStatus.APPROVED.value, 0)
    rejected = counts.get(CaseStatus.REJECTED.value, 0)
    delays = [
        (submitted - occurred).total_seconds() / 86400
        for occurred, submitted in db.session.execute(
            db.select(Case.occurred_at, Case.submitted_at).where(
                Case.member_id == member.id, Case.status == CaseStatus.APPROVED.value
            )
        )
    ]
    median_days = max(0.0, statistics.median(delays)) if delays else None
    feedback = db.session.execute(
        db.select(func.count()).select_from(PatternFeedback).where(PatternFeedback.member_id == member.id)
    ).scalar_one()
    components = {
        "volume": min(1.0, math.log1p(approved) / math.log1p(VOLUME_FULL)),
        "quality": (approved + 1) / (approved + rejected + 2),
        "timeliness": 0.0 if median_days is None else 1 / (1 + median_days / TIMELINESS_HALF_DAYS),
        "engagement": min(1.0, feedback / ENGAGEMENT_FULL),
    }
    score = sum(WEIGHTS[name] * value for name, value in components.items())
    return {
        "score": round(score, 1),
        "approved": approved,
        "rejected": rejected,
        "pending": counts.get(CaseStatus.PENDING.value, 0),
        "approval_rate": round(approved / (approved + rejected), 4) if approved + rejected else None,
        "median_delay_days": None if median_days is None else round(median_days, 2),
        "feedback_given": feedback,
        "components": {name: round(value, 4) for name, value in components.items()},
        "formula": "40*volume + 30*quality + 20*timeliness + 10*engagement",
    }
