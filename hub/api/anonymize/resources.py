"""``/api/v1/anonymize/preview``: what the hub would store for a narrative. Nothing is stored or logged."""

from __future__ import annotations

from flask.views import MethodView

from hub.api.anonymize.schemas import PreviewRequestSchema, PreviewSchema
from hub.api.base import Blueprint
from hub.auth import require
from hub.models import Role
from hub.services.anonymization import preview

blp = Blueprint("anonymize", __name__, url_prefix="/anonymize", description="Anonymization preview")


@blp.route("/preview")
class Preview(MethodView):
    @require(Role.MEMBER)
    @blp.arguments(PreviewRequestSchema)
    @blp.response(200, PreviewSchema)
    def post(self, data):
        """Anonymize a narrative and show the result; nothing is stored and nothing is logged."""
        return preview(data["narrative"], data["language"])
