"""Bearer-key authentication and role checks for the API."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps

from flask import g, request
from flask_smorest import abort

from hub.models import Role
from hub.services.members import authenticate

BEARER_SCHEME = {"type": "http", "scheme": "bearer", "description": "API key: `rh_<prefix>_<secret>`"}


def require(*roles: Role | str) -> Callable:
    """Decorate a view so that it needs a valid key of one of *roles* (any role when none is given)."""
    allowed: set[str] = {Role(r).value for r in roles}

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            scheme, _, presented = header.partition(" ")
            if scheme.lower() != "bearer" or not presented.strip():
                abort(401, message="missing API key", headers={"WWW-Authenticate": 'Bearer realm="riskhub"'})
            key = authenticate(presented.strip())
            if key is None:
                abort(
                    401,
                    message="invalid, revoked or expired API key",
                    headers={"WWW-Authenticate": 'Bearer realm="riskhub", error="invalid_token"'},
                )
            if allowed and key.role not in allowed:
                abort(403, message="this key's role may not do this")
            g.api_key = key
            g.member = key.member
            return view(*args, **kwargs)

        # OpenAPI: the operation needs a bearer key of these roles and may answer 401 / 403
        apidoc = copy.deepcopy(getattr(view, "_apidoc", {}))
        manual = apidoc.setdefault("manual_doc", {})
        manual["security"] = [{"bearer": []}]
        roles_text = ", ".join(sorted(allowed)) or "any"
        manual["description"] = (manual.get("description", "") + f"\n\nRoles: {roles_text}.").strip()
        responses = manual.setdefault("responses", {})
        responses.setdefault("401", {"description": "Missing, invalid, revoked or expired key."})
        if allowed:
            responses.setdefault("403", {"description": f"The key's role is not one of: {roles_text}."})
        wrapper._apidoc = apidoc
        return wrapper

    return decorator
