"""Pattern schemas: aggregates only, never a submitter."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema


class PatternListArgs(Schema):
    status = fields.String(validate=validate.OneOf(["NEW", "GROWING", "STABLE", "FADING"]))
    period = fields.String(validate=validate.Regexp(r"^\d{4}-W\d{2}$"))


class FeedbackCountsSchema(Schema):
    seen = fields.Integer()
    not_relevant = fields.Integer()


class TrendPointSchema(Schema):
    period = fields.String()
    size = fields.Integer()
    members = fields.Integer()
    amount_total = fields.String()
    status = fields.String()


class PatternSchema(Schema):
    id = fields.String()
    status = fields.String()
    first_period = fields.String()
    last_period = fields.String()
    size = fields.Integer(metadata={"description": "Cases in the latest week the pattern was seen."})
    sizes = fields.Dict(keys=fields.String(), values=fields.Integer())
    members = fields.Integer(metadata={"description": "Distinct members that reported it (a count only)."})
    described = fields.Boolean(
        metadata={"description": "False when fewer than k members reported it: counted, not described."}
    )
    feedback = fields.Nested(FeedbackCountsSchema)
    label = fields.String()
    keywords = fields.List(fields.String())
    language = fields.String(allow_none=True)
    fraud_type = fields.String(allow_none=True)
    channel = fields.String(allow_none=True)
    mcc = fields.String(allow_none=True)
    amount_band = fields.String(allow_none=True)
    excerpts = fields.List(fields.String())
    trend = fields.List(fields.Nested(TrendPointSchema))


class PatternListSchema(Schema):
    items = fields.List(fields.Nested(PatternSchema))


class RefreshArgs(Schema):
    period = fields.String(
        validate=validate.Regexp(r"^\d{4}-W\d{2}$"),
        metadata={"description": "ISO week; default: the current week (an on-demand refresh)."},
    )


class RefreshResultSchema(Schema):
    period = fields.String()
    cases = fields.Integer()
    patterns = fields.Integer()
