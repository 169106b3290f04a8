"""Attack patterns: run the tracker over each week's approved cases and keep what it found.

Weeks are clustered in order, each exactly once by the scheduler (an on-demand refresh of the latest
week re-runs it; the tracker rolls its own state back first). The tracker's full state after every
run is stored in ``clustering_run`` so the next week resumes it, in any process.
"""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from flask import current_app
from sqlalchemy import func
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

import clustering
from bulletins.periods import period_of, shift_period
from hub.extensions import db
from hub.models import (
    Case,
    CaseStatus,
    ClusteringRun,
    IndicatorSighting,
    Pattern,
    PatternPeriod,
    utcnow,
)
from hub.services import audit, locks
from hub.services.bulletins import alliance_timezone, check_period, period_window_utc
from hub.services.errors import Conflict, NotFound
from hub.services.feedback import feedback_counts

#: How many weeks of history the first run clusters.
HISTORY_WEEKS = 12


def _latest_run() -> ClusteringRun | None:
    return db.session.execute(db.select(ClusteringRun).order_by(ClusteringRun.id.desc()).limit(1)).scalar()


def _tracker(run: ClusteringRun | None) -> clustering.PatternTracker:
    if run is None:
        return clustering.PatternTracker(random_state=0)
    return clustering.PatternTracker.from_state(run.state)


def period_cases(period: str) -> list[dict]:
    """The approved cases of *period* as the plain dicts the tracker reads (anonymized text only)."""
    start, end = period_window_utc(period)
    rows = db.session.execute(
        db.select(
            Case.id,
            Case.narrative,
            Case.submitted_at,
            Case.fraud_type,
            Case.channel,
            Case.mcc,
            Case.amount,
            Case.currency,
            Case.region,
            Case.member_id,
        )
        .where(Case.status == CaseStatus.APPROVED, Case.submitted_at >= start, Case.submitted_at < end)
        .order_by(Case.submitted_at, Case.id)
    ).all()
    tokens: dict[str, list[str]] = {}
    for case_id, token in db.session.execute(
        db.select(IndicatorSighting.case_id, IndicatorSighting.token)
        .join(Case, Case.id == IndicatorSighting.case_id)
        .where(Case.status == CaseStatus.APPROVED, Case.submitted_at >= start, Case.submitted_at < end)
    ):
        tokens.setdefault(case_id, []).append(token)
    return [
        {
            "id": r.id,
            "text": r.narrative,
            "submitted_at": r.submitted_at.isoformat() + "+00:00",
            "fraud_type": r.fraud_type,
            "channel": r.channel,
            "mcc": r.mcc,
            "amount": float(r.amount) if r.amount is not None else None,
            "currency": r.currency,
            "region": r.region,
            "member": str(r.member_id),
            "indicator_tokens": tokens.get(r.id, []),
        }
        for r in rows
    ]


def run_period(period: str) -> ClusteringRun:
    """Cluster *period* (and any earlier week not clustered yet, in order) and store the result."""
    check_period(period)
    locks.exclusive("patterns")
    latest = _latest_run()
    if latest is not None and latest.period > period:
        raise Conflict(
            "a later week was already clustered; weeks are clustered in order",
            {"period": [f"latest clustered week is {latest.period}"]},
        )
    if latest is not None:
        floor = latest.period
    else:
        # the first run starts at the oldest approved case, at most HISTORY_WEEKS back
        oldest = db.session.execute(
            db.select(func.min(Case.submitted_at)).where(Case.status == CaseStatus.APPROVED)
        ).scalar()
        floor = shift_period(period, -HISTORY_WEEKS)
        if oldest is not None:
            floor = max(floor, shift_period(period_of(oldest.replace(tzinfo=UTC), alliance_timezone()), -1))
    todo = [period]
    cursor = shift_period(period, -1)
    while cursor > floor:
        todo.insert(0, cursor)
        cursor = shift_period(cursor, -1)
    tracker = _tracker(latest)
    run = None
    for week in todo:
        cases = period_cases(week)
        result = tracker.run_period(cases, week)
        _store(week, result)
        run = ClusteringRun(
            period=week, cases=len(cases), patterns=len(result.patterns), state=tracker.to_state()
        )
        db.session.add(run)
        db.session.flush()
        _prune_states(keep=run.id)
        audit.record(
            "patterns.refreshed", "period", week, {"cases": len(cases), "patterns": len(result.patterns)}
        )
    return run


def _prune_states(keep: int) -> None:
    """Only the latest run's tracker state is kept: older states (which hold copies of anonymized
    narratives in the tracker's memory) are emptied, their counts stay."""
    db.session.execute(db.update(ClusteringRun).where(ClusteringRun.id != keep).values(state={}))


def scrub_state(pieces: list[str], mask: str) -> None:
    """Replace *pieces* of text by *mask* in the narratives the stored tracker state remembers (used by
    "redact further", so a masked span survives nowhere)."""
    run = _latest_run()
    if run is None or not pieces:
        return
    state = run.state

    def scrub(memory):
        for item in memory or []:
            case = item.get("case", {})
            text = case.get("text")
            if isinstance(text, str):
                for piece in sorted(pieces, key=len, reverse=True):
                    if piece.strip():
                        text = text.replace(piece, mask)
                case["text"] = text

    scrub(state.get("memory"))
    scrub((state.get("before_last_period") or {}).get("memory"))
    run.state = dict(state)
    flag_modified(run, "state")
    db.session.flush()


def ensure_period(period: str) -> ClusteringRun | None:
    """Cluster *period* unless it (or a later week) already was."""
    latest = _latest_run()
    if latest is not None and latest.period >= period:
        return None
    return run_period(period)


def _store(period: str, result) -> None:
    db.session.execute(db.delete(PatternPeriod).where(PatternPeriod.period == period))
    now = utcnow()
    for summary in result.patterns:
        pattern = db.session.get(Pattern, summary.pattern_id)
        if pattern is None:
            pattern = Pattern(id=summary.pattern_id, first_period=summary.first_period)
            db.session.add(pattern)
        pattern.label = summary.label[:300]
        pattern.keywords = list(summary.keywords)
        pattern.language = summary.language
        pattern.status = summary.status
        pattern.last_period = max(period, pattern.last_period or period)
        pattern.fraud_type = summary.fraud_type
        pattern.channel = summary.channel
        pattern.mcc = summary.mcc
        pattern.amount_band = summary.amount_band
        pattern.excerpts = list(summary.excerpts)
        pattern.updated_at = now
        db.session.add(
            PatternPeriod(
                pattern_id=summary.pattern_id,
                period=period,
                size=summary.size,
                members=summary.members,
                amount_total=Decimal(str(round(summary.amount_total or 0, 2))),
                status=summary.status,
                stats={
                    "baseline": summary.baseline,
                    "growth_ratio": summary.growth_ratio,
                    "p_value": summary.p_value,
                    "similarity_to_known": summary.similarity_to_known,
                },
            )
        )
    db.session.flush()
    by_pattern: dict[str | None, list[str]] = {}
    for case_id, pattern_id in result.assignments.items():
        by_pattern.setdefault(pattern_id, []).append(case_id)
    for pattern_id, ids in by_pattern.items():
        for start in range(0, len(ids), 500):
            db.session.execute(
                db.update(Case).where(Case.id.in_(ids[start : start + 500])).values(pattern_id=pattern_id)
            )


# ----------------------------------------------------------------------------------------------------
# what members see


def _distinct_members(pattern_ids: list[str]) -> dict[str, int]:
    if not pattern_ids:
        return {}
    return dict(
        db.session.execute(
            db.select(Case.pattern_id, func.count(func.distinct(Case.member_id)))
            .where(Case.pattern_id.in_(pattern_ids), Case.status == CaseStatus.APPROVED)
            .group_by(Case.pattern_id)
        ).all()
    )


def describe(pattern: Pattern, members: int, feedback: dict, *, detail: bool) -> dict:
    """A pattern as members see it: described only when at least ``k`` distinct members reported it."""
    k = current_app.config["MIN_MEMBERS"]
    periods = sorted(pattern.periods, key=lambda p: p.period)
    latest = periods[-1] if periods else None
    out = {
        "id": pattern.id,
        "status": pattern.status,
        "first_period": pattern.first_period,
        "last_period": pattern.last_period,
        "size": latest.size if latest else 0,
        "sizes": {p.period: p.size for p in periods},
        "members": members,
        "described": members >= k,
        "feedback": feedback,
    }
    if members >= k:
        out.update(
            {
                "label": pattern.label,
                "keywords": pattern.keywords,
                "language": pattern.language,
                "fraud_type": pattern.fraud_type,
                "channel": pattern.channel,
                "mcc": pattern.mcc,
                "amount_band": pattern.amount_band,
            }
        )
        if detail:
            out["excerpts"] = pattern.excerpts
            out["trend"] = [
                {
                    "period": p.period,
                    "size": p.size,
                    "members": p.members,
                    "amount_total": str(p.amount_total),
                    "status": p.status,
                }
                for p in periods
            ]
    return out


def list_patterns(args: dict) -> list[dict]:
    query = db.select(Pattern)
    if args.get("status"):
        query = query.where(Pattern.status == args["status"])
    if args.get("period"):
        query = query.join(PatternPeriod).where(PatternPeriod.period == args["period"])
    patterns = (
        db.session.execute(
            query.options(selectinload(Pattern.periods)).order_by(Pattern.last_period.desc(), Pattern.id)
        )
        .scalars()
        .unique()
        .all()
    )
    ids = [p.id for p in patterns]
    members = _distinct_members(ids)
    feedback = feedback_counts(ids)
    order = {"NEW": 0, "GROWING": 1, "STABLE": 2, "FADING": 3}
    described = [describe(p, members.get(p.id, 0), feedback[p.id], detail=False) for p in patterns]
    return sorted(described, key=lambda d: (order.get(d["status"], 9), -d["size"], d["id"]))


def get_pattern(pattern_id: str) -> dict:
    pattern = db.session.get(Pattern, pattern_id) if len(pattern_id or "") <= 16 else None
    if pattern is None:
        raise NotFound("pattern not found")
    return describe(
        pattern,
        _distinct_members([pattern.id]).get(pattern.id, 0),
        feedback_counts([pattern.id])[pattern.id],
        detail=True,
    )


def refresh(period: str | None = None) -> dict:
    """On-demand clustering of a week (default: the current one), re-running it if it was the latest."""
    from datetime import UTC, datetime

    period = check_period(period) if period else period_of(datetime.now(UTC), current_app.config["TIMEZONE"])
    run = run_period(period)
    return {"period": run.period, "cases": run.cases, "patterns": run.patterns}
