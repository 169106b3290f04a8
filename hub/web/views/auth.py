"""Sign-in, sign-out, the language switch and the landing page."""

from __future__ import annotations

from flask import g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from hub.extensions import db
from hub.services import users
from hub.web.blueprint import SESSION_FINGERPRINT, SESSION_USER, bp, home_for
from hub.web.i18n import LANGUAGES


def _safe_next(target: str | None) -> str | None:
    """A local path to go back to after signing in; anything else (other hosts, ``//x``) is dropped."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.get("/")
def index():
    if g.user is None:
        return redirect(url_for("web.login"))
    return redirect(home_for(g.user))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in form; the same message for every failure, and a lock after repeated failures."""
    if request.method == "GET":
        if g.user is not None:
            return redirect(home_for(g.user))
        return render_template("web/login.html", next=_safe_next(request.args.get("next")))
    username = request.form.get("username", "")[:200]
    password = request.form.get("password", "")[:1000]
    try:
        result = users.sign_in(username, password)
    except users.SignInFailed:
        db.session.commit()  # the failure count and the lock must stay although the answer is an error
        page = render_template(
            "web/login.html",
            error=_("Wrong username or password, or the account is locked or disabled."),
            username=username,
            next=_safe_next(request.form.get("next")),
        )
        return page, 401
    lang = session.get("lang")
    session.clear()  # a new session on every sign-in (no fixation)
    session.permanent = True
    session[SESSION_USER] = result.user.id
    session[SESSION_FINGERPRINT] = result.fingerprint
    if lang in LANGUAGES and result.user.language is None:
        users.set_language(result.user, lang)
    return redirect(_safe_next(request.form.get("next")) or home_for(result.user))


@bp.post("/logout")
def logout():
    if g.user is not None:
        users.sign_out(g.user)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("web.login"))


@bp.post("/language")
def language():
    """Switch the page language; remembered on the user (and in the session before signing in)."""
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
        if g.user is not None:
            users.set_language(g.user, lang)
    return redirect(_safe_next(request.form.get("next")) or url_for("web.index"))
