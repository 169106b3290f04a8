"""Admin pages: the moderation queue and decisions, members with their users and keys, deliveries,
publishing, and the audit trail with chain verification. Admins see member names; members never do."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from hub.api.moderation.schemas import QueueArgsSchema
from hub.models import CaseStatus, DeliveryStatus, MemberStatus, Role, utcnow
from hub.services import audit, bulletin_views, deliveries, moderation, users
from hub.services import bulletins as bulletin_service
from hub.services import members as member_service
from hub.services.errors import Invalid, ServiceError
from hub.services.scoring import contribution_score
from hub.taxonomy import FRAUD_TYPES
from hub.web import queries
from hub.web.blueprint import bp, service_errors, service_message, signed_in
from hub.web.text import segments

_QUEUE_ARGS = QueueArgsSchema()
ADMIN = Role.ADMIN


def _moderator() -> moderation.PersonModerator:
    return moderation.PersonModerator(user_id=g.user.id, member_id=g.user.member_id)


# -- moderation -----------------------------------------------------------------------------------------


@bp.get("/admin/moderation")
@signed_in(ADMIN)
def admin_queue():
    raw = {
        k: v
        for k, v in request.args.items()
        if v and k in ("status", "fraud_type", "overdue", "residual", "offset")
    }
    try:
        args = _QUEUE_ARGS.load(raw | {"limit": 50})
    except ma.ValidationError:
        args = _QUEUE_ARGS.load({"limit": 50})
    return render_template(
        "web/admin/queue.html",
        queue=moderation.queue(args),
        args=args,
        statuses=[s.value for s in CaseStatus],
        fraud_types=FRAUD_TYPES,
    )


@bp.get("/admin/moderation/<case_id>")
@signed_in(ADMIN)
def admin_case(case_id):
    case = moderation.present(moderation.get_case(case_id))
    return render_template(
        "web/admin/case.html",
        case=case,
        segments=segments(case.narrative, case.highlights),
        own=case.member_id == g.user.member_id,
    )


@bp.post("/admin/moderation/<case_id>/approve")
@signed_in(ADMIN)
def admin_approve(case_id):
    moderation.approve(moderation.get_case(case_id), _moderator())
    flash(_("Case approved."), "ok")
    return redirect(url_for("web.admin_queue"))


@bp.post("/admin/moderation/<case_id>/reject")
@signed_in(ADMIN)
def admin_reject(case_id):
    moderation.reject(moderation.get_case(case_id), request.form.get("reason", ""), _moderator())
    flash(_("Case rejected; the member sees your reason."), "ok")
    return redirect(url_for("web.admin_queue"))


def parse_spans(text: str) -> list[tuple[int, int]]:
    """``"3-7, 12-15"`` → ``[(3, 7), (12, 15)]``; :class:`Invalid` for anything else."""
    spans = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        start, sep, end = part.partition("-")
        if not sep or not start.strip().isdigit() or not end.strip().isdigit():
            raise Invalid("spans are start-end offsets, e.g. 3-7, 12-15", {"spans": ["invalid"]})
        spans.append((int(start), int(end)))
    if not 1 <= len(spans) <= 200:
        raise Invalid("select the text to mask first", {"spans": ["empty"]})
    return spans


@bp.post("/admin/moderation/<case_id>/redact")
@signed_in(ADMIN)
def admin_redact(case_id):
    moderation.redact(moderation.get_case(case_id), parse_spans(request.form.get("spans", "")), _moderator())
    flash(_("The selected text is masked."), "ok")
    return redirect(url_for("web.admin_case", case_id=case_id))


# -- members, users and keys ----------------------------------------------------------------------------


@bp.route("/admin/members", methods=["GET", "POST"])
@signed_in(ADMIN)
def admin_members():
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            member = member_service.create_member(
                request.form.get("name", ""), None, request.form.get("language", "zh")
            )
            email = request.form.get("contact_email", "").strip()
            if email:
                member_service.update_profile(member, {"contact_email": email})
        except ServiceError as exc:
            errors, status = service_errors(exc) or {"_": [service_message(exc)]}, exc.code
        else:
            flash(_("Member created."), "ok")
            return redirect(url_for("web.admin_member", member_id=member.id))
    members = member_service.list_members()
    return (
        render_template("web/admin/members.html", members=members, errors=errors, values=request.form),
        status,
    )


def _member_page(member, errors=None, new_key=None, status=200):
    keys = member_service.list_keys(member)
    page = render_template(
        "web/admin/member.html",
        member=member,
        keys=[(k, member_service.key_state(k)) for k in keys],
        people=[(u, users.user_state(u)) for u in users.list_users(member)],
        score=contribution_score(member),
        roles=[r.value for r in Role],
        errors=errors or {},
        values=request.form if request.method == "POST" else {},
        new_key=new_key,
    )
    return page, status


@bp.get("/admin/members/<int:member_id>")
@signed_in(ADMIN)
def admin_member(member_id):
    return _member_page(member_service.get_member_by_id(member_id))


@bp.post("/admin/members/<int:member_id>/status")
@signed_in(ADMIN)
def admin_member_status(member_id):
    member = member_service.get_member_by_id(member_id)
    wanted = MemberStatus.SUSPENDED if request.form.get("status") == "suspended" else MemberStatus.ACTIVE
    member_service.set_member_status(member, wanted)
    flash(_("Member suspended.") if wanted == MemberStatus.SUSPENDED else _("Member reactivated."), "ok")
    return redirect(url_for("web.admin_member", member_id=member_id))


@bp.post("/admin/members/<int:member_id>/users")
@signed_in(ADMIN)
def admin_user_create(member_id):
    member = member_service.get_member_by_id(member_id)
    form = request.form
    if form.get("password", "") != form.get("password2", ""):
        return _member_page(member, {"password2": [_("The two passwords differ.")]}, status=422)
    try:
        users.create_user(
            member,
            form.get("username", ""),
            form.get("password", ""),
            form.get("role", ""),
            form.get("language") or None,
        )
    except ServiceError as exc:
        return _member_page(member, service_errors(exc) or {"_": [service_message(exc)]}, status=exc.code)
    flash(_("User created."), "ok")
    return redirect(url_for("web.admin_member", member_id=member_id))


@bp.post("/admin/users/<int:user_id>/<action>")
@signed_in(ADMIN)
def admin_user_action(user_id, action):
    user = users.get_user(user_id)
    if action == "unlock":
        users.unlock(user)
    elif action == "disable":
        if user.id == g.user.id:
            raise Invalid("you cannot disable yourself", {"user": ["self"]})
        users.disable(user)
    elif action == "enable":
        users.enable(user)
    elif action == "password":
        if request.form.get("password", "") != request.form.get("password2", ""):
            raise Invalid(_("The two passwords differ."), {"password2": ["differ"]})
        users.set_password(user, request.form.get("password", ""))
    else:
        raise Invalid("unknown action", {"action": ["unknown"]})
    flash(_("Saved."), "ok")
    return redirect(url_for("web.admin_member", member_id=user.member_id))


@bp.post("/admin/members/<int:member_id>/keys")
@signed_in(ADMIN)
def admin_key_issue(member_id):
    member = member_service.get_member_by_id(member_id)
    try:
        issued = member_service.issue_key(
            member, request.form.get("role", ""), request.form.get("label") or None
        )
    except ServiceError as exc:
        return _member_page(member, service_errors(exc) or {"_": [service_message(exc)]}, status=exc.code)
    # the full key is shown in this answer only (never stored, never redirected through a URL)
    return _member_page(member, new_key=issued.secret)


@bp.post("/admin/keys/<prefix>/revoke")
@signed_in(ADMIN)
def admin_key_revoke(prefix):
    key = member_service.revoke_key(member_service.get_key(prefix))
    flash(_("Key revoked."), "ok")
    return redirect(url_for("web.admin_member", member_id=key.member_id))


# -- bulletins and deliveries ---------------------------------------------------------------------------


@bp.get("/admin/deliveries")
@signed_in(ADMIN)
def admin_deliveries():
    status = request.args.get("status")
    args = {"limit": 200}
    if status in {s.value for s in DeliveryStatus}:
        args["status"] = status
    return render_template(
        "web/admin/deliveries.html",
        items=bulletin_views.list_deliveries(args),
        status=status,
        statuses=[s.value for s in DeliveryStatus],
    )


@bp.post("/admin/deliveries/<int:delivery_id>/resend")
@signed_in(ADMIN)
def admin_resend(delivery_id):
    deliveries.resend(delivery_id)
    flash(_("The delivery is queued again."), "ok")
    return redirect(url_for("web.admin_deliveries"))


@bp.route("/admin/publish", methods=["GET", "POST"])
@signed_in(ADMIN)
def admin_publish():
    default = bulletin_service.last_complete_period()
    if request.method == "POST":
        period = request.form.get("period", "").strip() or default
        try:
            bulletin, created = bulletin_service.publish(period)
        except ServiceError as exc:
            page = render_template(
                "web/admin/publish.html", default=default, error=service_message(exc), period=period
            )
            return page, exc.code
        flash(_("Bulletin published.") if created else _("This period was already published."), "ok")
        return redirect(url_for("web.bulletin_page", period=bulletin.period))
    return render_template("web/admin/publish.html", default=default, error=None, period=default)


# -- audit trail ----------------------------------------------------------------------------------------


@bp.get("/admin/audit")
@signed_in(ADMIN)
def admin_audit():
    before = request.args.get("before_id", type=int)
    action = (request.args.get("action") or "").strip()[:64] or None
    report = None
    if request.args.get("verify"):
        report = {"audit": audit.verify_chain(), "bulletins": bulletin_service.verify_chain(), "at": utcnow()}
    return render_template(
        "web/admin/audit.html", page=queries.audit_page(before, action), action=action, report=report
    )
