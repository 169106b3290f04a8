"""``/api/v1/me``: the calling member's own profile, keys and contribution score."""

from __future__ import annotations

from flask import g
from flask.views import MethodView

from hub.api.admin.schemas import ScoreSchema, WebhookSecretSchema
from hub.api.base import Blueprint
from hub.api.me.schemas import OwnKeySchema, ProfileSchema, ProfileUpdateSchema
from hub.auth import require
from hub.models import Role
from hub.services import members as service
from hub.services.scoring import contribution_score

blp = Blueprint("me", __name__, url_prefix="/me", description="The caller's own member profile and score")


def _profile():
    member = g.member
    member.role = g.api_key.role
    return member


@blp.route("")
class Me(MethodView):
    @require(Role.MEMBER, Role.SUBSCRIBER)
    @blp.response(200, ProfileSchema)
    def get(self):
        """The caller's own member profile."""
        return _profile()

    @require(Role.MEMBER)
    @blp.arguments(ProfileUpdateSchema)
    @blp.response(200, ProfileSchema)
    def patch(self, data):
        """Change the member's delivery settings: contact e-mail, language, webhook URL, e-mail on/off."""
        service.update_profile(g.member, data)
        return _profile()


@blp.route("/webhook-secret")
class MyWebhookSecret(MethodView):
    @require(Role.MEMBER)
    @blp.response(200, WebhookSecretSchema)
    def post(self):
        """Rotate the member's webhook signing secret; the new one is shown once."""
        secret = service.rotate_webhook_secret(g.member)
        return {"version": g.member.webhook_secret_version, "secret": secret}


@blp.route("/keys")
class MyKeys(MethodView):
    @require(Role.MEMBER, Role.SUBSCRIBER)
    @blp.response(200, OwnKeySchema(many=True))
    def get(self):
        """The member's own keys by prefix."""
        keys = service.list_keys(g.member)
        for key in keys:
            key.state = service.key_state(key)
        return keys


@blp.route("/score")
class MyScore(MethodView):
    @require(Role.MEMBER)
    @blp.response(200, ScoreSchema)
    def get(self):
        """The member's own contribution score with its inputs."""
        return contribution_score(g.member)
