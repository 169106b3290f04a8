"""Charts for the bulletin: the five-week trend and the breakdown bars (PNG, matplotlib Agg).

Text drawn on charts never goes through mathtext (``text.parse_math`` is off), so a ``$`` in a
region name is drawn as it is.
"""

from __future__ import annotations

import io
import threading
import warnings

from .fonts import chart_font_family
from .labels import BREAKDOWN_DIMENSIONS, UI

NAVY = "#1f3a5f"
ACCENT = "#c0392b"
GREY = "#9aa5b1"
LIGHT = "#d9e1ea"
MAX_BARS = 8

_LOCK = threading.Lock()  # matplotlib's rcParams are process-global


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _week_label(period: str) -> str:
    return "W" + period.split("-W")[1]


def _trend_chart(content: dict, lang: str, dpi: int):
    from matplotlib.figure import Figure

    ui = UI[lang]
    trend = content["trend"]
    labels = [_week_label(t["period"]) for t in trend]
    cases = [t["cases"] or 0 for t in trend]
    amounts = [t["amount_total"] for t in trend]
    fig = Figure(figsize=(7.2, 2.6), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    colors = [GREY] * (len(cases) - 1) + [NAVY]
    bars = ax.bar(labels, cases, color=colors, width=0.55, zorder=2)
    for bar, value in zip(bars, cases, strict=True):
        if value:
            ax.annotate(
                f"{value:,}",
                (bar.get_x() + bar.get_width() / 2, 0),
                ha="center",
                va="bottom",
                fontsize=8,
                color="white",
                xytext=(0, 4),
                textcoords="offset points",
            )
    ax.set_ylabel(ui["cases"], fontsize=8, color=NAVY)
    ax.set_ylim(0, max(cases + [1]) * 1.22)
    ax.grid(axis="y", color=LIGHT, zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    twin = ax.twinx()
    xs = [i for i, a in enumerate(amounts) if a is not None]
    twin.plot(xs, [amounts[i] for i in xs], color=ACCENT, marker="o", linewidth=1.8, zorder=3)
    twin.set_ylabel(f"{ui['amount_total']} ({content['currency']})", fontsize=8, color=ACCENT)
    twin.set_ylim(0, max([a for a in amounts if a is not None] + [1]) * 1.22)
    twin.tick_params(labelsize=8, colors=ACCENT)
    twin.spines[["top"]].set_visible(False)
    twin.yaxis.set_major_formatter(_compact_formatter(lang))
    ax.set_title(ui["trend"], fontsize=10, loc="left", color=NAVY)
    fig.tight_layout()
    return fig


def _compact_formatter(lang: str):
    from matplotlib.ticker import FuncFormatter

    def fmt(value, _pos):
        if lang == "zh":
            if abs(value) >= 1e8:
                return f"{value / 1e8:.1f}亿"
            if abs(value) >= 1e4:
                return f"{value / 1e4:.0f}万"
        else:
            if abs(value) >= 1e9:
                return f"{value / 1e9:.1f}B"
            if abs(value) >= 1e6:
                return f"{value / 1e6:.1f}M"
            if abs(value) >= 1e3:
                return f"{value / 1e3:.0f}k"
        return f"{value:.0f}"

    return FuncFormatter(fmt)


def _breakdown_chart(content: dict, dim: str, lang: str, dpi: int):
    from matplotlib.figure import Figure

    block = content["breakdowns"][dim]
    rows = block["rows"][:MAX_BARS]
    names = [_short(r["label"][lang]) for r in rows]
    values = [r["cases"] for r in rows]
    rest = sum(r["cases"] for r in block["rows"][MAX_BARS:]) + block["suppressed"]["cases"]
    if rest:
        names.append("其他" if lang == "zh" else "other")
        values.append(rest)
    height = 0.35 + 0.27 * max(len(values), 1)
    fig = Figure(figsize=(3.5, height + 0.45), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    positions = list(range(len(values)))[::-1]
    colors = [NAVY] * len(rows) + ([GREY] if rest else [])
    ax.barh(positions, values, color=colors, height=0.6, zorder=2)
    ax.set_yticks(positions, names, fontsize=8)
    top = max(values + [1])
    for y, v in zip(positions, values, strict=True):
        ax.text(v + top * 0.02, y, f"{v:,}", va="center", fontsize=7, color="#333333")
    ax.set_xlim(0, top * 1.25)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    if not values:
        ax.text(0.5, 0.5, UI[lang]["na"], ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig


def _palette_png(png: bytes, colors: int = 64) -> bytes:
    """Re-encode a chart as a palette PNG (about a third of the size, no visible loss on flat charts)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        quantized = img.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT)
        out = io.BytesIO()
        quantized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_charts(
    content: dict, lang: str = "zh", *, dpi: int = 150, compact: bool = True
) -> dict[str, bytes]:
    """Render the bulletin's charts as PNG images.

    :param content: the result of :func:`bulletins.build_content`.
    :param lang: ``"zh"`` or ``"en"``; without a CJK font, ``"zh"`` charts get English labels.
    :param dpi: resolution (150 prints well at the sizes used in HTML and PDF).
    :param compact: re-encode as 64-colour palette PNGs (3x smaller e-mails and PDFs).
    :returns: ``{"trend": png, "fraud_type": png, "channel": png, "region": png, "mcc_group": png}``.
    """
    if lang not in UI:
        raise ValueError("lang must be 'zh' or 'en'")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    family = chart_font_family()
    if family is None:
        lang = "en"
    rc = {
        "text.parse_math": False,
        "font.family": "sans-serif",
        "font.sans-serif": ([family] if family else []) + ["DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "riskhub",
    }
    builders = {"trend": lambda: _trend_chart(content, lang, dpi)}
    for dim in BREAKDOWN_DIMENSIONS:
        builders[dim] = lambda dim=dim: _breakdown_chart(content, dim, lang, dpi)
    out: dict[str, bytes] = {}
    with _LOCK, matplotlib.rc_context(rc), warnings.catch_warnings():
        # without a CJK font, Chinese data labels (regions) cannot be drawn; that is documented
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        for name, build in builders.items():
            fig = build()
            FigureCanvasAgg(fig)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
            out[name] = _palette_png(buffer.getvalue()) if compact else buffer.getvalue()
    return out
