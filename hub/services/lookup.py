"""Indicator look-up: "was this phone / card / device reported by others?".

The caller sends raw values; they are canonicalised and hashed with the hub's key inside the request and
forgotten. Only approved cases count. An indicator reported by fewer than ``MIN_MEMBERS`` distinct
members is counted but not described (no dates, no patterns); a pattern is named only when it was
itself reported by at least ``MIN_MEMBERS`` members. The batch is audited by its counts only.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from sqlalchemy import func

import anonymizer
from hub.extensions import db
from hub.models import Case, CaseStatus, IndicatorSighting, Member, PatternPeriod
from hub.services import audit
from hub.services.anonymization import indicator_token
from hub.services.errors import Invalid

_CHUNK = 500
_TOKEN_CHUNK = 1000


def min_members() -> int:
    """The ``k`` of the minimum-members rule."""
    return int(current_app.config["MIN_MEMBERS"])


def pattern_member_counts(pattern_ids) -> dict[str, int]:
    """Distinct members behind the approved cases of each pattern."""
    ids = sorted(set(pattern_ids))
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = db.session.execute(
            db.select(Case.pattern_id, func.count(func.distinct(Case.member_id)))
            .where(Case.pattern_id.in_(chunk), Case.status == CaseStatus.APPROVED.value)
            .group_by(Case.pattern_id)
        )
        found.update({pid: n for pid, n in rows})
    return found


def patterns_reaching(pattern_ids, k: int) -> set[str]:
    """The patterns whose approved cases come from at least *k* distinct members.

    Fast path: a week in which the pattern already had *k* members (``pattern_period.members``, written
    by the clustering run from approved cases, which stay approved) settles it; the other patterns are
    counted exactly.
    """
    ids = sorted(set(pattern_ids))
    reached: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        reached.update(
            db.session.execute(
                db.select(PatternPeriod.pattern_id)
                .where(PatternPeriod.pattern_id.in_(chunk), PatternPeriod.members >= k)
                .distinct()
            ).scalars()
        )
    rest = [pid for pid in ids if pid not in reached]
    reached.update(pid for pid, n in pattern_member_counts(rest).items() if n >= k)
    return reached


def _tokens(items: list[dict]) -> tuple[list[tuple[str, str] | None], dict[int, str]]:
    """``(kind, token)`` per item (``None`` for an invalid one) and the per-index error messages."""
    keyed: list[tuple[str, str] | None] = []
    errors: dict[int, str] = {}
    for index, item in enumerate(items):
        try:
            token, _key_id = indicator_token(item["type"], item["value"])
        except anonymizer.InvalidIndicator as exc:
            keyed.append(None)
            errors[index] = str(exc)  # names the kind and the reason, never the value
            continue
        keyed.append((item["type"], token))
    return keyed, errors


def lookup(member: Member, items: list[dict]) -> list[dict]:
    """Answer each ``{type, value}`` in order: counts of approved cases and distinct members, and, when at
    least ``k`` members reported it, first and last seen (dates) and the patterns it occurs in."""
    limit = int(current_app.config["LOOKUP_MAX_VALUES"])
    if len(items) > limit:
        raise Invalid(f"at most {limit} values per look-up", {"values": ["too many"]})
    keyed, errors = _tokens(items)
    by_token: dict[str, set[str]] = defaultdict(set)
    for key in keyed:
        if key is not None:
            by_token[key[1]].add(key[0])
    # one pass over the matching sightings of approved cases; aggregated here (a few rows per value)
    case_ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    member_ids: dict[tuple[str, str], set[int]] = defaultdict(set)
    seen_at: dict[tuple[str, str], list] = {}
    patterns: dict[tuple[str, str], set[str]] = defaultdict(set)
    tokens = sorted(by_token)
    for start in range(0, len(tokens), _TOKEN_CHUNK):
        rows = db.session.execute(
            db.select(
                IndicatorSighting.kind,
                IndicatorSighting.token,
                Case.id,
                Case.member_id,
                Case.occurred_at,
                Case.pattern_id,
            )
            .join(Case, Case.id == IndicatorSighting.case_id)
            .where(
                IndicatorSighting.token.in_(tokens[start : start + _TOKEN_CHUNK]),
                Case.status == CaseStatus.APPROVED.value,
            )
        )
        for kind, token, case_id, member_id, occurred, pattern_id in rows:
            if kind not in by_token[token]:
                continue
            key = (kind, token)
            case_ids[key].add(case_id)
            member_ids[key].add(member_id)
            span = seen_at.get(key)
            if span is None:
                seen_at[key] = [occurred, occurred]
            else:
                span[0], span[1] = min(span[0], occurred), max(span[1], occurred)
            if pattern_id is not None:
                patterns[key].add(pattern_id)
    k = min_members()
    candidate_patterns = set()
    for key, found in patterns.items():
        if len(member_ids[key]) >= k:
            candidate_patterns |= found
    visible = patterns_reaching(candidate_patterns, k) if candidate_patterns else set()

    answers = []
    for index, key in enumerate(keyed):
        if key is None:
            answers.append(
                {"index": index, "type": items[index]["type"], "valid": False, "error": errors[index]}
            )
            continue
        cases, members = len(case_ids.get(key, ())), len(member_ids.get(key, ()))
        answer = {
            "index": index,
            "type": key[0],
            "valid": True,
            "reported": cases > 0,
            "cases": cases,
            "members": members,
            "described": members >= k,
            "first_seen": None,
            "last_seen": None,
            "patterns": [],
        }
        if members >= k:
            first, last = seen_at[key]
            answer["first_seen"] = first.date().isoformat()
            answer["last_seen"] = last.date().isoformat()
            answer["patterns"] = sorted(patterns.get(key, set()) & visible)
        answers.append(answer)
    audit.record(
        "lookup.batch",
        "indicator",
        None,
        {
            "values": len(items),
            "invalid": len(errors),
            "matched": sum(1 for a in answers if a.get("reported")),
        },
    )
    return answers
