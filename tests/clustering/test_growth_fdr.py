"""False-discovery-rate control over a period's growth tests (Benjamini-Hochberg, ``growth_fdr``).

Every week the tracker runs one growth test per pattern with a baseline and one per family (about 40
on the benchmark streams). ``growth_fdr = q`` judges them together with the Benjamini-Hochberg
step-up procedure; ``growth_fdr = 0`` is the per-test rule ``p < growth_alpha`` alone.
"""

import math
from collections import Counter

import pytest
from sklearn.cluster import KMeans

from clustering import PatternTracker, TrackingConfig

from .synth import FAMILIES, StreamFactory
from .test_families import DATING_A, DATING_B, split_family_weeks
from .test_families import dominant as family_dominant
from .test_families import run as family_run

WEEKS = [f"2026-W{w:02d}" for w in range(1, 6)]


def growth_tests(p_values):
    """Growth tests as the tracker builds them: ``(p-value, growth ratio, carriers)``."""
    return [(p, 2.0, (f"P{i:04d}",)) for i, p in enumerate(p_values)]


# 39 chance-level tests spread evenly over (0, 1]: none is below growth_alpha
NULLS = [j / 40 for j in range(1, 40)]


# ---------------------------------------------------------------- the procedure on constructed p-values
def test_off_is_the_per_test_rule():
    tracker = PatternTracker(TrackingConfig(growth_fdr=0.0))
    cut = tracker._growth_cut(growth_tests([*NULLS, 0.008]))
    assert cut == math.inf
    assert tracker._significant(0.008, cut)
    assert not tracker._significant(0.01, cut)  # growth_alpha = 0.01, strict


def test_a_lone_chance_increase_among_many_tests_does_not_pass():
    # m = 40: the smallest p-value must be <= q / m = 0.005 at q = 0.2
    tracker = PatternTracker(TrackingConfig(growth_fdr=0.2))
    cut = tracker._growth_cut(growth_tests([*NULLS, 0.008]))
    assert cut < 0
    assert not tracker._significant(0.008, cut)
    assert PatternTracker(TrackingConfig(growth_fdr=0.0))._significant(0.008, math.inf)


def test_a_strong_increase_passes_and_lifts_the_bar():
    tracker = PatternTracker(TrackingConfig(growth_fdr=0.2))
    cut = tracker._growth_cut(growth_tests([*NULLS[1:], 0.008, 1e-6]))
    assert tracker._significant(1e-6, cut)
    # step-up: the second smallest p-value only needs 2 * q / m = 0.01
    assert cut == pytest.approx(0.008)


def test_the_fdr_never_passes_a_test_that_growth_alpha_rejects():
    tracker = PatternTracker(TrackingConfig(growth_fdr=0.2))
    cut = tracker._growth_cut(growth_tests([0.02] * 40))
    assert cut == pytest.approx(0.02)  # Benjamini-Hochberg alone would pass all 40
    assert not tracker._significant(0.02, cut)


def test_growth_fdr_is_configurable():
    assert TrackingConfig().growth_fdr == 0.2
    cfg = TrackingConfig(growth_fdr=0.05)
    assert TrackingConfig.from_dict(cfg.to_dict()) == cfg
    for bad in (-0.1, 1.0):
        with pytest.raises(ValueError):
            TrackingConfig(growth_fdr=bad)


# ---------------------------------------------------------------- constructed streams
def steady_then(task_last: int, q: float):
    """police / task / loan / game at 40 cases a week for 4 weeks, then task at ``task_last``."""
    f = StreamFactory(seed=11)
    config = TrackingConfig(growth_fdr=q, split_neighbor_share=0.0)
    tracker = PatternTracker(config, random_state=0, clusterer=KMeans(n_clusters=4, n_init=10))
    for w, period in enumerate(WEEKS):
        cases = []
        for fam in ("police", "task", "loan", "game"):
            cases += f.cases(fam, task_last if (fam == "task" and w == 4) else 40)
        result = tracker.run_period(cases, period)
    task = Counter(result.assignments[c["id"]] for c in cases if c["family"] == "task").most_common(1)[0][0]
    return {p.pattern_id: p for p in result.patterns}, task


def test_a_borderline_chance_increase_is_growing_only_without_fdr():
    # task 40 -> 76 on steady weeks: p ~ 0.007 for the pattern and two of its families, among 18 tests
    off, task = steady_then(76, q=0.0)
    assert off[task].status == "GROWING" and 0.001 < off[task].p_value < 0.01
    on, task_on = steady_then(76, q=0.05)
    assert task_on == task
    assert on[task].status != "GROWING"
    assert on[task].p_value == pytest.approx(off[task].p_value)  # the raw p-value is still reported
    assert "GROWING" not in {p.status for p in on.values()}


@pytest.mark.parametrize("q", [0.05, 0.2])
def test_a_real_tripling_is_still_growing_under_fdr(q):
    patterns, task = steady_then(120, q=q)
    assert patterns[task].status == "GROWING"
    assert patterns[task].p_value < 1e-4 and patterns[task].growth_ratio > 2.5
    assert [pid for pid, p in patterns.items() if p.status == "GROWING"] == [task]


def test_a_family_tripling_over_two_patterns_is_still_growing_under_fdr():
    FAMILIES.update(dating_a=DATING_A, dating_b=DATING_B)
    try:
        out = family_run(split_family_weeks(24), TrackingConfig(growth_fdr=0.2))
    finally:
        FAMILIES.pop("dating_a", None)
        FAMILIES.pop("dating_b", None)
    cases, result = out[4]
    police, task = family_dominant(cases, result, {"police"}), family_dominant(cases, result, {"task"})
    status = {p.pattern_id: p.status for p in result.patterns}
    assert status[police] == status[task] == "GROWING"


def test_the_fdr_changes_only_the_growing_flags():
    """Off and on agree on everything but GROWING, and on flags a subset of what off flags."""
    runs = {}
    for q in (0.0, 0.2, 0.05):
        f = StreamFactory(seed=7)
        tracker = PatternTracker(TrackingConfig(growth_fdr=q), random_state=0)
        weeks = []
        for w, period in enumerate(WEEKS):
            cases = f.cases("police", 40) + f.cases("task", 100 if w == 4 else 40) + f.cases("loan", 40)
            weeks.append(tracker.run_period(cases, period))
        runs[q] = weeks
    for q in (0.2, 0.05):
        for off, on in zip(runs[0.0], runs[q], strict=True):
            assert on.assignments == off.assignments
            a, b = {p.pattern_id: p for p in off.patterns}, {p.pattern_id: p for p in on.patterns}
            assert a.keys() == b.keys()
            for pid, p in a.items():
                assert (b[pid].size, b[pid].baseline) == (p.size, p.baseline)
                if p.status != "GROWING":
                    assert b[pid].status == p.status
                else:
                    assert b[pid].status in ("GROWING", "STABLE", "FADING")
    last = {p.pattern_id: p.status for p in runs[0.2][-1].patterns}
    assert "GROWING" in last.values()  # task 40 -> 100 is still flagged at the default q
