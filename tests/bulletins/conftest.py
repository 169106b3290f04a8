"""Fixtures for the bulletins tests: synthetic period data and its renderings (built once)."""

from __future__ import annotations

import copy

import pytest

import bulletins

from .factories import make_period_data

XSS = '<script>alert("x")</script>'


@pytest.fixture
def period_data() -> dict:
    return make_period_data()


@pytest.fixture(scope="session")
def content() -> dict:
    return bulletins.build_content(make_period_data())


@pytest.fixture(scope="session")
def hostile_content() -> dict:
    """Content whose user-supplied strings (labels, keywords, excerpts, keys) are all markup."""
    data = make_period_data(k=2)
    for p in data["patterns"]:
        p["members"] = max(p["members"], 2)
        p["label"] = f"{XSS} 套现<b>粗体</b>"
        p["keywords"] = [XSS, "<img src=x onerror=alert(1)>", "&amp;"]
        p["excerpt"] = f'客户称 {XSS} <a href="http://evil.example/">点此</a> 末尾'
    data["breakdowns"]["region"][0]["key"] = f"{XSS}市"
    data["breakdowns"]["region"][0]["members"] = 5
    data["breakdowns"]["channel"][0]["key"] = "$\\frac{1}{0}$ <font color=red>x</font>"
    data["breakdowns"]["channel"][0]["members"] = 5
    data["indicators"][0]["token"] = "tk_<script>"
    data["indicators"][0]["members"] = 5
    return bulletins.build_content(data)


@pytest.fixture(scope="session")
def charts_zh(content) -> dict[str, bytes]:
    return bulletins.render_charts(content, "zh")


@pytest.fixture(scope="session")
def pdf_zh(content) -> bytes:
    return bulletins.render_pdf(content, "zh")


@pytest.fixture(scope="session")
def charts_en(content) -> dict[str, bytes]:
    return bulletins.render_charts(content, "en")


@pytest.fixture(scope="session")
def pdf_en(content) -> bytes:
    return bulletins.render_pdf(content, "en")


@pytest.fixture(scope="session")
def renderings(content, charts_zh, charts_en, pdf_zh, pdf_en) -> dict[str, tuple[str, bytes]]:
    """``{lang: (html, pdf)}`` for both editions."""
    return {
        "zh": (bulletins.render_html(content, "zh", charts=charts_zh), pdf_zh),
        "en": (bulletins.render_html(content, "en", charts=charts_en), pdf_en),
    }


@pytest.fixture
def fresh(content) -> dict:
    """A deep copy of the session content, free to mutate."""
    return copy.deepcopy(content)
