import base64
import hashlib
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import bulletins
from bulletins import fonts

from .conftest import XSS

PNG = b"\x89PNG\r\n\x1a\n"
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed; apt-get install poppler-utils",
)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.srcs, self.hrefs, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "src" in attrs:
            self.srcs.append(attrs["src"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        for name in attrs:
            assert not name.startswith("on"), name

    def handle_data(self, data):
        self.text.append(data)


# --- charts -------------------------------------------------------------------------------------


def test_charts_are_pngs(charts_zh):
    assert set(charts_zh) == {"trend", "fraud_type", "channel", "region", "mcc_group"}
    for png in charts_zh.values():
        assert png.startswith(PNG) and len(png) > 2000


def test_charts_survive_mathtext_and_markup(hostile_content):
    charts = bulletins.render_charts(hostile_content, "en")
    assert charts["channel"].startswith(PNG)


def test_charts_reject_unknown_language(content):
    with pytest.raises(ValueError):
        bulletins.render_charts(content, "fr")


# --- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_is_self_contained(content, charts_zh, lang):
    html = bulletins.render_html(content, lang, charts=charts_zh)
    parser = Collector()
    parser.feed(html)
    assert "script" not in parser.tags
    assert parser.srcs and all(src.startswith("data:image/png;base64,") for src in parser.srcs)
    assert not parser.hrefs  # no stylesheet, no external link
    assert "@media print" in html and "@page" in html
    for src in parser.srcs:
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in html


def test_html_has_both_editions(content, charts_zh):
    zh = bulletins.render_html(content, "zh", charts=charts_zh)
    en = bulletins.render_html(content, "en", charts=charts_zh)
    assert "风险预警报告" in zh and "本周概览" in zh and "处置建议" in zh
    assert "Risk Early-Warning Report" in en and "Recommended actions" in en
    assert content["actions"][0]["actions"]["en"][0].replace("'", "&#39;") in en
    # KPI deltas vs last week and vs the 4-week mean are shown
    assert "较上周" in zh and "较前 4 周均值" in zh and "vs 4-week mean" in en
    # new and growing patterns as cards, the others in a table; all described patterns appear
    assert zh.count('<article class="pattern') == sum(
        p["status"] in ("NEW", "GROWING") for p in content["patterns"]
    )
    assert "平稳与减弱的模式" in zh and "Stable and fading patterns" in en
    for p in content["patterns"]:
        assert p["pattern_id"] in zh


def test_html_escapes_every_user_string(hostile_content):
    charts = {"trend": PNG + b"x"}
    html = bulletins.render_html(hostile_content, "zh", charts=charts)
    parser = Collector()
    parser.feed(html)
    assert "script" not in parser.tags and parser.tags.count("img") == 1  # the one chart given
    assert "<script>" not in html and "<b>粗体" not in html and "<font" not in html
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert not any(h.startswith("http") for h in parser.hrefs)
    text = "".join(parser.text)
    assert XSS in text  # shown as literal text
    assert "&lt;script&gt;" in html
    assert 'src="x"' not in html


def test_html_does_not_show_suppressed_rows_keys(content, charts_zh):
    html = bulletins.render_html(content, "en", charts=charts_zh)
    assert "fewer than 3 reporting members" in html


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_is_deterministic(content, pdf_zh):
    assert pdf_zh.startswith(b"%PDF-")
    again = bulletins.render_pdf(content, "zh")
    assert hashlib.sha256(again).digest() == hashlib.sha256(pdf_zh).digest()


def test_pdf_charts_are_vector_by_default_png_on_request(content, pdf_zh, charts_zh):
    assert b"/Subtype /Image" not in pdf_zh
    with_png = bulletins.render_pdf(content, "zh", charts=charts_zh)
    assert with_png.count(b"/Subtype /Image") == len(charts_zh)


def test_pdf_embeds_a_cjk_font_when_one_is_installed(pdf_zh):
    if fonts.find_cjk_font() is None:
        pytest.skip("no CJK TrueType font installed (fonts-wqy-microhei); the CID fallback is tested below")
    assert b"/FontFile2" in pdf_zh  # embedded TrueType subset


@needs_poppler
def test_pdf_chinese_text_layer_and_pages(pdf_zh, content, tmp_path):
    text = pdf_text(pdf_zh, tmp_path)
    flat = squash(text)
    for expected in (
        "风险预警报告",
        "近 5 周趋势",
        "本周概览",
        "攻击模式",
        "分类统计",
        "处置建议",
        "方法说明",
        content["patterns"][0]["label"],
        content["actions"][0]["label"]["zh"],
    ):
        assert squash(expected) in flat, expected
    assert "\ufffd" not in text  # no replacement characters
    (tmp_path / "b.pdf").write_bytes(pdf_zh)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp_path / "b.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    from PIL import Image

    with Image.open(pages[0]) as img:
        assert img.size[0] > 200
        colors = img.convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colors) > 50  # real content, not a blank page


@needs_poppler
def test_pdf_english_edition(pdf_en, tmp_path):
    flat = squash(pdf_text(pdf_en, tmp_path))
    assert squash("Risk Early-Warning Report") in flat and squash("Recommended actions") in flat


@needs_poppler
def test_pdf_user_strings_are_literal_text(hostile_content, tmp_path):
    pdf = bulletins.render_pdf(hostile_content, "zh")
    flat = squash(pdf_text(pdf, tmp_path))
    assert squash(XSS) in flat
    assert squash("<b>粗体</b>") in flat
    assert squash("<font color=red>x</font>") in flat
    assert squash('<a href="http://evil.example/">点此</a>') in flat
    assert b"evil.example" not in pdf.split(b"stream")[0] or b"/URI" not in pdf


@needs_poppler
def test_pdf_fallback_cid_font_keeps_the_text_layer(content, tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    monkeypatch.setattr(fonts, "DEFAULT_FONT_PATHS", ())
    assert fonts.find_cjk_font() is None
    pdf = bulletins.render_pdf(content, "zh")
    assert b"STSong-Light" in pdf and b"/FontFile2" not in pdf
    assert squash("风险预警报告") in squash(pdf_text(pdf, tmp_path))
    charts = bulletins.render_charts(content, "zh", dpi=40)  # English labels, still renders
    assert charts["trend"].startswith(PNG)


def test_font_search_order_honours_the_environment(tmp_path, monkeypatch):
    font = tmp_path / "my.ttc"
    font.write_bytes(b"x")
    monkeypatch.setenv(fonts.ENV_VAR, f"{tmp_path / 'nope.ttf'}:{font}#2")
    assert fonts.find_cjk_font() == fonts.FontSpec(str(font), 2)


def test_render_rejects_unknown_language(content):
    with pytest.raises(ValueError):
        bulletins.render_pdf(content, "de", charts={})
    with pytest.raises(ValueError):
        bulletins.render_html(content, "de", charts={})


@needs_poppler
def test_pdf_has_no_tofu_every_character_has_a_glyph(pdf_zh, tmp_path):
    """Each character in the text layer must exist in the embedded font (else it prints as a box)."""
    spec = fonts.find_cjk_font()
    if spec is None:
        pytest.skip("no CJK TrueType font installed (fonts-wqy-microhei)")
    from fontTools.ttLib import TTCollection, TTFont

    if spec.path.lower().endswith(".ttc"):
        font = TTCollection(spec.path, lazy=True).fonts[spec.index]
    else:
        font = TTFont(spec.path, lazy=True)
    cmap = font.getBestCmap()
    text = pdf_text(pdf_zh, tmp_path)
    used = {ch for ch in text if not ch.isspace() and ch not in "\x0c"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in used)
    missing = sorted(ch for ch in used if ord(ch) not in cmap)
    assert missing == []
