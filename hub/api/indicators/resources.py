"""``/api/v1/indicators/lookup``: was this indicator reported by other members? (rate-limited)"""

from __future__ import annotations

from flask import current_app, g
from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.indicators.schemas import LookupRequestSchema, LookupResultSchema
from hub.auth import require
from hub.extensions import limiter
from hub.models import Role
from hub.services import lookup as service

blp = Blueprint("indicators", __name__, url_prefix="/indicators", description="Indicator look-up")


def _lookup_limit() -> str:
    return current_app.config["LOOKUP_RATE_LIMIT"]


@blp.route("/lookup")
class Lookup(MethodView):
    @require(Role.MEMBER)
    @limiter.limit(_lookup_limit)
    @blp.arguments(LookupRequestSchema)
    @blp.response(200, LookupResultSchema)
    @blp.alt_response(429, description="Too many look-ups with this key; see `Retry-After`.")
    def post(self, data):
        """Look up to 1,000 raw indicator values; per value: approved cases, distinct members, first and
        last seen and patterns (the last three only when at least k members reported it)."""
        return {"min_members": service.min_members(), "results": service.lookup(g.member, data["values"])}
