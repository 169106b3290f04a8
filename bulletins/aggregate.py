"""Aggregating plain case dicts into the period data that :func:`bulletins.build_content` reads.

The hub can build :class:`~bulletins.content.PeriodData` with SQL, or hand the approved cases of the
period and of the 4 weeks before to :func:`aggregate`. A case is a plain dict::

    {
        "member": "M-0042",                 # any hashable member id (never published)
        "submitted_at": "2026-11-18T10:12:00+08:00",  # datetime or ISO string; naive = UTC
        "fraud_type": "card_cash_out",      # taxonomy code
        "channel": "pos",
        "region": "深圳市",                 # already generalised to city
        "mcc": "5094",                      # or "mcc_group": "jewelry"
        "amount": 12800.0,                  # number or Decimal, in the bulletin's currency
        "pattern_id": "P-7",                # optional, from clustering
        "indicators": [{"kind": "PHONE", "token": "tk_9f..."}],  # optional keyed tokens
    }

Cases outside the five-week window are ignored. Missing optional fields count as ``"other"`` (fraud
type, channel, MCC group) or ``"unknown"`` (region).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from . import periods
from .content import HISTORY_WEEKS, PeriodData

# (first MCC, last MCC, group): first match wins, so specific ranges come first.
MCC_GROUP_RANGES: tuple[tuple[int, int, str], ...] = (
    (4829, 4829, "money_transfer"),
    (6010, 6011, "cash"),
    (6050, 6051, "cash"),
    (6540, 6540, "cash"),
    (6012, 6012, "financial"),
    (6211, 6399, "financial"),
    (5094, 5094, "jewelry"),
    (5944, 5944, "jewelry"),
    (5045, 5045, "electronics"),
    (5732, 5734, "electronics"),
    (5946, 5946, "electronics"),
    (5815, 5818, "digital_goods"),
    (5411, 5411, "grocery"),
    (5422, 5499, "grocery"),
    (5812, 5814, "hotel_dining"),
    (7011, 7011, "hotel_dining"),
    (3501, 3999, "hotel_dining"),
    (3000, 3499, "travel"),
    (4000, 4799, "travel"),
    (4900, 4900, "utilities"),
    (4812, 4899, "services"),
    (7800, 7802, "gambling"),
    (7995, 7995, "gambling"),
    (5000, 5199, "wholesale"),
    (5200, 5999, "retail"),
    (7000, 8999, "services"),
    (9000, 9999, "government"),
)


def mcc_group(mcc: str | int | None) -> str:
    """Return the MCC group code for a 4-digit merchant category code (``"other"`` if unknown)."""
    try:
        code = int(str(mcc).strip())
    except (TypeError, ValueError):
        return "other"
    for low, high, group in MCC_GROUP_RANGES:
        if low <= code <= high:
            return group
    return "other"


def _timestamp(value: Any) -> float | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.timestamp()
    return None


def _quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    low = math.floor(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def _round_sig(value: float, up: bool) -> float:
    """Round to two significant figures, down for a band's low end and up for its high end."""
    if value <= 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return float((math.ceil if up else math.floor)(value / step) * step)


def amount_band(amounts: Iterable[float]) -> dict | None:
    """Return the interquartile band ``{"low", "high"}`` of ``amounts``, rounded to 2 significant figures."""
    values = sorted(float(a) for a in amounts)
    if not values:
        return None
    return {
        "low": _round_sig(_quantile(values, 0.25), up=False),
        "high": _round_sig(_quantile(values, 0.75), up=True),
    }


def aggregate(
    cases: Iterable[Mapping[str, Any]],
    *,
    period: str,
    k: int,
    generated_at: dt.datetime | str,
    timezone: str = periods.DEFAULT_TIMEZONE,
    currency: str = "CNY",
    patterns: Iterable[Mapping[str, Any]] | None = None,
    indicators: Iterable[Mapping[str, Any]] | None = None,
    previous_digest: str | None = None,
    time_field: str = "submitted_at",
    min_indicator_members: int = 2,
) -> PeriodData:
    """Aggregate approved cases into :class:`~bulletins.content.PeriodData`.

    :param cases: plain case dicts (see the module docstring) for the period and the 4 weeks before;
        others are ignored.
    :param period: the ISO week to report, ``"2026-W47"``.
    :param k: minimum number of members (passed through; :func:`~bulletins.build_content` applies it).
    :param generated_at: when the bulletin is generated (aware datetime or ISO string).
    :param patterns: patterns from clustering (``pattern_id``, ``status``, ``label``, ``keywords``,
        ``excerpt``, ``fraud_type``, ``sizes``, ``feedback``). ``size``, ``members``, ``amount_band``
        and this period's entry in ``sizes`` are filled from the cases that carry the pattern's id when
        the pattern does not give them.
    :param indicators: indicator counts computed elsewhere; if ``None``, they are counted from the
        cases' ``indicators`` in the period (first/last seen over the five-week window).
    :param time_field: the case field that places a case in a week.
    :param min_indicator_members: counted indicators reported by fewer members in the period are left
        out (a bulletin never lists an indicator seen by fewer than 2 members, and tens of thousands
        of single sightings would only slow validation down).
    :returns: period data ready for :func:`bulletins.build_content`.
    """
    window = [*periods.previous_periods(period, HISTORY_WEEKS), period]
    bounds = [periods.period_window(p, timezone)[0].timestamp() for p in window]
    bounds.append(periods.period_window(period, timezone)[1].timestamp())
    zone = periods.get_zone(timezone)
    current = len(window) - 1

    week_cases = [0] * len(window)
    week_amount = [0.0] * len(window)
    week_members: list[set] = [set() for _ in window]
    dims = {"fraud_type": {}, "channel": {}, "region": {}, "mcc_group": {}}  # key -> [cases, amount, members]
    pattern_stats: dict[str, list] = defaultdict(lambda: [[0] * len(window), set(), []])
    indicator_stats: dict[tuple[str, str], list] = {}

    for case in cases:
        ts = _timestamp(case.get(time_field))
        if ts is None or ts < bounds[0] or ts >= bounds[-1]:
            continue
        week = bisect.bisect_right(bounds, ts) - 1
        member = case.get("member")
        amount = float(case.get("amount") or 0.0)
        week_cases[week] += 1
        week_amount[week] += amount
        week_members[week].add(member)
        pid = case.get("pattern_id")
        if pid is not None:
            stats = pattern_stats[str(pid)]
            stats[0][week] += 1
            if week == current:
                stats[1].add(member)
                stats[2].append(amount)
        for ind in case.get("indicators") or ():
            kind, token = (ind["kind"], ind["token"]) if isinstance(ind, Mapping) else ind
            entry = indicator_stats.get((kind, token))
            if entry is None:
                entry = indicator_stats[(kind, token)] = [0, set(), ts, ts]
            if week == current:
                entry[0] += 1
                entry[1].add(member)
            entry[2] = min(entry[2], ts)
            entry[3] = max(entry[3], ts)
        if week != current:
            continue
        keys = (
            ("fraud_type", case.get("fraud_type") or "other"),
            ("channel", case.get("channel") or "other"),
            ("region", case.get("region") or "unknown"),
            ("mcc_group", case.get("mcc_group") or mcc_group(case.get("mcc"))),
        )
        for dim, key in keys:
            row = dims[dim].get(key)
            if row is None:
                row = dims[dim][key] = [0, 0.0, set()]
            row[0] += 1
            row[1] += amount
            row[2].add(member)

    data: dict[str, Any] = {
        "period": period,
        "timezone": timezone,
        "period_start": periods.period_bounds(period)[0].isoformat(),
        "period_end": periods.period_bounds(period)[1].isoformat(),
        "generated_at": generated_at.isoformat() if isinstance(generated_at, dt.datetime) else generated_at,
        "k": k,
        "currency": currency,
        "weeks": [
            {
                "period": p,
                "cases": week_cases[i],
                "amount_total": round(week_amount[i], 2),
                "members": len(week_members[i]),
            }
            for i, p in enumerate(window)
        ],
        "breakdowns": {
            dim: [
                {"key": str(key), "cases": c, "amount": round(a, 2), "members": len(m)}
                for key, (c, a, m) in sorted(rows.items(), key=lambda item: str(item[0]))
            ]
            for dim, rows in dims.items()
        },
        "previous_digest": previous_digest,
    }

    out_patterns = []
    for pattern in patterns or ():
        p = dict(pattern)
        stats = pattern_stats.get(str(p.get("pattern_id")))
        if stats is not None:
            sizes = dict(p.get("sizes") or {})
            for i, w in enumerate(window):
                sizes.setdefault(w, stats[0][i])
            p["sizes"] = sizes
            p.setdefault("size", stats[0][current])
            p.setdefault("members", len(stats[1]))
            p.setdefault("amount_band", amount_band(stats[2]))
        out_patterns.append(p)
    data["patterns"] = out_patterns

    if indicators is not None:
        data["indicators"] = [dict(i) for i in indicators]
    else:
        data["indicators"] = [
            {
                "kind": kind,
                "token": token,
                "cases": count,
                "members": len(members),
                "first_seen": dt.datetime.fromtimestamp(first, zone).date().isoformat(),
                "last_seen": dt.datetime.fromtimestamp(last, zone).date().isoformat(),
            }
            for (kind, token), (count, members, first, last) in sorted(indicator_stats.items())
            if count and len(members) >= min_indicator_members
        ]
    return data  # type: ignore[return-value]
