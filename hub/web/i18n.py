"""Languages of the pages: catalogue compilation, the locale of a request, and domain labels.

The ``.po`` catalogues under ``hub/translations/<lang>/LC_MESSAGES/`` are the source. They are compiled
with Babel's API into ``<instance>/translations`` when the app starts, and again whenever a ``.po`` file is
newer than its ``.mo`` (written to a temporary file and renamed, so parallel workers never read half a
file). ``make run`` and ``make test`` need no manual step and no ``.mo`` file is kept in git.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import lazy_gettext as _l

from hub.taxonomy import CHANNELS, FRAUD_TYPES

LANGUAGES = ("zh", "en")
SOURCE = Path(__file__).resolve().parent.parent / "translations"


def compile_catalogues(app: Flask) -> list[str]:
    """Compile every stale ``.po`` into the instance folder; return the translation directories."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    target = Path(app.instance_path) / "translations"
    for po in sorted(SOURCE.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                write_mo(out, catalog)
            os.replace(tmp, mo)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return [str(target)]


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else the browser's, else Chinese."""
    user = g.get("user")
    if user is not None and user.language in LANGUAGES:
        return user.language
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "zh"


def current_language() -> str:
    from flask_babel import get_locale

    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "zh"


def fraud_type_label(code: str | None) -> str:
    """The fraud type's label in the page language (the code itself when unknown)."""
    if not code:
        return "—"
    labels = FRAUD_TYPES.get(code)
    return code if labels is None else labels[0 if current_language() == "zh" else 1]


def channel_label(code: str | None) -> str:
    if not code:
        return "—"
    labels = CHANNELS.get(code)
    return code if labels is None else labels[0 if current_language() == "zh" else 1]


#: Labels of the status words the pages show as badges (case, pattern, delivery, key, user, upload row).
STATUS_LABELS = {
    "pending": _l("pending"),
    "approved": _l("approved"),
    "rejected": _l("rejected"),
    "withdrawn": _l("withdrawn"),
    "NEW": _l("NEW"),
    "GROWING": _l("GROWING"),
    "STABLE": _l("STABLE"),
    "FADING": _l("FADING"),
    "sent": _l("sent"),
    "failed": _l("failed"),
    "sending": _l("sending"),
    "active": _l("active"),
    "suspended": _l("suspended"),
    "revoked": _l("revoked"),
    "expired": _l("expired"),
    "locked": _l("locked"),
    "disabled": _l("disabled"),
    "created": _l("created"),
    "duplicate": _l("duplicate"),
    "error": _l("error"),
}


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return status if label is None else str(label)


def init_jinja(app: Flask) -> None:
    app.jinja_env.filters["fraud_type"] = fraud_type_label
    app.jinja_env.filters["channel"] = channel_label
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["status_label"] = status_label
