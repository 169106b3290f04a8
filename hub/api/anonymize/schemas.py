"""Schemas of the anonymization preview."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema
from hub.api.cases.schemas import MAX_NARRATIVE_CHARS, FindingSchema


class PreviewRequestSchema(Schema):
    narrative = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NARRATIVE_CHARS))
    language = fields.String(load_default="auto", validate=validate.OneOf(["auto", "zh", "en"]))


class ResidualWarningSchema(Schema):
    kind = fields.String()
    out_start = fields.Integer()
    out_end = fields.Integer()
    score = fields.Float()
    message = fields.String()


class PreviewSchema(Schema):
    narrative = fields.String(metadata={"description": "The narrative as it would be stored."})
    language = fields.String()
    findings = fields.List(fields.Nested(FindingSchema))
    residual_warnings = fields.List(fields.Nested(ResidualWarningSchema))
    anonymizer_version = fields.String()
