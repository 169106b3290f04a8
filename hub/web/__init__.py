"""Server-rendered pages for people: risk teams (members), subscribers and alliance admins.

The pages sit on the same services as the API (``hub.services``); a view parses a form, calls one
service and renders its result. People sign in with a username and password (:mod:`hub.services.users`);
API keys stay for machines. Every form carries a CSRF token (Flask-WTF's :class:`CSRFProtect`, which
exempts the ``/api`` blueprints: they authenticate with bearer keys, not cookies). Pages are in Chinese
and English (Flask-Babel); the catalogues under ``hub/translations`` are compiled into the instance
folder when the app starts (see :mod:`hub.web.i18n`).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

#: Built once and bound in :func:`init_app` (the lead may move these two into ``hub/extensions.py``).
babel = Babel()
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    """Register the page blueprint, Flask-Babel and CSRF protection on *app*."""
    from hub.api.base import Blueprint as ApiBlueprint
    from hub.web import i18n
    from hub.web.blueprint import bp

    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a token lives as long as the session
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "zh")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(i18n.compile_catalogues(app))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    for blueprint in list(app.blueprints.values()):
        if isinstance(blueprint, ApiBlueprint):
            csrf.exempt(blueprint)  # bearer keys, no cookies: nothing to forge

    from hub.web.views import admin, auth, member, subscriber  # noqa: F401  (routes onto bp)

    app.register_blueprint(bp)
    i18n.init_jinja(app)
