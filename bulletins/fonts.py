"""Finding the CJK font used by the PDF and the charts.

The font must come from a package installed on the machine (Debian ``fonts-wqy-microhei`` by
default), never from the web. Search order: the paths in ``RISKHUB_CJK_FONT`` (separated by
``os.pathsep``; ``path#index`` picks a face inside a ``.ttc`` collection), then :data:`DEFAULT_FONT_PATHS`.
Only TrueType outlines work with reportlab's embedding (CFF-based ``.otf`` CJK fonts do not).

If no font is found, the PDF falls back to reportlab's built-in CID font ``STSong-Light`` (not
embedded: the text layer is right, the glyphs come from the reader's own fonts) and the charts use
English labels.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from functools import cache

ENV_VAR = "RISKHUB_CJK_FONT"

DEFAULT_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

PDF_FONT_NAME = "RiskHubCJK"
PDF_FALLBACK_FONT = "STSong-Light"


@dataclass(frozen=True)
class FontSpec:
    """A font file and the face index inside it (0 for plain ``.ttf`` files)."""

    path: str
    index: int = 0


def _parse(entry: str) -> FontSpec:
    path, _, index = entry.partition("#")
    return FontSpec(path, int(index) if index.isdigit() else 0)


def candidate_fonts() -> list[FontSpec]:
    """Return the font candidates in search order (environment first, then the defaults)."""
    env = os.environ.get(ENV_VAR, "")
    entries = [e for e in env.split(os.pathsep) if e.strip()]
    return [_parse(e.strip()) for e in entries] + [FontSpec(p) for p in DEFAULT_FONT_PATHS]


def find_cjk_font() -> FontSpec | None:
    """Return the first candidate font file that exists, or ``None``."""
    for spec in candidate_fonts():
        if os.path.isfile(spec.path):
            return spec
    return None


@cache
def _register_pdf_font(spec: FontSpec | None) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if spec is not None:
        name = f"{PDF_FONT_NAME}-{zlib.crc32(f'{spec.path}#{spec.index}'.encode()):08x}"
        try:
            pdfmetrics.registerFont(TTFont(name, spec.path, subfontIndex=spec.index))
            return name
        except (TTFError, OSError, ValueError):
            pass
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FALLBACK_FONT))
    return PDF_FALLBACK_FONT


def pdf_font() -> str:
    """Register (once) and return the reportlab font name to use for all PDF text."""
    return _register_pdf_font(find_cjk_font())


@cache
def _register_chart_font(spec: FontSpec | None) -> str | None:
    if spec is None:
        return None
    from matplotlib import font_manager

    try:
        font_manager.fontManager.addfont(spec.path)
        return font_manager.FontProperties(fname=spec.path).get_name()
    except (OSError, RuntimeError, ValueError):
        return None


def chart_font_family() -> str | None:
    """Register (once) and return the matplotlib family name of the CJK font, or ``None``."""
    return _register_chart_font(find_cjk_font())
