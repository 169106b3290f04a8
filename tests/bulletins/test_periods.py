import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletins import periods


def test_period_of_uses_the_alliance_time_zone():
    # Sunday 2026-11-22 23:30 in Shanghai is 15:30 UTC, still week 47 there
    moment = dt.datetime(2026, 11, 22, 15, 30, tzinfo=dt.UTC)
    assert periods.period_of(moment, "Asia/Shanghai") == "2026-W47"
    # Monday 00:30 in Shanghai is already week 48, while UTC is still on Sunday
    moment = dt.datetime(2026, 11, 22, 16, 30, tzinfo=dt.UTC)
    assert periods.period_of(moment, "Asia/Shanghai") == "2026-W48"
    assert periods.period_of(moment, "UTC") == "2026-W47"


def test_naive_datetimes_are_utc():
    assert periods.period_of(dt.datetime(2026, 11, 22, 16, 30)) == "2026-W48"


def test_bounds_and_window():
    assert periods.period_bounds("2026-W47") == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    start, end = periods.period_window("2026-W47", "Asia/Shanghai")
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert end - start == dt.timedelta(days=7)


def test_shift_across_iso_years():
    assert periods.shift_period("2026-W01", -1) == "2025-W52"
    assert periods.shift_period("2020-W53", 1) == "2021-W01"
    assert periods.previous_periods("2026-W02", 4) == ["2025-W50", "2025-W51", "2025-W52", "2026-W01"]


def test_last_complete_period_is_the_week_before():
    monday_8am = dt.datetime(2026, 11, 23, 8, 0, tzinfo=periods.get_zone("Asia/Shanghai"))
    assert periods.last_complete_period(monday_8am) == "2026-W47"


@pytest.mark.parametrize("bad", ["2026-47", "2026-W54", "2025-W53", "W47", "", None, "2026-W00"])
def test_invalid_periods_are_rejected(bad):
    with pytest.raises(ValueError):
        periods.parse_period(bad)


def test_unknown_zone_is_rejected():
    with pytest.raises(ValueError):
        periods.get_zone("Mars/Olympus")


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_every_date_lies_inside_its_period(day):
    period = periods.period_of(day)
    start, end = periods.period_bounds(period)
    assert start <= day <= end
    assert start.weekday() == 0
    assert periods.shift_period(periods.shift_period(period, 1), -1) == period


@settings(deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2080, 1, 1), timezones=st.just(dt.UTC)
    ),
    st.sampled_from(["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York"]),
)
def test_moment_lies_inside_its_window(moment, zone):
    start, end = periods.period_window(periods.period_of(moment, zone), zone)
    assert start <= moment < end
