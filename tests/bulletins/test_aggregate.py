import datetime as dt

import pytest

import bulletins
from bulletins.aggregate import aggregate, amount_band, mcc_group

SH = dt.timezone(dt.timedelta(hours=8))


def case(member, when, **kw):
    base = {
        "member": member,
        "submitted_at": when,
        "fraud_type": "card_cash_out",
        "channel": "pos",
        "region": "深圳市",
        "mcc": "5094",
        "amount": 1000.0,
    }
    base.update(kw)
    return base


@pytest.fixture
def cases():
    w47 = dt.datetime(2026, 11, 18, 10, tzinfo=SH)
    return [
        case("A", w47, pattern_id="P1", indicators=[{"kind": "PHONE", "token": "tk1"}]),
        case("B", w47, pattern_id="P1", indicators=[("PHONE", "tk1")], amount=3000.0),
        case(
            "C",
            w47.isoformat(),
            pattern_id="P1",
            fraud_type="phishing",
            channel="online",
            mcc="5411",
            indicators=[{"kind": "PHONE", "token": "tk1"}],
        ),
        case("A", w47, region="广州市", channel="atm", mcc="6011", amount=500.0),
        # Sunday 23:30 Shanghai: still week 47
        case(
            "D", dt.datetime(2026, 11, 22, 15, 30, tzinfo=dt.UTC), fraud_type="loan_scam", mcc=None, amount=10
        ),
        # Monday 00:30 Shanghai: week 48, outside the window
        case("E", dt.datetime(2026, 11, 22, 16, 30, tzinfo=dt.UTC)),
        # week 46 (history) and week 42 (before the window)
        case(
            "A",
            dt.datetime(2026, 11, 10, 9, tzinfo=SH),
            pattern_id="P1",
            amount=200.0,
            indicators=[{"kind": "PHONE", "token": "tk1"}],
        ),
        case("B", dt.datetime(2026, 10, 14, 9, tzinfo=SH)),
        case("B", "not a date"),
    ]


def run(cases, **kw):
    return aggregate(cases, period="2026-W47", k=2, generated_at="2026-11-23T08:00:00+08:00", **kw)


def test_weeks_follow_the_time_zone(cases):
    data = run(cases)
    weeks = {w["period"]: w for w in data["weeks"]}
    assert [w["period"] for w in data["weeks"]] == [
        "2026-W43",
        "2026-W44",
        "2026-W45",
        "2026-W46",
        "2026-W47",
    ]
    assert weeks["2026-W47"] == {"period": "2026-W47", "cases": 5, "amount_total": 5510.0, "members": 4}
    assert weeks["2026-W46"]["cases"] == 1 and weeks["2026-W43"]["cases"] == 0


def test_breakdowns_count_cases_amounts_and_distinct_members(cases):
    data = run(cases)
    fraud = {r["key"]: r for r in data["breakdowns"]["fraud_type"]}
    assert fraud["card_cash_out"] == {"key": "card_cash_out", "cases": 3, "amount": 4500.0, "members": 2}
    assert fraud["phishing"]["cases"] == 1 and fraud["loan_scam"]["cases"] == 1
    groups = {r["key"]: r["cases"] for r in data["breakdowns"]["mcc_group"]}
    assert groups == {"jewelry": 2, "grocery": 1, "cash": 1, "other": 1}
    regions = {r["key"]: r["members"] for r in data["breakdowns"]["region"]}
    assert regions == {"深圳市": 4, "广州市": 1}


def test_patterns_are_filled_from_cases(cases):
    patterns = [
        {"pattern_id": "P1", "status": "GROWING", "label": "x"},
        {"pattern_id": "P2", "status": "NEW", "size": 0, "members": 0},
    ]
    data = run(cases, patterns=patterns)
    p1 = data["patterns"][0]
    assert p1["size"] == 3 and p1["members"] == 3
    assert p1["sizes"]["2026-W46"] == 1 and p1["sizes"]["2026-W47"] == 3
    assert p1["amount_band"]["low"] <= 1000.0 <= p1["amount_band"]["high"]
    assert data["patterns"][1]["size"] == 0


def test_indicators_counted_in_period_seen_over_window(cases):
    data = run(cases)
    (ind,) = data["indicators"]
    assert (ind["kind"], ind["token"], ind["cases"], ind["members"]) == ("PHONE", "tk1", 3, 3)
    assert ind["first_seen"] == "2026-11-10" and ind["last_seen"] == "2026-11-18"


def test_given_indicators_pass_through(cases):
    given = [
        {
            "kind": "CARD",
            "token": "tkX",
            "cases": 9,
            "members": 4,
            "first_seen": "2026-01-01",
            "last_seen": "2026-11-20",
        }
    ]
    assert run(cases, indicators=given)["indicators"] == given


def test_result_builds_a_valid_bulletin(cases):
    content = bulletins.build_content(run(cases, patterns=[{"pattern_id": "P1", "status": "NEW"}]))
    bulletins.validate_content(content)
    assert content["patterns"][0]["pattern_id"] == "P1"
    assert content["headline"]["cases"]["value"] == 5


@pytest.mark.parametrize(
    "mcc, group",
    [
        ("5094", "jewelry"),
        (6011, "cash"),
        ("6051", "cash"),
        ("4829", "money_transfer"),
        ("5411", "grocery"),
        ("5999", "retail"),
        ("7995", "gambling"),
        ("5816", "digital_goods"),
        ("9311", "government"),
        ("abc", "other"),
        (None, "other"),
        ("0100", "other"),
    ],
)
def test_mcc_groups(mcc, group):
    assert mcc_group(mcc) == group


def test_amount_band():
    assert amount_band([]) is None
    band = amount_band([100, 200, 300, 400, 12345])
    assert band == {"low": 200.0, "high": 400.0}
    assert amount_band([1234.0]) == {"low": 1200.0, "high": 1300.0}


def test_single_member_indicators_are_not_emitted():
    w47 = dt.datetime(2026, 11, 18, 10, tzinfo=SH)
    cases = [
        case("A", w47, indicators=[{"kind": "CARD", "token": "solo"}, {"kind": "CARD", "token": "shared"}]),
        case("A", w47, indicators=[{"kind": "CARD", "token": "solo"}]),
        case("B", w47, indicators=[{"kind": "CARD", "token": "shared"}]),
    ]
    tokens = [i["token"] for i in run(cases)["indicators"]]
    assert tokens == ["shared"]
    assert sorted(i["token"] for i in run(cases, min_indicator_members=1)["indicators"]) == ["shared", "solo"]
