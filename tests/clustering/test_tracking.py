import json
from collections import Counter

import pytest

from clustering import PatternTracker, PeriodResult, TrackingConfig

from .synth import StreamFactory

WEEKS = [f"2026-W{w:02d}" for w in range(1, 8)]


def dominant(result: PeriodResult, cases: list, family: str):
    ids = Counter(result.assignments[c["id"]] for c in cases if c["family"] == family)
    ids.pop(None, None)
    return ids.most_common(1)[0][0] if ids else None


def plan():
    """Week → cases. police/task/loan steady; game appears in W03; task grows 3x in W05; loan fades
    from W05; a variant of police appears in W06."""
    f = StreamFactory(seed=7)
    weeks = []
    for w in range(7):
        cases = f.cases("police", 40) + f.cases("task", 120 if w == 4 else 40)
        cases += f.cases("loan", 40 if w < 4 else (6 if w == 4 else 0))
        if w >= 2:
            cases += f.cases("game", 40)
        if w >= 5:
            cases += f.cases("variant", 30)
        weeks.append(cases)
    return weeks


@pytest.fixture(scope="module")
def stream():
    weeks = plan()
    tracker = PatternTracker(random_state=0)
    results, states = [], []
    for period, cases in zip(WEEKS, weeks, strict=True):
        results.append(tracker.run_period(cases, period))
        states.append(json.dumps(tracker.to_state()))
    return weeks, results, states, tracker


def statuses(result):
    return {p.pattern_id: p.status for p in result.patterns}


def test_first_period_patterns_are_new_and_separate_the_families(stream):
    weeks, results, _, _ = stream
    first = results[0]
    ids = {fam: dominant(first, weeks[0], fam) for fam in ("police", "task", "loan")}
    assert len(set(ids.values())) == 3
    assert all(statuses(first)[pid] == "NEW" for pid in ids.values())
    assert first.unassigned_share <= 0.15


def test_ids_are_stable_across_weeks(stream):
    weeks, results, _, _ = stream
    for fam in ("police", "task"):
        ids = {dominant(r, c, fam) for r, c in zip(results, weeks, strict=True)}
        assert len(ids) == 1, fam


def test_a_new_family_is_flagged_new_once(stream):
    weeks, results, _, _ = stream
    game = dominant(results[2], weeks[2], "game")
    assert game not in {dominant(results[1], weeks[1], f) for f in ("police", "task", "loan")}
    assert statuses(results[2])[game] == "NEW"
    assert statuses(results[3])[game] != "NEW"
    assert dominant(results[3], weeks[3], "game") == game
    # no false NEW flags in weeks without a new family
    for w in (1, 3, 4):
        assert "NEW" not in statuses(results[w]).values(), WEEKS[w]


def test_threefold_growth_is_growing_with_its_test_statistics(stream):
    weeks, results, _, _ = stream
    task = dominant(results[4], weeks[4], "task")
    summary = next(p for p in results[4].patterns if p.pattern_id == task)
    assert summary.status == "GROWING"
    assert summary.p_value < 0.01
    assert summary.growth_ratio > 2
    assert summary.baseline == pytest.approx(sum(summary.sizes[w] for w in WEEKS[:4]) / 4)
    assert statuses(results[3])[task] == "STABLE"


def test_a_disappearing_family_fades(stream):
    weeks, results, _, _ = stream
    loan = dominant(results[3], weeks[3], "loan")
    assert statuses(results[4])[loan] == "FADING"
    assert statuses(results[5])[loan] == "FADING"
    assert results[5].patterns[[p.pattern_id for p in results[5].patterns].index(loan)].size == 0


def test_a_variant_of_an_old_pattern_is_not_new(stream):
    weeks, results, _, _ = stream
    police = dominant(results[0], weeks[0], "police")
    assert dominant(results[5], weeks[5], "variant") == police
    assert "NEW" not in statuses(results[5]).values()


def test_summaries_carry_labels_and_aggregates_only(stream):
    weeks, results, _, _ = stream
    police = dominant(results[1], weeks[1], "police")
    s = next(p for p in results[1].patterns if p.pattern_id == police)
    assert s.language == "zh"
    assert any(k in s.keywords for k in ("公安局", "洗钱", "安全账户", "调查", "清查"))
    assert len(s.excerpts) == 3 and all(len(e) <= 160 for e in s.excerpts)
    assert 1 <= s.members <= 12
    assert s.amount_total > 0 and s.amount_band.endswith("CNY")
    assert s.sizes[WEEKS[0]] > 0 and s.first_period == WEEKS[0]
    dumped = json.dumps(results[1].to_dict(), ensure_ascii=False)
    assert "member-" not in dumped


def test_state_is_json_and_resuming_gives_the_same_result(stream):
    weeks, results, states, _ = stream
    resumed = PatternTracker.from_state(json.loads(states[4]))
    again = resumed.run_period(weeks[5], WEEKS[5])
    assert again.assignments == results[5].assignments
    assert [p.to_dict() for p in again.patterns] == [p.to_dict() for p in results[5].patterns]
    assert "member-" not in states[-1]


def test_rerunning_the_last_period_does_not_double_count(stream):
    weeks, results, states, _ = stream
    tracker = PatternTracker.from_state(json.loads(states[6]))
    again = tracker.run_period(weeks[6], WEEKS[6])
    assert again.assignments == results[6].assignments
    assert [p.to_dict() for p in again.patterns] == [p.to_dict() for p in results[6].patterns]
    assert json.dumps(tracker.to_state()) == states[6]
    with pytest.raises(ValueError, match="increasing"):
        tracker.run_period(weeks[6], WEEKS[2])


def test_empty_period_and_bad_input():
    tracker = PatternTracker(random_state=0)
    f = StreamFactory(seed=1)
    tracker.run_period(f.cases("police", 40) + f.cases("task", 40), "2026-W01")
    result = tracker.run_period([], "2026-W02")
    assert result.assignments == {}
    assert {p.status for p in result.patterns} == {"FADING"}
    with pytest.raises(TypeError):
        tracker.run_period("not a list", "2026-W03")
    with pytest.raises(ValueError, match="id"):
        tracker.run_period([{"text": "秘密内容"}], "2026-W03")
    with pytest.raises(ValueError, match="duplicate") as err:
        tracker.run_period([{"id": 1, "text": "秘密内容"}, {"id": 1, "text": "秘密内容"}], "2026-W03")
    assert "秘密" not in str(err.value)


def test_small_period_is_unassigned_not_a_pattern():
    tracker = PatternTracker(random_state=0)
    result = tracker.run_period(StreamFactory(seed=2).cases("police", 4), "2026-W01")
    assert set(result.assignments.values()) == {None}
    assert result.patterns == []


def test_config_validation_and_round_trip():
    cfg = TrackingConfig(growth_alpha=0.05, min_pattern_size=5)
    assert TrackingConfig.from_dict({**cfg.to_dict(), "unknown": 1}) == cfg
    with pytest.raises(ValueError):
        TrackingConfig(max_df=0)
    with pytest.raises(ValueError):
        TrackingConfig(novelty_similarity=2)
    with pytest.raises(ValueError):
        PatternTracker.from_state({"version": 999})


def test_large_periods_fit_on_a_sample_and_assign_the_rest_by_neighbours():
    f = StreamFactory(seed=5)
    cfg = TrackingConfig(max_fit_samples=120, max_reference=60, n_jobs=1)
    tracker = PatternTracker(cfg, random_state=0)
    first = f.cases("police", 100) + f.cases("task", 100) + f.cases("game", 100)
    r1 = tracker.run_period(first, "2026-W01")
    second = f.cases("police", 100) + f.cases("task", 100) + f.cases("game", 100)
    r2 = tracker.run_period(second, "2026-W02")
    for fam in ("police", "task", "game"):
        fam_cases = [c for c in second if c["family"] == fam]
        ids = Counter(r2.assignments[c["id"]] for c in fam_cases)
        top, count = ids.most_common(1)[0]
        assert top is not None and count >= 0.85 * len(fam_cases)
        assert top == dominant(r1, first, fam)
    assert "NEW" not in statuses(r2).values()


def test_a_few_cases_of_a_known_pattern_are_still_recognised():
    f = StreamFactory(seed=4)
    tracker = PatternTracker(random_state=0)
    first = f.cases("police", 50) + f.cases("task", 50)
    r1 = tracker.run_period(first, "2026-W01")
    few = f.cases("task", 3)
    r2 = tracker.run_period(few, "2026-W02")
    assert {r2.assignments[c["id"]] for c in few} == {dominant(r1, first, "task")}
