"""``/api/v1/bulletins`` and ``/api/v1/deliveries``: reading, publishing and delivering the weekly report."""

from __future__ import annotations

from flask import Response, request, url_for
from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.bulletins.schemas import (
    BulletinFormatArgs,
    BulletinListSchema,
    BulletinSummarySchema,
    DeliveryListArgs,
    DeliveryListSchema,
    DeliverySchema,
    DraftArgs,
    PublishArgs,
)
from hub.auth import require
from hub.models import Role
from hub.services import bulletin_views as views
from hub.services import bulletins as service
from hub.services import deliveries

blp = Blueprint(
    "bulletins", __name__, url_prefix="/bulletins", description="Weekly Risk Early-Warning Reports"
)
ANY_ROLE = (Role.MEMBER, Role.SUBSCRIBER, Role.ADMIN)


@blp.route("")
class Bulletins(MethodView):
    @require(*ANY_ROLE)
    @blp.response(200, BulletinListSchema)
    def get(self):
        """List published bulletins, newest first."""
        return {"items": views.list_bulletins()}

    @require(Role.ADMIN)
    @blp.arguments(PublishArgs, location="query")
    @blp.response(201, BulletinSummarySchema)
    @blp.alt_response(200, schema=BulletinSummarySchema, description="The period was already published.")
    @blp.alt_response(409, description="The period has not ended.")
    def post(self, args):
        """Publish a period's bulletin now (admin); publishing twice returns the first one."""
        bulletin, created = service.publish(args.get("period"))
        return (bulletin, 201 if created else 200)


@blp.route("/feed.atom")
class Feed(MethodView):
    @require(*ANY_ROLE)
    @blp.response(200, content_type="application/atom+xml")
    def get(self):
        """An Atom feed of the published bulletins."""
        body = views.atom_feed(url_for("bulletins.Bulletins", _external=True))
        return Response(body, mimetype="application/atom+xml")


@blp.route("/drafts")
class Draft(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(DraftArgs, location="query")
    @blp.response(200)
    def get(self, args):
        """Preview a period's bulletin as it would be published now (not stored)."""
        return service.preview(service.check_period(args["period"]))


@blp.route("/<period>")
class BulletinByPeriod(MethodView):
    @require(*ANY_ROLE)
    @blp.arguments(BulletinFormatArgs, location="query")
    @blp.response(200, content_type="application/json")
    @blp.alt_response(304, description="Not modified (If-None-Match / If-Modified-Since).")
    def get(self, args, period):
        """One bulletin as JSON, HTML or PDF (``?format=`` or the Accept header; ``?lang=zh|en``)."""
        fmt = args.get("format") or views.negotiate(request.accept_mimetypes)
        return views.bulletin_response(service.get_bulletin(period), fmt, args.get("lang"), request)


dblp = Blueprint("deliveries", __name__, url_prefix="/deliveries", description="Bulletin deliveries (admin)")


@dblp.route("")
class Deliveries(MethodView):
    @require(Role.ADMIN)
    @dblp.arguments(DeliveryListArgs, location="query")
    @dblp.response(200, DeliveryListSchema)
    def get(self, args):
        """Deliveries with their status; ``status=failed`` lists the ones that need a re-send."""
        return {"items": views.list_deliveries(args)}


@dblp.route("/<int:delivery_id>/resend")
class Resend(MethodView):
    @require(Role.ADMIN)
    @dblp.response(200, DeliverySchema)
    def post(self, delivery_id):
        """Queue a delivery again (same message id, so receivers can drop a copy they already have)."""
        return deliveries.resend(delivery_id)
