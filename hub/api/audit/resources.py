"""``/api/v1/audit``: the hash-chained audit trail (admins)."""

from __future__ import annotations

from datetime import UTC

from flask.views import MethodView

from hub.api.audit.schemas import AuditArgsSchema, AuditPageSchema, ChainReportSchema
from hub.api.base import Blueprint
from hub.auth import require
from hub.extensions import db
from hub.models import AuditEvent, Role
from hub.services import audit as service

blp = Blueprint("audit", __name__, url_prefix="/audit", description="The audit trail (admins)")


def _naive(moment):
    return moment.astimezone(UTC).replace(tzinfo=None)


@blp.route("")
class Events(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(AuditArgsSchema, location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, args):
        """Audit events, newest first, with filters; page on with ``before_id``."""
        query = db.select(AuditEvent)
        action = args.get("action")
        if action:
            query = query.where(
                AuditEvent.action.startswith(action, autoescape=True)
                if action.endswith(".")
                else AuditEvent.action == action
            )
        for name in ("object_type", "object_id", "actor"):
            if args.get(name):
                query = query.where(getattr(AuditEvent, name) == args[name])
        if "member_id" in args:
            query = query.where(AuditEvent.actor_member_id == args["member_id"])
        if "since" in args:
            query = query.where(AuditEvent.occurred_at >= _naive(args["since"]))
        if "until" in args:
            query = query.where(AuditEvent.occurred_at < _naive(args["until"]))
        if "before_id" in args:
            query = query.where(AuditEvent.id < args["before_id"])
        limit = args["limit"]
        rows = db.session.execute(query.order_by(AuditEvent.id.desc()).limit(limit + 1)).scalars().all()
        items = rows[:limit]
        return {"items": items, "next_before_id": items[-1].id if len(rows) > limit else None}


@blp.route("/verify")
class Verify(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, ChainReportSchema)
    def get(self):
        """Check the whole chain; name the first broken link."""
        return service.verify_chain()
