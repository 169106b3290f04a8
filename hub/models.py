"""The hub's data: members and their keys, cases, indicator sightings and the audit trail.

Times are stored as naive UTC (``utcnow``) on every backend. No column ever holds a raw narrative, a raw
indicator value or a key secret: narratives are stored anonymized, indicators as keyed tokens, API keys
as SHA-256 hashes of 256-bit random secrets.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db


def utcnow() -> datetime:
    """Current time as naive UTC, the form every timestamp column stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_case_id() -> str:
    return uuid.uuid4().hex


class Role(enum.StrEnum):
    MEMBER = "member"
    SUBSCRIBER = "subscriber"
    ADMIN = "admin"


class MemberStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class CaseStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Member(db.Model):
    """A member institution. ``code`` is its public pseudonym; ``name`` is shown to admins only."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2), default="zh")
    status: Mapped[str] = mapped_column(String(16), default=MemberStatus.ACTIVE.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Where bulletins are POSTed; the signing secret is derived from the hub's key and this version
    #: (never stored), so rotating it is a version bump.
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    webhook_secret_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    email_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    api_keys: Mapped[list[ApiKey]] = relationship(back_populates="member")

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE


class ApiKey(db.Model):
    """An API key. Only ``prefix`` (public, for look-up and lists) and the SHA-256 of the secret are kept."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship(back_populates="api_keys")

    def usable_at(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class Case(db.Model):
    """A fraud or cash-out case as stored: anonymized narrative, findings and structured fields."""

    __tablename__ = "case"
    __table_args__ = (
        UniqueConstraint("member_id", "external_ref"),
        Index("ix_case_member_submitted", "member_id", "submitted_at", "id"),
        Index("ix_case_status_submitted", "status", "submitted_at"),
        # the member's own figures (dashboard, score) and a pattern's distinct members, from the index alone
        Index("ix_case_member_status", "member_id", "status", "occurred_at", "submitted_at"),
        Index("ix_case_pattern_status", "pattern_id", "status", "member_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_case_id)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    external_ref: Mapped[str] = mapped_column(String(100))
    #: Keyed digest of the submitted content, to tell an identical re-submission from a conflicting one.
    content_digest: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    fraud_type: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str | None] = mapped_column(String(32))
    mcc: Mapped[str | None] = mapped_column(String(4))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    region: Mapped[str | None] = mapped_column(String(64))
    narrative: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    findings: Mapped[list] = mapped_column(JSON, default=list)
    residual: Mapped[list] = mapped_column(JSON, default=list)
    anonymizer_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.PENDING.value)
    moderated_at: Mapped[datetime | None]
    #: Who decided: an admin's API key, or a person signed in to the web pages (one of the two).
    moderated_by: Mapped[int | None] = mapped_column(ForeignKey("api_key.id"))
    moderated_by_user: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    moderation_reason: Mapped[str | None] = mapped_column(String(1000))
    #: Spans an admin masked on top of the anonymizer ("redact further"); the count only.
    redactions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    pattern_id: Mapped[str | None] = mapped_column(ForeignKey("pattern.id"))

    member: Mapped[Member] = relationship()
    sightings: Mapped[list[IndicatorSighting]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )


class IndicatorSighting(db.Model):
    """One indicator (phone, card, …) seen in one case, as a keyed token and the id of the key."""

    __tablename__ = "indicator_sighting"
    __table_args__ = (
        UniqueConstraint("case_id", "kind", "token"),
        # covering index of the look-up: token and kind find the sightings, case_id joins the case
        Index("ix_indicator_sighting_token", "token", "kind", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(16))
    #: ``submitted`` when sent in the case's indicator list, ``narrative`` when found in its text.
    source: Mapped[str] = mapped_column(String(16))

    case: Mapped[Case] = relationship(back_populates="sightings")


class AuditEvent(db.Model):
    """One state change. ``digest`` = SHA-256 over the canonical form, which includes ``prev_digest``."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    actor_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The chain: each previous digest may be followed once, so a fork cannot be written.
    prev_digest: Mapped[str] = mapped_column(String(64), unique=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)


class User(db.Model):
    """A person who signs in to the web pages (API keys are for machines)."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(2))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    #: Part of every session's fingerprint; signing out bumps it, so copies of the cookie stop working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    member: Mapped[Member] = relationship()


class PatternStatus(enum.StrEnum):
    NEW = "NEW"
    GROWING = "GROWING"
    STABLE = "STABLE"
    FADING = "FADING"


class Pattern(db.Model):
    """An attack pattern with a stable id across weeks; its latest label, keywords and lifecycle status."""

    __tablename__ = "pattern"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    label: Mapped[str] = mapped_column(String(300))
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    language: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    first_period: Mapped[str] = mapped_column(String(8))
    last_period: Mapped[str] = mapped_column(String(8))
    fraud_type: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str | None] = mapped_column(String(32))
    mcc: Mapped[str | None] = mapped_column(String(4))
    amount_band: Mapped[str | None] = mapped_column(String(32))
    excerpts: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    periods: Mapped[list[PatternPeriod]] = relationship(
        back_populates="pattern", order_by="PatternPeriod.period"
    )


class PatternPeriod(db.Model):
    """A pattern's figures in one ISO week."""

    __tablename__ = "pattern_period"
    __table_args__ = (UniqueConstraint("pattern_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern_id: Mapped[str] = mapped_column(ForeignKey("pattern.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(8), index=True)
    size: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
    amount_total: Mapped[Decimal] = mapped_column(Numeric(20, 2), default=0)
    status: Mapped[str] = mapped_column(String(16))
    stats: Mapped[dict] = mapped_column(JSON, default=dict)

    pattern: Mapped[Pattern] = relationship(back_populates="periods")


class ClusteringRun(db.Model):
    """One run of the pattern tracker for a period, with the tracker's full state after it."""

    __tablename__ = "clustering_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(8), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cases: Mapped[int] = mapped_column(Integer)
    patterns: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict] = mapped_column(JSON)


class PatternFeedback(db.Model):
    """A member's "seen it too" or "not relevant" on a pattern (one per member and pattern)."""

    __tablename__ = "pattern_feedback"
    __table_args__ = (UniqueConstraint("pattern_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pattern_id: Mapped[str] = mapped_column(ForeignKey("pattern.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Bulletin(db.Model):
    """A weekly report. Once published it is final: content, renderings and digests never change."""

    __tablename__ = "bulletin"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(8), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    content_json: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    prev_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    html_zh: Mapped[str] = mapped_column(Text)
    html_en: Mapped[str] = mapped_column(Text)
    pdf_zh: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_en: Mapped[bytes] = mapped_column(LargeBinary)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # permanently: visible to admins, may be re-sent


class Delivery(db.Model):
    """One bulletin to one member by one channel: the outbox row."""

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("bulletin_id", "member_id", "channel"),
        Index("ix_delivery_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletin.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    message_id: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    bulletin: Mapped[Bulletin] = relationship()
    member: Mapped[Member] = relationship()
