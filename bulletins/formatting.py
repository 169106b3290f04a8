"""Number, date and delta formatting shared by the HTML and PDF renderings."""

from __future__ import annotations

import datetime as dt

from .labels import UI


def fmt_int(value: float | None) -> str:
    """``12345`` → ``"12,345"``; ``None`` → ``"—"``."""
    return "—" if value is None else f"{round(value):,}"


def fmt_money(value: float | None, lang: str, currency: str = "CNY") -> str:
    """Format an amount compactly: ``1,234,567.8`` → ``"123.5 万"`` (zh) or ``"1.23M"`` (en)."""
    if value is None:
        return "—"
    if lang == "zh":
        if abs(value) >= 1e8:
            return f"{value / 1e8:,.2f} 亿"
        if abs(value) >= 1e4:
            return f"{value / 1e4:,.1f} 万"
        return f"{value:,.0f}"
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.2f}B"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.2f}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:,.1f}k"
    return f"{value:,.0f}"


def fmt_band(band: dict | None, lang: str) -> str:
    """Format an amount band ``{"low", "high"}``."""
    if not band:
        return "—"
    low = fmt_money(band["low"], lang)
    if band["high"] is None:
        return f"{low} {UI[lang]['up_to']}" if lang == "zh" else f"{low} {UI[lang]['up_to']}"
    return f"{low} – {fmt_money(band['high'], lang)}"


def delta_parts(pct: float | None, change: float | None, money: bool, lang: str) -> tuple[str, str]:
    """Return ``(text, css_class)`` for a change: ``("▲ 12.3% (+120)", "up")``.

    An increase of fraud is bad news, so ``up`` is drawn red and ``down`` green.
    """
    if change is None:
        return UI[lang]["na"], "flat"
    if pct is None:
        sign = "+" if change > 0 else ""
        amount = fmt_money(change, lang) if money else fmt_int(change)
        return (f"{UI[lang]['new_base']} ({sign}{amount})" if change else "0"), (
            "up" if change > 0 else "flat"
        )
    arrow = "▲" if pct > 0 else "▼" if pct < 0 else "■"
    css = "up" if pct > 0 else "down" if pct < 0 else "flat"
    sign = "+" if change > 0 else ""
    amount = fmt_money(change, lang) if money else fmt_int(change)
    return f"{arrow} {abs(pct):.1f}% ({sign}{amount})", css


MAX_TABLE_ROWS = 12
DETAILED_STATUSES = ("NEW", "GROWING")  # shown as cards; the others go into a compact table


def table_rows(block: dict) -> tuple[list[dict], dict | None]:
    """Split a breakdown into the rows a table shows and a summary of the rest (or ``None``).

    Long breakdowns (many regions) keep their full data in the JSON; HTML and PDF show the
    :data:`MAX_TABLE_ROWS` largest rows and one line for the others.
    """
    rows = block["rows"]
    if len(rows) <= MAX_TABLE_ROWS:
        return rows, None
    rest = rows[MAX_TABLE_ROWS:]
    shares = [r["share_pct"] for r in rest if r["share_pct"] is not None]
    return rows[:MAX_TABLE_ROWS], {
        "rows": len(rest),
        "cases": sum(r["cases"] for r in rest),
        "amount": sum(r["amount"] for r in rest),
        "share_pct": round(sum(shares), 1) if shares else None,
    }


def fmt_datetime(value: str, lang: str) -> str:
    """Format an ISO datetime as ``2026-11-23 08:00 +08:00``."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{moment:%Y-%m-%d %H:%M} {offset}".strip()


def week_title(content: dict, lang: str) -> str:
    """``"2026 年第 47 周"`` / ``"Week 47, 2026"``."""
    return UI[lang]["week"].format(year=content["period"]["year"], week=content["period"]["week"])


def sparkline_points(sizes: list[dict], width: float = 90, height: float = 22) -> list[tuple[float, float]]:
    """Return polyline points for a pattern's weekly sizes (numbers only, safe to inline as SVG)."""
    values = [s["size"] for s in sizes]
    if not values:
        return []
    top = max(values) or 1
    step = width / max(len(values) - 1, 1)
    return [
        (round(i * step, 1), round(height - 2 - (v / top) * (height - 4), 1)) for i, v in enumerate(values)
    ]
