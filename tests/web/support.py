"""Helpers of the page tests: people of each role, signing in through the form, CSRF tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hub.extensions import db
from hub.models import Member
from hub.services import members as member_service
from hub.services import users as user_service

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class Person:
    """A user in tests: username, role, member (id, name, code)."""

    user_id: int
    username: str
    role: str
    member_id: int
    member_name: str
    member_code: str


def make_person(app, member_name: str, username: str, role: str, *, language: str | None = None) -> Person:
    """Create (or reuse) the member and create a user of it with :data:`PASSWORD`."""
    with app.app_context():
        member = db.session.execute(db.select(Member).where(Member.name == member_name)).scalar_one_or_none()
        if member is None:
            member = member_service.create_member(member_name, None, "zh")
        user = user_service.create_user(member, username, PASSWORD, role, language)
        db.session.commit()
        return Person(user.id, user.username, role, member.id, member.name, member.code)


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, read from a page's form or meta tag."""
    text = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = _TOKEN.search(text) or _META.search(text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client, username: str, password: str = PASSWORD):
    """Post the sign-in form; return the response."""
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": csrf_token(client)}
    )


def post_form(client, path: str, data: dict | None = None, *, page: str | None = None, **kwargs):
    """POST a form with the session's CSRF token (read from *page*, by default the start page)."""
    token = csrf_token(client, page or "/login")
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)


def text_of(response) -> str:
    """The page's visible text (tags stripped, entities left as they are)."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
