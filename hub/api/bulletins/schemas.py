"""Bulletin and delivery schemas."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime


class BulletinSummarySchema(Schema):
    period = fields.String()
    digest = fields.String(metadata={"description": "SHA-256 of the bulletin's JSON."})
    prev_digest = fields.String(allow_none=True, metadata={"description": "Digest of the bulletin before."})
    published_at = UTCDateTime()


class BulletinListSchema(Schema):
    items = fields.List(fields.Nested(BulletinSummarySchema))


class BulletinFormatArgs(Schema):
    format = fields.String(validate=validate.OneOf(["json", "html", "pdf"]))
    lang = fields.String(validate=validate.OneOf(["zh", "en"]))


class PublishArgs(Schema):
    period = fields.String(
        validate=validate.Regexp(r"^\d{4}-W\d{2}$"),
        metadata={"description": "ISO week; default: the last complete week."},
    )


class DraftArgs(Schema):
    period = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-W\d{2}$"))


class DeliverySchema(Schema):
    id = fields.Integer()
    period = fields.String(attribute="bulletin.period")
    member_code = fields.String(attribute="member.code")
    member_name = fields.String(attribute="member.name")
    channel = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    next_attempt_at = UTCDateTime()
    sent_at = UTCDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)


class DeliveryListArgs(Schema):
    status = fields.String(validate=validate.OneOf(["pending", "sending", "sent", "failed"]))
    period = fields.String(validate=validate.Regexp(r"^\d{4}-W\d{2}$"))
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=1000))


class DeliveryListSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema))
