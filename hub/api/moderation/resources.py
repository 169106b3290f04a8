"""``/api/v1/moderation``: the admins' review queue and their decisions."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.moderation.schemas import (
    BulkApproveResultSchema,
    BulkApproveSchema,
    ModerationCaseSchema,
    QueueArgsSchema,
    QueueSchema,
    RedactSchema,
    RejectSchema,
)
from hub.auth import require
from hub.models import Role
from hub.services import moderation as service

blp = Blueprint(
    "moderation", __name__, url_prefix="/moderation", description="Review of submitted cases (admins)"
)


@blp.route("/cases")
class Queue(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(QueueArgsSchema, location="query")
    @blp.response(200, QueueSchema)
    def get(self, args):
        """The review queue: pending cases oldest first, with their age against the review target."""
        return service.queue(args)


@blp.route("/cases/<case_id>")
class ModeratedCase(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, ModerationCaseSchema)
    def get(self, case_id):
        """One case with its submitting member, placeholders and residual warnings highlighted."""
        return service.present(service.get_case(case_id))


@blp.route("/cases/<case_id>/approve")
class Approve(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, ModerationCaseSchema)
    @blp.alt_response(409, description="The case was already decided.")
    def post(self, case_id):
        """Approve a pending case (final)."""
        return service.present(service.approve(service.get_case(case_id), g.api_key))


@blp.route("/cases/<case_id>/reject")
class Reject(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(RejectSchema)
    @blp.response(200, ModerationCaseSchema)
    @blp.alt_response(409, description="The case was already decided.")
    def post(self, data, case_id):
        """Reject a pending case with a reason the submitting member sees (final)."""
        return service.present(service.reject(service.get_case(case_id), data["reason"], g.api_key))


@blp.route("/cases/<case_id>/redact")
class Redact(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(RedactSchema)
    @blp.response(200, ModerationCaseSchema)
    def post(self, data, case_id):
        """Mask more spans of the anonymized narrative; a mask never comes off."""
        spans = [tuple(span) for span in data["spans"]]
        return service.present(service.redact(service.get_case(case_id), spans, g.api_key))


@blp.route("/bulk-approve")
class BulkApprove(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(BulkApproveSchema)
    @blp.response(200, BulkApproveResultSchema)
    def post(self, data):
        """Approve many pending cases; each id is answered on its own."""
        results = service.bulk_approve(data["ids"], g.api_key)
        approved = sum(1 for r in results if r.status == "approved")
        return {"approved": approved, "error": len(results) - approved, "results": results}
