"""Moderation of submitted cases: the review queue, decisions, redact-further and auto-approval.

Each decision (approve, reject) is final and audited. An admin key never moderates a case of its own
member. Only approved cases feed clustering, indicator counts and bulletins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_

import anonymizer
from hub.extensions import db
from hub.models import ApiKey, Case, CaseStatus, Member, Pattern, utcnow
from hub.services import audit, patterns
from hub.services.anonymization import STORED_FINDING_FIELDS
from hub.services.errors import Conflict, Forbidden, Invalid, NotFound

#: Label of the mask an admin puts over a span ("redact further").
REDACTION_LABEL = "REDACTED"
#: Actor written into the audit trail for decisions taken by the auto-approval policy.
AUTO_APPROVAL_ACTOR = "policy:auto-approve"
_CASE_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class PersonModerator:
    """A person deciding on the web pages, in the shape the service checks next to an :class:`ApiKey`.

    ``member_id`` carries the own-member rule; ``user_id`` is stored in ``Case.moderated_by_user`` so the
    decision counts towards the member's standing like one taken with an admin's API key.
    """

    user_id: int
    member_id: int


Moderator = ApiKey | PersonModerator


def _check_moderator(case: Case, moderator: Moderator | None) -> None:
    if moderator is not None and moderator.member_id == case.member_id:
        raise Forbidden("a member's own case cannot be moderated with that member's key")


def _decide(
    case: Case, status: CaseStatus, moderator: Moderator | None, reason: str | None, *, auto: bool = False
) -> Case:
    if case.status != CaseStatus.PENDING:
        raise Conflict("the case was already decided", {"status": [case.status]})
    _check_moderator(case, moderator)
    case.status = status.value
    case.moderated_at = utcnow()
    case.moderated_by = moderator.id if isinstance(moderator, ApiKey) else None
    case.moderated_by_user = moderator.user_id if isinstance(moderator, PersonModerator) else None
    case.moderation_reason = reason
    db.session.flush()
    details = {"reason_given": bool(reason)}
    if auto:
        audit.record(
            f"case.{status.value}", "case", case.id, details | {"auto": True}, actor=AUTO_APPROVAL_ACTOR
        )
    else:
        audit.record(f"case.{status.value}", "case", case.id, details)
    return case


def approve(case: Case, moderator: Moderator | None = None) -> Case:
    """Approve a pending case: it now feeds clustering, indicator counts and bulletins."""
    return _decide(case, CaseStatus.APPROVED, moderator, None)


def reject(case: Case, reason: str, moderator: Moderator | None = None) -> Case:
    """Reject a pending case with a reason the submitting member will see."""
    reason = (reason or "").strip()
    if not reason or len(reason) > 1000:
        raise Invalid("a rejection needs a reason of 1-1000 characters", {"reason": ["required"]})
    return _decide(case, CaseStatus.REJECTED, moderator, reason)


def get_case(case_id: str) -> Case:
    """Any case by id (admin view); 404 when there is none."""
    case = db.session.get(Case, case_id) if _CASE_ID.match(case_id or "") else None
    if case is None:
        raise NotFound("case not found")
    return case


@dataclass
class BulkDecision:
    """The outcome of one id in a bulk approval: ``approved`` or ``error`` with a message."""

    id: str
    status: str
    message: str | None = None


def bulk_approve(case_ids: list[str], moderator: Moderator | None = None) -> list[BulkDecision]:
    """Approve many pending cases; each id is answered on its own, a bad id changes nothing else."""
    results = []
    seen = set()
    for case_id in case_ids:
        if case_id in seen:
            results.append(BulkDecision(case_id, "error", "listed twice"))
            continue
        seen.add(case_id)
        try:
            approve(get_case(case_id), moderator)
        except (NotFound, Conflict, Forbidden) as exc:
            results.append(BulkDecision(case_id, "error", exc.message))
        else:
            results.append(BulkDecision(case_id, "approved"))
    return results


# -- redact further --------------------------------------------------------------------------------------


def _as_finding(stored: dict) -> anonymizer.Finding:
    return anonymizer.Finding(
        entity_type=stored.get("entity_type") or "UNKNOWN",
        start=0,
        end=0,
        out_start=int(stored["out_start"]),
        out_end=int(stored["out_end"]),
        score=float(stored.get("score") or 0.0),
        recognizer=stored.get("recognizer") or "",
        placeholder=stored.get("placeholder") or "",
        token=stored.get("token"),
        indicator_kind=stored.get("indicator_kind"),
        key_id=stored.get("key_id"),
    )


def _residual(text: str) -> list[dict]:
    from anonymizer.residual import residual_scan

    return [w.to_dict() for w in residual_scan(text)]


def redact(case: Case, spans: list[tuple[int, int]], moderator: Moderator | None = None) -> Case:
    """Mask more spans of a case's anonymized narrative; nothing is ever unmasked.

    Spans are offsets in the current anonymized text. A span touching a placeholder swallows all of it.
    The residual check runs again over the new text. Withdrawn and rejected cases cannot be redacted
    (nobody else sees them); pending and approved ones can, and an approved case's pattern excerpts
    lose the masked text too.
    """
    if case.status not in (CaseStatus.PENDING, CaseStatus.APPROVED):
        raise Conflict("only a pending or approved case can be redacted", {"status": [case.status]})
    _check_moderator(case, moderator)
    if not spans:
        raise Invalid("give at least one span to mask", {"spans": ["empty"]})
    old_text = case.narrative
    findings = [_as_finding(f) for f in case.findings or []]
    try:
        new_text, new_findings = anonymizer.mask_spans(old_text, findings, spans, REDACTION_LABEL)
    except ValueError as exc:
        raise Invalid("a span is not valid for this text", {"spans": [str(exc)]}) from None
    if new_text == old_text:
        return case
    removed = _removed_pieces(old_text, findings, spans)
    case.narrative = new_text
    case.findings = [{f: getattr(item, f) for f in STORED_FINDING_FIELDS} for item in new_findings]
    case.residual = _residual(new_text)
    case.redactions = (case.redactions or 0) + len(removed)
    if case.pattern_id:
        _scrub_pattern_excerpts(case.pattern_id, removed)
    if case.status == CaseStatus.APPROVED:
        patterns.scrub_state(removed, f"[{REDACTION_LABEL}]")
    db.session.flush()
    audit.record("case.redacted", "case", case.id, {"spans": len(removed)})
    return case


def _removed_pieces(old: str, findings, spans) -> list[str]:
    """The pieces of ``old`` that the masks replaced (for scrubbing copies of the text): each span,
    widened over the placeholders it touches (as :func:`anonymizer.mask_spans` does), overlaps merged."""
    widened = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        for finding in findings:
            if finding.out_start < end and finding.out_end > start:
                start, end = min(start, finding.out_start), max(end, finding.out_end)
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(widened[-1][1], end))
        else:
            widened.append((start, end))
    return [old[start:end] for start, end in widened if old[start:end].strip()]


def _scrub_pattern_excerpts(pattern_id: str, removed: list[str]) -> None:
    pattern = db.session.get(Pattern, pattern_id)
    if pattern is None or not pattern.excerpts:
        return
    mask = f"[{REDACTION_LABEL}]"

    def scrub(text: str) -> str:
        for piece in sorted(removed, key=len, reverse=True):
            if piece.strip():
                text = text.replace(piece, mask)
        return text

    changed = []
    for item in pattern.excerpts:
        if isinstance(item, str):
            changed.append(scrub(item))
        elif isinstance(item, dict):
            changed.append({k: scrub(v) if isinstance(v, str) else v for k, v in item.items()})
        else:
            changed.append(item)
    pattern.excerpts = changed


# -- the queue ------------------------------------------------------------------------------------------


def target_hours() -> int:
    return int(current_app.config["MODERATION_TARGET_HOURS"])


def highlights(case: Case) -> list[dict]:
    """Every placeholder, residual warning and admin mask of a case, as spans of its anonymized text."""
    text = case.narrative
    marks = []
    for finding in case.findings or []:
        start, end = int(finding["out_start"]), int(finding["out_end"])
        marks.append(
            {
                "kind": "placeholder",
                "start": start,
                "end": end,
                "label": finding.get("entity_type"),
                "text": text[start:end],
                "message": None,
            }
        )
    for warning in case.residual or []:
        start, end = int(warning["out_start"]), int(warning["out_end"])
        marks.append(
            {
                "kind": "residual",
                "start": start,
                "end": end,
                "label": warning.get("kind"),
                "text": text[start:end],
                "message": warning.get("message"),
            }
        )
    mask = f"[{REDACTION_LABEL}]"
    covered = {(m["start"], m["end"]) for m in marks}
    start = text.find(mask)
    while start != -1:
        if (start, start + len(mask)) not in covered:
            marks.append(
                {
                    "kind": "redaction",
                    "start": start,
                    "end": start + len(mask),
                    "label": REDACTION_LABEL,
                    "text": mask,
                    "message": None,
                }
            )
        start = text.find(mask, start + len(mask))
    marks.sort(key=lambda m: (m["start"], m["end"], m["kind"]))
    return marks


def present(case: Case, now: datetime | None = None) -> Case:
    """Attach what the admin view of a case shows: age, overdue flag, highlights, counts."""
    now = now or utcnow()
    age = now - case.submitted_at
    case.age_hours = round(age.total_seconds() / 3600, 1)
    case.overdue = case.status == CaseStatus.PENDING and age > timedelta(hours=target_hours())
    case.highlights = highlights(case)
    case.residual_count = len(case.residual or [])
    case.indicator_count = len(case.sightings)
    return case


def queue(args: dict) -> dict:
    """One page of the review queue: oldest first, with the filters of ``args``.

    Filters: ``status`` (default pending), ``fraud_type``, ``language``, ``member`` (code),
    ``overdue`` (bool), ``residual`` (bool: with or without residual warnings); ``offset`` and ``limit``.
    """
    now = utcnow()
    query = db.select(Case).where(Case.status == args.get("status", CaseStatus.PENDING.value))
    if args.get("fraud_type"):
        query = query.where(Case.fraud_type == args["fraud_type"])
    if args.get("language"):
        query = query.where(Case.language == args["language"])
    if args.get("member"):
        query = query.join(Member, Member.id == Case.member_id).where(Member.code == args["member"])
    limit_at = now - timedelta(hours=target_hours())
    if args.get("overdue") is True:
        query = query.where(Case.submitted_at < limit_at)
    elif args.get("overdue") is False:
        query = query.where(Case.submitted_at >= limit_at)
    if args.get("residual") is not None:
        has = func.coalesce(func.json_array_length(Case.residual), 0) > 0
        query = query.where(has if args["residual"] else ~has)
    total = db.session.execute(db.select(func.count()).select_from(query.subquery())).scalar_one()
    offset, limit = args.get("offset", 0), args.get("limit", 50)
    rows = db.session.execute(
        query.order_by(Case.submitted_at, Case.id).offset(offset).limit(limit)
    ).scalars()
    items = [present(case, now) for case in rows]
    overdue = db.session.execute(
        db.select(func.count())
        .select_from(Case)
        .where(Case.status == CaseStatus.PENDING, Case.submitted_at < limit_at)
    ).scalar_one()
    return {"total": total, "overdue": overdue, "target_hours": target_hours(), "items": items}


# -- auto-approval --------------------------------------------------------------------------------------


def in_good_standing(member: Member) -> bool:
    """A member whose record allows auto-approval (see docs/moderation.md)."""
    if not member.is_active:
        return False
    counts = dict(
        db.session.execute(
            db.select(Case.status, func.count())
            .where(
                Case.member_id == member.id,
                Case.status.in_([CaseStatus.APPROVED.value, CaseStatus.REJECTED.value]),
                or_(Case.moderated_by.is_not(None), Case.moderated_by_user.is_not(None)),
            )
            .group_by(Case.status)
        ).all()
    )
    approved = counts.get(CaseStatus.APPROVED.value, 0)
    decided = approved + counts.get(CaseStatus.REJECTED.value, 0)
    config = current_app.config
    if decided == 0 or approved < config["AUTO_APPROVE_MIN_APPROVED"]:
        return False
    return approved / decided >= float(config["AUTO_APPROVE_MIN_RATE"])


def auto_approve(member: Member, cases: list[Case | str]) -> list[str]:
    """Apply the auto-approval policy to newly stored cases; return the ids it approved.

    Off unless ``AUTO_APPROVE`` is set. Approves only cases without residual warnings, from a member in
    good standing (:func:`in_good_standing`); everything else waits for a person.
    """
    if not current_app.config.get("AUTO_APPROVE") or not cases or not in_good_standing(member):
        return []
    approved = []
    for item in cases:
        case = db.session.get(Case, item) if isinstance(item, str) else item
        if case is None or case.status != CaseStatus.PENDING or case.residual:
            continue
        _decide(case, CaseStatus.APPROVED, None, None, auto=True)
        approved.append(case.id)
    return approved
