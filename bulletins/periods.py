"""ISO-week periods in the alliance's time zone.

A period is an ISO 8601 week written ``"YYYY-Www"`` (for example ``"2026-W47"``). Weeks run Monday to
Sunday in the alliance's time zone (default ``Asia/Shanghai``), so a case submitted on Sunday 23:30 in
Shanghai belongs to that week even though it is still Sunday 15:30 in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"

_PERIOD_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_period(period: str) -> tuple[int, int]:
    """Split ``"2026-W47"`` into ``(2026, 47)``.

    :raises ValueError: if the string is not a valid ISO week of that year.
    """
    match = _PERIOD_RE.match(period) if isinstance(period, str) else None
    if match is None:
        raise ValueError("period must look like 'YYYY-Www'")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError("period names a week that does not exist in that ISO year") from None
    return year, week


def format_period(year: int, week: int) -> str:
    """Return the period id for an ISO year and week."""
    return f"{year:04d}-W{week:02d}"


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """Return the Monday and the Sunday of ``period`` (both inclusive)."""
    year, week = parse_period(period)
    start = dt.date.fromisocalendar(year, week, 1)
    return start, start + dt.timedelta(days=6)


def get_zone(timezone: str) -> ZoneInfo:
    """Return the :class:`zoneinfo.ZoneInfo` for an IANA name.

    :raises ValueError: if the zone is unknown.
    """
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError("timezone must be an IANA time-zone name") from None


def period_window(period: str, timezone: str = DEFAULT_TIMEZONE) -> tuple[dt.datetime, dt.datetime]:
    """Return ``[start, end)`` of ``period`` as aware datetimes in ``timezone``."""
    zone = get_zone(timezone)
    start, _ = period_bounds(period)
    begin = dt.datetime.combine(start, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(start + dt.timedelta(days=7), dt.time(0), tzinfo=zone)
    return begin, end


def period_of(moment: dt.datetime | dt.date, timezone: str = DEFAULT_TIMEZONE) -> str:
    """Return the period that contains ``moment``.

    Naive datetimes are taken as UTC; aware ones are converted to ``timezone`` first.
    Dates are taken as local dates.
    """
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        local = moment.astimezone(get_zone(timezone)).date()
    else:
        local = moment
    iso = local.isocalendar()
    return format_period(iso.year, iso.week)


def shift_period(period: str, weeks: int) -> str:
    """Return the period ``weeks`` weeks after (negative: before) ``period``."""
    start, _ = period_bounds(period)
    iso = (start + dt.timedelta(weeks=weeks)).isocalendar()
    return format_period(iso.year, iso.week)


def previous_periods(period: str, count: int = 4) -> list[str]:
    """Return the ``count`` periods before ``period``, oldest first."""
    return [shift_period(period, -n) for n in range(count, 0, -1)]


def last_complete_period(now: dt.datetime, timezone: str = DEFAULT_TIMEZONE) -> str:
    """Return the last week that has fully ended at ``now`` (the one a Monday run publishes)."""
    return shift_period(period_of(now, timezone), -1)
