"""Pages every role reads: the weekly bulletins (HTML edition in the page, PDF and JSON downloads, the
Atom feed) and the attack patterns (aggregates only, under the minimum-members rule)."""

from __future__ import annotations

import json

from flask import Response, abort, g, render_template, request, url_for

from hub.models import Role
from hub.services import bulletin_views
from hub.services import bulletins as bulletin_service
from hub.services import patterns as pattern_service
from hub.services.feedback import KINDS as FEEDBACK_KINDS
from hub.web.blueprint import bp, signed_in
from hub.web.i18n import current_language
from hub.web.text import trend_svg_points

ANY_ROLE = (Role.MEMBER, Role.SUBSCRIBER, Role.ADMIN)


@bp.get("/bulletins")
@signed_in(*ANY_ROLE)
def bulletins_list():
    items = []
    for bulletin in bulletin_views.list_bulletins(with_content=True):
        content = json.loads(bulletin.content_json)
        items.append(
            {"bulletin": bulletin, "title": content.get("title", {}), "headline": content.get("headline")}
        )
    return render_template("web/bulletins/list.html", items=items)


@bp.get("/bulletins/feed.atom")
@signed_in(*ANY_ROLE)
def bulletins_feed():
    body = bulletin_views.atom_feed(url_for("web.bulletins_list", _external=True))
    return Response(body, mimetype="application/atom+xml")


@bp.get("/bulletins/<period>")
@signed_in(*ANY_ROLE)
def bulletin_page(period):
    """One bulletin: its HTML edition in the page, or ``?format=html|pdf|json`` (downloads, feed)."""
    bulletin = bulletin_service.get_bulletin(period)
    fmt = request.args.get("format")
    lang = request.args.get("lang") or current_language()
    if lang not in ("zh", "en"):
        abort(404)
    if fmt:
        if fmt not in bulletin_views.FORMATS:
            abort(404)
        response = bulletin_views.bulletin_response(bulletin, fmt, lang, request)
        if fmt == "html":
            # the edition is shown in a sandboxed frame of this page: no scripts, no forms
            response.headers["Content-Security-Policy"] = (
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
            )
        return response
    content = json.loads(bulletin.content_json)
    return render_template(
        "web/bulletins/detail.html", bulletin=bulletin, title=content.get("title", {}), lang=lang
    )


@bp.get("/patterns")
@signed_in(*ANY_ROLE)
def patterns_list():
    status = request.args.get("status")
    args = {"status": status} if status in ("NEW", "GROWING", "STABLE", "FADING") else {}
    return render_template("web/patterns/list.html", items=pattern_service.list_patterns(args), status=status)


@bp.get("/patterns/<pattern_id>")
@signed_in(*ANY_ROLE)
def pattern_detail(pattern_id):
    pattern = pattern_service.get_pattern(pattern_id)
    trend = pattern.get("trend") or [{"period": p, "size": n} for p, n in sorted(pattern["sizes"].items())]
    bars = trend_svg_points([t["size"] for t in trend])
    for bar, point in zip(bars, trend, strict=True):
        bar["period"] = point["period"]
    return render_template(
        "web/patterns/detail.html",
        pattern=pattern,
        bars=bars,
        can_give_feedback=g.user.role == Role.MEMBER,
        feedback_kinds=FEEDBACK_KINDS,
    )
