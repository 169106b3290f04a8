"""Taking cases in: validate, anonymize inside the request, store only what may be stored.

The raw narrative and raw indicator values exist only in memory during :func:`submit_case` /
:func:`submit_many`; the database receives the anonymized text, the findings (positions in the
anonymized text), keyed tokens of indicators and a keyed digest of the submission.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import marshmallow as ma
from flask import current_app

import anonymizer
from hub.api.cases.schemas import CaseCreateSchema
from hub.extensions import db
from hub.models import Case, CaseStatus, IndicatorSighting, Member, new_case_id, utcnow
from hub.services import audit, moderation
from hub.services.anonymization import engine, indicator_token, keyed_digest, stored_findings
from hub.services.errors import Conflict, Invalid, NotFound
from hub.services.uploads import _BadLine

_CREATE = CaseCreateSchema()
_LOOKUP_CHUNK = 500
_ONE_DAY = timedelta(days=1)

_ZH_CITY = re.compile(
    r"^\s*((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区))?"
    r"(?:[\u4e00-\u9fff]{2,8}?(?:市|自治州|地区|盟)))"
)
_ZH_PROVINCE = re.compile(r"^\s*([\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区|市))")


def generalize_region(region: str | None) -> str | None:
    """Cut a region down to province and city: no district, street or number is kept.

    ``浙江省杭州市西湖区文三路90号`` → ``浙江省杭州市``; ``Hangzhou, Zhejiang`` is kept; an English
    line with a house number keeps only its parts without digits (``12 Baker St, London, UK`` →
    ``London, UK``).
    """
    if region is None:
        return None
    text = " ".join(region.split())
    if not text:
        return None
    if re.search(r"[\u4e00-\u9fff]", text):
        match = _ZH_CITY.match(text) or _ZH_PROVINCE.match(text)
        if match:
            return match.group(1)[:64]
        # No administrative suffix: keep at most the first word-like run without digits.
        head = re.split(r"[\d,，、\s]", text)[0]
        return head[:8] or None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    kept = [p for p in parts if not re.search(r"\d", p)]
    if len(parts) > 1 and len(kept) < len(parts):
        kept = kept[-2:]
    return ", ".join(kept)[:64] or None


def _to_utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass
class _Prepared:
    """A validated row, still holding raw values in memory only."""

    data: dict
    digest: str
    tokens: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, token, key_id)


def _prepare(data: dict) -> _Prepared:
    """Check what the schema cannot (dates, indicators) and compute tokens and the content digest."""
    errors: dict = {}
    occurred = _to_utc_naive(data["occurred_at"])
    if occurred > utcnow().replace(microsecond=0) + _ONE_DAY:
        errors["occurred_at"] = ["lies in the future"]
    tokens = []
    for index, item in enumerate(data.get("indicators") or []):
        try:
            token, key_id = indicator_token(item["type"], item["value"])
        except anonymizer.InvalidIndicator as exc:
            errors.setdefault("indicators", {})[index] = {"value": [str(exc)]}
            continue
        if (item["type"], token, key_id) not in tokens:
            tokens.append((item["type"], token, key_id))
    if len(data["narrative"]) > current_app.config["MAX_NARRATIVE_CHARS"]:
        errors["narrative"] = [f"longer than {current_app.config['MAX_NARRATIVE_CHARS']} characters"]
    if errors:
        raise Invalid("the case is not valid", errors)
    data = dict(data, occurred_at=occurred)
    digest = keyed_digest(
        {k: v for k, v in data.items() if k != "indicators"} | {"indicators": sorted(tokens)}
    )
    return _Prepared(data, digest, tokens)


def _case_rows(member: Member, prepared: _Prepared, result) -> tuple[dict, list[dict]]:
    """The column values of a new case and of its indicator sightings (plain dicts, for bulk inserts)."""
    data = prepared.data
    case = {
        "id": new_case_id(),
        "member_id": member.id,
        "external_ref": data["external_ref"],
        "content_digest": prepared.digest,
        "occurred_at": data["occurred_at"],
        "submitted_at": utcnow(),
        "fraud_type": data["fraud_type"],
        "channel": data.get("channel"),
        "mcc": data.get("mcc"),
        "amount": data.get("amount"),
        "currency": data.get("currency"),
        "region": generalize_region(data.get("region")),
        "narrative": result.text,
        "language": result.language,
        "findings": stored_findings(result.findings),
        "residual": [w.to_dict() for w in result.residual],
        "anonymizer_version": anonymizer.__version__,
        "status": CaseStatus.PENDING.value,
    }
    sightings, seen = [], set()
    for kind, token, key_id in prepared.tokens:
        seen.add((kind, token))
        sightings.append(
            {"case_id": case["id"], "kind": kind, "token": token, "key_id": key_id, "source": "submitted"}
        )
    for finding in result.findings:
        if finding.token and finding.indicator_kind and (finding.indicator_kind, finding.token) not in seen:
            seen.add((finding.indicator_kind, finding.token))
            sightings.append(
                {
                    "case_id": case["id"],
                    "kind": finding.indicator_kind,
                    "token": finding.token,
                    "key_id": finding.key_id,
                    "source": "narrative",
                }
            )
    return case, sightings


def _existing(member: Member, refs: list[str]) -> dict[str, Case]:
    found = {}
    for start in range(0, len(refs), _LOOKUP_CHUNK):
        chunk = refs[start : start + _LOOKUP_CHUNK]
        rows = db.session.execute(
            db.select(Case).where(Case.member_id == member.id, Case.external_ref.in_(chunk))
        ).scalars()
        found.update({case.external_ref: case for case in rows})
    return found


def submit_case(member: Member, data: dict) -> tuple[Case, bool]:
    """Store one validated case; ``(case, created)``. A repeat with the same content returns the stored case,
    a repeat with other content is a :class:`Conflict`."""
    prepared = _prepare(data)
    existing = _existing(member, [data["external_ref"]]).get(data["external_ref"])
    if existing is not None:
        if existing.content_digest == prepared.digest:
            return existing, False
        raise Conflict(
            "a case with this external_ref exists with other content",
            {"external_ref": ["already used for another case"]},
        )
    row, sightings = _case_rows(member, prepared, engine().anonymize(data["narrative"]))
    case = Case(**row)
    case.sightings = [IndicatorSighting(**{k: v for k, v in s.items() if k != "case_id"}) for s in sightings]
    db.session.add(case)
    db.session.flush()
    audit.record(
        "case.submitted", "case", case.id, {"findings": len(case.findings), "residual": len(case.residual)}
    )
    moderation.auto_approve(member, [case])
    return case, True


@dataclass
class RowResult:
    row: int
    status: str
    id: str | None = None
    errors: dict | None = None


def submit_many(member: Member, rows: list) -> list[RowResult]:
    """Store the valid rows of a bulk upload; every row gets a result, an invalid row stores nothing."""
    results: list[RowResult | None] = [None] * len(rows)
    prepared: dict[int, _Prepared] = {}
    refs_in_upload: dict[str, int] = {}
    for index, raw in enumerate(rows):
        number = index + 1
        if isinstance(raw, _BadLine):
            results[index] = RowResult(number, "error", errors={"row": ["not a valid record"]})
            continue
        if not isinstance(raw, dict):
            results[index] = RowResult(number, "error", errors={"row": ["must be an object"]})
            continue
        try:
            item = _prepare(_CREATE.load(raw))
        except ma.ValidationError as exc:
            results[index] = RowResult(number, "error", errors=exc.normalized_messages())
            continue
        except Invalid as exc:
            results[index] = RowResult(number, "error", errors=exc.errors)
            continue
        ref = item.data["external_ref"]
        if ref in refs_in_upload:
            first = prepared.get(refs_in_upload[ref])
            if first is not None and first.digest == item.digest:
                results[index] = RowResult(number, "duplicate")  # id filled in once the first is stored
                results[index].errors = {"_same_as_row": refs_in_upload[ref]}
            else:
                results[index] = RowResult(
                    number, "error", errors={"external_ref": ["repeated in this upload with other content"]}
                )
            continue
        refs_in_upload[ref] = index
        prepared[index] = item

    existing = _existing(member, [p.data["external_ref"] for p in prepared.values()])
    to_store: list[int] = []
    for index, item in prepared.items():
        found = existing.get(item.data["external_ref"])
        if found is None:
            to_store.append(index)
        elif found.content_digest == item.digest:
            results[index] = RowResult(index + 1, "duplicate", id=found.id)
        else:
            results[index] = RowResult(
                index + 1, "error", errors={"external_ref": ["already used for another case"]}
            )

    anonymized = engine().anonymize_many([prepared[i].data["narrative"] for i in to_store])
    case_rows, sighting_rows = [], []
    for index, result in zip(to_store, anonymized, strict=True):
        row, sightings = _case_rows(member, prepared[index], result)
        prepared[index].data = {}  # drop the raw values as soon as they are no longer needed
        case_rows.append(row)
        sighting_rows += sightings
        results[index] = RowResult(index + 1, "created", id=row["id"])
    if case_rows:
        db.session.execute(Case.__table__.insert(), case_rows)
    if sighting_rows:
        db.session.execute(IndicatorSighting.__table__.insert(), sighting_rows)
    for result in results:
        if result.status == "duplicate" and result.errors and "_same_as_row" in result.errors:
            result.id = results[result.errors["_same_as_row"]].id
            result.errors = None
    if case_rows:
        audit.record_many(
            [
                (
                    "case.submitted",
                    "case",
                    row["id"],
                    {"findings": len(row["findings"]), "residual": len(row["residual"]), "bulk": True},
                )
                for row in case_rows
            ]
        )
    moderation.auto_approve(member, [row["id"] for row in case_rows])
    return results


def get_own_case(member: Member, case_id: str) -> Case:
    """A member's own case; another member's case is not found (404), never forbidden (403)."""
    case = db.session.get(Case, case_id) if re.fullmatch(r"[0-9a-f]{32}", case_id or "") else None
    if case is None or case.member_id != member.id:
        raise NotFound("case not found")
    return case


def withdraw_case(member: Member, case_id: str) -> Case:
    """Withdraw a pending own case; its indicator sightings are deleted with it."""
    case = get_own_case(member, case_id)
    if case.status != CaseStatus.PENDING:
        raise Conflict("only a pending case can be withdrawn", {"status": [case.status]})
    case.status = CaseStatus.WITHDRAWN.value
    case.sightings.clear()
    db.session.flush()
    audit.record("case.withdrawn", "case", case.id)
    return case


def encode_cursor(case: Case) -> str:
    raw = json.dumps([case.submitted_at.isoformat(), case.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        submitted, case_id = json.loads(raw)
        return datetime.fromisoformat(submitted), str(case_id)
    except (ValueError, TypeError, binascii.Error):
        raise Invalid("the cursor is not valid", {"cursor": ["invalid cursor"]}) from None


def list_own_cases(member: Member, args: dict) -> dict:
    """One page of a member's own cases, newest first, with the cursor of the next page."""
    query = db.select(Case).where(Case.member_id == member.id)
    if "status" in args:
        query = query.where(Case.status == args["status"])
    if "fraud_type" in args:
        query = query.where(Case.fraud_type == args["fraud_type"])
    for name, column, op in (
        ("occurred_from", Case.occurred_at, "ge"),
        ("occurred_to", Case.occurred_at, "lt"),
        ("submitted_from", Case.submitted_at, "ge"),
        ("submitted_to", Case.submitted_at, "lt"),
    ):
        if name in args:
            bound = _to_utc_naive(args[name])
            query = query.where(column >= bound if op == "ge" else column < bound)
    if args.get("cursor"):
        submitted, case_id = decode_cursor(args["cursor"])
        query = query.where(
            (Case.submitted_at < submitted) | ((Case.submitted_at == submitted) & (Case.id < case_id))
        )
    limit = args.get("limit", 50)
    rows = (
        db.session.execute(query.order_by(Case.submitted_at.desc(), Case.id.desc()).limit(limit + 1))
        .scalars()
        .all()
    )
    items = rows[:limit]
    return {"items": items, "next_cursor": encode_cursor(items[-1]) if len(rows) > limit else None}


def present(case: Case) -> Case:
    """Attach the derived counts the case schema shows."""
    case.residual_count = len(case.residual or [])
    case.indicator_count = len(case.sightings)
    return case
