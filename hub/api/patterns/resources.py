"""``/api/v1/patterns``: attack patterns (aggregates; described only above the minimum-members rule)."""

from __future__ import annotations

from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.patterns.schemas import (
    PatternListArgs,
    PatternListSchema,
    PatternSchema,
    RefreshArgs,
    RefreshResultSchema,
)
from hub.auth import require
from hub.models import Role
from hub.services import patterns as service

blp = Blueprint("patterns", __name__, url_prefix="/patterns", description="Attack patterns")


@blp.route("")
class Patterns(MethodView):
    @require(Role.MEMBER, Role.SUBSCRIBER, Role.ADMIN)
    @blp.arguments(PatternListArgs, location="query")
    @blp.response(200, PatternListSchema)
    def get(self, args):
        """List patterns, NEW and GROWING first."""
        return {"items": service.list_patterns(args)}


@blp.route("/refresh")
class Refresh(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(RefreshArgs, location="query")
    @blp.response(200, RefreshResultSchema)
    def post(self, args):
        """Cluster a week now (admin): the current week by default, re-run if it was clustered."""
        return service.refresh(args.get("period"))


@blp.route("/<pattern_id>")
class PatternById(MethodView):
    @require(Role.MEMBER, Role.SUBSCRIBER, Role.ADMIN)
    @blp.response(200, PatternSchema)
    def get(self, pattern_id):
        """One pattern with its weekly trend and representative anonymized excerpts."""
        return service.get_pattern(pattern_id)
