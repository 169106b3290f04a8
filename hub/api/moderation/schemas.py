"""Moderation schemas: the admin view of a case (member shown, highlights) and the decisions."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime
from hub.api.cases.schemas import FindingSchema
from hub.taxonomy import FRAUD_TYPES


class MemberRefSchema(Schema):
    """The submitting member (admin views only)."""

    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class HighlightSchema(Schema):
    kind = fields.String(
        metadata={
            "description": "`placeholder`, `residual` (residual-check warning) or `redaction` (admin mask)."
        }
    )
    start = fields.Integer()
    end = fields.Integer()
    label = fields.String(allow_none=True, metadata={"description": "Entity type or warning kind."})
    text = fields.String(metadata={"description": "The highlighted part of the anonymized text."})
    message = fields.String(allow_none=True)


class ModerationCaseSchema(Schema):
    """A case as the moderators see it."""

    id = fields.String()
    member = fields.Nested(MemberRefSchema)
    external_ref = fields.String()
    status = fields.String()
    occurred_at = UTCDateTime()
    submitted_at = UTCDateTime()
    age_hours = fields.Float()
    overdue = fields.Boolean()
    fraud_type = fields.String()
    channel = fields.String(allow_none=True)
    mcc = fields.String(allow_none=True)
    amount = fields.Decimal(as_string=True, allow_none=True)
    currency = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    narrative = fields.String(metadata={"description": "The anonymized narrative."})
    language = fields.String()
    highlights = fields.List(fields.Nested(HighlightSchema))
    findings = fields.List(fields.Nested(FindingSchema))
    residual_warnings = fields.Integer(attribute="residual_count")
    indicators = fields.Integer(attribute="indicator_count")
    redactions = fields.Integer()
    anonymizer_version = fields.String()
    moderated_at = UTCDateTime(allow_none=True)
    moderation_reason = fields.String(allow_none=True)
    pattern_id = fields.String(allow_none=True)


class QueueArgsSchema(Schema):
    status = fields.String(
        load_default="pending", validate=validate.OneOf(["pending", "approved", "rejected", "withdrawn"])
    )
    fraud_type = fields.String(validate=validate.OneOf(FRAUD_TYPES))
    language = fields.String(validate=validate.Length(max=8))
    member = fields.String(validate=validate.Length(max=16), metadata={"description": "Member code."})
    overdue = fields.Boolean()
    residual = fields.Boolean(metadata={"description": "Only cases with (true) or without (false) warnings."})
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class QueueSchema(Schema):
    total = fields.Integer(metadata={"description": "Cases matching the filters."})
    overdue = fields.Integer(metadata={"description": "Pending cases older than the review target."})
    target_hours = fields.Integer()
    items = fields.List(fields.Nested(ModerationCaseSchema))


class RejectSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "Shown to the submitting member."},
    )


class RedactSchema(Schema):
    spans = fields.List(
        fields.List(fields.Integer(validate=validate.Range(min=0)), validate=validate.Length(equal=2)),
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "[start, end] offsets in the current anonymized narrative."},
    )


class BulkApproveSchema(Schema):
    ids = fields.List(
        fields.String(validate=validate.Length(max=64)),
        required=True,
        validate=validate.Length(min=1, max=1000),
    )


class BulkDecisionSchema(Schema):
    id = fields.String()
    status = fields.String(validate=validate.OneOf(["approved", "error"]))
    message = fields.String(allow_none=True)


class BulkApproveResultSchema(Schema):
    approved = fields.Integer()
    error = fields.Integer()
    results = fields.List(fields.Nested(BulkDecisionSchema))
