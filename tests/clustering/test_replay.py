import io
import json

from clustering import iso_week
from clustering.replay import group_by_week, read_cases, replay_jsonl

from .synth import StreamFactory


def test_iso_week():
    assert iso_week("2026-11-24T10:00:00Z") == "2026-W48"
    assert iso_week("2026-01-01") == "2026-W01"
    assert iso_week("not a date") is None


def test_bad_lines_are_reported_without_content_and_skipped():
    lines = [
        json.dumps({"id": 1, "text": "刷单返利"}),
        "{not json 13800138000",
        json.dumps(["a list"]),
        json.dumps({"text": "无编号 13800138000"}),
        json.dumps({"id": 1, "text": "重复"}),
        json.dumps({"id": 2, "text": 5}),
        json.dumps({"id": 3, "text": "x", "submitted_at": "yesterday 13800138000"}),
        "",
        json.dumps({"id": "4", "text": "好的"}),
    ]
    errors = io.StringIO()
    cases = read_cases(io.StringIO("\n".join(lines)), errors=errors)
    assert [c["id"] for c in cases] == [1, "4"]
    report = errors.getvalue()
    assert report.count("\n") == 6
    for lineno in (2, 3, 4, 5, 6, 7):
        assert f"line {lineno}:" in report
    assert "13800138000" not in report and "无编号" not in report


def test_grouping_by_week_and_undated_cases():
    cases = [
        {"id": 1, "submitted_at": "2026-11-17T09:00:00"},
        {"id": 2, "submitted_at": "2026-11-03T09:00:00"},
        {"id": 3},
    ]
    weeks = group_by_week(cases)
    assert list(weeks) == ["2026-W45", "2026-W47"]
    assert [c["id"] for c in weeks["2026-W47"]] == [1, 3]
    assert list(group_by_week([{"id": 1}, {"id": 2}])) == ["ALL"]


def test_replay_writes_one_line_per_case_and_per_pattern():
    f = StreamFactory(seed=3)
    lines = []
    for day, week_cases in (
        ("2026-11-03", f.cases("police", 40) + f.cases("task", 40)),
        ("2026-11-10", f.cases("police", 40) + f.cases("task", 40) + f.cases("game", 40)),
    ):
        for c in week_cases:
            lines.append(
                json.dumps(
                    {"id": c["id"], "text": c["text"], "submitted_at": day + "T12:00:00+08:00"},
                    ensure_ascii=False,
                )
            )
    lines.insert(5, "garbage")
    out, pats, errors = io.StringIO(), io.StringIO(), io.StringIO()
    replay_jsonl(io.StringIO("\n".join(lines)), out, patterns_out=pats, errors=errors)
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(rows) == 200 and set(rows[0]) == {"id", "pattern"}
    assert "line 6:" in errors.getvalue()
    patterns = [json.loads(x) for x in pats.getvalue().splitlines()]
    assert {"pattern", "label", "keywords", "status", "first_period", "sizes"} <= set(patterns[0])
    by_first = {p["first_period"] for p in patterns}
    assert by_first == {"2026-W45", "2026-W46"}
    game = [p for p in patterns if p["first_period"] == "2026-W46"]
    assert len(game) == 1 and game[0]["status"] == "NEW" and game[0]["sizes"]["2026-W46"] >= 30
    assigned = sum(r["pattern"] is not None for r in rows)
    assert assigned >= 0.85 * len(rows)
