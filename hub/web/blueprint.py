"""The page blueprint: who is signed in, who may open what, and HTML answers for every error."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from hub.models import Role
from hub.services import users
from hub.services.errors import ServiceError

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/web",
)

#: Session keys of a signed-in person.
SESSION_USER = "uid"
SESSION_FINGERPRINT = "ufp"


@bp.before_app_request
def _load_user() -> None:
    """Put the signed-in user (or ``None``) in ``g.user``; audit events then name ``user:<id>``."""
    g.user = None
    if request.blueprint != bp.name:
        return
    user_id = session.get(SESSION_USER)
    if user_id is None:
        return
    user = users.session_user(user_id, session.get(SESSION_FINGERPRINT))
    if user is None:
        session.pop(SESSION_USER, None)
        session.pop(SESSION_FINGERPRINT, None)
        return
    g.user = user
    g.member = user.member


@bp.after_request
def _headers(response):
    """Pages are private, never framed by others, and load scripts only from this site."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'",
    )
    return response


def signed_in(*roles: Role | str) -> Callable:
    """Decorate a page: it needs a signed-in user, of one of *roles* when given (403 page otherwise)."""
    allowed = {Role(r).value for r in roles}

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if g.get("user") is None:
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if allowed and g.user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        wrapper._web_roles = sorted(allowed)  # read by the page-permission tests
        return wrapper

    return decorator


def home_for(user) -> str:
    """Where a user lands after signing in."""
    if user.role == Role.ADMIN:
        return url_for("web.admin_queue")
    if user.role == Role.MEMBER:
        return url_for("web.dashboard")
    return url_for("web.bulletins_list")


def service_message(error: ServiceError) -> str:
    """A service error's message in the reader's language (service messages are catalogue entries)."""
    return _(error.message)


def service_errors(error: ServiceError) -> dict[str, list[str]]:
    """A service error's per-field messages as ``{field: [message, ...]}`` for a form."""
    out: dict[str, list[str]] = {}
    for name, messages in (error.errors or {}).items():
        if isinstance(messages, list):
            out[str(name)] = [str(m) for m in messages]
        else:
            out[str(name)] = [str(messages)]
    return out


_ERROR_TEXT = {
    400: (_l("Bad request"), _l("The request could not be read.")),
    401: (_l("Sign-in needed"), _l("Please sign in.")),
    403: (_l("Forbidden"), _l("Your role may not open this page.")),
    404: (_l("Not found"), _l("There is nothing here, or it is not yours to see.")),
    405: (_l("Method not allowed"), _l("This page does not accept that request.")),
    409: (_l("Conflict"), _l("Someone changed this at the same time; reload and try again.")),
    413: (_l("Too large"), _l("The upload is larger than the hub accepts.")),
    422: (_l("Not valid"), _l("The form is not valid.")),
    429: (_l("Too many requests"), _l("Too many requests in a short time; wait a minute and try again.")),
    500: (
        _l("Something went wrong"),
        _l("The hub could not answer; the error was logged without your data."),
    ),
}


def error_page(code: int, message: str | None = None):
    title, default = _ERROR_TEXT.get(code, (HTTPStatus(code).phrase, ""))
    body = render_template("web/error.html", code=code, title=str(title), message=message or str(default))
    return body, code


@bp.errorhandler(CSRFError)
def _csrf_error(error):
    return error_page(400, _("The form has expired or did not come from this site; reload it and try again."))


@bp.errorhandler(ServiceError)
def _service_error(error: ServiceError):
    return error_page(error.code, service_message(error))


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return error_page(error.code or 500)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    # Never echo the exception: it may hold submitted values. The log names the type and place only.
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else "?"
    current_app.logger.error("unhandled %s at %s (page)", type(error).__name__, where)
    return error_page(500)
