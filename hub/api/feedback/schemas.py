"""A member's feedback on a pattern."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema
from hub.services.feedback import KINDS


class FeedbackSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))


class FeedbackResultSchema(Schema):
    pattern_id = fields.String()
    kind = fields.String(allow_none=True, metadata={"description": "The caller's own feedback."})
