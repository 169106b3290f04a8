"""Admin schemas: members with their profiles, API keys (prefix only) and contribution scores."""

from __future__ import annotations

from marshmallow import fields, validate

from hub.api.base import Schema, UTCDateTime
from hub.api.moderation.schemas import MemberRefSchema
from hub.models import Role


class MemberSchema(Schema):
    """A member as admins see it."""

    id = fields.Integer()
    code = fields.String(metadata={"description": "Public pseudonym."})
    name = fields.String()
    status = fields.String()
    contact_email = fields.String(allow_none=True)
    language = fields.String()
    webhook_url = fields.String(allow_none=True)
    webhook_secret_version = fields.Integer()
    email_enabled = fields.Boolean()
    created_at = UTCDateTime()


class MemberListArgsSchema(Schema):
    status = fields.String(validate=validate.OneOf(["active", "suspended"]))


class MemberCreateSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    contact_email = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=320))
    language = fields.String(load_default="zh", validate=validate.OneOf(["zh", "en"]))
    webhook_url = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    email_enabled = fields.Boolean(load_default=True)


class MemberUpdateSchema(Schema):
    """Only the fields sent are changed; `null` clears the e-mail or the webhook URL."""

    name = fields.String(validate=validate.Length(min=1, max=200))
    contact_email = fields.String(allow_none=True, validate=validate.Length(max=320))
    language = fields.String(validate=validate.OneOf(["zh", "en"]))
    webhook_url = fields.String(allow_none=True, validate=validate.Length(max=500))
    email_enabled = fields.Boolean()


class WebhookSecretSchema(Schema):
    version = fields.Integer()
    secret = fields.String(metadata={"description": "Hex HMAC secret, shown once; it is never stored."})


class ApiKeySchema(Schema):
    """A key as listed: never the secret."""

    prefix = fields.String()
    member_id = fields.Integer()
    member_code = fields.Function(lambda key: key.member.code)
    role = fields.String()
    label = fields.String(allow_none=True)
    state = fields.String(metadata={"description": "active, expired or revoked"})
    created_at = UTCDateTime()
    expires_at = UTCDateTime(allow_none=True)
    revoked_at = UTCDateTime(allow_none=True)
    last_used_at = UTCDateTime(allow_none=True)


class IssuedKeySchema(ApiKeySchema):
    secret = fields.String(metadata={"description": "The full key, shown once."})


class KeyCreateSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in Role]))
    label = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))
    expires_at = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None)


class KeyListArgsSchema(Schema):
    member_id = fields.Integer()
    role = fields.String(validate=validate.OneOf([r.value for r in Role]))


class KeyExpireSchema(Schema):
    expires_at = fields.AwareDateTime(
        load_default=None, allow_none=True, metadata={"description": "When the key stops; now when absent."}
    )


class ScoreComponentsSchema(Schema):
    volume = fields.Float()
    quality = fields.Float()
    timeliness = fields.Float()
    engagement = fields.Float()


class ScoreSchema(Schema):
    """The contribution score with its inputs (docs/moderation.md has the formula)."""

    score = fields.Float()
    approved = fields.Integer()
    rejected = fields.Integer()
    pending = fields.Integer()
    approval_rate = fields.Float(allow_none=True)
    median_delay_days = fields.Float(allow_none=True)
    feedback_given = fields.Integer()
    components = fields.Nested(ScoreComponentsSchema)
    formula = fields.String()


class MemberScoreSchema(ScoreSchema):
    member = fields.Nested(MemberRefSchema)
