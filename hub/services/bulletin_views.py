"""Reading published bulletins: lists, the Atom feed, and one bulletin in the format asked for."""

from __future__ import annotations

import json
from datetime import UTC
from xml.sax.saxutils import escape

from flask import Response
from sqlalchemy.orm import defer
from werkzeug.datastructures import MIMEAccept

from hub.extensions import db
from hub.models import Bulletin, Delivery
from hub.services.errors import ServiceError

FORMATS = {"json": "application/json", "html": "text/html", "pdf": "application/pdf"}


class NotAcceptable(ServiceError):
    code = 406


def list_bulletins(limit: int = 200, *, with_content: bool = False) -> list[Bulletin]:
    """Published bulletins, newest first; the renderings (large) are not loaded."""
    heavy = [Bulletin.html_zh, Bulletin.html_en, Bulletin.pdf_zh, Bulletin.pdf_en]
    if not with_content:
        heavy.append(Bulletin.content_json)
    query = db.select(Bulletin).options(*(defer(column) for column in heavy))
    return db.session.execute(query.order_by(Bulletin.period.desc()).limit(limit)).scalars().all()


def negotiate(accept: MIMEAccept) -> str:
    """The format the Accept header prefers (JSON when it says nothing)."""
    if not accept or accept.best == "*/*":
        return "json"
    best = accept.best_match(list(FORMATS.values()))
    if best is None:
        raise NotAcceptable("available formats: application/json, text/html, application/pdf")
    return {v: k for k, v in FORMATS.items()}[best]


def bulletin_response(bulletin: Bulletin, fmt: str, lang: str | None, request) -> Response:
    """The bulletin as JSON, HTML or PDF with ETag and Last-Modified; 304 when the client has it."""
    lang = lang or "zh"
    if fmt == "json":
        body, mimetype = bulletin.content_json, "application/json"
    elif fmt == "html":
        body, mimetype = (bulletin.html_zh if lang == "zh" else bulletin.html_en), "text/html"
    else:
        body, mimetype = (bulletin.pdf_zh if lang == "zh" else bulletin.pdf_en), "application/pdf"
    response = Response(body, mimetype=mimetype)
    response.set_etag(f"{bulletin.digest[:32]}-{fmt}-{lang if fmt != 'json' else 'all'}")
    response.last_modified = bulletin.published_at.replace(tzinfo=UTC)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["Vary"] = "Accept"
    if fmt == "pdf":
        response.headers["Content-Disposition"] = (
            f'attachment; filename="riskhub-bulletin-{bulletin.period}-{lang}.pdf"'
        )
    return response.make_conditional(request)


def atom_feed(self_url: str) -> str:
    """The Atom document of the published bulletins (titles in both languages)."""
    entries = []
    items = list_bulletins(50, with_content=True)
    for bulletin in items:
        content = json.loads(bulletin.content_json)
        title = content.get("title", {})
        updated = bulletin.published_at.replace(tzinfo=UTC).isoformat()
        link = f"{self_url}/{bulletin.period}"
        entries.append(
            "<entry>"
            f"<id>urn:riskhub:bulletin:{escape(bulletin.period)}:{bulletin.digest}</id>"
            f"<title>{escape(title.get('zh', bulletin.period))} / "
            f"{escape(title.get('en', bulletin.period))}</title>"
            f"<updated>{updated}</updated>"
            f'<link rel="alternate" type="text/html" href="{escape(link)}?format=html"/>'
            f'<link rel="enclosure" type="application/pdf" href="{escape(link)}?format=pdf"/>'
            f'<link rel="alternate" type="application/json" href="{escape(link)}?format=json"/>'
            f"<summary>SHA-256 {bulletin.digest}</summary>"
            "</entry>"
        )
    updated = items[0].published_at.replace(tzinfo=UTC).isoformat() if items else "1970-01-01T00:00:00+00:00"
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        "<id>urn:riskhub:bulletins</id><title>RiskHub 风险预警报告 / Risk Early-Warning Reports</title>"
        f'<updated>{updated}</updated><link rel="self" href="{escape(self_url)}/feed.atom"/>'
        + "".join(entries)
        + "</feed>"
    )


def list_deliveries(args: dict) -> list[Delivery]:
    query = db.select(Delivery).join(Bulletin, Bulletin.id == Delivery.bulletin_id)
    if args.get("status"):
        query = query.where(Delivery.status == args["status"])
    if args.get("period"):
        query = query.where(Bulletin.period == args["period"])
    return (
        db.session.execute(query.order_by(Delivery.id.desc()).limit(args.get("limit", 200))).scalars().all()
    )
