"""``/api/v1/admin``: members, their profiles and API keys, and contribution scores (admins)."""

from __future__ import annotations

from datetime import UTC

from flask.views import MethodView

from hub.api.admin.schemas import (
    ApiKeySchema,
    IssuedKeySchema,
    KeyCreateSchema,
    KeyExpireSchema,
    KeyListArgsSchema,
    MemberCreateSchema,
    MemberListArgsSchema,
    MemberSchema,
    MemberScoreSchema,
    MemberUpdateSchema,
    WebhookSecretSchema,
)
from hub.api.base import Blueprint
from hub.auth import require
from hub.models import MemberStatus, Role
from hub.services import members as service
from hub.services.scoring import contribution_score

blp = Blueprint("admin", __name__, url_prefix="/admin", description="Members, keys and scores (admins)")


def _naive_utc(moment):
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def present_key(key):
    key.state = service.key_state(key)
    return key


@blp.route("/members")
class Members(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(MemberListArgsSchema, location="query")
    @blp.response(200, MemberSchema(many=True))
    def get(self, args):
        """Every member with its profile."""
        return service.list_members(args.get("status"))

    @require(Role.ADMIN)
    @blp.arguments(MemberCreateSchema)
    @blp.response(201, MemberSchema)
    def post(self, data):
        """Create a member institution; it gets a fresh public pseudonym code."""
        member = service.create_member(data["name"], None, data["language"])
        extra = {k: data[k] for k in ("contact_email", "webhook_url") if data.get(k) is not None}
        if not data["email_enabled"]:
            extra["email_enabled"] = False
        if extra:
            service.update_profile(member, extra)
        return member


@blp.route("/members/<int:member_id>")
class MemberById(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, MemberSchema)
    def get(self, member_id):
        """One member with its profile."""
        return service.get_member_by_id(member_id)

    @require(Role.ADMIN)
    @blp.arguments(MemberUpdateSchema)
    @blp.response(200, MemberSchema)
    def patch(self, data, member_id):
        """Change a member's profile (name, contact e-mail, language, webhook URL, e-mail on/off)."""
        return service.update_profile(service.get_member_by_id(member_id), data)


@blp.route("/members/<int:member_id>/suspend")
class Suspend(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, MemberSchema)
    def post(self, member_id):
        """Suspend a member: every one of its keys stops at once."""
        return service.set_member_status(service.get_member_by_id(member_id), MemberStatus.SUSPENDED)


@blp.route("/members/<int:member_id>/reactivate")
class Reactivate(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, MemberSchema)
    def post(self, member_id):
        """Reactivate a suspended member."""
        return service.set_member_status(service.get_member_by_id(member_id), MemberStatus.ACTIVE)


@blp.route("/members/<int:member_id>/webhook-secret")
class WebhookSecret(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, WebhookSecretSchema)
    def post(self, member_id):
        """Rotate the member's webhook signing secret; the new one is shown once."""
        member = service.get_member_by_id(member_id)
        secret = service.rotate_webhook_secret(member)
        return {"version": member.webhook_secret_version, "secret": secret}


@blp.route("/members/<int:member_id>/keys")
class MemberKeys(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, ApiKeySchema(many=True))
    def get(self, member_id):
        """The member's keys by prefix (secrets are never stored)."""
        return [present_key(k) for k in service.list_keys(service.get_member_by_id(member_id))]

    @require(Role.ADMIN)
    @blp.arguments(KeyCreateSchema)
    @blp.response(201, IssuedKeySchema)
    def post(self, data, member_id):
        """Issue a key for the member; the full key is in this answer only."""
        issued = service.issue_key(
            service.get_member_by_id(member_id), data["role"], data["label"], _naive_utc(data["expires_at"])
        )
        key = present_key(issued.api_key)
        key.secret = issued.secret
        return key


@blp.route("/members/<int:member_id>/score")
class MemberScore(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, MemberScoreSchema)
    def get(self, member_id):
        """The member's contribution score with its inputs."""
        member = service.get_member_by_id(member_id)
        return {"member": member, **contribution_score(member)}


@blp.route("/scores")
class Scores(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, MemberScoreSchema(many=True))
    def get(self):
        """Every member's contribution score, highest first."""
        rows = [{"member": m, **contribution_score(m)} for m in service.list_members()]
        return sorted(rows, key=lambda r: (-r["score"], r["member"].id))


@blp.route("/keys")
class Keys(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(KeyListArgsSchema, location="query")
    @blp.response(200, ApiKeySchema(many=True))
    def get(self, args):
        """Every key by prefix, optionally of one member or role."""
        member = service.get_member_by_id(args["member_id"]) if "member_id" in args else None
        return [present_key(k) for k in service.list_keys(member, args.get("role"))]


@blp.route("/keys/<prefix>/revoke")
class RevokeKey(MethodView):
    @require(Role.ADMIN)
    @blp.response(200, ApiKeySchema)
    def post(self, prefix):
        """Revoke a key at once (final)."""
        return present_key(service.revoke_key(service.get_key(prefix)))


@blp.route("/keys/<prefix>/expire")
class ExpireKey(MethodView):
    @require(Role.ADMIN)
    @blp.arguments(KeyExpireSchema)
    @blp.response(200, ApiKeySchema)
    def post(self, data, prefix):
        """Set when a key stops working (now by default)."""
        return present_key(service.expire_key(service.get_key(prefix), _naive_utc(data["expires_at"])))
