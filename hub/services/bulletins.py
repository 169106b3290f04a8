"""Publishing the weekly Risk Early-Warning Report: assemble, render, chain, and queue deliveries.

A case belongs to the ISO week (alliance time zone) of its ``submitted_at``; a bulletin reports the
approved cases of its week as they stand when it is published. A bulletin is published once per
period: the ``period`` column is unique, ``prev_digest`` is unique (the chain cannot fork) and on
PostgreSQL a transaction-scoped advisory lock serialises publishers, so two schedulers started by
mistake publish one bulletin.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy.exc import IntegrityError

import bulletins
from hub.extensions import db
from hub.models import (
    Bulletin,
    Case,
    CaseStatus,
    Delivery,
    DeliveryStatus,
    IndicatorSighting,
    Member,
    MemberStatus,
    Pattern,
    PatternPeriod,
    utcnow,
)
from hub.services import audit, locks
from hub.services.errors import Conflict, Invalid, NotFound
from hub.services.feedback import feedback_counts

CHANNELS = ("email", "webhook", "in_app")


def alliance_timezone() -> str:
    """The alliance's time zone."""
    return current_app.config["TIMEZONE"]


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def check_period(period: str) -> str:
    """The period if it is a valid ISO week (``2026-W47``); :class:`Invalid` otherwise."""
    try:
        bulletins.period_bounds(period)
    except (ValueError, TypeError):
        raise Invalid("period must be an ISO week such as 2026-W47", {"period": ["invalid"]}) from None
    return period


def last_complete_period(now: datetime | None = None) -> str:
    """The latest ISO week that has ended, in the alliance's time zone."""
    return bulletins.last_complete_period(now or datetime.now(UTC), alliance_timezone())


def period_window_utc(period: str) -> tuple[datetime, datetime]:
    """``[start, end)`` of an ISO week as naive UTC, the form the database stores."""
    start, end = bulletins.period_window(period, alliance_timezone())
    return _naive_utc(start), _naive_utc(end)


def _approved_cases(start: datetime, end: datetime) -> list[dict]:
    """Approved cases submitted in ``[start, end)``, as the dicts :func:`bulletins.aggregate` reads."""
    rows = db.session.execute(
        db.select(
            Case.id,
            Case.member_id,
            Case.submitted_at,
            Case.fraud_type,
            Case.channel,
            Case.region,
            Case.mcc,
            Case.amount,
            Case.pattern_id,
        ).where(Case.status == CaseStatus.APPROVED, Case.submitted_at >= start, Case.submitted_at < end)
    ).all()
    cases = {}
    for row in rows:
        cases[row.id] = {
            "member": row.member_id,
            "submitted_at": row.submitted_at,
            "fraud_type": row.fraud_type,
            "channel": row.channel,
            "region": row.region,
            "mcc": row.mcc,
            "amount": float(row.amount) if row.amount is not None else 0.0,
            "pattern_id": row.pattern_id,
            "indicators": [],
        }
    sightings = db.session.execute(
        db.select(IndicatorSighting.case_id, IndicatorSighting.kind, IndicatorSighting.token)
        .join(Case, Case.id == IndicatorSighting.case_id)
        .where(Case.status == CaseStatus.APPROVED, Case.submitted_at >= start, Case.submitted_at < end)
    ).all()
    for case_id, kind, token in sightings:
        cases[case_id]["indicators"].append({"kind": kind.upper(), "token": token})
    return list(cases.values())


def _patterns(period: str) -> list[dict]:
    """The patterns active in *period*, with their history and the members' feedback."""
    periods = (
        db.session.execute(db.select(PatternPeriod).where(PatternPeriod.period == period)).scalars().all()
    )
    if not periods:
        return []
    ids = [p.pattern_id for p in periods]
    history: dict[str, dict[str, int]] = {}
    for pid, per, size in db.session.execute(
        db.select(PatternPeriod.pattern_id, PatternPeriod.period, PatternPeriod.size).where(
            PatternPeriod.pattern_id.in_(ids), PatternPeriod.period <= period
        )
    ):
        history.setdefault(pid, {})[per] = size
    feedback = feedback_counts(ids)
    patterns = {p.id: p for p in db.session.execute(db.select(Pattern).where(Pattern.id.in_(ids))).scalars()}
    out = []
    for per in periods:
        pattern = patterns[per.pattern_id]
        item = {
            "pattern_id": pattern.id,
            "status": per.status,
            "size": per.size,
            "members": per.members,
            "label": pattern.label,
            "keywords": list(pattern.keywords or []),
            "sizes": history.get(pattern.id, {}),
            "feedback": feedback[pattern.id],
        }
        if pattern.fraud_type:
            item["fraud_type"] = pattern.fraud_type
        if pattern.excerpts:
            item["excerpt"] = pattern.excerpts[0]
        out.append(item)
    return out


def _last_published() -> Bulletin | None:
    return db.session.execute(db.select(Bulletin).order_by(Bulletin.id.desc()).limit(1)).scalar_one_or_none()


def assemble(period: str, now: datetime | None = None, previous_digest: str | None = None) -> dict:
    """The bulletin content of *period* from the database (nothing is written)."""
    check_period(period)
    first = bulletins.previous_periods(period, 4)[0]
    start, _ = period_window_utc(first)
    _, end = period_window_utc(period)
    data = bulletins.aggregate(
        _approved_cases(start, end),
        period=period,
        k=current_app.config["MIN_MEMBERS"],
        generated_at=(now or datetime.now(UTC)).astimezone(UTC),
        timezone=alliance_timezone(),
        patterns=_patterns(period),
        previous_digest=previous_digest,
    )
    return bulletins.build_content(data)


@dataclass
class Rendered:
    content_json: bytes
    digest: str
    html_zh: str
    html_en: str
    pdf_zh: bytes
    pdf_en: bytes


def render(content: dict) -> Rendered:
    raw = bulletins.render_json(content)
    charts = {lang: bulletins.render_charts(content, lang) for lang in ("zh", "en")}
    return Rendered(
        raw,
        bulletins.digest(raw),
        bulletins.render_html(content, "zh", charts=charts["zh"]),
        bulletins.render_html(content, "en", charts=charts["en"]),
        bulletins.render_pdf(content, "zh", charts=charts["zh"]),
        bulletins.render_pdf(content, "en", charts=charts["en"]),
    )


def preview(period: str, now: datetime | None = None) -> dict:
    """A draft of *period*'s bulletin as it would be published now (not stored, not chained)."""
    last = _last_published()
    return assemble(period, now, previous_digest=last.digest if last else None)


def get_bulletin(period: str) -> Bulletin:
    check_period(period)
    bulletin = db.session.execute(db.select(Bulletin).where(Bulletin.period == period)).scalar_one_or_none()
    if bulletin is None:
        raise NotFound("no bulletin was published for this period")
    return bulletin


def publish(period: str | None = None, now: datetime | None = None) -> tuple[Bulletin, bool]:
    """Publish *period* (default: the last complete week) once; ``(bulletin, created)``.

    Publishing an already published period returns it unchanged. A period that has not ended cannot
    be published. The new bulletin chains to the last published one, and one delivery per member and
    channel is queued in the same transaction.
    """
    now = now or datetime.now(UTC)
    period = check_period(period or last_complete_period(now))
    _, end = bulletins.period_window(period, alliance_timezone())
    if end > now.astimezone(UTC):
        raise Conflict("this period has not ended yet; preview its draft instead", {"period": ["not ended"]})
    locks.exclusive("publish")
    existing = db.session.execute(db.select(Bulletin).where(Bulletin.period == period)).scalar_one_or_none()
    if existing is not None:
        return existing, False
    last = _last_published()
    content = assemble(period, now, previous_digest=last.digest if last else None)
    rendered = render(content)
    bulletin = Bulletin(
        period=period,
        status="published",
        content_json=rendered.content_json,
        digest=rendered.digest,
        prev_digest=last.digest if last else None,
        html_zh=rendered.html_zh,
        html_en=rendered.html_en,
        pdf_zh=rendered.pdf_zh,
        pdf_en=rendered.pdf_en,
        published_at=_naive_utc(now),
    )
    try:
        with db.session.begin_nested():
            db.session.add(bulletin)
            db.session.flush()
    except IntegrityError:
        # another publisher won the race between our check and our insert
        existing = db.session.execute(
            db.select(Bulletin).where(Bulletin.period == period)
        ).scalar_one_or_none()
        if existing is None:
            raise Conflict("another bulletin was published at the same time; retry") from None
        return existing, False
    queued = queue_deliveries(bulletin)
    audit.record(
        "bulletin.published",
        "bulletin",
        bulletin.period,
        {"digest": bulletin.digest, "prev_digest": bulletin.prev_digest, "deliveries": queued},
    )
    return bulletin, True


def queue_deliveries(bulletin: Bulletin) -> int:
    """One delivery per active member and channel it uses (e-mail, webhook, in-app)."""
    rows = []
    now = utcnow()
    for member in db.session.execute(db.select(Member).where(Member.status == MemberStatus.ACTIVE)).scalars():
        channels = ["in_app"]
        if member.contact_email and member.email_enabled:
            channels.append("email")
        if member.webhook_url:
            channels.append("webhook")
        for channel in channels:
            done = channel == "in_app"
            rows.append(
                {
                    "bulletin_id": bulletin.id,
                    "member_id": member.id,
                    "channel": channel,
                    "status": DeliveryStatus.SENT.value if done else DeliveryStatus.PENDING.value,
                    "attempts": 0,
                    "next_attempt_at": now,
                    "sent_at": now if done else None,
                    "created_at": now,
                    "message_id": f"bulletin-{bulletin.period}-m{member.id}-{channel}-{secrets.token_hex(6)}",
                }
            )
    if rows:
        db.session.execute(db.insert(Delivery), rows)
    return len(rows)


@dataclass
class BulletinChainReport:
    ok: bool
    checked: int
    problems: list[str]


def verify_chain() -> BulletinChainReport:
    """Check every published bulletin: its digest, its stored link and the link inside its JSON."""
    problems: list[str] = []
    previous = None
    checked = 0
    for bulletin in db.session.execute(db.select(Bulletin).order_by(Bulletin.id)).scalars():
        checked += 1
        if bulletins.digest(bulletin.content_json) != bulletin.digest:
            problems.append(f"{bulletin.period}: content does not match its digest (edited)")
        if bulletin.prev_digest != previous:
            problems.append(f"{bulletin.period}: previous digest does not match the bulletin before it")
        problems += [
            f"{bulletin.period}: {p}"
            for p in bulletins.verify_chain([bulletin.content_json], first_previous=previous)
        ]
        previous = bulletin.digest
    return BulletinChainReport(not problems, checked, problems)
