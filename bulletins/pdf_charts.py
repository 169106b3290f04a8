"""Vector charts for the PDF (reportlab graphics): crisp in print, a few KiB each, text selectable.

Same content as the PNG charts of :mod:`bulletins.charts`: the five-week trend (cases as bars,
amount as a line on a second axis) and one horizontal bar chart per breakdown.
"""

from __future__ import annotations

import math

from .labels import UI

NAVY = "#1f3a5f"
ACCENT = "#c0392b"
GREY = "#9aa5b1"
LIGHT = "#d9e1ea"
TEXT = "#333333"
MAX_BARS = 8


def _c(value: str):
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Return round tick values from 0 to at least ``top`` (about ``count`` steps)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _short(text: str, limit: int = 17) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compact(value: float, lang: str) -> str:
    if lang == "zh":
        if abs(value) >= 1e8:
            return f"{value / 1e8:g}亿"
        if abs(value) >= 1e4:
            return f"{value / 1e4:g}万"
    else:
        if abs(value) >= 1e9:
            return f"{value / 1e9:g}B"
        if abs(value) >= 1e6:
            return f"{value / 1e6:g}M"
        if abs(value) >= 1e3:
            return f"{value / 1e3:g}k"
    return f"{value:g}"


def trend_drawing(content: dict, lang: str, font: str, width: float, height: float = 150):
    """Cases per week as bars (left axis) and the amount as a line (right axis)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String

    ui = UI[lang]
    trend = content["trend"]
    drawing = Drawing(width, height)
    left, right, bottom, top = 46, 56, 22, 20
    plot_w, plot_h = width - left - right, height - bottom - top
    cases = [t["cases"] or 0 for t in trend]
    amounts = [t["amount_total"] for t in trend]
    case_ticks = nice_ticks(max(cases + [1]) * 1.05)
    amount_ticks = nice_ticks(max([a for a in amounts if a is not None] + [1]) * 1.05)
    y_case = lambda v: bottom + plot_h * v / case_ticks[-1]  # noqa: E731
    y_amount = lambda v: bottom + plot_h * v / amount_ticks[-1]  # noqa: E731
    drawing.add(String(0, height - 12, ui["trend"], fontName=font, fontSize=9, fillColor=_c(NAVY)))
    for tick in case_ticks:
        y = y_case(tick)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=_c(LIGHT), strokeWidth=0.5))
        drawing.add(String(left - 4, y - 3, f"{tick:,.0f}", fontName=font, fontSize=6.5, textAnchor="end"))
    for tick in amount_ticks:
        label = _compact(tick, lang)
        drawing.add(
            String(
                left + plot_w + 4,
                y_amount(tick) - 3,
                label,
                fontName=font,
                fontSize=6.5,
                fillColor=_c(ACCENT),
            )
        )
    slot = plot_w / len(trend)
    points = []
    for i, (t, value) in enumerate(zip(trend, cases, strict=True)):
        x = left + slot * i + slot * 0.2
        color = NAVY if i == len(trend) - 1 else GREY
        drawing.add(
            Rect(x, bottom, slot * 0.6, y_case(value) - bottom, fillColor=_c(color), strokeColor=None)
        )
        if value:
            drawing.add(
                String(
                    x + slot * 0.3,
                    bottom + 4,
                    f"{value:,}",
                    fontName=font,
                    fontSize=6.5,
                    fillColor=_c("#ffffff"),
                    textAnchor="middle",
                )
            )
        week = "W" + t["period"].split("-W")[1]
        drawing.add(String(x + slot * 0.3, bottom - 11, week, fontName=font, fontSize=7, textAnchor="middle"))
        if amounts[i] is not None:
            points.append((x + slot * 0.3, y_amount(amounts[i])))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=_c(TEXT), strokeWidth=0.6))
    if len(points) > 1:
        drawing.add(PolyLine([v for p in points for v in p], strokeColor=_c(ACCENT), strokeWidth=1.4))
    for x, y in points:
        drawing.add(Circle(x, y, 2.2, fillColor=_c(ACCENT), strokeColor=None))
    legend_y = height - 12
    drawing.add(Rect(width - 190, legend_y, 8, 7, fillColor=_c(NAVY), strokeColor=None))
    drawing.add(String(width - 178, legend_y, ui["cases"], fontName=font, fontSize=7))
    drawing.add(
        Line(
            width - 110, legend_y + 3.5, width - 100, legend_y + 3.5, strokeColor=_c(ACCENT), strokeWidth=1.4
        )
    )
    amount_label = f"{ui['amount_total']} ({content['currency']})"
    drawing.add(String(width - 96, legend_y, amount_label, fontName=font, fontSize=7, fillColor=_c(ACCENT)))
    return drawing


def breakdown_drawing(content: dict, dim: str, lang: str, font: str, width: float):
    """Horizontal bars: the largest rows and one grey bar for the rest and the suppressed rows."""
    from reportlab.graphics.shapes import Drawing, Rect, String

    block = content["breakdowns"][dim]
    rows = block["rows"][:MAX_BARS]
    names = [_short(r["label"][lang]) for r in rows]
    values = [r["cases"] for r in rows]
    rest = sum(r["cases"] for r in block["rows"][MAX_BARS:]) + block["suppressed"]["cases"]
    if rest:
        names.append("其他" if lang == "zh" else "other")
        values.append(rest)
    bar_h, gap = 10, 5
    height = max(len(values), 1) * (bar_h + gap) + 6
    drawing = Drawing(width, height)
    label_w = 92
    plot_w = width - label_w - 34
    top = max(values + [1])
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        y = height - (i + 1) * (bar_h + gap)
        color = GREY if rest and i == len(values) - 1 else NAVY
        drawing.add(String(label_w - 4, y + 2, name, fontName=font, fontSize=7, textAnchor="end"))
        length = plot_w * value / top
        drawing.add(Rect(label_w, y, length, bar_h, fillColor=_c(color), strokeColor=None))
        drawing.add(
            String(label_w + length + 3, y + 2, f"{value:,}", fontName=font, fontSize=6.5, fillColor=_c(TEXT))
        )
    if not values:
        drawing.add(String(width / 2, height / 2, UI[lang]["na"], fontName=font, fontSize=8))
    return drawing


__all__ = ["breakdown_drawing", "nice_ticks", "trend_drawing"]
