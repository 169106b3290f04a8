"""Indicator look-up: raw values in, counts out. The values are never echoed, stored or logged.

A batch holds up to 1,000 items, so items are read and written by light fields instead of nested
schemas (a nested schema per item costs more than the look-up itself); the OpenAPI document still
describes them.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from hub.api.base import Schema
from hub.taxonomy import INDICATOR_KINDS

_KINDS = frozenset(INDICATOR_KINDS)


class LookupItemField(fields.Field):
    """``{"type": <indicator kind>, "value": <raw value, 1-512 characters>}``."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ma.ValidationError("must be an object with type and value")
        errors = {}
        if set(value) - {"type", "value"}:
            errors["item"] = ["only type and value are allowed"]  # the unknown names are not echoed
        kind, raw = value.get("type"), value.get("value")
        if kind not in _KINDS:
            errors["type"] = [f"must be one of: {', '.join(INDICATOR_KINDS)}"]
        if not isinstance(raw, str) or not 1 <= len(raw) <= 512:
            errors["value"] = ["a string of 1 to 512 characters is required"]
        if errors:
            raise ma.ValidationError(errors)
        return {"type": kind, "value": raw}


class LookupRequestSchema(Schema):
    values = fields.List(
        LookupItemField(
            metadata={
                "type": "object",
                "required": ["type", "value"],
                "properties": {
                    "type": {"type": "string", "enum": list(INDICATOR_KINDS)},
                    "value": {"type": "string", "minLength": 1, "maxLength": 512},
                },
            }
        ),
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "Up to LOOKUP_MAX_VALUES (default 1,000) raw values with their types."},
    )


_ANSWER = {
    "type": "object",
    "properties": {
        "index": {"type": "integer", "description": "Position of the value in the request."},
        "type": {"type": "string"},
        "valid": {"type": "boolean"},
        "error": {"type": "string", "description": "Why the value could not be read (invalid values only)."},
        "reported": {"type": "boolean"},
        "cases": {"type": "integer", "description": "Approved cases that carry the indicator."},
        "members": {"type": "integer", "description": "Distinct members that reported it."},
        "described": {"type": "boolean", "description": "Whether at least k members reported it."},
        "first_seen": {"type": "string", "format": "date", "nullable": True},
        "last_seen": {"type": "string", "format": "date", "nullable": True},
        "patterns": {"type": "array", "items": {"type": "string"}},
    },
}


class LookupResultSchema(Schema):
    min_members = fields.Integer(metadata={"description": "The k of the minimum-members rule."})
    results = fields.List(fields.Raw(metadata=_ANSWER))
