"""Self-contained, printable HTML rendering (Jinja2, autoescaped, charts inlined as data: URIs)."""

from __future__ import annotations

import base64
from functools import cache

import jinja2

from . import formatting
from .labels import BREAKDOWN_DIMENSIONS, DIMENSION_LABELS, UI


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bulletins", "templates"),
        autoescape=True,  # every string from the data is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["int_fmt"] = formatting.fmt_int
    env.filters["pct"] = lambda v: "—" if v is None else f"{v:.1f}%"
    env.filters["spark"] = formatting.sparkline_points
    env.globals["table_rows"] = formatting.table_rows
    return env


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(content: dict, lang: str = "zh", *, charts: dict[str, bytes] | None = None) -> str:
    """Render the bulletin as one self-contained HTML page (no external resources).

    :param content: the result of :func:`bulletins.build_content`.
    :param lang: ``"zh"`` or ``"en"``.
    :param charts: PNG charts from :func:`bulletins.render_charts` (rendered here if not given).
    :returns: the HTML document as text; every string from ``content`` is HTML-escaped.
    """
    if lang not in UI:
        raise ValueError("lang must be 'zh' or 'en'")
    if charts is None:
        from .charts import render_charts

        charts = render_charts(content, lang)
    ui = UI[lang]
    metrics = []
    for key, money in (("cases", False), ("amount_total", True), ("members", False)):
        m = content["headline"][key]
        prev_text, prev_css = formatting.delta_parts(
            m["change_previous_pct"], m["change_previous"], money, lang
        )
        mean_text, mean_css = formatting.delta_parts(
            m["change_mean_4w_pct"], m["change_mean_4w"], money, lang
        )
        value = formatting.fmt_money(m["value"], lang) if money else formatting.fmt_int(m["value"])
        if money:
            value = f"{value} {content['currency']}"
        metrics.append(
            {
                "name": ui[key],
                "value": value,
                "prev_text": prev_text,
                "prev_css": prev_css,
                "mean_text": mean_text,
                "mean_css": mean_css,
            }
        )
    env = _environment()
    template = env.get_template("bulletin.html.j2")
    return template.render(
        c=content,
        lang=lang,
        ui=ui,
        metrics=metrics,
        week_title=formatting.week_title(content, lang),
        generated=formatting.fmt_datetime(content["generated_at"], lang),
        dims=[{"key": d, "title": DIMENSION_LABELS[d][lang]} for d in BREAKDOWN_DIMENSIONS],
        charts={name: _data_uri(png) for name, png in charts.items()},
        money=lambda v: formatting.fmt_money(v, lang),
        band=lambda b: formatting.fmt_band(b, lang),
    )
