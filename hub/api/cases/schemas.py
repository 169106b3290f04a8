"""Case schemas: what a member sends and what it gets back."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime
from hub.taxonomy import CHANNELS, FRAUD_TYPES, INDICATOR_KINDS

MAX_NARRATIVE_CHARS = 20_000
MAX_INDICATORS = 100


class IndicatorSchema(Schema):
    type = fields.String(required=True, validate=validate.OneOf(INDICATOR_KINDS))
    value = fields.String(required=True, validate=validate.Length(min=1, max=512))


class CaseCreateSchema(Schema):
    """One case as a member submits it. The narrative and indicator values are raw here and nowhere else."""

    external_ref = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=100),
            validate.Regexp(r"^[\x21-\x7e]+$", error="printable ASCII, no spaces"),
        ],
        metadata={"description": "The member's own id of the case, unique per member."},
    )
    occurred_at = fields.DateTime(
        required=True,
        metadata={"description": "ISO 8601; a time without offset is read in the alliance's time zone."},
    )
    fraud_type = fields.String(required=True, validate=validate.OneOf(FRAUD_TYPES))
    channel = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(CHANNELS))
    mcc = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^\d{4}$", error="MCC is 4 digits")
    )
    amount = fields.Decimal(
        load_default=None,
        allow_none=True,
        places=2,
        as_string=True,
        validate=validate.Range(min=0, max=10**15),
    )
    currency = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^[A-Z]{3}$", error="ISO 4217 code, e.g. CNY"),
    )
    region = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    narrative = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NARRATIVE_CHARS))
    indicators = fields.List(
        fields.Nested(IndicatorSchema), load_default=list, validate=validate.Length(max=MAX_INDICATORS)
    )

    @ma.validates_schema
    def _amount_needs_currency(self, data, **kwargs):
        if data.get("amount") is not None and not data.get("currency"):
            raise ma.ValidationError("currency is required with amount", "currency")


class FindingSchema(Schema):
    entity_type = fields.String()
    out_start = fields.Integer()
    out_end = fields.Integer()
    score = fields.Float()
    recognizer = fields.String()
    placeholder = fields.String()
    indicator_kind = fields.String(allow_none=True)


class CaseSchema(Schema):
    """A case as stored, shown to the member that owns it."""

    id = fields.String()
    external_ref = fields.String()
    status = fields.String()
    occurred_at = UTCDateTime()
    submitted_at = UTCDateTime()
    fraud_type = fields.String()
    channel = fields.String(allow_none=True)
    mcc = fields.String(allow_none=True)
    amount = fields.Decimal(as_string=True, allow_none=True)
    currency = fields.String(allow_none=True)
    region = fields.String(allow_none=True)
    narrative = fields.String(metadata={"description": "The anonymized narrative."})
    language = fields.String()
    findings = fields.List(fields.Nested(FindingSchema))
    residual_warnings = fields.Integer(attribute="residual_count")
    indicators = fields.Integer(
        attribute="indicator_count",
        metadata={"description": "How many indicator tokens were stored for the case."},
    )
    anonymizer_version = fields.String()
    moderation_reason = fields.String(allow_none=True)
    pattern_id = fields.String(allow_none=True, metadata={"description": "The pattern the case joined."})


class CaseListArgsSchema(Schema):
    status = fields.String(validate=validate.OneOf(["pending", "approved", "rejected", "withdrawn"]))
    fraud_type = fields.String(validate=validate.OneOf(FRAUD_TYPES))
    occurred_from = fields.DateTime()
    occurred_to = fields.DateTime()
    submitted_from = fields.DateTime()
    submitted_to = fields.DateTime()
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class CasePageSchema(Schema):
    items = fields.List(fields.Nested(CaseSchema))
    next_cursor = fields.String(allow_none=True)


class BulkRowResultSchema(Schema):
    row = fields.Integer(metadata={"description": "1-based row number (CSV: data rows after the header)."})
    status = fields.String(validate=validate.OneOf(["created", "duplicate", "error"]))
    id = fields.String(allow_none=True)
    errors = fields.Dict(allow_none=True)


class BulkResultSchema(Schema):
    created = fields.Integer()
    duplicate = fields.Integer()
    error = fields.Integer()
    rows = fields.List(fields.Nested(BulkRowResultSchema))


class BulkUploadFormSchema(Schema):
    encoding = fields.String(load_default="utf-8", validate=validate.OneOf(["utf-8", "gb18030"]))
