"""The caller's own member profile."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime


class ProfileSchema(Schema):
    """The calling member's own profile (its own name and code only)."""

    code = fields.String()
    name = fields.String()
    status = fields.String()
    role = fields.String(metadata={"description": "The role of the key that asked."})
    contact_email = fields.String(allow_none=True)
    language = fields.String()
    webhook_url = fields.String(allow_none=True)
    webhook_secret_version = fields.Integer()
    email_enabled = fields.Boolean()
    created_at = UTCDateTime()


class ProfileUpdateSchema(Schema):
    """Delivery settings a member changes itself; `null` clears the e-mail or the webhook URL."""

    contact_email = fields.String(allow_none=True, validate=validate.Length(max=320))
    language = fields.String(validate=validate.OneOf(["zh", "en"]))
    webhook_url = fields.String(allow_none=True, validate=validate.Length(max=500))
    email_enabled = fields.Boolean()


class OwnKeySchema(Schema):
    prefix = fields.String()
    role = fields.String()
    label = fields.String(allow_none=True)
    state = fields.String()
    created_at = UTCDateTime()
    expires_at = UTCDateTime(allow_none=True)
