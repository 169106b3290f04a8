"""``/api/v1/patterns/<pattern_id>/feedback``: "seen it too" or "not relevant" (members)."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.feedback.schemas import FeedbackResultSchema, FeedbackSchema
from hub.auth import require
from hub.models import Role
from hub.services import feedback as service

blp = Blueprint(
    "pattern_feedback", __name__, url_prefix="/patterns", description="Members' feedback on patterns"
)


@blp.route("/<pattern_id>/feedback")
class Feedback(MethodView):
    @require(Role.MEMBER)
    @blp.arguments(FeedbackSchema)
    @blp.response(200, FeedbackResultSchema)
    def post(self, data, pattern_id):
        """Say "seen it too" (`seen`) or "not relevant" (`not_relevant`); one per member, changeable."""
        row = service.give_feedback(g.member, pattern_id, data["kind"])
        return {"pattern_id": row.pattern_id, "kind": row.kind}

    @require(Role.MEMBER)
    @blp.response(204)
    def delete(self, pattern_id):
        """Take the caller's feedback on the pattern back."""
        service.withdraw_feedback(g.member, pattern_id)
