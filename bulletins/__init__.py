"""RiskHub bulletins: the weekly Risk Early-Warning Report (风险预警报告) as data, its renderings
(JSON, HTML, PDF, charts) and its delivery channels (e-mail, webhook, outbox folder).

Plain data in, plain data out; this package never imports ``hub``::

    import bulletins

    content = bulletins.build_content(period_data)
    raw = bulletins.render_json(content)
    digest = bulletins.digest(raw)
    html = bulletins.render_html(content, "zh")
    pdf = bulletins.render_pdf(content, "en")
"""

from . import actions, delivery
from .aggregate import aggregate, amount_band, mcc_group
from .canonical import digest, render_json, verify_chain
from .charts import render_charts
from .content import PeriodData, build_content, validate_period_data
from .errors import BulletinError, ContentError, RenderError
from .html import render_html
from .pdf import render_pdf
from .periods import last_complete_period, period_bounds, period_of, period_window, previous_periods
from .schema import CONTENT_SCHEMA, PERIOD_DATA_SCHEMA, validate_content

__all__ = [
    "CONTENT_SCHEMA",
    "PERIOD_DATA_SCHEMA",
    "BulletinError",
    "ContentError",
    "PeriodData",
    "RenderError",
    "actions",
    "aggregate",
    "amount_band",
    "build_content",
    "delivery",
    "digest",
    "last_complete_period",
    "mcc_group",
    "period_bounds",
    "period_of",
    "period_window",
    "previous_periods",
    "render_charts",
    "render_html",
    "render_json",
    "render_pdf",
    "validate_content",
    "validate_period_data",
    "verify_chain",
]
