"""Member pages: dashboard, submit a case (with live preview), bulk upload, my cases, look-up, score,
and feedback on patterns. Every rule is a service's; these views parse forms and render answers."""

from __future__ import annotations

import marshmallow as ma
from flask import current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from hub.api.anonymize.schemas import PreviewRequestSchema
from hub.api.cases.schemas import CaseCreateSchema, CaseListArgsSchema
from hub.api.indicators.schemas import LookupRequestSchema
from hub.extensions import limiter
from hub.models import CaseStatus, Role
from hub.services import anonymization, feedback, lookup, moderation, uploads
from hub.services import cases as case_service
from hub.services.errors import Invalid, ServiceError
from hub.services.scoring import contribution_score
from hub.taxonomy import CHANNELS, FRAUD_TYPES, INDICATOR_KINDS
from hub.web import queries
from hub.web.blueprint import bp, service_errors, service_message, signed_in
from hub.web.text import csv_data_uri, flat_errors, segments

_CREATE = CaseCreateSchema()
_LIST_ARGS = CaseListArgsSchema()
_PREVIEW = PreviewRequestSchema()
_LOOKUP = LookupRequestSchema()
_FORM_FIELDS = ("external_ref", "occurred_at", "fraud_type", "channel", "mcc", "amount", "currency", "region")


@bp.get("/dashboard")
@signed_in(Role.MEMBER)
def dashboard():
    return render_template(
        "web/member/dashboard.html",
        counts=queries.own_status_counts(g.member.id),
        week=queries.this_week(),
        bulletin=queries.latest_bulletin(),
        score=contribution_score(g.member),
    )


def parse_indicators(text: str) -> list:
    """Indicator lines ``type: value`` (``phone: 138…``); a line without a known type stays as text so
    that the schema reports it."""
    items: list = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        kind, sep, value = line.partition(":")
        if not sep:
            kind, sep, value = line.partition("：")
        items.append({"type": kind.strip().lower(), "value": value.strip()} if sep else line)
    return items


def _case_form_data(form) -> dict:
    data = {name: form.get(name, "").strip() for name in _FORM_FIELDS}
    data = {name: value for name, value in data.items() if value}
    data["narrative"] = form.get("narrative", "")
    if "currency" in data:
        data["currency"] = data["currency"].upper()
    indicators = parse_indicators(form.get("indicators", ""))
    if indicators:
        data["indicators"] = indicators
    return data


def _case_form(values: dict | None = None, errors: dict | None = None, status: int = 200):
    page = render_template(
        "web/member/case_new.html",
        values=values or {},
        errors=errors or {},
        fraud_types=FRAUD_TYPES,
        channels=CHANNELS,
        indicator_kinds=INDICATOR_KINDS,
        max_chars=current_app.config["MAX_NARRATIVE_CHARS"],
    )
    return page, status


@bp.route("/cases/new", methods=["GET", "POST"])
@signed_in(Role.MEMBER)
def case_new():
    """One case by form: validated by the API's schema, anonymized and stored by the cases service."""
    if request.method == "GET":
        return _case_form({"currency": "CNY"})
    try:
        data = _CREATE.load(_case_form_data(request.form))
        case, created = case_service.submit_case(g.member, data)
    except ma.ValidationError as exc:
        return _case_form(request.form, {k: _messages(v) for k, v in exc.normalized_messages().items()}, 422)
    except ServiceError as exc:
        return _case_form(request.form, service_errors(exc) or {"_": [service_message(exc)]}, exc.code)
    flash(_("Case stored (anonymized).") if created else _("This case was already stored."), "ok")
    return redirect(url_for("web.case_detail", case_id=case.id))


def _messages(value) -> list[str]:
    return [flat_errors(value)] if isinstance(value, dict) else [str(m) for m in value]


@bp.post("/cases/preview")
@signed_in(Role.MEMBER)
def case_preview():
    """What would be stored for a narrative (JSON for the form's live preview); nothing is stored."""
    try:
        data = _PREVIEW.load(request.get_json(silent=True) or {})
    except ma.ValidationError as exc:
        raise Invalid("the narrative is not valid", exc.normalized_messages()) from None
    result = anonymization.preview(data["narrative"], data["language"])
    result["segments"] = [
        {"text": s.text, "kind": s.kind, "label": s.label}
        for s in segments(result["narrative"], moderation_marks(result))
    ]
    return jsonify(result)


def moderation_marks(result: dict) -> list[dict]:
    marks = [
        {"kind": "placeholder", "start": f["out_start"], "end": f["out_end"], "label": f["entity_type"]}
        for f in result["findings"]
    ]
    marks += [
        {"kind": "residual", "start": w["out_start"], "end": w["out_end"], "label": w.get("kind")}
        for w in result["residual_warnings"]
    ]
    return marks


@bp.get("/cases")
@signed_in(Role.MEMBER)
def my_cases():
    """The member's own cases, newest first, with status and moderation reasons."""
    raw = {k: v for k, v in request.args.items() if k in ("status", "cursor") and v}
    try:
        args = _LIST_ARGS.load(raw | {"limit": 50})
    except ma.ValidationError:
        args = {"limit": 50}
    page = case_service.list_own_cases(g.member, args)
    return render_template(
        "web/member/cases.html",
        page=page,
        status=args.get("status"),
        statuses=[s.value for s in CaseStatus],
        counts=queries.own_status_counts(g.member.id),
    )


@bp.get("/cases/<case_id>")
@signed_in(Role.MEMBER)
def case_detail(case_id):
    case = case_service.present(case_service.get_own_case(g.member, case_id))
    return render_template(
        "web/member/case_detail.html",
        case=case,
        segments=segments(case.narrative, moderation.highlights(case)),
    )


@bp.post("/cases/<case_id>/withdraw")
@signed_in(Role.MEMBER)
def case_withdraw(case_id):
    case_service.withdraw_case(g.member, case_id)
    flash(_("Case withdrawn."), "ok")
    return redirect(url_for("web.case_detail", case_id=case_id))


@bp.route("/cases/bulk", methods=["GET", "POST"])
@signed_in(Role.MEMBER)
def bulk_upload():
    """Bulk upload (CSV, JSON, JSON Lines): a per-row result table, downloadable as CSV."""
    if request.method == "GET":
        return render_template("web/member/bulk.html", result=None, error=None)
    upload = request.files.get("file")
    encoding = request.form.get("encoding", "utf-8")
    try:
        if upload is None or not upload.filename:
            raise uploads.BadUpload(_("Choose a file to upload."), {"file": ["missing"]})
        if encoding not in ("utf-8", "gb18030"):
            raise Invalid("unknown encoding", {"encoding": ["utf-8 or gb18030"]})
        fmt = uploads.detect_format(upload.mimetype, upload.filename)
        if fmt is None:
            raise uploads.UnsupportedUpload(
                _("Send a .csv, .json or .jsonl file."), {"file": ["unknown format"]}
            )
        rows = uploads.parse_rows(upload.read(), fmt, current_app.config["BULK_MAX_ROWS"], encoding)
        results = case_service.submit_many(g.member, rows)
    except ServiceError as exc:
        return render_template("web/member/bulk.html", result=None, error=service_message(exc)), exc.code
    counts = {s: sum(1 for r in results if r.status == s) for s in ("created", "duplicate", "error")}
    table = [[r.row, r.status, r.id or "", flat_errors(r.errors)] for r in results]
    result = {
        "counts": counts,
        "rows": table,
        "csv": csv_data_uri(["row", "status", "id", "errors"], table),
        "filename": f"riskhub-upload-result-{(upload.filename or 'upload').rsplit('.', 1)[0][:40]}.csv",
    }
    return render_template("web/member/bulk.html", result=result, error=None)


def _lookup_limit() -> str:
    return current_app.config["LOOKUP_RATE_LIMIT"]


def _lookup_key() -> str:
    user = g.get("user")
    return f"user:{user.id}" if user is not None else "ip:" + (request.remote_addr or "?")


@bp.route("/lookup", methods=["GET", "POST"])
@signed_in(Role.MEMBER)
@limiter.limit(_lookup_limit, key_func=_lookup_key, methods=["POST"])
def indicator_lookup():
    """Was this value reported by others? Values are hashed in the request and never shown again."""
    if request.method == "GET":
        return render_template("web/member/lookup.html", answers=None, errors={}, kinds=INDICATOR_KINDS)
    kind = request.form.get("type", "")
    lines = [line.strip() for line in request.form.get("values", "").splitlines() if line.strip()]
    try:
        data = _LOOKUP.load({"values": [{"type": kind, "value": v} for v in lines]})
        answers = lookup.lookup(g.member, data["values"])
    except ma.ValidationError as exc:
        errors = exc.normalized_messages()
        page = render_template(
            "web/member/lookup.html",
            answers=None,
            errors={"values": [flat_errors(errors)]},
            kinds=INDICATOR_KINDS,
        )
        return page, 422
    return render_template(
        "web/member/lookup.html",
        answers=answers,
        errors={},
        kinds=INDICATOR_KINDS,
        kind=kind,
        k=lookup.min_members(),
    )


@bp.get("/score")
@signed_in(Role.MEMBER)
def score():
    return render_template("web/member/score.html", score=contribution_score(g.member))


@bp.post("/patterns/<pattern_id>/feedback")
@signed_in(Role.MEMBER)
def pattern_feedback(pattern_id):
    kind = request.form.get("kind", "")
    if kind == "withdraw":
        feedback.withdraw_feedback(g.member, pattern_id)
    else:
        feedback.give_feedback(g.member, pattern_id, kind)
    flash(_("Thank you: your feedback was recorded."), "ok")
    return redirect(url_for("web.pattern_detail", pattern_id=pattern_id))
