"""The audit trail as admins read it."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime


class AuditEventSchema(Schema):
    id = fields.Integer()
    occurred_at = UTCDateTime()
    actor = fields.String()
    actor_member_id = fields.Integer(allow_none=True)
    action = fields.String()
    object_type = fields.String()
    object_id = fields.String(allow_none=True)
    details = fields.Dict()
    prev_digest = fields.String()
    digest = fields.String()


class AuditArgsSchema(Schema):
    action = fields.String(
        validate=validate.Length(max=64),
        metadata={"description": "Exact action, or a prefix ending in `.` (e.g. `case.`)."},
    )
    object_type = fields.String(validate=validate.Length(max=32))
    object_id = fields.String(validate=validate.Length(max=64))
    actor = fields.String(validate=validate.Length(max=64))
    member_id = fields.Integer(metadata={"description": "Events of actors of this member."})
    since = fields.AwareDateTime()
    until = fields.AwareDateTime()
    before_id = fields.Integer(metadata={"description": "Cursor: only events with a smaller id."})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class AuditPageSchema(Schema):
    items = fields.List(fields.Nested(AuditEventSchema))
    next_before_id = fields.Integer(allow_none=True)


class ChainReportSchema(Schema):
    ok = fields.Boolean()
    checked = fields.Integer()
    broken_id = fields.Integer(allow_none=True)
    reason = fields.String(allow_none=True)
