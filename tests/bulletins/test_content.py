import copy
import json
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bulletins
from bulletins import ContentError

from .factories import make_period_data


def test_content_validates_against_the_published_schema(content):
    bulletins.validate_content(content)
    import jsonschema

    jsonschema.Draft202012Validator(bulletins.CONTENT_SCHEMA).validate(content)


def test_shipped_schema_file_is_the_exported_schema():
    from importlib import resources

    shipped = json.loads(
        resources.files("bulletins").joinpath("schema/bulletin.schema.json").read_text("utf-8")
    )
    assert shipped == bulletins.CONTENT_SCHEMA


def test_same_input_same_bytes_whatever_the_input_order(period_data):
    first = bulletins.render_json(bulletins.build_content(period_data))
    shuffled = copy.deepcopy(period_data)
    rng = random.Random(1)
    for key in ("weeks", "patterns", "indicators"):
        rng.shuffle(shuffled[key])
    for rows in shuffled["breakdowns"].values():
        rng.shuffle(rows)
    assert bulletins.render_json(bulletins.build_content(shuffled)) == first


def test_input_is_not_mutated(period_data):
    before = copy.deepcopy(period_data)
    bulletins.build_content(period_data)
    assert period_data == before


def test_new_and_growing_patterns_come_first(content):
    statuses = [p["status"] for p in content["patterns"]]
    order = ["NEW", "GROWING", "STABLE", "FADING"]
    assert statuses == sorted(statuses, key=order.index)
    assert statuses[0] == "NEW"


def test_patterns_below_k_are_counted_but_not_described(period_data):
    period_data["patterns"][0].update(
        members=2, label="秘密标签XYZ", keywords=["暗号QQQ"], excerpt="摘要ZZZ内容"
    )
    content = bulletins.build_content(period_data)
    raw = bulletins.render_json(content).decode()
    for secret in ("秘密标签XYZ", "暗号QQQ", "摘要ZZZ内容", period_data["patterns"][0]["pattern_id"]):
        assert secret not in raw
    hidden = [p for p in period_data["patterns"] if p["members"] < period_data["k"]]
    assert content["patterns_summary"]["suppressed"] == len(hidden)
    assert content["patterns_summary"]["suppressed_cases"] == sum(p["size"] for p in hidden)
    assert content["patterns_summary"]["total"] == len(period_data["patterns"])
    assert all(p["members"] >= period_data["k"] for p in content["patterns"])


def test_breakdown_rows_below_k_are_merged_without_their_key(period_data):
    rows = period_data["breakdowns"]["region"]
    rows[0]["key"], rows[0]["members"] = "隐秘县城", 1
    content = bulletins.build_content(period_data)
    block = content["breakdowns"]["region"]
    assert "隐秘县城" not in bulletins.render_json(content).decode()
    small = [r for r in rows if r["members"] < period_data["k"]]
    assert block["suppressed"]["rows"] == len(small)
    assert block["suppressed"]["cases"] == sum(r["cases"] for r in small)
    # every case is still counted
    assert sum(r["cases"] for r in block["rows"]) + block["suppressed"]["cases"] == sum(
        r["cases"] for r in rows
    )


def test_indicators_need_k_and_at_least_two_members(period_data):
    period_data["k"] = 1
    content = bulletins.build_content(period_data)
    assert content["indicators_summary"]["threshold_members"] == 2
    assert all(i["members"] >= 2 for i in content["indicators"])
    singles = [i for i in period_data["indicators"] if i["members"] < 2]
    assert content["indicators_summary"]["below_threshold"] == len(singles)
    listed = [(i["members"], i["cases"]) for i in content["indicators"]]
    assert listed == sorted(listed, reverse=True)


def test_indicator_limit_counts_the_rest(period_data):
    for ind in period_data["indicators"]:
        ind["members"] = 5
    content = bulletins.build_content(period_data, max_indicators=3)
    assert len(content["indicators"]) == 3
    assert content["indicators_summary"]["not_listed"] == len(period_data["indicators"]) - 3


def test_headline_deltas(period_data):
    weeks = period_data["weeks"]
    for i, week in enumerate(weeks):
        week.update(cases=100 * (i + 1), amount_total=1000.0 * (i + 1), members=10)
    headline = bulletins.build_content(period_data)["headline"]
    cases = headline["cases"]
    assert cases["value"] == 500 and cases["previous"] == 400
    assert cases["change_previous"] == 100 and cases["change_previous_pct"] == 25.0
    assert cases["mean_4w"] == 250.0 and cases["change_mean_4w_pct"] == 100.0
    assert headline["members"]["change_previous_pct"] == 0.0
    assert headline["amount_total"]["change_mean_4w"] == 2500.0


def test_missing_history_gives_none_not_zero(period_data):
    period_data["weeks"] = [w for w in period_data["weeks"] if w["period"] == period_data["period"]]
    content = bulletins.build_content(period_data)
    cases = content["headline"]["cases"]
    assert cases["previous"] is None and cases["mean_4w"] is None and cases["change_previous_pct"] is None
    assert [t["cases"] is None for t in content["trend"]] == [True, True, True, True, False]
    bulletins.validate_content(content)


def test_zero_previous_week_has_no_percentage(period_data):
    period_data["weeks"][-2].update(cases=0, amount_total=0, members=0)
    cases = bulletins.build_content(period_data)["headline"]["cases"]
    assert cases["previous"] == 0 and cases["change_previous_pct"] is None
    assert cases["change_previous"] == cases["value"]


def test_both_languages_and_actions_present(content):
    for key in ("title", "highlights", "methodology"):
        assert content[key]["zh"] and content[key]["en"]
    codes = [a["fraud_type"] for a in content["actions"]]
    assert len(codes) == len(set(codes))
    for p in content["patterns"]:
        if p["status"] in ("NEW", "GROWING") and p["fraud_type"]:
            assert p["fraud_type"] in codes
    assert str(content["k"]) in content["methodology"]["zh"][3]


def test_long_text_is_truncated(period_data):
    period_data["patterns"][0].update(members=9, excerpt="长" * 5000, keywords=[f"k{i}" for i in range(40)])
    content = bulletins.build_content(period_data)
    pattern = next(
        p for p in content["patterns"] if p["pattern_id"] == period_data["patterns"][0]["pattern_id"]
    )
    assert len(pattern["excerpt"]) == 400 and pattern["excerpt"].endswith("…")
    assert len(pattern["keywords"]) == 10


def test_datetimes_and_decimals_are_accepted(period_data):
    import datetime as dt
    import decimal

    period_data["generated_at"] = dt.datetime(2026, 11, 23, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    period_data["weeks"][0]["amount_total"] = decimal.Decimal("123.456")
    content = bulletins.build_content(period_data)
    assert content["generated_at"] == "2026-11-23T08:00:00+08:00"
    assert content["trend"][0]["amount_total"] == 123.46


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d.pop("k"), "<root>"),
        (lambda d: d.update(period="2026-W99"), "/period"),
        (lambda d: d.update(period_start="2026-11-17"), "/period_start"),
        (lambda d: d.update(timezone="Nowhere/City"), "/timezone"),
        (lambda d: d.update(generated_at="2026-11-23T08:00:00"), "/generated_at"),
        (lambda d: d["weeks"][0].update(cases=-1), "/weeks/0/cases"),
        (lambda d: d["weeks"][1].update(amount_total=math.nan), "/weeks/1/amount_total"),
        (lambda d: d["weeks"].pop(), "/weeks"),
        (lambda d: d["patterns"][0].update(status="HOT"), "/patterns/0/status"),
        (
            lambda d: d["patterns"][1].update(pattern_id=d["patterns"][0]["pattern_id"]),
            "/patterns/1/pattern_id",
        ),
        (
            lambda d: d["indicators"][0].update(first_seen="2026-12-01", last_seen="2026-11-01"),
            "/indicators/0",
        ),
        (lambda d: d["breakdowns"].update(colour=[]), "/breakdowns/colour"),
        (lambda d: d["indicators"][0].update(cases=-1), "/indicators/0/cases"),
        (lambda d: d["indicators"][0].update(members=True), "/indicators/0/members"),
        (lambda d: d["indicators"][1].pop("token"), "/indicators/1"),
        (lambda d: d["indicators"][2].update(kind="phone"), "/indicators/2/kind"),
        (lambda d: d["indicators"][2].update(token=""), "/indicators/2/token"),
        (lambda d: d["indicators"].append("x"), "/indicators/12"),
        (lambda d: d.update(indicators={}), "/indicators"),
        (lambda d: d.update(previous_digest="not-a-digest"), "/previous_digest"),
    ],
)
def test_invalid_period_data_is_rejected_with_a_place(period_data, mutate, where):
    mutate(period_data)
    with pytest.raises(ContentError) as info:
        bulletins.build_content(period_data)
    assert any(e.startswith(where) for e in info.value.errors), info.value.errors


def test_error_messages_never_echo_values(period_data):
    secret = "张三13812345678"
    period_data["patterns"][0]["status"] = secret
    period_data["patterns"][1]["size"] = secret
    period_data["breakdowns"]["region"][0]["members"] = secret
    with pytest.raises(ContentError) as info:
        bulletins.build_content(period_data)
    assert secret not in str(info.value) and secret not in repr(info.value)
    assert all(secret not in e for e in info.value.errors)
    assert len(info.value.errors) >= 3


def test_not_a_mapping_is_rejected():
    with pytest.raises(ContentError):
        bulletins.build_content(["not", "a", "dict"])


# --- property-based: any plausible period data gives schema-valid, deterministic content -------------

counts = st.integers(min_value=0, max_value=10_000)
amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
text = st.text(max_size=60)


@st.composite
def period_datas(draw):
    k = draw(st.integers(min_value=1, max_value=6))
    data = make_period_data(k=k, seed=draw(st.integers(0, 5)), patterns=0, indicators=0)
    weeks = data["weeks"]
    keep = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    data["weeks"] = [w for w, kept in zip(weeks[:-1], keep, strict=True) if kept] + [weeks[-1]]
    for w in data["weeks"]:
        w.update(cases=draw(counts), amount_total=draw(amounts), members=draw(counts))
    data["patterns"] = [
        {
            "pattern_id": f"P{i}",
            "status": draw(st.sampled_from(["NEW", "GROWING", "STABLE", "FADING"])),
            "label": draw(text),
            "keywords": draw(st.lists(text, max_size=12)),
            "size": draw(counts),
            "members": draw(st.integers(0, 10)),
            "excerpt": draw(st.text(max_size=600)),
            "amount_band": draw(st.none() | st.just({"low": 10.0, "high": None})),
        }
        for i in range(draw(st.integers(0, 6)))
    ]
    data["indicators"] = [
        {
            "kind": "PHONE",
            "token": f"tk{i}",
            "cases": draw(counts),
            "members": draw(st.integers(0, 9)),
            "first_seen": "2026-11-01",
            "last_seen": "2026-11-20",
        }
        for i in range(draw(st.integers(0, 5)))
    ]
    data["breakdowns"]["region"] = [
        {
            "key": f"{draw(text)}#{i}",
            "cases": draw(counts),
            "amount": draw(amounts),
            "members": draw(st.integers(0, 9)),
        }
        for i in range(draw(st.integers(0, 5)))
    ]
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(period_datas())
def test_property_schema_valid_deterministic_and_k_rule(data):
    content = bulletins.build_content(data)
    bulletins.validate_content(content)
    raw = bulletins.render_json(content)
    assert raw == bulletins.render_json(bulletins.build_content(copy.deepcopy(data)))
    k = data["k"]
    assert all(p["members"] >= k for p in content["patterns"])
    assert all(i["members"] >= max(k, 2) for i in content["indicators"])
    for block in content["breakdowns"].values():
        assert all(r["members"] >= k for r in block["rows"])
    assert content["patterns_summary"]["described"] + content["patterns_summary"]["suppressed"] == len(
        data["patterns"]
    )
    json.loads(raw)  # strict JSON (no NaN)
