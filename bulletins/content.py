"""The bulletin as data: the input shape (:class:`PeriodData`) and :func:`build_content`.

The hub assembles a :class:`PeriodData` dict from its database (or with :func:`bulletins.aggregate`)
and calls :func:`build_content`; the result is plain, JSON-serializable data that every rendering
(JSON, HTML, PDF, charts) reads. The same input always gives the same output.

The minimum-members rule (``k``): a pattern, an indicator or a breakdown row that fewer than ``k``
members reported is counted in the totals but not described. Such breakdown rows are merged into one
"other" row without a key; such patterns are only counted (how many, how many cases); such indicators
are left out. Indicators are only listed when at least ``max(k, 2)`` members reported them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Mapping
from typing import Any, Literal, NotRequired, TypedDict

from . import periods
from .actions import actions_for, fraud_type_label
from .errors import ContentError
from .labels import BREAKDOWN_DIMENSIONS, INDICATOR_KIND_LABELS, STATUS_LABELS, label_for
from .schema import PERIOD_DATA_SCHEMA, validate_against

SCHEMA_VERSION = "1.0"
STATUS_ORDER = ("NEW", "GROWING", "STABLE", "FADING")
MAX_KEYWORDS = 10
MAX_EXCERPT_CHARS = 400
HISTORY_WEEKS = 4

Status = Literal["NEW", "GROWING", "STABLE", "FADING"]


class WeekFigures(TypedDict):
    """Headline figures of one week."""

    period: str  #: ``"2026-W46"``
    cases: int  #: approved cases in the week
    amount_total: float  #: sum of case amounts, in ``currency``
    members: int  #: distinct members that reported at least one of these cases


class BreakdownRow(TypedDict):
    """One row of a breakdown (fraud type, channel, region or MCC group)."""

    key: str  #: code (fraud type, channel, MCC group) or free text (region)
    cases: int
    amount: float
    members: int


class AmountBand(TypedDict):
    """Typical amount range of a pattern's cases (for example the 25th-75th percentile)."""

    low: float
    high: float | None  #: ``None``: open-ended ("and above")


class Feedback(TypedDict):
    """Members' reactions to a pattern."""

    seen: int  #: "seen it too"
    not_relevant: int


class PatternInput(TypedDict):
    """One attack pattern as the clustering step and the hub describe it."""

    pattern_id: str  #: stable id across weeks
    status: Status
    size: int  #: cases of this pattern in the period
    members: int  #: distinct members behind those cases
    label: NotRequired[str]  #: short name (anonymized text)
    keywords: NotRequired[list[str]]
    sizes: NotRequired[dict[str, int]]  #: period -> cases, earlier weeks included
    amount_band: NotRequired[AmountBand | None]
    excerpt: NotRequired[str]  #: a representative anonymized narrative
    fraud_type: NotRequired[str]  #: taxonomy code
    feedback: NotRequired[Feedback]


class IndicatorInput(TypedDict):
    """An indicator token and how often it was reported."""

    kind: str  #: ``PHONE``, ``CARD``, ``ACCOUNT``, ``DEVICE``, ``EMAIL``, ``IP``, ``URL``, ...
    token: str  #: keyed hash (never the raw value)
    cases: int
    members: int
    first_seen: str  #: ISO date
    last_seen: str  #: ISO date


class PeriodData(TypedDict):
    """Input of :func:`build_content`. Dates and datetimes may be ISO strings or Python objects."""

    period: str  #: ISO week, ``"2026-W47"``
    generated_at: str  #: aware ISO datetime
    k: int  #: minimum members to describe something
    weeks: list[WeekFigures]  #: this period and up to 4 previous ones (any order)
    timezone: NotRequired[str]  #: IANA name, default ``Asia/Shanghai``
    period_start: NotRequired[str]  #: ISO date of the Monday (checked if given)
    period_end: NotRequired[str]  #: ISO date of the Sunday (checked if given)
    currency: NotRequired[str]  #: ISO 4217, default ``CNY``
    breakdowns: NotRequired[dict[str, list[BreakdownRow]]]  #: fraud_type, channel, region, mcc_group
    patterns: NotRequired[list[PatternInput]]
    indicators: NotRequired[list[IndicatorInput]]
    previous_digest: NotRequired[str | None]  #: SHA-256 hex of the previous bulletin's JSON


# --------------------------------------------------------------------------------------------------
# normalisation and validation


def _plain(value: Any) -> Any:
    """Turn dates, datetimes, Decimals, tuples and mappings into JSON-like values."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else math.nan
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _non_finite(value: Any, where: str):
    if isinstance(value, float) and not math.isfinite(value):
        yield where or "<root>"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, f"{where}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _non_finite(item, f"{where}/{i}")


_KIND_RE = re.compile(r"^[A-Z_]{1,20}$")
_INDICATOR_FIELDS = ("kind", "token", "cases", "members", "first_seen", "last_seen")


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _indicator_errors(indicators: list) -> list[str]:
    """The schema's rules for ``/indicators/*`` (see ``period_data.schema.json``), in plain Python."""
    errors: list[str] = []
    for i, item in enumerate(indicators):
        where = f"/indicators/{i}"
        if not isinstance(item, dict):
            errors.append(f"{where}: must be of type object")
            continue
        missing = [name for name in _INDICATOR_FIELDS if name not in item]
        if missing:
            errors.append(f"{where}: missing required field(s) {', '.join(missing)}")
            continue
        kind, token = item["kind"], item["token"]
        if not isinstance(kind, str) or not _KIND_RE.match(kind):
            errors.append(f"{where}/kind: violates pattern ^[A-Z_]{{1,20}}$")
        if not isinstance(token, str) or not 1 <= len(token) <= 128:
            errors.append(f"{where}/token: must be a string of 1 to 128 characters")
        for name in ("cases", "members"):
            if not _is_count(item[name]):
                errors.append(f"{where}/{name}: must be an integer >= 0")
        for name in ("first_seen", "last_seen"):
            if not isinstance(item[name], str):
                errors.append(f"{where}/{name}: must be of type string")
    return errors


def _check_date(value: str, where: str, errors: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: not an ISO date")
        return None


def validate_period_data(period_data: Mapping[str, Any]) -> PeriodData:
    """Check ``period_data`` against :class:`PeriodData` and return a normalised copy.

    :raises ContentError: listing every problem found (places and rules, never values).
    """
    if not isinstance(period_data, Mapping):
        raise ContentError(["<root>: must be an object"])
    data = _plain(period_data)
    bad_numbers = list(_non_finite(data, ""))
    if bad_numbers:
        raise ContentError([f"{where}: must be a finite number" for where in bad_numbers])
    # Indicator lists can hold tens of thousands of rows: they are checked by _indicator_errors,
    # which applies the same rules as the schema's "indicators" items, much faster than jsonschema.
    indicators = data.get("indicators")
    if isinstance(indicators, list):
        validate_against(PERIOD_DATA_SCHEMA, {**data, "indicators": []})
        errors = _indicator_errors(indicators)
        if errors:
            raise ContentError(errors)
    else:
        validate_against(PERIOD_DATA_SCHEMA, data)  # raises ContentError
    errors = []

    period = data["period"]
    try:
        start, end = periods.period_bounds(period)
    except ValueError:
        raise ContentError(["/period: not an existing ISO week"]) from None
    data.setdefault("timezone", periods.DEFAULT_TIMEZONE)
    try:
        periods.get_zone(data["timezone"])
    except ValueError:
        errors.append("/timezone: not a known IANA time zone")
    for name, expected in (("period_start", start), ("period_end", end)):
        if data.get(name) is not None:
            got = _check_date(data[name], f"/{name}", errors)
            if got is not None and got != expected:
                errors.append(f"/{name}: does not match the period's ISO week")
    data["period_start"], data["period_end"] = start.isoformat(), end.isoformat()

    try:
        generated = dt.datetime.fromisoformat(data["generated_at"])
        if generated.tzinfo is None:
            errors.append("/generated_at: must carry a UTC offset")
    except ValueError:
        errors.append("/generated_at: not an ISO datetime")

    allowed = set(periods.previous_periods(period, HISTORY_WEEKS)) | {period}
    seen_weeks: set[str] = set()
    for i, week in enumerate(data["weeks"]):
        if week["period"] not in allowed:
            errors.append(f"/weeks/{i}/period: not the period or one of the 4 before it")
        if week["period"] in seen_weeks:
            errors.append(f"/weeks/{i}/period: duplicate week")
        seen_weeks.add(week["period"])
    if period not in seen_weeks:
        errors.append("/weeks: no figures for the period itself")

    for dim in data.get("breakdowns", {}):
        if dim not in BREAKDOWN_DIMENSIONS:
            errors.append(f"/breakdowns/{dim}: unknown dimension")
            continue
        keys: set[str] = set()
        for i, row in enumerate(data["breakdowns"][dim]):
            if row["key"] in keys:
                errors.append(f"/breakdowns/{dim}/{i}/key: duplicate key")
            keys.add(row["key"])

    ids: set[str] = set()
    for i, pattern in enumerate(data.get("patterns", [])):
        if pattern["pattern_id"] in ids:
            errors.append(f"/patterns/{i}/pattern_id: duplicate id")
        ids.add(pattern["pattern_id"])
        for p in pattern.get("sizes", {}):
            try:
                periods.parse_period(p)
            except ValueError:
                errors.append(f"/patterns/{i}/sizes: key is not an ISO week")
        band = pattern.get("amount_band")
        if band and band.get("high") is not None and band["high"] < band["low"]:
            errors.append(f"/patterns/{i}/amount_band: high is below low")

    for i, indicator in enumerate(data.get("indicators", [])):
        first = _check_date(indicator["first_seen"], f"/indicators/{i}/first_seen", errors)
        last = _check_date(indicator["last_seen"], f"/indicators/{i}/last_seen", errors)
        if first and last and last < first:
            errors.append(f"/indicators/{i}: last_seen is before first_seen")
    if errors:
        raise ContentError(errors)
    return data  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------------
# figures


def _money(value: float) -> float:
    return round(float(value) + 0.0, 2)


def _pct(change: float | None, base: float | None) -> float | None:
    if change is None or not base:
        return None
    value = 100.0 * change / base
    return round(value, 1) if math.isfinite(value) else None


def _metric(current: float, previous: float | None, history: list[float], money: bool) -> dict:
    fix = _money if money else (lambda v: v)
    current = fix(current)
    previous = fix(previous) if previous is not None else None
    mean = _money(sum(history) / len(history)) if history else None
    change_prev = fix(current - previous) if previous is not None else None
    change_mean = _money(current - mean) if mean is not None else None
    return {
        "value": current,
        "previous": previous,
        "mean_4w": mean,
        "change_previous": change_prev,
        "change_previous_pct": _pct(change_prev, previous),
        "change_mean_4w": change_mean,
        "change_mean_4w_pct": _pct(change_mean, mean),
    }


def _headline_and_trend(data: PeriodData) -> tuple[dict, list[dict]]:
    period = data["period"]
    by_period = {w["period"]: w for w in data["weeks"]}
    history_ids = periods.previous_periods(period, HISTORY_WEEKS)
    trend = []
    for p in [*history_ids, period]:
        week = by_period.get(p)
        trend.append(
            {
                "period": p,
                "cases": week["cases"] if week else None,
                "amount_total": _money(week["amount_total"]) if week else None,
                "members": week["members"] if week else None,
            }
        )
    current = by_period[period]
    previous = by_period.get(history_ids[-1])
    history = [by_period[p] for p in history_ids if p in by_period]
    headline = {
        name: _metric(
            current[name],
            previous[name] if previous else None,
            [w[name] for w in history],
            money=(name == "amount_total"),
        )
        for name in ("cases", "amount_total", "members")
    }
    return headline, trend


def _breakdowns(data: PeriodData, k: int, total_cases: int) -> dict:
    result = {}
    for dim in BREAKDOWN_DIMENSIONS:
        rows = data.get("breakdowns", {}).get(dim, [])
        shown, hidden = [], []
        for row in rows:
            (shown if row["members"] >= k else hidden).append(row)
        shown.sort(key=lambda r: (-r["cases"], -r["amount"], r["key"]))
        result[dim] = {
            "rows": [
                {
                    "key": r["key"],
                    "label": label_for(dim, r["key"]),
                    "cases": r["cases"],
                    "amount": _money(r["amount"]),
                    "members": r["members"],
                    "share_pct": round(100.0 * r["cases"] / total_cases, 1) if total_cases else None,
                }
                for r in shown
            ],
            "suppressed": {
                "rows": len(hidden),
                "cases": sum(r["cases"] for r in hidden),
                "amount": _money(sum(r["amount"] for r in hidden)),
                "share_pct": (
                    round(100.0 * sum(r["cases"] for r in hidden) / total_cases, 1) if total_cases else None
                ),
            },
        }
    return result


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _patterns(data: PeriodData, k: int) -> tuple[list[dict], dict]:
    period = data["period"]
    window = [*periods.previous_periods(period, HISTORY_WEEKS), period]
    described, hidden = [], []
    for pattern in data.get("patterns", []):
        (described if pattern["members"] >= k else hidden).append(pattern)
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    described.sort(key=lambda p: (order[p["status"]], -p["size"], -p["members"], p["pattern_id"]))
    out = []
    for p in described:
        sizes = dict(p.get("sizes", {}))
        sizes[period] = p["size"]
        previous = sizes.get(window[-2])
        fraud_type = p.get("fraud_type")
        band = p.get("amount_band")
        feedback = p.get("feedback") or {}
        out.append(
            {
                "pattern_id": p["pattern_id"],
                "status": p["status"],
                "status_label": dict(STATUS_LABELS[p["status"]]),
                "fraud_type": fraud_type,
                "fraud_type_label": fraud_type_label(fraud_type) if fraud_type else None,
                "label": _truncate(p.get("label") or "", 120),
                "keywords": [_truncate(w, 40) for w in (p.get("keywords") or [])[:MAX_KEYWORDS]],
                "size": p["size"],
                "sizes": [{"period": w, "size": sizes.get(w, 0)} for w in window],
                "change_previous": p["size"] - previous if previous is not None else None,
                "members": p["members"],
                "amount_band": (
                    {
                        "low": _money(band["low"]),
                        "high": _money(band["high"]) if band["high"] is not None else None,
                    }
                    if band
                    else None
                ),
                "excerpt": _truncate(p.get("excerpt") or "", MAX_EXCERPT_CHARS),
                "feedback": {
                    "seen": feedback.get("seen", 0),
                    "not_relevant": feedback.get("not_relevant", 0),
                },
            }
        )
    by_status = {s: 0 for s in STATUS_ORDER}
    for p in data.get("patterns", []):
        by_status[p["status"]] += 1
    summary = {
        "total": len(data.get("patterns", [])),
        "described": len(out),
        "suppressed": len(hidden),
        "suppressed_cases": sum(p["size"] for p in hidden),
        "by_status": by_status,
    }
    return out, summary


def _indicators(data: PeriodData, k: int, limit: int) -> tuple[list[dict], dict]:
    threshold = max(k, 2)
    rows = [i for i in data.get("indicators", []) if i["members"] >= threshold]
    rows.sort(key=lambda i: (-i["members"], -i["cases"], i["kind"], i["token"]))
    listed = rows[:limit]
    out = [
        {
            "kind": i["kind"],
            "kind_label": dict(INDICATOR_KIND_LABELS.get(i["kind"], {"zh": i["kind"], "en": i["kind"]})),
            "token": i["token"],
            "cases": i["cases"],
            "members": i["members"],
            "first_seen": i["first_seen"][:10],
            "last_seen": i["last_seen"][:10],
        }
        for i in listed
    ]
    summary = {
        "threshold_members": threshold,
        "listed": len(out),
        "not_listed": len(rows) - len(out),
        "below_threshold": len(data.get("indicators", [])) - len(rows),
    }
    return out, summary


def _actions(patterns: list[dict], fraud_rows: list[dict]) -> list[dict]:
    order: list[str] = []
    for p in patterns:
        if p["status"] in ("NEW", "GROWING") and p["fraud_type"] and p["fraud_type"] not in order:
            order.append(p["fraud_type"])
    for row in fraud_rows:
        if row["cases"] > 0 and row["key"] not in order:
            order.append(row["key"])
    for p in patterns:
        if p["fraud_type"] and p["fraud_type"] not in order:
            order.append(p["fraud_type"])
    return [
        {
            "fraud_type": code,
            "label": fraud_type_label(code) or fraud_type_label("other"),
            "actions": actions_for(code),
        }
        for code in order
    ]


def _fmt_pct(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    if lang == "zh":
        return f"{'上升' if value > 0 else '下降'} {abs(value):.1f}%" if value else "持平"
    return f"{'up' if value > 0 else 'down'} {abs(value):.1f}%" if value else "unchanged"


def _highlights(headline: dict, pattern_summary: dict, breakdowns: dict, ind_summary: dict) -> dict:
    zh: list[str] = []
    en: list[str] = []
    cases = headline["cases"]
    if cases["change_previous_pct"] is not None:
        zh.append(f"本周案件 {cases['value']:,} 起，较上周{_fmt_pct(cases['change_previous_pct'], 'zh')}。")
        en.append(
            f"{cases['value']:,} cases this week, {_fmt_pct(cases['change_previous_pct'], 'en')} "
            "on last week."
        )
    else:
        zh.append(f"本周案件 {cases['value']:,} 起。")
        en.append(f"{cases['value']:,} cases this week.")
    if cases["change_mean_4w_pct"] is not None:
        zh.append(f"较前 4 周均值{_fmt_pct(cases['change_mean_4w_pct'], 'zh')}。")
        en.append(f"Cases are {_fmt_pct(cases['change_mean_4w_pct'], 'en')} on the 4-week mean.")
    status = pattern_summary["by_status"]
    zh.append(
        f"新出现模式 {status['NEW']} 个，增长中 {status['GROWING']} 个，平稳 {status['STABLE']} 个，"
        f"减弱 {status['FADING']} 个。"
    )
    en.append(
        f"{status['NEW']} new, {status['GROWING']} growing, {status['STABLE']} stable and "
        f"{status['FADING']} fading pattern(s)."
    )
    top = breakdowns["fraud_type"]["rows"][:1]
    if top and top[0]["share_pct"] is not None:
        zh.append(f"占比最高的风险类型：{top[0]['label']['zh']}（{top[0]['share_pct']:.1f}%）。")
        en.append(f"Largest fraud type: {top[0]['label']['en']} ({top[0]['share_pct']:.1f}% of cases).")
    if ind_summary["listed"] or ind_summary["not_listed"]:
        n = ind_summary["listed"] + ind_summary["not_listed"]
        zh.append(f"{n:,} 个指标被至少 {ind_summary['threshold_members']} 家成员同时报送。")
        en.append(f"{n:,} indicator(s) were reported by at least {ind_summary['threshold_members']} members.")
    return {"zh": zh, "en": en}


def _methodology(k: int, timezone: str, currency: str) -> dict:
    return {
        "zh": [
            f"报告周期为 ISO 周（周一至周日，按 {timezone} 时间计算），统计该周内报送并经审核通过的案件；"
            f"金额单位为 {currency}。",
            "案件叙述在上传时即完成匿名化：姓名、证件号、卡号、电话等个人信息被替换为类型占位符；"
            "电话、卡号、账户、设备等指标被转换为不可逆的带密钥哈希令牌，只能比对、不能还原。",
            "攻击模式由匿名化文本与结构化字段聚类得出，并与上周的模式匹配以保持编号稳定："
            "“新出现”为本周首次出现，“增长中”为案件数明显高于上周，“减弱”为明显下降。",
            f"最少成员规则：报送成员少于 {k} 家的模式、指标与分类行计入总数，但不公开其名称、关键词或摘要；"
            "指标至少需 2 家成员报送才会列出。报告不披露任何案件由哪家成员报送。",
            "“较前 4 周均值”以本周之前 4 周的平均值为基准。每期报告的 JSON 均计算 SHA-256 摘要，"
            "并链接上一期摘要，可用于校验报告未被篡改。",
        ],
        "en": [
            f"The period is an ISO week (Monday to Sunday, {timezone} time); figures cover cases submitted "
            f"in that week and approved by moderators. Amounts are in {currency}.",
            "Narratives are anonymized at upload: names, ID, card and phone numbers and other personal data "
            "are replaced by typed placeholders; indicators (phones, cards, accounts, devices) become "
            "irreversible keyed-hash tokens that can be matched but not read back.",
            "Attack patterns come from clustering the anonymized text and structured fields, matched to "
            "last week's patterns so ids stay stable: NEW appeared this week, GROWING has clearly more "
            "cases than last week, FADING clearly fewer.",
            f"Minimum-members rule: patterns, indicators and breakdown rows reported by fewer than {k} "
            "members count in the totals but are not described (no label, keywords or excerpt); an "
            "indicator is listed only when at least 2 members reported it. The report never says which "
            "member reported a case.",
            "'vs 4-week mean' compares with the mean of the 4 weeks before this one. Each bulletin's JSON "
            "has a SHA-256 digest that chains to the previous bulletin's digest, so tampering is evident.",
        ],
    }


def build_content(
    period_data: Mapping[str, Any],
    *,
    max_indicators: int = 50,
) -> dict:
    """Build the bulletin content from the hub's period data.

    :param period_data: a :class:`PeriodData` dict.
    :param max_indicators: how many shared indicators to list at most (the rest are counted).
    :returns: a JSON-serializable dict that validates against :data:`bulletins.CONTENT_SCHEMA`.
    :raises ContentError: if ``period_data`` does not have the documented shape.
    """
    data = validate_period_data(period_data)
    k = data["k"]
    period = data["period"]
    year, week = periods.parse_period(period)
    currency = data.get("currency") or "CNY"
    headline, trend = _headline_and_trend(data)
    breakdowns = _breakdowns(data, k, headline["cases"]["value"])
    patterns, pattern_summary = _patterns(data, k)
    indicators, indicator_summary = _indicators(data, k, max_indicators)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "riskhub.bulletin",
        "period": {
            "id": period,
            "year": year,
            "week": week,
            "start": data["period_start"],
            "end": data["period_end"],
            "timezone": data["timezone"],
        },
        "generated_at": data["generated_at"],
        "k": k,
        "currency": currency,
        "title": {
            "zh": f"风险预警报告 · {year} 年第 {week} 周",
            "en": f"Risk Early-Warning Report · week {week}, {year}",
        },
        "headline": headline,
        "trend": trend,
        "highlights": _highlights(headline, pattern_summary, breakdowns, indicator_summary),
        "breakdowns": breakdowns,
        "patterns": patterns,
        "patterns_summary": pattern_summary,
        "indicators": indicators,
        "indicators_summary": indicator_summary,
        "actions": _actions(patterns, breakdowns["fraud_type"]["rows"]),
        "methodology": _methodology(k, data["timezone"], currency),
        "previous_digest": data.get("previous_digest"),
    }
